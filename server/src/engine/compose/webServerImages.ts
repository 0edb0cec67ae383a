/**
 * Which images run a web server or a reverse proxy, from their name: the only
 * list of them. services.ts tells from it what a service is (and whether it
 * does Elestio's job, tlsProxies.ts); the rules and the hovers ask these.
 */
import type { ImageRef } from "./services.js";

/** Reverse proxies that take Elestio's place when they hold 80/443 or certificates. */
const PROXIES = new Set(["nginx", "openresty", "traefik", "caddy", "haproxy", "nginx-proxy", "swag", "nginx-proxy-manager", "nginx-unprivileged", "https-portal", "bunkerweb"]);
/** `nginx-alpine`, `traefik-v3`, `bunkerweb-all-in-one`: a proxy name and a suffix. */
const PROXY_PREFIXES = [...PROXIES].map((name) => `${name}-`);
/** Web servers that serve an app behind a proxy and never terminate Elestio's TLS in its place. */
const WEB_SERVERS = new Set(["httpd", "apache"]);
/**
 * Images that only serve a proxy beside them: nginx-proxy's `docker-gen`
 * (writes its configuration), BunkerWeb's scheduler, autoconf and web UI.
 * Not proxies themselves, whatever their prefix.
 */
const PROXY_COMPANIONS = new Set(["docker-gen", "bunkerweb-scheduler", "bunkerweb-autoconf", "bunkerweb-ui"]);

/** A reverse proxy (which may take Elestio's place), or a web server that only serves an app. */
export type WebServerKind = "proxy" | "web-server";

/**
 * What a service's name says it runs, when no image tells: `nginx`,
 * `caddy`, `httpd` exactly (a built `nginx-exporter` is no proxy); undefined
 * for anything else.
 */
export function webServerNameKind(name: string): WebServerKind | undefined {
  const lower = name.toLowerCase();
  return PROXIES.has(lower) ? "proxy" : WEB_SERVERS.has(lower) ? "web-server" : undefined;
}

/**
 * What an image runs, from the last segment of its repository
 * (`jwilder/nginx-proxy`, `bitnami/nginx`), variants included
 * (`haproxy-alpine`, `caddy-docker-proxy`: holding 80/443 decides the rest);
 * undefined for anything else (`bigcapital-nginx`, `docker-gen`,
 * `nginx-prometheus-exporter`).
 */
export function webServerImageKind(image: ImageRef): WebServerKind | undefined {
  if (isProxyCompanionImage(image)) return undefined;
  if (PROXY_PREFIXES.some((prefix) => image.name.startsWith(prefix)) && !NOT_PROXY_SUFFIX.test(image.name)) return "proxy";
  return webServerNameKind(image.name);
}

/** Tools named after a proxy that serve no web traffic: `nginx-prometheus-exporter`, `traefik-forward-auth`. */
const NOT_PROXY_SUFFIX = /-(?:prometheus-)?exporter$|-(?:forward-|ldap-)?auth$/;

/** Whether the image runs a web server or a reverse proxy (nginx, Traefik, Caddy, HAProxy, Apache httpd...). */
export function isWebServerOrProxyImage(image: ImageRef | undefined): boolean {
  return image !== undefined && webServerImageKind(image) !== undefined;
}

/** Whether the image only serves a proxy beside it (PROXY_COMPANIONS). */
export function isProxyCompanionImage(image: ImageRef | undefined): boolean {
  return image !== undefined && PROXY_COMPANIONS.has(image.name);
}
