/**
 * A seeded generator of realistic compose files: services built or pulled,
 * environment maps and lists, ports in every quoting, volumes, healthchecks,
 * depends_on in both forms, `x-` anchors merged with `<<`, comments above
 * keys and after values, blank lines between services. With `faults`, it
 * plants the Elestio pitfalls the rules know (one kind per faulty service),
 * so that findings and fixes grow with the file as they would in a real one.
 * With `anchors: false`, the same kind of services with no anchor, alias or
 * merge: what the `x-` blocks held is written out in each service.
 *
 *   generateCompose({ lines: 5_000, seed: 42, faults: true })
 *   generateCompose({ lines: 5_000, seed: 42, faults: true, anchors: false })
 *
 * Same options, same text, on every machine: a failing seed reproduces.
 */

/** The pitfalls the generator can plant, by the rule that reports them. */
export const FAULT_KINDS = [
  "obsolete-version",
  "container-name",
  "public-port",
  "reserved-port",
  "loopback-port",
  "env-file",
  "tls-proxy",
  "healthcheck-required",
  "exec-shell",
  "unescaped-dollar",
  "literal-secret",
  "unknown-key",
  "external-network",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface GenerateOptions {
  /** About how many lines: services are added until the text reaches it (one service at least). */
  lines: number;
  seed: number;
  /**
   * Pitfalls to plant: none (`false`, `0`, the default); `true` for about one
   * service in three; a rate between 0 and 1 of faulty services; or a list of
   * kinds, each planted at least once and then in turn.
   */
  faults?: boolean | number | readonly FaultKind[];
  /** Line break (default `\n`). */
  eol?: "\n" | "\r\n";
  /**
   * `x-` blocks with anchors, merged into services with `<<: *alias` (the
   * default); `false` writes no anchor, alias or merge key: a service that
   * would merge `x-common` carries its restart, logging and networks itself,
   * a healthcheck that would merge the timings lists them (the benchmark
   * times servers on both kinds of file: merges cost some of them dearly).
   */
  anchors?: boolean;
}

/** mulberry32: small, fast, and the same sequence everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Picker {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const APP_IMAGES = ["ghcr.io/acme/api:1.4.2", "node:20-alpine", "python:3.12-slim", "acme/worker:latest", "grafana/grafana:10.4.1", "minio/minio:RELEASE.2024-05-10T01-41-38Z", "n8nio/n8n:1.40.0", "ghost:5-alpine"];
const DATABASES = [
  { image: "postgres:16-alpine", port: 5432, env: ["POSTGRES_USER", "POSTGRES_DB"], secret: "POSTGRES_PASSWORD", data: "/var/lib/postgresql/data" },
  { image: "mysql:8.0", port: 3306, env: ["MYSQL_USER", "MYSQL_DATABASE"], secret: "MYSQL_PASSWORD", data: "/var/lib/mysql" },
  { image: "redis:7-alpine", port: 6379, env: [], secret: undefined, data: "/data" },
  { image: "mongo:7", port: 27017, env: ["MONGO_INITDB_ROOT_USERNAME"], secret: "MONGO_INITDB_ROOT_PASSWORD", data: "/data/db" },
];
const WORDS = ["api", "web", "worker", "scheduler", "frontend", "admin", "auth", "search", "mailer", "queue", "gateway", "reports", "billing", "media", "sync", "cron"];
const COMMENTS = ["# keep in sync with the dashboard copy", "# TODO: move to the .env file", "# see docs/deploy.md", "# the proxy forwards here", "# Elestio: bound to the bridge", "# do not change without a migration"];
/** What `x-common` and `x-healthcheck-timing` hold (besides restart and networks), at the indentation of a top-level entry's keys. */
const COMMON_LOGGING = ["  logging:", "    driver: json-file", "    options:", '      max-size: "10m"'];
const HEALTHCHECK_TIMING = ["  interval: 30s", "  timeout: 5s", "  retries: 3"];
const HEALTHY_TESTS = [
  `["CMD-SHELL", "curl -fsS http://localhost:{port}/health || exit 1"]`,
  `["CMD", "wget", "-q", "--spider", "http://localhost:{port}/"]`,
  `curl -f http://localhost:{port}/ || exit 1`,
];

interface Context {
  r: Picker;
  out: string[];
  /** `<<: *alias` merges (GenerateOptions.anchors), or what they bring written out. */
  anchors: boolean;
  names: Set<string>;
  databases: string[];
  networksUsed: boolean;
  external: boolean;
  /** Named volumes the services mount, declared at the end. */
  volumes: string[];
}

function uniqueName(ctx: Context, base: string): string {
  let name = base;
  for (let i = ctx.names.size; ctx.names.has(name); i++) name = `${base}-${i}`;
  ctx.names.add(name);
  return name;
}

function quotePort(r: Picker, text: string): string {
  const style = r.int(0, 2);
  return style === 0 ? `"${text}"` : style === 1 ? `'${text}'` : text.includes(":") ? `"${text}"` : text;
}

function emitDatabase(ctx: Context, fault: FaultKind | undefined): void {
  const { r, out } = ctx;
  const db = r.pick(DATABASES);
  const name = uniqueName(ctx, db.image.split(":")[0].split("/").pop()!);
  ctx.databases.push(name);
  if (r.chance(0.3)) out.push(`  ${r.pick(COMMENTS)}`);
  out.push(`  ${name}:`);
  out.push(`    image: ${db.image}`);
  if (fault === "container-name") out.push(`    container_name: ${name}_${r.int(1, 99)}`);
  out.push(`    restart: unless-stopped`);
  if (db.env.length > 0 || db.secret) {
    out.push("    environment:");
    for (const key of db.env) out.push(`      ${key}: \${${key}:-app}`);
    if (db.secret) out.push(fault === "literal-secret" ? `      ${db.secret}: s3cr3t-${r.int(1000, 9999)}` : `      ${db.secret}: \${${db.secret}}`);
  }
  out.push("    volumes:");
  out.push(`      - ${name}-data:${db.data}`);
  ctx.volumes.push(`${name}-data`);
  if (fault === "public-port") out.push("    ports:", `      - ${quotePort(r, `${db.port}:${db.port}`)}`);
  // healthcheck-required plants a database without a healthcheck that another service waits on.
  if (fault !== "healthcheck-required") {
    const test = db.image.startsWith("postgres")
      ? `["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]`
      : db.image.startsWith("mysql")
        ? `["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]`
        : db.image.startsWith("mongo")
          ? `["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]`
          : `["CMD", "redis-cli", "ping"]`;
    out.push("    healthcheck:", `      test: ${test}`, "      interval: 10s", "      timeout: 5s", "      retries: 5");
  } else if (fault === "healthcheck-required") {
    ctx.databases.pop();
    ctx.databases.push(`!${name}`);
  }
  if (ctx.networksUsed) out.push("    networks:", "      - backend");
}

function emitApp(ctx: Context, fault: FaultKind | undefined): void {
  const { r, out } = ctx;
  const name = uniqueName(ctx, r.pick(WORDS));
  const port = r.pick([3000, 5000, 8000, 8080, 8443, 9000, 1337]);
  const anchored = r.chance(0.4);
  if (r.chance(0.35)) out.push(`  ${r.pick(COMMENTS)}`);
  out.push(`  ${name}:`);
  if (anchored && ctx.anchors) out.push("    <<: *common");
  if (r.chance(0.3)) {
    out.push("    build:", "      context: .", `      dockerfile: docker/${name}.Dockerfile`);
  } else out.push(`    image: ${r.pick(APP_IMAGES)}${r.chance(0.2) ? "  # pinned" : ""}`);
  if (fault === "container-name") out.push(`    container_name: ${name}`);
  if (!anchored) out.push(`    restart: ${r.pick(["always", "unless-stopped", '"no"'])}`);
  else if (!ctx.anchors) out.push("    restart: unless-stopped", ...COMMON_LOGGING.map((line) => `  ${line}`));
  if (fault === "unknown-key") out.push(`    ${r.pick(["stop_grace_priod: 30s", "restrat: always", "helthcheck_disabled: true", "mem_limt: 512m"])}`);

  // Environment, as a map or a list; unescaped-dollar needs a variable the container sets itself.
  const listForm = r.chance(0.4);
  const env: [string, string][] = [
    ["NODE_ENV", "production"],
    ["PORT", String(port)],
    ["DATABASE_URL", `postgres://app:\${DB_PASSWORD}@db:5432/app`],
  ];
  if (fault === "literal-secret") env.push([r.pick(["JWT_SECRET", "API_TOKEN", "ADMIN_PASSWORD"]), `changeme-${r.int(100, 999)}`]);
  if (fault === "unescaped-dollar") env.push(["APP_HOME", "/srv/app"]);
  if (r.chance(0.3)) env.push(["LOG_LEVEL", r.pick(["info", "debug", "warn"])]);
  out.push("    environment:");
  for (const [key, value] of env) {
    if (listForm) out.push(`      - ${key}=${value}`);
    else out.push(`      ${key}: ${/[:{}#]/.test(value) ? `"${value}"` : value}`);
  }
  if (fault === "env-file") out.push("    env_file:", `      - ${r.pick([".env.production", ".env.prod", ".env.local"])}`);
  else if (r.chance(0.3)) out.push("    env_file: .env");

  if (fault === "unescaped-dollar") out.push(`    command: sh -c "cd $APP_HOME && exec ./start.sh"`);
  else if (r.chance(0.3)) out.push(`    command: ["node", "server.js", "--port", "${port}"]`);

  // Ports: bound to Elestio's bridge unless a port fault is planted.
  if (fault === "public-port" || fault === "reserved-port" || fault === "loopback-port" || r.chance(0.6)) {
    const binding =
      fault === "public-port"
        ? `${port}:${port}`
        : fault === "reserved-port"
          ? r.pick(["80:80", "443:443", "0.0.0.0:80:8080"])
          : fault === "loopback-port"
            ? `127.0.0.1:${port}:${port}`
            : `172.17.0.1:${port}:${port}`;
    if (r.chance(0.2) && fault !== "reserved-port") out.push(`    ports: [${quotePort(r, binding).replace(/^'(.*)'$/, '"$1"')}]`);
    else {
      out.push("    ports:");
      out.push(`      - ${quotePort(r, binding)}${r.chance(0.2) ? "  # web" : ""}`);
      if (fault === "reserved-port" && r.chance(0.5)) out.push(`      - "172.17.0.1:${port}:${port}"`);
    }
  }
  if (r.chance(0.5)) {
    out.push("    volumes:");
    out.push(`      - ./data/${name}:/srv/data`);
    if (r.chance(0.5)) out.push(`      - ./config/${name}.yml:/etc/${name}/config.yml:ro`);
  }

  // depends_on: the short list, or the long form waiting for healthy databases.
  const databases = ctx.databases.slice(-4).filter(() => r.chance(0.7)).slice(0, 2);
  const broken = ctx.databases.find((d) => d.startsWith("!"));
  if (fault === "healthcheck-required" && broken) {
    out.push("    depends_on:", `      ${broken.slice(1)}:`, "        condition: service_healthy");
    ctx.databases = ctx.databases.filter((d) => d !== broken);
  } else if (databases.length > 0) {
    const clean = databases.map((d) => d.replace(/^!/, ""));
    if (r.chance(0.5) && !databases.some((d) => d.startsWith("!"))) {
      out.push("    depends_on:");
      for (const db of clean) out.push(`      ${db}:`, "        condition: service_healthy");
    } else out.push("    depends_on:", ...clean.map((db) => `      - ${db}`));
  }

  if (fault === "exec-shell") {
    out.push("    healthcheck:", `      test: ["CMD", "curl", "-f", "http://localhost:${port}/", "||", "exit", "1"]`, "      interval: 30s");
  } else if (r.chance(0.6)) {
    out.push("    healthcheck:", `      test: ${r.pick(HEALTHY_TESTS).replace("{port}", String(port))}`);
    if (r.chance(0.5)) out.push(...(ctx.anchors ? ["      <<: *healthcheck-timing"] : HEALTHCHECK_TIMING.map((line) => `    ${line}`)));
    else out.push("      interval: 30s", "      retries: 3");
  }
  if (r.chance(0.3)) {
    if (r.chance(0.5)) out.push("    labels:", `      - "com.acme.team=${r.pick(WORDS)}"`, `      - com.acme.tier=${r.pick(["front", "back"])}`);
    else out.push("    labels:", `      com.acme.team: ${r.pick(WORDS)}`, `      com.acme.tier: "${r.pick(["front", "back"])}"`);
  }
  // x-common puts the merging services on the backend network.
  const networks = ctx.networksUsed && (!anchored || !ctx.anchors) ? ["backend"] : [];
  if (fault === "external-network") {
    ctx.external = true;
    networks.push("shared");
  }
  if (networks.length > 0) out.push("    networks:", ...networks.map((n) => `      - ${n}`));
}

function emitProxy(ctx: Context): void {
  const { r, out } = ctx;
  const name = uniqueName(ctx, r.pick(["traefik", "caddy", "certbot"]));
  out.push(`  ${name}:`);
  if (name.startsWith("traefik")) {
    out.push("    image: traefik:v3.0", "    command:", '      - "--providers.docker=true"', '      - "--certificatesresolvers.le.acme.email=ops@example.com"');
    out.push("    ports:", '      - "80:80"', '      - "443:443"');
  } else if (name.startsWith("caddy")) {
    out.push("    image: caddy:2", "    ports:", '      - "80:80"', '      - "443:443"', "    volumes:", "      - ./Caddyfile:/etc/caddy/Caddyfile");
  } else {
    out.push("    image: certbot/certbot", "    volumes:", "      - ./certbot/conf:/etc/letsencrypt", "      - ./certbot/www:/var/www/certbot");
  }
}

/** Which fault each new service gets. */
function faultPlan(options: GenerateOptions, r: Picker): () => FaultKind | undefined {
  const { faults } = options;
  if (Array.isArray(faults)) {
    const kinds = faults as readonly FaultKind[];
    let next = 0;
    return () => (kinds.length === 0 ? undefined : next < kinds.length || r.chance(0.3) ? kinds[next++ % kinds.length] : undefined);
  }
  const rate = faults === true ? 1 / 3 : typeof faults === "number" ? Math.max(0, Math.min(1, faults)) : 0;
  const serviceKinds = FAULT_KINDS.filter((k) => k !== "obsolete-version" && k !== "external-network");
  return () => (r.chance(rate) ? r.pick(serviceKinds) : undefined);
}

function wants(options: GenerateOptions, kind: FaultKind, r: Picker): boolean {
  const { faults } = options;
  if (Array.isArray(faults)) return (faults as readonly FaultKind[]).includes(kind);
  if (faults === true || (typeof faults === "number" && faults > 0)) return r.chance(0.5);
  return false;
}

export function generateCompose(options: GenerateOptions): string {
  const r = new Picker(seededRandom(options.seed));
  const ctx: Context = { r, out: [], anchors: options.anchors ?? true, names: new Set(), databases: [], networksUsed: r.chance(0.6), external: false, volumes: [] };
  const { out } = ctx;
  const nextFault = faultPlan(options, r);
  const externalWanted = wants(options, "external-network", r);

  out.push(`# ${r.pick(["Production stack", "Deployed by the Elestio CI/CD pipeline", "App and its database"])} (seed ${options.seed})`);
  if (wants(options, "obsolete-version", r)) out.push(`version: ${r.pick(['"3.8"', "'3'", "3.9"])}`, "");
  out.push(`name: stack-${options.seed >>> 0}`, "");
  if (ctx.anchors) {
    out.push("x-common: &common", "  restart: unless-stopped", ...COMMON_LOGGING);
    if (ctx.networksUsed) out.push("  networks:", "    - backend");
    out.push("", "x-healthcheck-timing: &healthcheck-timing", ...HEALTHCHECK_TIMING, "");
  }
  out.push("services:");

  const target = Math.max(1, options.lines);
  const footer = 8;
  let first = true;
  let proxies = 0;
  do {
    if (!first && r.chance(0.85)) out.push("");
    first = false;
    let fault = nextFault();
    // The external network goes on the first app service that has no other fault.
    if (externalWanted && !ctx.external && fault === undefined) fault = "external-network";
    if (fault === "tls-proxy" && proxies < 3) {
      proxies++;
      emitProxy(ctx);
    } else if (fault === "healthcheck-required") {
      emitDatabase(ctx, fault);
      out.push("");
      emitApp(ctx, fault);
    } else if (fault !== "external-network" && (r.chance(0.25) || (fault === "public-port" && r.chance(0.3)))) emitDatabase(ctx, fault);
    else emitApp(ctx, fault === "tls-proxy" ? undefined : fault);
  } while (out.length + footer < target);

  if (ctx.volumes.length > 0) {
    out.push("", "volumes:");
    for (const v of ctx.volumes) out.push(`  ${v}:`);
  }
  if (ctx.networksUsed || ctx.external) {
    out.push("", "networks:");
    if (ctx.networksUsed) out.push("  backend:", "    driver: bridge");
    if (ctx.external) out.push("  shared:", "    external: true");
  }
  const eol = options.eol ?? "\n";
  return out.join(eol) + eol;
}
