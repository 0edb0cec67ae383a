/**
 * A seeded generator of realistic compose files for the benchmark: services
 * with build or image, environment lists and maps, ports, volumes,
 * healthchecks, depends_on, `x-` anchors merged with `<<`, and (with
 * `faults`) one planted Elestio pitfall every few services, so that the
 * findings grow with the file as they would in a real one.
 *
 * Same options, same text: the figures of two runs are figures of the same files.
 */

export interface GenerateOptions {
  /** About how many lines: services are added until the text reaches it. */
  lines: number;
  seed: number;
  /** Plant faults (one every few services); false gives a clean file. */
  faults?: boolean;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = `# Generated for the benchmark: a large multi-service stack.
name: bench-stack

x-logging: &logging
  driver: json-file
  options:
    max-size: "10m"
    max-file: "3"

x-common: &common
  restart: unless-stopped
  logging: *logging
  networks:
    - backend

x-healthcheck: &default-healthcheck
  interval: 30s
  timeout: 5s
  retries: 5
  start_period: 20s

services:
`;

const FOOTER_NETWORKS = `
networks:
  backend:
    driver: bridge
`;

type Kind = "web" | "api" | "worker" | "postgres" | "redis" | "nginx";
const KINDS: Kind[] = ["api", "web", "worker", "postgres", "redis", "api", "worker", "nginx"];

const FAULTS = [
  "obsolete-version",
  "container-name",
  "env-file",
  "reserved-port",
  "public-db-port",
  "loopback-port",
  "exec-shell",
  "unescaped-dollar",
  "literal-secret",
  "unknown-key",
  "healthcheck-required",
  "external-network",
  "tls-proxy",
] as const;
type Fault = (typeof FAULTS)[number];

/** One planted fault every this many services. */
const FAULT_EVERY = 3;

interface Planned {
  name: string;
  kind: Kind;
  fault?: Fault;
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)];
}

function serviceBlock(service: Planned, index: number, previous: Planned[], rnd: () => number, volumes: string[], waitFor: string | undefined): string {
  const { name, kind, fault } = service;
  const out: string[] = [`  ${name}:`];
  const push = (...lines: string[]) => out.push(...lines);
  const tag = `${1 + Math.floor(rnd() * 4)}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 10)}`;
  const port = 3000 + index;
  const dependsTargets = previous.filter((p) => p.kind === "postgres" || p.kind === "redis").slice(-2);

  push("    <<: *common");
  if (fault === "container-name") push(`    container_name: ${name}`);
  switch (kind) {
    case "web":
      push("    build:", `      context: ./apps/${name}`, "      dockerfile: Dockerfile", "      args:", `        NODE_ENV: production`, `        APP_VERSION: \${APP_VERSION:-${tag}}`);
      break;
    case "api":
    case "worker":
      push(`    image: registry.example.com/platform/${kind}-${index}:\${SOFTWARE_VERSION_TAG:-${tag}}`);
      break;
    case "postgres":
      push(`    image: postgres:16-alpine`);
      break;
    case "redis":
      push(`    image: redis:7.${Math.floor(rnd() * 4)}-alpine`, `    command: ["redis-server", "--appendonly", "yes", "--maxmemory", "256mb"]`);
      break;
    case "nginx":
      push(fault === "tls-proxy" ? "    image: traefik:v3.1" : "    image: nginx:1.27-alpine");
      break;
  }

  if (fault === "env-file") push("    env_file:", "      - .env", "      - .env.production");
  else if (kind !== "nginx" && rnd() < 0.5) push("    env_file: .env");

  // Environment: maps for databases and some apps, lists elsewhere.
  if (kind === "postgres") {
    push(
      "    environment:",
      `      POSTGRES_DB: app_${index}`,
      "      POSTGRES_USER: ${POSTGRES_USER:-postgres}",
      fault === "literal-secret" ? "      POSTGRES_PASSWORD: Sup3rS3cretPassw0rd" : "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}",
      "      PGDATA: /var/lib/postgresql/data/pgdata",
    );
  } else if (kind !== "nginx") {
    const form = rnd() < 0.5 ? "list" : "map";
    const vars: [string, string][] = [
      ["NODE_ENV", "production"],
      ["LOG_LEVEL", pick(rnd, ["info", "warn", "debug"])],
      ["PORT", String(port)],
      ["DATABASE_URL", `postgres://\${POSTGRES_USER:-postgres}:\${POSTGRES_PASSWORD}@${dependsTargets[0]?.name ?? "db"}:5432/app`],
      ["REDIS_URL", `redis://${dependsTargets[1]?.name ?? "cache"}:6379/0`],
      ["BASE_URL", "https://${DOMAIN}"],
      ["SMTP_HOST", "${SMTP_HOST:-smtp.example.com}"],
      ["SMTP_PORT", "${SMTP_PORT:-587}"],
    ];
    if (fault === "literal-secret") vars.push(["JWT_SECRET", "c0ffee-d00d-1234-5678-abcdef"]);
    if (fault === "unescaped-dollar") vars.push(["APP_HOME", "/srv/app"]);
    const extra = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < extra; i++) vars.push([`FEATURE_${index}_${i}`, rnd() < 0.5 ? "true" : `\${FEATURE_${i}:-off}`]);
    push(fault === "unknown-key" ? "    enviroment:" : "    environment:");
    for (const [key, value] of vars) {
      if (form === "list") push(`      - ${key}=${value}`);
      else push(`      ${key}: ${/[:{}#]/.test(value) || value === "true" ? JSON.stringify(value) : value}`);
    }
  }

  if (fault === "unescaped-dollar") push(`    command: ["sh", "-c", "cd $APP_HOME && exec node server.js"]`);
  else if (kind === "worker") push(`    command: ["node", "dist/worker.js", "--queue", "jobs-${index}", "--concurrency", "${1 + Math.floor(rnd() * 8)}"]`);

  // Ports: Elestio binds published ports to 172.17.0.1.
  if (kind === "nginx" || kind === "web" || kind === "api" || fault === "public-db-port" || fault === "loopback-port" || fault === "reserved-port") {
    push("    ports:");
    if (fault === "reserved-port" || fault === "tls-proxy") push(`      - "80:80"`, `      - "443:443"`);
    else if (fault === "public-db-port") push(`      - "${kind === "postgres" ? "5432:5432" : `${port}:${port}`}"`);
    else if (fault === "loopback-port") push(`      - "127.0.0.1:${port}:${port}"`);
    else push(`      - "172.17.0.1:${port}:${kind === "nginx" ? 80 : port}"`);
  }

  // Volumes: a named volume for databases, bind mounts for apps.
  if (kind === "postgres" || kind === "redis") {
    const volume = `${name}-data`;
    volumes.push(volume);
    push("    volumes:", `      - ${volume}:${kind === "postgres" ? "/var/lib/postgresql/data" : "/data"}`);
  } else if (kind === "nginx") {
    push("    volumes:", `      - ./nginx/${name}.conf:/etc/nginx/conf.d/default.conf:ro`, "      - ./static:/usr/share/nginx/html:ro");
  } else if (rnd() < 0.6) {
    push("    volumes:", `      - ./data/${name}:/srv/data`, "      - ./config/app.yml:/srv/config/app.yml:ro");
  }

  // Healthchecks: merged defaults plus a test; some services have none.
  const withHealthcheck = kind === "postgres" || kind === "redis" || (kind !== "worker" && rnd() < 0.7);
  if (fault === "exec-shell") {
    push("    healthcheck:", "      <<: *default-healthcheck", `      test: ["CMD", "curl -fsS http://localhost:${port}/health || exit 1"]`);
  } else if (withHealthcheck && fault !== "healthcheck-required") {
    push("    healthcheck:", "      <<: *default-healthcheck");
    if (kind === "postgres") push(`      test: ["CMD-SHELL", "pg_isready -U $\${POSTGRES_USER:-postgres} -d app_${index}"]`);
    else if (kind === "redis") push(`      test: ["CMD", "redis-cli", "ping"]`);
    else push(`      test: ["CMD", "wget", "-qO-", "http://localhost:${port}/health"]`);
  }

  if (waitFor) {
    // The service planted without a healthcheck: waiting for it to be healthy fails the deploy.
    push("    depends_on:", `      ${waitFor}:`, "        condition: service_healthy");
    for (const target of dependsTargets.filter((t) => t.name !== waitFor)) push(`      ${target.name}:`, "        condition: service_started");
  } else if (dependsTargets.length > 0 && kind !== "postgres" && kind !== "redis") {
    push("    depends_on:");
    if (rnd() < 0.5) {
      for (const target of dependsTargets) push(`      - ${target.name}`);
    } else {
      for (const target of dependsTargets) push(`      ${target.name}:`, `        condition: service_healthy`);
    }
  }
  push("    deploy:", "      resources:", "        limits:", `          memory: ${pick(rnd, ["256M", "512M", "1G"])}`);
  if (rnd() < 0.3) push("    labels:", `      com.example.team: ${pick(rnd, ["core", "growth", "data"])}`, `      com.example.service: ${name}`);
  if (fault === "external-network") push("    networks:", "      - backend", "      - shared");
  return out.join("\n") + "\n";
}

/** A compose file of about `lines` lines, the same for the same options. */
export function generateCompose(options: GenerateOptions): string {
  const rnd = random(options.seed);
  const faults = options.faults !== false;
  let text = faults ? `version: "3.8"\n${HEADER}` : HEADER;
  const planned: Planned[] = [];
  const volumes: string[] = [];
  let external = false;
  let faultIndex = 1; // obsolete-version is planted once, in the header
  let lineCount = text.split("\n").length;
  const footerLines = 4;
  // The pending healthcheck-required target: the next service that depends on it waits for it to be healthy.
  let unhealthy: string | undefined;

  for (let index = 0; lineCount + footerLines + volumes.length < options.lines || planned.length === 0; index++) {
    const kind = KINDS[index % KINDS.length];
    const name = `${kind}-${index}`;
    let fault: Fault | undefined;
    if (faults && index % FAULT_EVERY === FAULT_EVERY - 1) {
      fault = FAULTS[faultIndex % FAULTS.length];
      faultIndex++;
      if (fault === "obsolete-version") fault = "container-name";
      // Faults that only make sense for some kinds fall back to one that fits.
      if (fault === "public-db-port" && kind !== "postgres") fault = kind === "redis" ? "literal-secret" : "public-db-port";
      if (fault === "tls-proxy" && kind !== "nginx") fault = "reserved-port";
      if (fault === "literal-secret" && (kind === "nginx" || kind === "redis")) fault = "container-name";
      if (fault === "unescaped-dollar" && (kind === "nginx" || kind === "postgres" || kind === "redis")) fault = "env-file";
      if (fault === "healthcheck-required" && kind !== "redis" && kind !== "postgres") fault = "unknown-key";
    }
    if (fault === "external-network") external = true;
    const service: Planned = { name, kind, fault };
    const waitFor = unhealthy && kind !== "postgres" && kind !== "redis" ? unhealthy : undefined;
    if (waitFor) unhealthy = undefined;
    const block = serviceBlock(service, index, planned, rnd, volumes, waitFor);
    if (fault === "healthcheck-required") unhealthy = name;
    planned.push(service);
    text += block;
    lineCount += block.split("\n").length - 1;
  }

  text += FOOTER_NETWORKS;
  if (external) text += "  shared:\n    external: true\n";
  if (volumes.length > 0) text += "\nvolumes:\n" + volumes.map((v) => `  ${v}:\n`).join("");
  return text;
}
