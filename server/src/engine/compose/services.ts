/**
 * What a service is, from its image: a database, a TLS reverse proxy, a web
 * server, an ACME client. Proxies and web servers are webServerImages.ts's
 * list; what the rest of the file tells of a proxy (its settings, the labels
 * of the services it routes, `network_mode: host`) is tlsProxies.ts's. The
 * rules and the hovers ask these.
 */
import { isMap } from "yaml";
import { firstTargetPort, publishesReservedPort, RESERVED_HOST_PORTS, servicePorts, type PortBinding } from "./ports.js";
import { resolveDefaults } from "./interpolation.js";
import { mapEntries, scalarText, seqItems, serviceFact, type Service } from "./model.js";
import { webServerImageKind, webServerNameKind, type WebServerKind } from "./webServerImages.js";

export type { WebServerKind } from "./webServerImages.js";

export interface ImageRef {
  /** Repository without registry host or tag: `library/postgres` is `postgres`, `certbot/certbot` stays. */
  repository: string;
  /** Last path segment of the repository: `nginx` for `bitnami/nginx`. */
  name: string;
  tag: string | undefined;
}

function parseImage(text: string): ImageRef {
  const value = resolveDefaults(text).value.trim().toLowerCase();
  const withoutDigest = value.split("@")[0];
  const segments = withoutDigest.split("/");
  // A first segment with a dot or a port, or `localhost`, is a registry host.
  if (segments.length > 1 && (/[.:]/.test(segments[0]) || segments[0] === "localhost")) segments.shift();
  const last = segments[segments.length - 1] ?? "";
  const colon = last.lastIndexOf(":");
  const tag = colon >= 0 ? last.slice(colon + 1) : undefined;
  segments[segments.length - 1] = colon >= 0 ? last.slice(0, colon) : last;
  if (segments[0] === "library" && segments.length > 1) segments.shift();
  return { repository: segments.join("/"), name: segments[segments.length - 1], tag };
}

export function serviceImage(service: Service): ImageRef | undefined {
  return serviceFact(service, computeServiceImage);
}

function computeServiceImage(service: Service): ImageRef | undefined {
  const text = scalarText(service.get("image")?.value);
  return text === undefined ? undefined : parseImage(text);
}

/**
 * Images whose only job is to obtain certificates: always Elestio's job.
 * https-portal too: an nginx whose whole point is to get Let's Encrypt
 * certificates for the domains it serves.
 */
const ACME_CLIENTS = new Set(["certbot", "acme.sh", "acme-companion", "letsencrypt-nginx-proxy-companion", "docker-letsencrypt-nginx-proxy-companion", "lego", "letsencrypt", "https-portal"]);

export type TlsProxyKind = "acme" | "proxy";

/**
 * What kind of web server the service runs, if any: `proxy`, a reverse proxy
 * that takes Elestio's place when it holds 80/443 or certificates
 * (tlsProxyKind tells whether it does; else it sits behind Elestio's proxy),
 * or `web-server`, one that only serves an app. From the image's name
 * (`nginx-alpine` included, webServerImages.ts), else from the service's
 * name: without an image, or when the service is built (`image` then only
 * names what the build gives, `dockerize-nginx-production`).
 */
export function webServerKind(service: Service): WebServerKind | undefined {
  const image = serviceImage(service);
  const fromImage = image && webServerImageKind(image);
  if (fromImage || (image && !service.get("build"))) return fromImage;
  return webServerNameKind(service.name);
}

/** Whether the image is an ACME client (ACME_CLIENTS). */
function isAcmeClient(image: ImageRef): boolean {
  // `certbot/dns-cloudflare` and the all-in-one `jonasal/nginx-certbot` run certbot too.
  return ACME_CLIENTS.has(image.name) || ACME_CLIENTS.has(image.repository) || image.repository.startsWith("certbot/") || image.name.includes("certbot");
}

/** The host port Elestio's proxy holds (80 before 443, on TCP) that the service publishes, whatever the address. */
export function serviceReservedPort(service: Service): number | undefined {
  const bindings = servicePorts(service);
  return RESERVED_HOST_PORTS.find((port) => bindings.some((binding) => publishesReservedPort(binding, port)));
}

/**
 * Whether the service does what Elestio's own proxy does (ports 80/443, TLS):
 * an ACME client always; a proxy when it publishes 80/443 or mounts
 * /etc/letsencrypt. An nginx serving another port behind Elestio's proxy is fine.
 */
export function tlsProxyKind(service: Service): TlsProxyKind | undefined {
  return serviceFact(service, computeTlsProxyKind);
}

function computeTlsProxyKind(service: Service): TlsProxyKind | undefined {
  const image = serviceImage(service);
  if (image && isAcmeClient(image)) return "acme";
  if (!image && ACME_CLIENTS.has(service.name.toLowerCase()) && !service.get("build")) return "acme";
  if (webServerKind(service) !== "proxy") return undefined;
  return serviceReservedPort(service) !== undefined || mountsLetsEncrypt(service) ? "proxy" : undefined;
}

/** A mount target in Let's Encrypt's certificate store: /etc/letsencrypt or a folder below it. */
export const LETS_ENCRYPT_TARGET = /^\/etc\/letsencrypt(?:\/|$)/;

/** Whether a volume mounts /etc/letsencrypt or a folder below it: `./certs:/etc/letsencrypt`, or a long form's `target` (merge keys followed). */
function mountsLetsEncrypt(service: Service): boolean {
  const volumes = service.get("volumes");
  if (!volumes) return false;
  return seqItems(volumes.value, service.document).some(({ item }) => {
    if (isMap(item)) {
      const target = mapEntries(item, service.document).find((e) => e.key === "target");
      return LETS_ENCRYPT_TARGET.test(scalarText(target?.value) ?? "");
    }
    return /:\/etc\/letsencrypt(?:[/:]|$)/.test(scalarText(item) ?? "");
  });
}

const DATABASE_IMAGES = new Set(["postgres", "postgis", "mysql", "mariadb", "mongo", "mongodb", "redis", "valkey", "keydb", "memcached", "elasticsearch", "opensearch", "clickhouse-server", "couchdb", "cassandra", "influxdb", "timescaledb", "cockroach", "neo4j", "rabbitmq", "mssql-server", "dragonfly", "surrealdb", "pgvector", "meilisearch", "typesense", "qdrant"]);
const DATABASE_PREFIXES = [...DATABASE_IMAGES].map((name) => `${name}-`);
const DATABASE_PORTS = new Set([5432, 3306, 27017, 6379, 11211, 9200, 9300, 5984, 9042, 8086, 26257, 7687, 5672, 1433, 8123, 9000, 6333]);

export function isDatabaseImage(image: ImageRef | undefined): boolean {
  if (!image) return false;
  return DATABASE_IMAGES.has(image.name) || DATABASE_PREFIXES.some((prefix) => image.name.startsWith(prefix));
}

/** A port a database listens on, for the wording of a public binding (9000 only counts for ClickHouse images). */
export function isDatabasePort(port: number, image: ImageRef | undefined): boolean {
  if (port === 9000) return image?.name.includes("clickhouse") ?? false;
  return DATABASE_PORTS.has(port);
}

/** Whether a binding publishes a database: the service's image is one, or its container port is a database's. */
export function isDatabaseBinding(binding: PortBinding, image: ImageRef | undefined): boolean {
  if (isDatabaseImage(image)) return true;
  const target = firstTargetPort(binding);
  return target !== undefined && isDatabasePort(target, image);
}
