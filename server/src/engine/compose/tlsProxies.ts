/**
 * The services that do Elestio's proxy's job on the VM (hold ports 80/443,
 * terminate TLS, obtain certificates), known by their image and by what the
 * file says they do:
 * - an ACME client image (certbot, acme.sh, acme-companion, https-portal:
 *   services.ts's tlsProxyKind, which this extends);
 * - a web server or proxy (webServerImages.ts, or a built service named as
 *   one) in `network_mode: host`: it listens on the VM's own ports, 80 among
 *   them, without publishing any;
 * - a proxy publishing 80/443, or mounting a certificate store:
 *   `/etc/letsencrypt`, Traefik's `acme.json`, or Caddy's `/data` when the
 *   Caddy is published on a public address (Caddy keeps `/data` behind
 *   Elestio's proxy too, as Elestio's kbin template does);
 * - ACME settings: Traefik's `--certificatesresolvers.*` flags or
 *   `TRAEFIK_CERTIFICATESRESOLVERS_*` variables (only Traefik reads them);
 *   BunkerWeb's `AUTO_LETS_ENCRYPT=yes` on a BunkerWeb or proxy image;
 *   `LETSENCRYPT_*` and `ACME_*` variables on a proxy, unless the proxy is
 *   itself a container nginx-proxy serves (`VIRTUAL_HOST`, `LETSENCRYPT_HOST`:
 *   those variables ask acme-companion for a certificate, they get none);
 * - a Traefik of the file when a service's labels ask it for certificates
 *   (`traefik.http.routers.<router>.tls.certresolver`): the labelled
 *   services are the apps, the Traefik does the work;
 * - a companion that only serves a proxy (nginx-proxy's docker-gen,
 *   BunkerWeb's scheduler, autoconf and UI) when every web server of the
 *   file is reported here, or none is left (fix-all removed them first).
 * `LETSENCRYPT_*`, `ACME_*` on any other service are never read as a proxy:
 * they are how an app asks nginx-proxy's acme-companion for its certificate.
 */
import { serviceCommand } from "./commands.js";
import { serviceEnvironment } from "./environment.js";
import { resolveDefaults } from "./interpolation.js";
import { labelValue, serviceLabels } from "./labels.js";
import { modelFact, type ComposeModel, type Service } from "./model.js";
import { isPublicAddress, servicePorts } from "./ports.js";
import { serviceReferences } from "./references.js";
import { usesHostNetwork } from "./serviceNetworks.js";
import { LETS_ENCRYPT_TARGET, serviceImage, serviceReservedPort, tlsProxyKind, webServerKind, type TlsProxyKind } from "./services.js";
import { serviceVolumes } from "./volumes.js";
import { isProxyCompanionImage } from "./webServerImages.js";

/** What tells that a service does Elestio's proxy's job. */
export type TlsProxyEvidence =
  /** An ACME client image (certbot, acme-companion, https-portal). */
  | { type: "acme-client" }
  /** A web server or proxy sharing the VM's network stack (`network_mode: host`). */
  | { type: "host-network" }
  /** A proxy publishing 80 or 443 (the first of them it publishes). */
  | { type: "reserved-port"; port: number }
  /** A proxy mounting a certificate store: `/etc/letsencrypt`, `acme.json`, Caddy's `/data`. */
  | { type: "certificates"; path: string }
  /** A setting that makes it get certificates: the variable's name, `--certificatesresolvers`, or the label's name. */
  | { type: "acme-setting"; setting: string }
  /** A Traefik that gets the certificates another service's `tls.certresolver` labels ask for. */
  | { type: "certresolver"; service: string }
  /** A companion that only serves a proxy: `proxy`, reported too, when it names one; else the file has no other web server. */
  | { type: "companion"; proxy: string | undefined };

export interface TlsProxy {
  service: Service;
  /** `acme` for a service whose only job is certificates, `proxy` for the rest. */
  kind: TlsProxyKind;
  evidence: TlsProxyEvidence;
}

/** The services doing Elestio's proxy's job, in file order (computed once per parse: treat as read-only). */
export function tlsProxies(model: ComposeModel): readonly TlsProxy[] {
  return modelFact(model, tlsProxies, () => findTlsProxies(model));
}

/** The service's entry of tlsProxies, if any. */
export function tlsProxyOf(model: ComposeModel, service: Service): TlsProxy | undefined {
  return tlsProxies(model).find((proxy) => proxy.service === service);
}

function findTlsProxies(model: ComposeModel): TlsProxy[] {
  const found = new Map<Service, TlsProxy>();
  const certresolver = certresolverService(model);
  for (const service of model.services) {
    const evidence = ownEvidence(model, service, certresolver);
    if (evidence) found.set(service, { service, kind: evidence.type === "acme-client" ? "acme" : "proxy", evidence });
  }
  // A companion goes with the proxies: when every web server of the file is reported (or none is left, once fix-all removed them).
  if (model.services.every((service) => found.has(service) || !webServerKind(service))) {
    const proxies = [...found.values()].filter((p) => p.kind === "proxy");
    for (const service of model.services) {
      if (found.has(service) || !isProxyCompanionImage(serviceImage(service))) continue;
      found.set(service, { service, kind: "proxy", evidence: { type: "companion", proxy: companionOf(model, service, proxies)?.service.name } });
    }
  }
  return model.services.flatMap((service) => found.get(service) ?? []);
}

/** What the service itself (its image, ports, mounts, settings) or the labels of the file tell; undefined when nothing does. */
function ownEvidence(model: ComposeModel, service: Service, certresolver: string | undefined): TlsProxyEvidence | undefined {
  const image = serviceImage(service);
  const legacy = tlsProxyKind(service);
  if (legacy === "acme") return { type: "acme-client" };
  const webServer = webServerKind(service);
  if (webServer && usesHostNetwork(model, service)) return { type: "host-network" };
  const proxy = webServer === "proxy";
  const port = proxy ? serviceReservedPort(service) : undefined;
  if (port !== undefined) return { type: "reserved-port", port };
  const store = proxy ? certificateStore(model, service) : undefined;
  if (store) return { type: "certificates", path: store };
  const setting = acmeSetting(model, service, proxy || (image !== undefined && image.repository.startsWith("bunkerity/")));
  if (setting) return { type: "acme-setting", setting };
  if (certresolver !== undefined && isTraefik(service)) {
    return certresolver === service.name ? { type: "acme-setting", setting: "tls.certresolver" } : { type: "certresolver", service: certresolver };
  }
  return undefined;
}

/** Caddy keeps its certificates in `/data`. */
const CADDY_DATA = "/data";

/**
 * The certificate store a proxy mounts: `/etc/letsencrypt` (or below it),
 * Traefik's `acme.json` (or a folder mounted as a target named so), Caddy's
 * `/data` when the Caddy publishes a port on a public address.
 */
function certificateStore(model: ComposeModel, service: Service): string | undefined {
  const targets = serviceVolumes(model, service).flatMap((volume) => volume.target ?? []);
  const letsEncrypt = targets.find((target) => LETS_ENCRYPT_TARGET.test(target));
  if (letsEncrypt) return "/etc/letsencrypt";
  // Docker refuses a target that is not an absolute path (`mount path must be absolute`): a bare `acme.json` is no mount.
  const acmeJson = targets.find((target) => /\/acme\.json$/.test(target));
  if (acmeJson) return acmeJson;
  if (isCaddy(service) && targets.includes(CADDY_DATA) && publishesPublicly(service)) return CADDY_DATA;
  return undefined;
}

/** Whether a port is published on every interface or an address that may be public (not 172.17.0.1, not loopback, not unknown). */
function publishesPublicly(service: Service): boolean {
  return servicePorts(service).some((binding) => binding.hostIpKnown && isPublicAddress(binding.hostIp));
}

function isCaddy(service: Service): boolean {
  return runs(service, CADDY);
}

function isTraefik(service: Service): boolean {
  return runs(service, TRAEFIK);
}

/** Whether the service runs the program `name` matches: its image's name, or the name of a service built or without an image (as webServerKind reads names). */
function runs(service: Service, name: RegExp): boolean {
  const image = serviceImage(service);
  if (image && name.test(image.name)) return true;
  return (!image || service.get("build") !== undefined) && name.test(service.name.toLowerCase());
}

const CADDY = /^caddy(?:-|$)/;
const TRAEFIK = /^traefik(?:-|$)/;

/** Traefik's static configuration for an ACME resolver, in a flag (any case: Traefik's flags are case-insensitive). */
const CERTRESOLVER_FLAG = /(?:^|\s)--certificatesresolvers\./i;
const CERTRESOLVER_VARIABLE = /^TRAEFIK_CERTIFICATESRESOLVERS_/i;
/** BunkerWeb's switch, also per site in multisite mode (`www.example.com_AUTO_LETS_ENCRYPT`). */
const BUNKERWEB_SWITCH = /(?:^|_)AUTO_LETS_ENCRYPT$/i;
const ACME_VARIABLE = /^(?:LETSENCRYPT|ACME)_/i;
/** The variables by which a container asks nginx-proxy and acme-companion to serve it and get its certificate. */
const NGINX_PROXY_REQUEST = new Set(["VIRTUAL_HOST", "LETSENCRYPT_HOST"]);
const TRUTHY = /^(?:yes|true|1|on)$/i;
const FALSY = /^(?:no|false|0|off)$/i;

/**
 * The setting that makes the service get certificates, as written: a
 * Traefik resolver flag or variable (any service), `AUTO_LETS_ENCRYPT=yes`
 * and `LETSENCRYPT_*`/`ACME_*` variables (only on a proxy: `proxy`).
 */
function acmeSetting(model: ComposeModel, service: Service, proxy: boolean): string | undefined {
  for (const key of ["command", "entrypoint"] as const) {
    const words = serviceCommand(service, key)?.words ?? [];
    if (words.some((word) => word.text !== undefined && CERTRESOLVER_FLAG.test(word.text))) return "--certificatesresolvers";
  }
  const variables = serviceEnvironment(model, service);
  const resolved = (value: string | undefined) => (value === undefined ? undefined : resolveDefaults(value).value.trim());
  const traefik = variables.find((v) => CERTRESOLVER_VARIABLE.test(v.name));
  if (traefik) return traefik.name;
  if (!proxy) return undefined;
  const bunkerweb = variables.find((v) => BUNKERWEB_SWITCH.test(v.name) && TRUTHY.test(resolved(v.value) ?? ""));
  if (bunkerweb) return bunkerweb.name;
  if (variables.some((v) => NGINX_PROXY_REQUEST.has(v.name.toUpperCase()))) return undefined;
  // `LETSENCRYPT_EMAIL:` passes the deploy's value through: still a setting; an empty or `false` value is none.
  const acme = variables.find((v) => {
    const value = resolved(v.value);
    return ACME_VARIABLE.test(v.name) && !BUNKERWEB_SWITCH.test(v.name) && (value === undefined || (value !== "" && !FALSY.test(value)));
  });
  return acme?.name;
}

/** `traefik.http.routers.<router>.tls.certresolver` (and `tcp`): a router whose certificate Traefik gets from an ACME resolver. */
const CERTRESOLVER_LABEL = /^traefik\.(?:http|tcp)\.routers\.[^.]+\.tls\.certresolver$/i;

/** The first service whose labels ask Traefik for an ACME certificate (`traefik.enable=false` aside); undefined when none does. */
function certresolverService(model: ComposeModel): string | undefined {
  for (const service of model.services) {
    const labels = serviceLabels(model, service);
    if (labels.some((label) => label.name === "traefik.enable" && FALSY.test(labelValue(label).trim()))) continue;
    if (labels.some((label) => CERTRESOLVER_LABEL.test(label.name) && labelValue(label).trim() !== "")) return service.name;
  }
  return undefined;
}

/** The proxy a companion serves: the reported proxy it names (`volumes_from`, `depends_on`, ...), else the first reported proxy. */
function companionOf(model: ComposeModel, service: Service, proxies: readonly TlsProxy[]): TlsProxy | undefined {
  const named = serviceReferences(model).filter((r) => r.service === service).map((r) => r.target);
  return proxies.find((p) => named.includes(p.service.name)) ?? proxies[0];
}
