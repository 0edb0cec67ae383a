import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { explainLog, type ExplainedProblem } from "../../server/src/engine/explain.js";

const dir = join(__dirname, "../fixtures/engine/explain");
/** The latigue stack before the guide's fixes, and a log of its failed deployments, both written for these tests from the guide's messages. */
let MODEL: ComposeModel;
beforeEach(() => {
  MODEL = parseCompose(readFileSync(join(dir, "docker-compose.yml"), "utf8"));
});
const LOG = readFileSync(join(dir, "pipeline.log"), "utf8");
/** The report's closing note: the pipeline deploys the dashboard's copy (once, last, never a failure). */
const NOTE = "Note: the pipeline deploys the dashboard's copy of the compose file";

/** `line:column-endLine:endColumn text`, 1-based: exact ranges that read like the file. */
function described(model: ComposeModel, problem: ExplainedProblem): string[] {
  return problem.ranges.map((range) => {
    const start = model.lines.positionAt(range.start);
    const end = model.lines.positionAt(range.end);
    return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${model.text.slice(range.start, range.end)}`;
  });
}

describe("explainLog on a pipeline log of the guide's failures", () => {
  let problems: ExplainedProblem[];
  beforeEach(() => {
    problems = explainLog(LOG, "en", MODEL);
  });
  const byTitle = (title: string) => problems.find((p) => p.title === title)!;

  it("finds every failure once, in the order of the log", () => {
    expect(problems.map((p) => [p.id, p.title])).toEqual([
      ["obsolete-version", "The attribute version is obsolete"],
      ["undefined-variable", "Variables not set: LATIGUE_DB_PASSWORD, DJANGO_SECRET_KEY"],
      ["env-file-not-dotenv", "Env file not found: .env.production"],
      ["external-network", 'Network "shared_apps" not found'],
      ["no-container-name", 'Container name "/latigue_web" already in use'],
      ["no-reserved-host-port", "Port 80 already in use"],
      ["no-reserved-host-port", "Port 443 already in use"],
      ["healthcheck-required", "No healthcheck on latigue-postgres-1"],
      ["disallowed-host", "DisallowedHost: Invalid HTTP_HOST header '159.195.104.193:8000'"],
      ["bad-gateway", "502 Bad Gateway"],
      // `Creating docker compose file`, which every build prints: a note, after the failures.
      ["dashboard-copy", NOTE],
    ]);
    expect(problems.filter((p) => p.note).map((p) => p.id)).toEqual(["dashboard-copy"]);
  });

  it("points at the compose entries that cause each one", () => {
    expect(Object.fromEntries(problems.map((p) => [p.title, described(MODEL, p)]))).toEqual({
      [NOTE]: [],
      "The attribute version is obsolete": ['4:1-4:15 version: "3.9"'],
      // `${LATIGUE_DB_PASSWORD:?...}` stops with an error rather than this warning: not a cause.
      "Variables not set: LATIGUE_DB_PASSWORD, DJANGO_SECRET_KEY": ["15:26-15:46 ${DJANGO_SECRET_KEY}", "16:40-16:62 ${LATIGUE_DB_PASSWORD}"],
      // Only the missing one of the two env files.
      "Env file not found: .env.production": ["13:9-13:24 .env.production"],
      'Network "shared_apps" not found': ["52:5-52:19 external: true"],
      // Only the container named in the log, not latigue_proxy or latigue_certbot.
      'Container name "/latigue_web" already in use': ["9:5-9:32 container_name: latigue_web"],
      // The proxy's ports are no-tls-proxy-service's fault (one finding, removing the service): its log names port 80.
      "Port 80 already in use": ["35:3-35:8 proxy"],
      // No finding's log names 443: the proxy's names 80, and its ports have no finding of their own.
      "Port 443 already in use": [],
      // Where healthcheck-required reports: the name of the service waited for.
      "No healthcheck on latigue-postgres-1": ["24:7-24:15 postgres"],
      "DisallowedHost: Invalid HTTP_HOST header '159.195.104.193:8000'": ["17:7-17:52 ALLOWED_HOSTS_EXTRA: ${ALLOWED_HOSTS_EXTRA:-}", '19:9-19:20 "8000:8000"'],
      // No port bound to 127.0.0.1 here: nothing in the file explains the 502 by itself.
      "502 Bad Gateway": [],
    });
  });

  it("explains what happened, why, and the fix from the guide", () => {
    const conflict = byTitle('Container name "/latigue_web" already in use').explanation;
    expect(conflict).toContain("**What happened:** Docker refused to create the container `latigue_web`: a container with that name already exists on the VM.");
    expect(conflict).toContain("`docker ps -a --filter name=latigue` lists them");
    expect(conflict).toContain("in that folder, `docker compose down --remove-orphans`.");
    const env = byTitle("Env file not found: .env.production").explanation;
    expect(env).toContain("the compose file's `env_file` names `/opt/app/latigue/.env.production`, which does not exist on the VM.");
    expect(env).toContain("**Fix:** point `env_file` at `.env`");
    const copy = byTitle(NOTE).explanation;
    expect(copy).toMatch(/^`Creating docker compose file` in the log: /);
    expect(copy).toContain("replaced the repository's `docker-compose.yml` with the copy stored in the Elestio dashboard");
    expect(copy).toContain("paste it into **Dashboard → your CI/CD service → Docker compose**");
    // The dashboard's copy is said once, in the note: not under every problem whose fix changes the file.
    for (const problem of problems.filter((p) => !p.note)) expect(problem.explanation, problem.title).not.toMatch(/Docker compose\*\*|dashboard's copy/);
    const host = byTitle("DisallowedHost: Invalid HTTP_HOST header '159.195.104.193:8000'").explanation;
    // Closing the direct access first; ALLOWED_HOSTS_EXTRA only as a variable the project's own settings may read.
    expect(host).toContain('- Close the direct access: publish the port as `"172.17.0.1:8000:8000"`');
    expect(host).toContain("If your settings.py reads them from an environment variable (for instance `ALLOWED_HOSTS_EXTRA`)");
    expect(host.indexOf("Close the direct access")).toBeLessThan(host.indexOf("ALLOWED_HOSTS_EXTRA"));
    expect(host).not.toContain("159.195.104.193` to");
    expect(host).not.toMatch(/no redeploy|no code change/i);
    expect(host).toContain("in the app's logs");
    const gateway = byTitle("502 Bad Gateway").explanation;
    expect(gateway).toContain("the browser got a 502");
    expect(gateway).toContain("A healthcheck restarts nothing: it only shows `(unhealthy)` in `docker ps`.");
  });

  it("in French", () => {
    const fr = explainLog(LOG, "fr", MODEL);
    expect(fr.map((p) => p.id)).toEqual(problems.map((p) => p.id));
    expect(fr.map((p) => p.ranges)).toEqual(problems.map((p) => p.ranges));
    expect(fr.map((p) => p.title)).toEqual([
      "L'attribut version est obsolète",
      "Variables non définies : LATIGUE_DB_PASSWORD, DJANGO_SECRET_KEY",
      "Fichier d'environnement introuvable : .env.production",
      "Réseau « shared_apps » introuvable",
      "Nom de conteneur « /latigue_web » déjà utilisé",
      "Port 80 déjà utilisé",
      "Port 443 déjà utilisé",
      "Pas de healthcheck sur latigue-postgres-1",
      "DisallowedHost : en-tête HTTP_HOST invalide '159.195.104.193:8000'",
      "502 Bad Gateway",
      "À savoir : le pipeline déploie la copie du fichier compose stockée dans le dashboard",
    ]);
    const conflict = fr[4].explanation;
    expect(conflict).toContain("**Ce qui s'est passé :** Docker a refusé de créer le conteneur `latigue_web` : un conteneur de ce nom existe déjà sur la VM.");
    expect(conflict).toContain("**Solution :** supprimez `container_name` du fichier compose");
    expect(fr[8].explanation).toContain("- Fermez l'accès direct : publiez le port en `\"172.17.0.1:8000:8000\"`");
    expect(fr[8].explanation).toContain("Si votre settings.py les lit dans une variable d'environnement (par exemple `ALLOWED_HOSTS_EXTRA`)");
    expect(fr[10].explanation).toContain("collez-le dans **Dashboard → votre service CI/CD → Docker compose**");
  });

  it("without a model: the same problems, no ranges", () => {
    const bare = explainLog(LOG, "en");
    expect(bare.map((p) => p.id)).toEqual(problems.map((p) => p.id));
    expect(bare.every((p) => p.ranges.length === 0)).toBe(true);
  });
});

describe("explainLog tolerance", () => {
  const ids = (log: string, model?: ComposeModel) => explainLog(log, "en", model).map((p) => p.id);

  it("nothing known: nothing", () => {
    expect(explainLog("", "en")).toEqual([]);
    expect(ids("Running clone script.\nCreating .env file\n Container latigue-web-1  Started\n")).toEqual([]);
  });

  it("case, colours, JSON-escaped quotes, CRLF and repeats", () => {
    const log = [
      "\x1b[31mERROR\x1b[0m CONFLICT. THE CONTAINER NAME \"/latigue_web\" IS ALREADY IN USE",
      '{"log":"Error response from daemon: Conflict. The container name \\"/latigue_web\\" is already in use by container \\"3f1c\\"."}',
      "WARN[0000] The \\\"LATIGUE_DB_PASSWORD\\\" variable is not set. Defaulting to a blank string.",
    ].join("\r\n");
    const problems = explainLog(log, "en", MODEL);
    expect(problems.map((p) => [p.id, p.title])).toEqual([
      ["no-container-name", 'Container name "/latigue_web" already in use'],
      ["undefined-variable", "Variable not set: LATIGUE_DB_PASSWORD"],
      // Removing container_name changes the file: the note says once that the dashboard's copy needs it too.
      ["dashboard-copy", NOTE],
    ]);
    expect(problems[2].explanation).toMatch(/^The pipeline deploys the copy of the compose file stored in the Elestio dashboard, not the repository's/);
    expect(described(MODEL, problems[0])).toEqual(["9:5-9:32 container_name: latigue_web"]);
  });

  it("older compose wording for a missing env file", () => {
    const problems = explainLog("ERROR: Couldn't find env file: /opt/app/latigue/.env.production", "en", MODEL);
    expect(problems.map((p) => p.id)).toEqual(["env-file-not-dotenv", "dashboard-copy"]);
    expect(described(MODEL, problems[0])).toEqual(["13:9-13:24 .env.production"]);
  });

  it("a bare `address already in use` points at every finding of a port 80/443 bind failure, unless the log names the port", () => {
    const bare = explainLog("Error starting userland proxy: address already in use", "en", MODEL);
    expect(bare.map((p) => [p.id, p.title])).toEqual([["no-reserved-host-port", "Host port already in use (80/443?)"], ["dashboard-copy", NOTE]]);
    // Here the proxy publishing them: no-tls-proxy-service's finding, whose log is that failure.
    expect(described(MODEL, bare[0])).toEqual(["35:3-35:8 proxy"]);
    expect(ids("listen tcp4 0.0.0.0:443: bind: address already in use\nError: address already in use")).toEqual(["no-reserved-host-port", "dashboard-copy"]);
  });

  it("another port in use: the old deployment's containers", () => {
    const [problem] = explainLog("failed to bind host port for 0.0.0.0:5432:172.18.0.2:5432/tcp: address already in use", "fr", MODEL);
    expect(problem.id).toBe("port-in-use");
    expect(problem.title).toBe("Port 5432 déjà utilisé");
    expect(problem.explanation).toContain("`docker ps -a --filter publish=5432`");
    expect(described(MODEL, problem)).toEqual(['33:9-33:28 "0.0.0.0:5432:5432"']);
  });

  it("a container name the log gives with `_` and an index, and one it does not give", () => {
    const model = parseCompose(
      "services:\n  web:\n    depends_on:\n      db: {condition: service_healthy}\n      cache:\n        condition: service_healthy\n  db:\n    image: postgres\n  cache:\n    image: redis\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n",
    );
    const named = explainLog("container latigue_db_1 has no healthcheck configured", "en", model);
    expect(described(model, named[0])).toEqual(["4:7-4:9 db"]);
    const unnamed = explainLog("dependency failed to start: has no healthcheck configured", "en", model);
    expect(unnamed.map((p) => p.id)).toEqual(["healthcheck-required", "dashboard-copy"]);
    // Without a name, the conditions waiting for a service that has no healthcheck.
    expect(described(model, unnamed[0])).toEqual(["4:7-4:9 db"]);
  });

  it("an external network known by its `name:`, and a container_name reached through `<<` once", () => {
    const model = parseCompose(
      "x-base: &base\n  container_name: shared\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\nnetworks:\n  proxy:\n    external: true\n    name: traefik_public\n",
    );
    expect(described(model, explainLog("network traefik_public declared as external, but could not be found", "en", model)[0])).toEqual(["10:5-10:19 external: true"]);
    expect(described(model, explainLog('Conflict. The container name "/shared" is already in use', "en", model)[0])).toEqual(["2:3-2:25 container_name: shared"]);
  });

  it("a 502 points at ports the proxy cannot reach", () => {
    const model = parseCompose('services:\n  web:\n    ports:\n      - "127.0.0.1:8000:8000"\n');
    const [problem] = explainLog('159.195.104.193 - - [14/Feb/2026:19:14:02 +0000] "GET / HTTP/1.1" 502 157', "en", model);
    expect(problem.id).toBe("bad-gateway");
    expect(described(model, problem)).toEqual(['4:9-4:30 "127.0.0.1:8000:8000"']);
  });

  it("a DisallowedHost for a domain: the ALLOWED_HOSTS entries only", () => {
    const [problem] = explainLog("django.security.DisallowedHost: Invalid HTTP_HOST header: 'www.example.com'. You may need to add 'www.example.com' to ALLOWED_HOSTS.", "en", MODEL);
    expect(problem.id).toBe("disallowed-host");
    expect(described(MODEL, problem)).toEqual(["17:7-17:52 ALLOWED_HOSTS_EXTRA: ${ALLOWED_HOSTS_EXTRA:-}"]);
    expect(problem.explanation).toContain("Add `www.example.com` to `ALLOWED_HOSTS` if it is your domain");
    expect(problem.explanation).not.toContain("172.17.0.1:");
    // Nothing to change in the compose file: no note.
    expect(explainLog("Invalid HTTP_HOST header: 'www.example.com'", "en", MODEL).map((p) => p.id)).toEqual(["disallowed-host"]);
  });
});

describe("explainLog: which undefined-reference findings a pasted compose error names", () => {
  // Two cycles (web <-> db, worker <-> queue), an extends of a missing service, depends_on of two missing ones and two missing networks,
  // each pair starting alike (cache, celery; back, backup).
  const code =
    "services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: postgres\n    depends_on: [web]\n  worker:\n    image: app\n    depends_on: [queue]\n  queue:\n    image: redis\n    depends_on: [worker]\n  api:\n    extends: base\n    depends_on: [cache, celery]\n    networks: [back, backup]\n";
  const ranges = (log: string) => {
    const model = parseCompose(code);
    return explainLog(log, "en", model)
      .filter((p) => p.id === "undefined-reference")
      .flatMap((p) => described(model, p));
  };

  it.each([
    {
      name: "a cycle named from another service than compose's own line starts with",
      log: "dependency cycle detected: web -> db -> web",
      expected: ["4:18-4:20 db", "7:18-7:21 web"],
    },
    {
      name: "the other cycle, with more spaces around its arrows",
      log: "dependency cycle detected:   worker  ->  queue  ->  worker",
      expected: ["10:18-10:23 queue", "13:18-13:24 worker"],
    },
    {
      name: "a cycle written without spaces after its arrows",
      log: "dependency cycle detected: web ->db ->web",
      expected: ["4:18-4:20 db", "7:18-7:21 web"],
    },
    {
      name: "a cycle of other services whose names run together the same (dbw, eb): none",
      log: "dependency cycle detected: dbw -> eb -> dbw",
      expected: [],
    },
    {
      name: "a cycle of services the file does not link that way: none of its findings",
      log: "dependency cycle detected: web -> worker -> web",
      expected: [],
    },
    {
      name: "a missing dependency written without its quotes (older compose)",
      log: 'service "api" depends on undefined service cache: invalid compose project',
      expected: ["16:18-16:23 cache"],
    },
    {
      name: "a missing dependency named twice over, once with a line's own spacing",
      log: 'service  "api"  depends on undefined service "cache": invalid compose project',
      expected: ["16:18-16:23 cache"],
    },
    {
      name: "an extends of a missing service, the compose file given by its path on the server",
      log: 'cannot extend service "api" in /opt/app/docker-compose.yml: service "base" not found',
      expected: ["15:14-15:18 base"],
    },
    {
      name: "an extends of the same missing service by another service: none",
      log: 'cannot extend service "web" in /opt/app/docker-compose.yml: service "base" not found',
      expected: [],
    },
    {
      name: "a missing dependency, two spaces before its name",
      log: 'service "api" depends on undefined service  "cache": invalid compose project',
      expected: ["16:18-16:23 cache"],
    },
    {
      name: "a missing network, as compose writes it: that network only, not another starting alike",
      log: 'service "api" refers to undefined network back: invalid compose project',
      expected: ["17:16-17:20 back"],
    },
    {
      name: "a missing network, with a line's own spacing",
      log: 'service  "api"  refers to undefined network  back: invalid compose project',
      expected: ["17:16-17:20 back"],
    },
    {
      name: "an extends of a missing service, with a line's own spacing",
      log: 'cannot extend service  "api"  in /opt/app/docker-compose.yml:  service  "base"  not found',
      expected: ["15:14-15:18 base"],
    },
    {
      name: "an extends of another file's service (not found in that file): none",
      log: 'cannot extend service "api" in /opt/app/docker-compose.yml: service "base" not found in /opt/app/common.yml',
      expected: [],
    },
    {
      name: "an extends of another file's service, with a line's own spacing: none",
      log: 'cannot extend service "api" in /opt/app/docker-compose.yml: service "base" not found  in /opt/app/common.yml',
      expected: [],
    },
    {
      name: "a longer cycle than the file's, through its two services: none",
      log: "dependency cycle detected: web -> db -> cache -> web",
      expected: [],
    },
    {
      name: "a missing dependency of another service: none",
      log: 'service "web" depends on undefined service "cache": invalid compose project',
      expected: [],
    },
  ])("$name", ({ log, expected }) => {
    expect(ranges(log)).toEqual(expected);
  });
});
