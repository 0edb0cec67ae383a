/**
 * compose/tlsProxies.ts and webServerImages.ts: which services do Elestio's
 * proxy's job, and what tells (`service kind evidence`, one line each, in
 * file order); which images run a web server or a proxy; and edits.ts's
 * breaksAliases, which keeps the removal of a proxy from orphaning an alias.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { breaksAliases } from "../../server/src/engine/compose/edits.js";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { serviceImage, tlsProxyKind, webServerKind } from "../../server/src/engine/compose/services.js";
import { tlsProxies, tlsProxyOf, type TlsProxy } from "../../server/src/engine/compose/tlsProxies.js";
import { isProxyCompanionImage, isWebServerOrProxyImage, webServerNameKind } from "../../server/src/engine/compose/webServerImages.js";

function describeProxy({ service, kind, evidence }: TlsProxy): string {
  const { type, ...rest } = evidence;
  const detail = Object.values(rest).filter((v) => v !== undefined).join(",");
  return `${service.name} ${kind} ${type}${detail ? ` ${detail}` : ""}`;
}

function proxies(code: string): string[] {
  return tlsProxies(parseCompose(code)).map(describeProxy);
}

describe("tlsProxies", () => {
  it.each([
    { name: "an ACME client image, a proxy on 80, one mounting /etc/letsencrypt", code: 'services:\n  certbot:\n    image: certbot/certbot\n  nginx:\n    image: nginx\n    ports: ["80:80"]\n  lb:\n    image: haproxy\n    volumes: ["./le:/etc/letsencrypt/live:ro"]\n', expected: ["certbot acme acme-client", "nginx proxy reserved-port 80", "lb proxy certificates /etc/letsencrypt"] },
    { name: "https-portal without ports is an ACME client", code: "services:\n  portal:\n    image: steveltn/https-portal:1.23\n", expected: ["portal acme acme-client"] },
    { name: "network_mode: host before the ignored ports", code: 'services:\n  web:\n    image: caddy:2\n    network_mode: host\n    ports: ["80:80"]\n', expected: ["web proxy host-network"] },
    { name: "a host-mode Apache httpd; a host-mode app is not this module's", code: "services:\n  httpd:\n    image: httpd:2.4\n    network_mode: host\n  app:\n    image: app\n    network_mode: host\n", expected: ["httpd proxy host-network"] },
    { name: "acme.json and Caddy's /data published publicly", code: 'services:\n  t:\n    image: traefik\n    volumes: [{type: bind, source: ./acme.json, target: /acme.json}]\n  c:\n    image: caddy:2-alpine\n    ports: ["0.0.0.0:8443:443"]\n    volumes: ["data:/data"]\n', expected: ["t proxy certificates /acme.json", "c proxy certificates /data"] },
    { name: "Caddy's /data behind Elestio's proxy, on loopback, unpublished: no", code: 'services:\n  a:\n    image: caddy\n    ports: ["172.17.0.1:8080:80"]\n    volumes: ["./d:/data"]\n  b:\n    image: caddy\n    ports: ["127.0.0.1:8081:80"]\n    volumes: ["./d:/data"]\n  c:\n    image: caddy\n    volumes: ["./d:/data"]\n', expected: [] },
    { name: "Traefik's resolver flag (any service) and variable", code: "services:\n  a:\n    build: .\n    entrypoint: [traefik, --CertificatesResolvers.le.acme.tlschallenge=true]\n  b:\n    image: traefik\n    environment: [TRAEFIK_CERTIFICATESRESOLVERS_LE_ACME_EMAIL=x@example.com]\n", expected: ["a proxy acme-setting --certificatesresolvers", "b proxy acme-setting TRAEFIK_CERTIFICATESRESOLVERS_LE_ACME_EMAIL"] },
    { name: "AUTO_LETS_ENCRYPT: on BunkerWeb images when on, not on an app", code: 'services:\n  s:\n    image: bunkerity/bunkerweb-scheduler\n    environment: {AUTO_LETS_ENCRYPT: "yes"}\n  off:\n    image: bunkerity/bunkerweb\n    environment: {AUTO_LETS_ENCRYPT: "no"}\n  app:\n    image: app\n    environment: {AUTO_LETS_ENCRYPT: "yes"}\n', expected: ["s proxy acme-setting AUTO_LETS_ENCRYPT"] },
    { name: "LETSENCRYPT_/ACME_ on a proxy, a pass-through included; not with nginx-proxy's request variables, nor empty or off", code: 'services:\n  a:\n    image: nginx\n    environment: [LETSENCRYPT_EMAIL]\n  b:\n    image: nginx\n    environment: {VIRTUAL_HOST: x, LETSENCRYPT_EMAIL: y}\n  c:\n    image: nginx\n    environment: {ACME_STAGING: "off", LETSENCRYPT_EMAIL: "${EMAIL:-}"}\n', expected: ["a proxy acme-setting LETSENCRYPT_EMAIL"] },
    { name: "certresolver labels: the first labelled service names the Traefik's evidence", code: 'services:\n  traefik:\n    image: traefik:v3\n  one:\n    image: app\n    labels: {traefik.enable: "false", traefik.http.routers.one.tls.certresolver: le}\n  two:\n    image: app\n    labels: [traefik.tcp.routers.db.tls.certresolver=le]\n', expected: ["traefik proxy certresolver two"] },
    { name: "a companion beside a reported proxy names the one it refers to", code: 'services:\n  a:\n    image: nginx\n    ports: ["443:443"]\n  b:\n    image: nginx\n    ports: ["80:80"]\n  gen:\n    image: nginxproxy/docker-gen\n    volumes_from: [b]\n', expected: ["a proxy reserved-port 443", "b proxy reserved-port 80", "gen proxy companion b"] },
    { name: "a companion beside a web server that is not reported: none", code: 'services:\n  nginx:\n    image: nginx\n    ports: ["172.17.0.1:8080:80"]\n  ui:\n    image: bunkerity/bunkerweb-ui\n', expected: [] },
    { name: "a companion alone", code: "services:\n  ui:\n    image: bunkerity/bunkerweb-ui\n  app:\n    image: app\n", expected: ["ui proxy companion"] },
    // It serves a proxy, not the ACME client before it, nor the proxy another service refers to.
    { name: "a companion naming none goes with the first reported proxy", code: 'services:\n  certbot:\n    image: certbot/certbot\n  a:\n    image: nginx\n    ports: ["443:443"]\n  b:\n    image: nginx\n    ports: ["80:80"]\n  app:\n    image: app\n    depends_on: [b]\n  gen:\n    image: nginxproxy/docker-gen\n', expected: ["certbot acme acme-client", "a proxy reserved-port 443", "b proxy reserved-port 80", "gen proxy companion a"] },
  ])("$name", ({ code, expected }) => {
    expect(proxies(code)).toEqual(expected);
  });

  it.each([
    { name: "/etc/letsencrypt itself", code: 'services:\n  lb:\n    image: haproxy\n    volumes: ["./le:/etc/letsencrypt"]\n', expected: ["lb proxy certificates /etc/letsencrypt"] },
    { name: "a long form's target below it", code: "services:\n  lb:\n    image: haproxy\n    volumes: [{type: bind, source: ./le, target: /etc/letsencrypt/live}]\n", expected: ["lb proxy certificates /etc/letsencrypt"] },
    // Only /etc/letsencrypt and what is below it is the store (these were reported as mounting it).
    { name: "a sibling of /etc/letsencrypt", code: 'services:\n  lb:\n    image: haproxy\n    volumes: ["./old:/etc/letsencrypt-old"]\n', expected: [] },
    { name: "an /etc/letsencrypt under another folder", code: "services:\n  lb:\n    image: haproxy\n    volumes: [{type: bind, source: ./le, target: /opt/etc/letsencrypt}]\n", expected: [] },
    { name: "acme.json in a folder", code: 'services:\n  traefik:\n    image: traefik:v3\n    volumes: ["./acme.json:/etc/traefik/acme.json"]\n', expected: ["traefik proxy certificates /etc/traefik/acme.json"] },
    { name: "a backup of acme.json", code: 'services:\n  traefik:\n    image: traefik:v3\n    volumes: ["./backup.json:/etc/traefik/acme.json.bak:ro"]\n', expected: [] },
    // Caddy keeps its certificates in /data: a built Caddy is known by its name, as a built Traefik is.
    { name: "a built Caddy publishing its /data", code: 'services:\n  caddy:\n    build: ./caddy\n    ports: ["8443:443"]\n    volumes: ["caddy-data:/data"]\n', expected: ["caddy proxy certificates /data"] },
    { name: "caddy-docker-proxy publishing its /data", code: 'services:\n  proxy:\n    image: lucaslorentz/caddy-docker-proxy:2.9\n    ports: ["8443:443"]\n    volumes: ["caddy-data:/data"]\n', expected: ["proxy proxy certificates /data"] },
    // /data is only Caddy's store: an nginx (pulled or built) keeps anything there.
    { name: "an nginx publishing a /data", code: 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    volumes: ["site:/data"]\n  nginx:\n    build: ./nginx\n    ports: ["8081:80"]\n    volumes: ["site:/data"]\n', expected: [] },
    // An nginx image named after the Caddy it replaces is still an nginx.
    { name: "an nginx image whose name ends with caddy", code: 'services:\n  web:\n    image: ghcr.io/example/nginx-caddy\n    ports: ["8080:80"]\n    volumes: ["site:/data"]\n', expected: [] },
    { name: "a publicly published nginx without /data", code: 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n', expected: [] },
  ])("certificate stores: $name", ({ code, expected }) => {
    expect(proxies(code)).toEqual(expected);
  });

  /** A service whose labels ask Traefik for a certificate. */
  const labelled = "  app:\n    build: .\n    labels: [traefik.http.routers.app.tls.certresolver=le]\n";
  it.each([
    { name: "a built Traefik", code: `services:\n  traefik:\n    build: ./traefik\n${labelled}`, expected: ["traefik proxy certresolver app"] },
    { name: "a built Traefik named with capitals", code: `services:\n  Traefik:\n    build: ./traefik\n${labelled}`, expected: ["Traefik proxy certresolver app"] },
    // A built service's image only names what the build gives.
    { name: "a built Traefik with an image name", code: `services:\n  traefik:\n    build: ./traefik\n    image: registry.example.com/edge:1\n${labelled}`, expected: ["traefik proxy certresolver app"] },
    { name: "a Traefik extended from another file", code: `services:\n  traefik:\n    extends: {file: base.yml, service: traefik}\n${labelled}`, expected: ["traefik proxy certresolver app"] },
    // A pulled image tells what runs, whatever the service's name.
    { name: "a service named traefik running whoami", code: `services:\n  traefik:\n    image: traefik/whoami\n${labelled}`, expected: [] },
    { name: "an image whose name only ends with traefik", code: `services:\n  dashboard:\n    image: example/dashboard-traefik\n${labelled}`, expected: [] },
    // Only Traefik's own label asks for a certificate: not one that merely ends like it, nor a misspelt one Traefik ignores.
    { name: "a label that only ends like the certresolver label", code: "services:\n  traefik:\n    image: traefik\n  app:\n    image: app\n    labels: [disabled.traefik.http.routers.app.tls.certresolver=le]\n", expected: [] },
    { name: "a misspelt certresolvers label", code: "services:\n  traefik:\n    image: traefik\n  app:\n    image: app\n    labels: [traefik.http.routers.app.tls.certresolvers=le]\n", expected: [] },
    { name: "an empty resolver asks for nothing", code: 'services:\n  traefik:\n    image: traefik\n  app:\n    image: app\n    labels: {traefik.http.routers.app.tls.certresolver: ""}\n', expected: [] },
    { name: "a blank resolver asks for nothing", code: 'services:\n  traefik:\n    image: traefik\n  app:\n    image: app\n    labels: {traefik.http.routers.app.tls.certresolver: "  "}\n', expected: [] },
    // Another label set to false does not turn Traefik off for the service.
    { name: "a false label other than traefik.enable", code: 'services:\n  traefik:\n    image: traefik\n  app:\n    image: app\n    labels: {traefik.http.services.app.loadbalancer.passhostheader: "false", traefik.http.routers.app.tls.certresolver: le}\n', expected: ["traefik proxy certresolver app"] },
    // Traefik cannot read " false" as a boolean and skips the container all the same.
    { name: "traefik.enable false with a stray space", code: 'services:\n  traefik:\n    image: traefik\n  app:\n    image: app\n    labels: ["traefik.enable=false ", traefik.http.routers.app.tls.certresolver=le]\n', expected: [] },
  ])("certresolver: $name", ({ code, expected }) => {
    expect(proxies(code)).toEqual(expected);
  });

  it.each([
    // Only Traefik's own prefix configures a resolver.
    { name: "a variable that only contains Traefik's prefix", code: "services:\n  app:\n    image: app\n    environment: [LEGACY_TRAEFIK_CERTIFICATESRESOLVERS_LE_ACME_EMAIL=x@example.com]\n", expected: [] },
    { name: "a variable that only begins with BunkerWeb's switch", code: 'services:\n  bw:\n    image: bunkerity/bunkerweb:1.6\n    environment: {AUTO_LETS_ENCRYPT_STAGING: "yes"}\n', expected: [] },
    // The switch is on only for yes, true, 1 or on, exactly.
    { name: "the switch set to a word ending with on", code: "services:\n  bw:\n    image: bunkerity/bunkerweb:1.6\n    environment: {AUTO_LETS_ENCRYPT: production}\n", expected: [] },
    { name: "the switch set to a word starting with on", code: "services:\n  bw:\n    image: bunkerity/bunkerweb:1.6\n    environment: {AUTO_LETS_ENCRYPT: on-demand}\n", expected: [] },
    // Only LETSENCRYPT_ and ACME_ at the start; nor are other variables of a proxy settings of this kind.
    { name: "a proxy's variables that only contain ACME_", code: "services:\n  nginx:\n    image: nginx\n    environment: {TZ: UTC, NGINX_ACME_CHALLENGE_DIR: /var/www/certbot}\n", expected: [] },
    // LETSENCRYPT_HOST asks acme-companion for a certificate, as VIRTUAL_HOST does.
    { name: "an nginx served by nginx-proxy, by LETSENCRYPT_HOST alone", code: "services:\n  web:\n    image: nginx\n    environment: {LETSENCRYPT_HOST: www.example.com, LETSENCRYPT_EMAIL: admin@example.com}\n", expected: [] },
    { name: "a blank email", code: 'services:\n  nginx:\n    image: nginx\n    environment: {LETSENCRYPT_EMAIL: " "}\n', expected: [] },
    // A value is off only when it is exactly no, false, 0 or off.
    { name: "an email starting with no", code: "services:\n  nginx:\n    image: nginx\n    environment: {LETSENCRYPT_EMAIL: nobody@example.com}\n", expected: ["nginx proxy acme-setting LETSENCRYPT_EMAIL"] },
    { name: "a port ending with 0", code: 'services:\n  nginx:\n    image: nginx\n    environment: {ACME_HTTP_PORT: "80"}\n', expected: ["nginx proxy acme-setting ACME_HTTP_PORT"] },
  ])("settings: $name", ({ code, expected }) => {
    expect(proxies(code)).toEqual(expected);
  });

  it("is computed once per parse, and tlsProxyOf reads it", () => {
    const model = parseCompose('services:\n  nginx:\n    image: nginx\n    ports: ["80:80"]\n  app:\n    image: app\n');
    expect(tlsProxies(model)).toBe(tlsProxies(model));
    expect(tlsProxyOf(model, model.services[0])?.evidence).toEqual({ type: "reserved-port", port: 80 });
    expect(tlsProxyOf(model, model.services[1])).toBeUndefined();
  });

  it("reports every service tlsProxyKind reports (the hover's verdict), with the same kind", () => {
    const code = 'services:\n  a:\n    image: certbot/dns-cloudflare\n  b:\n    image: nginx\n    ports: ["443:443"]\n  c:\n    image: traefik\n    volumes: ["./x:/etc/letsencrypt"]\n  d:\n    image: nginx\n    network_mode: host\n    ports: ["80:80"]\n  e:\n    image: app\n';
    const model = parseCompose(code);
    for (const service of model.services) {
      const kind = tlsProxyKind(service);
      if (kind) expect(tlsProxyOf(model, service)?.kind, service.name).toBe(kind);
    }
  });
});

describe("webServerImages", () => {
  const image = (text: string) => serviceImage(parseCompose(`services:\n  s:\n    image: ${text}\n`).services[0]);

  it.each([
    ["nginx:1.27", true],
    ["bitnami/nginx", true],
    ["nginxinc/nginx-unprivileged:alpine", true],
    ["jwilder/nginx-proxy", true],
    ["traefik:v3", true],
    ["lucaslorentz/caddy-docker-proxy", true],
    ["httpd:2.4", true],
    ["steveltn/https-portal", true],
    ["bunkerity/bunkerweb", true],
    ["bunkerity/bunkerweb-all-in-one", true],
    ["bunkerity/bunkerweb-scheduler", false],
    ["nginxproxy/docker-gen", false],
    ["elestio/bigcapital-nginx", false],
    ["nginx/nginx-prometheus-exporter", false],
    ["thomseddon/traefik-forward-auth", false],
    ["nginx-ldap-auth", false],
    ["nginx-auth", false],
    ["nginx-exporter", false],
    // Only a name that ends with the tool's suffix is the tool.
    ["nginx-auth-proxy", true],
    ["nginx-exporter-proxy", true],
    ["openresty/openresty:alpine", true],
    ["lscr.io/linuxserver/swag", true],
    ["jc21/nginx-proxy-manager", true],
    ["postgres:16", false],
  ])("%s: a web server or proxy image is %s", (text, expected) => {
    expect(isWebServerOrProxyImage(image(text))).toBe(expected);
  });

  it("tells companions, and undefined images, apart", () => {
    expect(isProxyCompanionImage(image("jwilder/docker-gen"))).toBe(true);
    expect(isProxyCompanionImage(image("bunkerity/bunkerweb-autoconf:1.6"))).toBe(true);
    expect(isProxyCompanionImage(image("nginx"))).toBe(false);
    expect(isWebServerOrProxyImage(undefined)).toBe(false);
    expect(webServerNameKind("Caddy")).toBe("proxy");
    expect(webServerNameKind("apache")).toBe("web-server");
    expect(webServerNameKind("docker-gen")).toBeUndefined();
    // A service's name is taken as it is: variants are an image's.
    expect(webServerNameKind("nginx-exporter")).toBeUndefined();
    expect(isWebServerOrProxyImage(image("nginx-alpine"))).toBe(true);
  });

  it.each(["nginx", "openresty", "traefik", "caddy", "haproxy", "nginx-proxy", "swag", "nginx-proxy-manager", "nginx-unprivileged", "https-portal", "bunkerweb"])(
    "takes a service named %s, with no image to tell, for a proxy",
    (name) => {
      expect(webServerNameKind(name)).toBe("proxy");
    },
  );

  it("reads a built service by its name, whatever its image's name; a pulled one by its image", () => {
    const model = parseCompose("services:\n  nginx:\n    build: .\n    image: dockerize-nginx-production\n  caddy:\n    image: app\n  traefik: {}\n");
    expect(model.services.map((s) => webServerKind(s))).toEqual(["proxy", undefined, "proxy"]);
  });
});

describe("breaksAliases (edits.ts), which the removal of a proxy checks", () => {
  const text = "x-log: &log\n  driver: json-file\nservices:\n  nginx:\n    image: nginx\n    logging: &own\n      driver: local\n  app:\n    image: app\n    logging: *own\n  worker:\n    image: app\n    logging: *log\n";
  let model: ComposeModel;
  beforeEach(() => {
    model = parseCompose(text);
  });
  const lineSpan = (from: string, to: string) => ({ start: text.indexOf(from), end: text.indexOf(to), newText: "" });

  it("is true when an anchor goes and an alias of it stays", () => {
    expect(breaksAliases(model, [lineSpan("  nginx:", "  app:")])).toBe(true);
  });

  it("is false when the aliases go too, when only aliases go, or when no anchor goes", () => {
    expect(breaksAliases(model, [lineSpan("  nginx:", "  worker:")])).toBe(false);
    expect(breaksAliases(model, [{ start: text.indexOf("  worker:"), end: text.length, newText: "" }])).toBe(false);
    expect(breaksAliases(model, [lineSpan("    image: app\n    logging: *own", "    logging: *own")])).toBe(false);
  });
});
