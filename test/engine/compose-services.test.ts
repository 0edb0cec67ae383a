/**
 * compose/services.ts: what a service is from its image. How an image
 * reference is split (registry host, `library/`, tag, digest), which services
 * tlsProxyKind takes for an ACME client or a TLS proxy, and which images and
 * ports are a database's (the wording of the port rules).
 */
import { describe, expect, it } from "vitest";
import { parseCompose, type Service } from "../../server/src/engine/compose/model.js";
import { isDatabaseImage, isDatabasePort, serviceImage, tlsProxyKind } from "../../server/src/engine/compose/services.js";

/** The only service of a file. */
function service(code: string): Service {
  return parseCompose(code).services[0];
}

const imageOf = (text: string) => serviceImage(service(`services:\n  s:\n    image: ${text}\n`));

describe("serviceImage", () => {
  it.each([
    { image: "nginx:1.27-alpine", expected: { repository: "nginx", name: "nginx", tag: "1.27-alpine" } },
    // Docker Hub's official images live under `library/`: the same image as `postgres`.
    { image: "library/postgres:16", expected: { repository: "postgres", name: "postgres", tag: "16" } },
    { image: "docker.io/library/redis", expected: { repository: "redis", name: "redis", tag: undefined } },
    // An image of one segment named `library` is that image, not an empty `library/`.
    { image: "library", expected: { repository: "library", name: "library", tag: undefined } },
    // `localhost` is a registry host though it has neither a dot nor a port.
    { image: "localhost/myapp:dev", expected: { repository: "myapp", name: "myapp", tag: "dev" } },
    { image: "localhost:5000/team/api", expected: { repository: "team/api", name: "api", tag: undefined } },
    { image: "ghcr.io/certbot/certbot@sha256:0123abcd", expected: { repository: "certbot/certbot", name: "certbot", tag: undefined } },
    // Quotes keep the spaces around the reference; the image is still nginx.
    { image: '" nginx:stable "', expected: { repository: "nginx", name: "nginx", tag: "stable" } },
    // A variable without a default leaves the repository empty: the tag is still the tag.
    { image: '"${REGISTRY_IMAGE}:${VERSION:-1.0}"', expected: { repository: "", name: "", tag: "1.0" } },
  ])("$image", ({ image, expected }) => {
    expect(imageOf(image)).toEqual(expected);
  });
});

describe("tlsProxyKind", () => {
  it.each([
    { name: "jrcs's acme-companion under its old name", code: "services:\n  companion:\n    image: jrcs/letsencrypt-nginx-proxy-companion\n", expected: "acme" },
    { name: "the companion under its repository's name", code: "services:\n  companion:\n    image: example/docker-letsencrypt-nginx-proxy-companion:2.2\n", expected: "acme" },
    { name: "lego", code: "services:\n  lego:\n    image: goacme/lego:v4\n", expected: "acme" },
    { name: "linuxserver's letsencrypt (swag's old name)", code: "services:\n  le:\n    image: linuxserver/letsencrypt\n", expected: "acme" },
    // Without an image (the service comes from another file), its name tells.
    { name: "a certbot extended from another file", code: "services:\n  certbot:\n    extends: {file: common.yml, service: certbot}\n", expected: "acme" },
    { name: "a Certbot named with capitals", code: "services:\n  Certbot:\n    extends: {file: common.yml, service: certbot}\n", expected: "acme" },
    // A built service runs what its Dockerfile says: its name alone does not make it an ACME client.
    { name: "a built service named certbot", code: "services:\n  certbot:\n    build: ./renew\n", expected: undefined },
    // An image says what runs, whatever the service's name.
    { name: "a service named certbot running another image", code: "services:\n  certbot:\n    image: alpine:3.20\n", expected: undefined },
    { name: "a proxy mounting /etc/letsencrypt", code: 'services:\n  lb:\n    image: haproxy:3.0\n    volumes: ["./le:/etc/letsencrypt"]\n', expected: "proxy" },
    { name: "a proxy mounting a folder below it, read-only", code: 'services:\n  lb:\n    image: haproxy\n    volumes: ["./logs:/var/log/haproxy", "./le/live:/etc/letsencrypt/live:ro"]\n', expected: "proxy" },
    { name: "the long form's target, after its type and source", code: "services:\n  lb:\n    image: haproxy\n    volumes:\n      - type: bind\n        source: ./le\n        target: /etc/letsencrypt\n", expected: "proxy" },
    { name: "a proxy whose volumes hold no certificates", code: 'services:\n  lb:\n    image: haproxy\n    volumes: ["./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro", {type: volume, source: logs, target: /var/log}]\n', expected: undefined },
    // Only /etc/letsencrypt and what is below it is the certificate store (these were taken for it).
    { name: "a sibling folder of /etc/letsencrypt", code: 'services:\n  lb:\n    image: haproxy\n    volumes: ["./old:/etc/letsencrypt-old"]\n', expected: undefined },
    { name: "a long form's target elsewhere", code: "services:\n  lb:\n    image: haproxy\n    volumes: [{type: bind, source: ./le, target: /opt/etc/letsencrypt}]\n", expected: undefined },
    { name: "a long form's sibling target", code: "services:\n  lb:\n    image: haproxy\n    volumes: [{type: bind, source: ./le, target: /etc/letsencrypt.bak}]\n", expected: undefined },
    { name: "an app mounting /etc/letsencrypt", code: 'services:\n  app:\n    image: app\n    volumes: ["./le:/etc/letsencrypt:ro"]\n', expected: undefined },
  ])("$name: $expected", ({ code, expected }) => {
    expect(tlsProxyKind(service(code))).toBe(expected);
  });
});

describe("isDatabaseImage", () => {
  it.each([
    "postgis/postgis:16-3.4",
    "mysql:8.4",
    "mariadb:11",
    "mongo:7",
    "bitnami/mongodb",
    "valkey/valkey:8",
    "eqalpha/keydb",
    "memcached:1.6",
    "docker.elastic.co/elasticsearch/elasticsearch:8.15.0",
    "opensearchproject/opensearch:2",
    "clickhouse/clickhouse-server:24",
    "couchdb:3",
    "cassandra:5",
    "influxdb:2.7",
    "timescale/timescaledb:latest-pg16",
    "cockroachdb/cockroach:v24.2.0",
    "neo4j:5",
    "rabbitmq:3-management",
    "mcr.microsoft.com/mssql/mssql-server",
    "docker.dragonflydb.io/dragonflydb/dragonfly",
    "surrealdb/surrealdb:latest",
    "pgvector/pgvector:pg16",
    "getmeili/meilisearch:v1.10",
    "typesense/typesense:27.1",
    "qdrant/qdrant",
    // A variant named after the database.
    "mysql/mysql-server:8.0",
    "bitnami/redis-cluster",
  ])("%s is a database", (image) => {
    expect(isDatabaseImage(imageOf(image))).toBe(true);
  });

  it.each(["nginx", "minio/minio", "my-mysql-admin", "adminer", "redisinsight"])("%s is not", (image) => {
    expect(isDatabaseImage(imageOf(image))).toBe(false);
  });
});

describe("isDatabasePort", () => {
  it.each([
    // 9000 is ClickHouse's native port, but MinIO's and PHP-FPM's too.
    { port: 9000, image: "clickhouse/clickhouse-server", expected: true },
    { port: 9000, image: "minio/minio", expected: false },
    { port: 9000, image: undefined, expected: false },
    { port: 5432, image: "app", expected: true },
    { port: 8080, image: "app", expected: false },
  ])("$port on $image: $expected", ({ port, image, expected }) => {
    expect(isDatabasePort(port, image === undefined ? undefined : imageOf(image))).toBe(expected);
  });
});
