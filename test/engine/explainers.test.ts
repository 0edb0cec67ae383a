/**
 * The log explainer's pieces, each with the exact places it links: the
 * explainers of failures no rule reports (engine/explain/), the rules' log
 * patterns (meta.docs.logPattern) against their own log lines, and the
 * options of explainLog (the caller's findings, onError).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { explainLog, type ExplainedProblem, type ExplainOptions } from "../../server/src/engine/explain.js";
import { lint } from "../../server/src/engine/lint.js";
import { RULES } from "../../server/src/engine/rules/index.js";
import { noContainerName } from "../../server/src/engine/rules/no-container-name.js";
import type { Rule } from "../../server/src/engine/rules/types.js";
import { spanText } from "../helpers/spans.js";

/** The problems as `[id, title, ranges as line:column-endLine:endColumn text]`. */
function explained(log: string, model: ComposeModel, options?: ExplainOptions): [string, string, (string | undefined)[]][] {
  return explainLog(log, "en", model, options).map((p: ExplainedProblem) => [p.id, p.title, p.ranges.map((r) => spanText(model, r))]);
}

/** The closing note: the pipeline deploys the dashboard's copy, after a fix that changes the compose file (explain.ts). */
const NOTE: [string, string, string[]] = ["dashboard-copy", "Note: the pipeline deploys the dashboard's copy of the compose file", []];

/** The rule ids of the findings at each range, for the comments' claims. */
function findingsOf(model: ComposeModel): string[] {
  return lint(model, { isPipeline: true }).map((f) => `${f.ruleId} ${spanText(model, f)}`);
}

describe("explainers of failures no rule reports", () => {
  it("dashboard-copy: the pipeline's own step, nothing in the file to link; a note, once, after the failures", () => {
    const model = parseCompose('version: "3"\nservices:\n  web:\n    image: app:1\n');
    expect(explained("2026-02-14 18:09:42 Creating docker compose file", model)).toEqual([NOTE]);
    const log = "Creating docker compose file\nWARN[0000] the attribute `version` is obsolete\nCreating docker compose file";
    const problems = explainLog(log, "en", model);
    expect(problems.map((p) => [p.id, p.note ?? false])).toEqual([["obsolete-version", false], ["dashboard-copy", true]]);
    expect(problems[1].explanation).toMatch(/^`Creating docker compose file` in the log: /);
  });

  it("disallowed-host: the public-port-binding findings of the ports the hosts name, and the ALLOWED_HOSTS variables", () => {
    const model = parseCompose(
      [
        "services:",
        "  web:",
        "    image: app:1",
        "    environment:",
        "      ALLOWED_HOSTS: example.com",
        "      DJANGO_ALLOWED_HOSTS_EXTRA: ''",
        "      DEBUG: 'false'",
        "    ports:",
        '      - "8000:8000"',
        '      - "172.17.0.1:8001:8001"',
        "  admin:",
        "    image: app:1",
        "    environment: [ALLOWED_HOSTS=admin.example.com]",
        "    ports:",
        '      - "9000:9000"',
        "",
      ].join("\n"),
    );
    // 8001 is bound to the bridge: no finding there, so no link; 9000 is public, but no host names it.
    expect(findingsOf(model)).toEqual(['public-port-binding 9:9-9:20 "8000:8000"', 'public-port-binding 15:9-15:20 "9000:9000"']);
    const log = [
      "web-1  | Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.",
      "web-1  | Invalid HTTP_HOST header: '159.195.104.193:8001'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.",
      "web-1  | django.security.DisallowedHost",
    ].join("\n");
    expect(explained(log, model)).toEqual([
      [
        "disallowed-host",
        "DisallowedHost: Invalid HTTP_HOST header '159.195.104.193:8000', '159.195.104.193:8001'",
        ["5:7-5:33 ALLOWED_HOSTS: example.com", "6:7-6:37 DJANGO_ALLOWED_HOSTS_EXTRA: ''", '9:9-9:20 "8000:8000"', "13:19-13:50 ALLOWED_HOSTS=admin.example.com"],
      ],
      // Closing the public port changes the compose file.
      NOTE,
    ]);
  });

  it("bad-gateway: the loopback-port-binding findings, not every port on 127.0.0.1", () => {
    const model = parseCompose(
      ["services:", "  web:", "    image: app:1", "    ports:", '      - "127.0.0.1:8000:8000"', '      - "127.0.0.1:9000:9000"', '      - "172.17.0.1:9001:9000"', '      - "127.0.0.1:443:443"', ""].join("\n"),
    );
    // 9000 also reaches the proxy on the bridge; 443 on the loopback is no-reserved-host-port's.
    expect(findingsOf(model)).toEqual(['loopback-port-binding 5:9-5:30 "127.0.0.1:8000:8000"', 'no-reserved-host-port 8:9-8:28 "127.0.0.1:443:443"']);
    expect(explained('159.195.104.193 - - [14/Feb/2026:19:14:02 +0000] "GET / HTTP/1.1" 502 157', model)).toEqual([
      ["bad-gateway", "502 Bad Gateway", ['5:9-5:30 "127.0.0.1:8000:8000"']],
      NOTE,
    ]);
  });

  it("bad-gateway: also the proxy target ports nothing publishes on 172.17.0.1, and the web services whose profile is off", () => {
    const model = parseCompose(["services:", "  web:", "    image: app:1", "    profiles: [web]", "    ports:", '      - "172.17.0.1:8000:8000"', ""].join("\n"));
    const findings = lint(model, { isPipeline: true, proxyTargetPorts: [9000] });
    expect(findings.map((f) => `${f.ruleId} ${spanText(model, f)}`)).toEqual(["proxy-target-port 1:1-1:9 services", "inactive-profiles 4:5-4:13 profiles"]);
    expect(explained("GET / 502 Bad Gateway", model, { findings })).toEqual([["bad-gateway", "502 Bad Gateway", ["1:1-1:9 services", "4:5-4:13 profiles"]], NOTE]);
  });

  it("port-in-use: the findings at the entries publishing the port, and a bare `address already in use` beside it is the same failure", () => {
    const model = parseCompose(
      ["services:", "  db:", "    image: postgres:16", "    ports:", '      - "5432:5432"', "  replica:", "    image: postgres:16", "    ports:", '      - "172.17.0.1:5432:5432"', "  cache:", "    image: redis:7", "    ports:", '      - "127.0.0.1:6379:6379"', ""].join("\n"),
    );
    // The cache on the loopback is a database reached through an SSH tunnel: nothing to report.
    expect(findingsOf(model)).toEqual(['public-port-binding 5:9-5:20 "5432:5432"']);
    const log = [
      "Error response from daemon: driver failed programming external connectivity on endpoint latigue-db-1 (9b2e): Bind for 0.0.0.0:5432 failed: port is already allocated",
      "Error: address already in use",
    ].join("\n");
    expect(explained(log, model)).toEqual([["port-in-use", "Port 5432 already in use", ['5:9-5:20 "5432:5432"']]]);
    // Alone, the bare line is a port Elestio's proxy holds; no finding here publishes one.
    expect(explained("Error: address already in use", model)).toEqual([["no-reserved-host-port", "Host port already in use (80/443?)", []], NOTE]);
  });
});

describe("the rules' log patterns", () => {
  it("recognise each rule's own example line: one problem, with the id of the first rule declaring the pattern", () => {
    const declaredFirst = new Map<unknown, string>();
    for (const rule of RULES) if (rule.meta.docs.logPattern && !declaredFirst.has(rule.meta.docs.logPattern)) declaredFirst.set(rule.meta.docs.logPattern, rule.meta.id);
    const ids = RULES.filter((rule) => rule.meta.docs.log !== undefined).map((rule) => [rule.meta.id, explainLog(rule.meta.docs.log!, "en").filter((p) => !p.note).map((p) => p.id)]);
    expect(Object.fromEntries(ids)).toEqual({
      "env-file-not-dotenv": ["env-file-not-dotenv"],
      "no-container-name": ["no-container-name"],
      "no-reserved-host-port": ["no-reserved-host-port"],
      // Docker's bind failure: no-reserved-host-port's pattern, which it shares.
      "no-tls-proxy-service": ["no-reserved-host-port"],
      // Their lines are failures no rule reports, explained by disallowed-host and bad-gateway, which link their findings.
      "public-port-binding": ["disallowed-host"],
      "loopback-port-binding": ["bad-gateway"],
      "proxy-target-port": ["bad-gateway"],
      "inactive-profiles": ["bad-gateway"],
      "bind-mount-missing-file": ["bind-mount-missing-file"],
      "healthcheck-required": ["healthcheck-required"],
      "obsolete-version": ["obsolete-version"],
      "unknown-key": ["unknown-key"],
      "invalid-value": ["invalid-value"],
      "undefined-reference": ["undefined-reference"],
      "undefined-variable": ["undefined-variable"],
      "external-network": ["external-network"],
      "external-volume": ["external-volume"],
    });
    for (const rule of RULES) {
      const pattern = rule.meta.docs.logPattern;
      if (!pattern) continue;
      expect(rule.meta.docs.log, `${rule.meta.id} has a log pattern, so a log line`).toBeDefined();
      expect(explainLog(rule.meta.docs.log!, "en")[0].id).toBe(declaredFirst.get(pattern));
      for (const regex of pattern.patterns) expect(regex.flags, `${rule.meta.id}: ${regex.source}`).toBe("i");
    }
  });

  it("Docker's other wording of a taken port, `Bind for …:80 failed: port is already allocated`, links the finding publishing that port", () => {
    const model = parseCompose(
      ["services:", "  web:", "    image: app:1", "    ports:", '      - "80:8000"', '      - "172.17.0.1:8000:8000"', "  admin:", "    image: app:1", "    ports:", '      - "[::]:443:443"', ""].join("\n"),
    );
    expect(findingsOf(model)).toEqual(['no-reserved-host-port 5:9-5:18 "80:8000"', 'no-reserved-host-port 10:9-10:23 "[::]:443:443"']);
    const allocated = (address: string, port: number) =>
      `Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint app-web-1 (5b0e7a1c): Bind for ${address}:${port} failed: port is already allocated`;
    expect(explained(allocated("0.0.0.0", 80), model)).toEqual([["no-reserved-host-port", "Port 80 already in use", ['5:9-5:18 "80:8000"']], NOTE]);
    expect(explained(allocated("[::]", 443), model)).toEqual([["no-reserved-host-port", "Port 443 already in use", ['10:9-10:23 "[::]:443:443"']], NOTE]);
    expect(explained(allocated(":::", 443), model)).toEqual([["no-reserved-host-port", "Port 443 already in use", ['10:9-10:23 "[::]:443:443"']], NOTE]);
  });

  it("a rule without an explanation text of its own is explained by its docs: unknown-key", () => {
    const model = parseCompose("services:\n  web:\n    image: app:1\n    enviroment:\n      A: b\n");
    const [problem] = explainLog("validating /opt/app/latigue/docker-compose.yml: services.web additional properties 'enviroment' not allowed", "en", model);
    expect(problem.id).toBe("unknown-key");
    const { docs } = RULES.find((rule) => rule.meta.id === "unknown-key")!.meta;
    expect(problem.title).toBe(docs.title.en);
    // The manual fix first (a sentence), else the quick fix's title, lowercased after its label and ended.
    const fix = (docs.manualFix ?? docs.fix)!.en;
    expect(problem.explanation).toBe(`**Why:** ${docs.description.en}\n\n**Fix:** ${fix.charAt(0).toLowerCase()}${fix.slice(1)}${/[.!?)]$/.test(fix) ? "" : "."}`);
    expect(problem.ranges.map((r) => spanText(model, r))).toEqual(["4:5-4:15 enviroment"]);
  });

  it("unknown-key: compose's line for several keys of one map links each of them, and older compose's words are read too", () => {
    const model = parseCompose("servies:\n  web: {image: x}\nvolume: {}\nservices:\n  web:\n    image: app:1\n    enviroment:\n      A: b\n    restrat: always\n  db:\n    imag: postgres\n");
    const [several] = explainLog("validating /opt/app/shop/docker-compose.yml: services.web additional properties 'enviroment', 'restrat' not allowed", "en", model);
    expect(several.ranges.map((r) => spanText(model, r))).toEqual(["7:5-7:15 enviroment", "9:5-9:12 restrat"]);
    // At the top level compose's path is empty: two spaces after the file's name.
    const [top] = explainLog("validating /opt/app/shop/docker-compose.yml:  additional properties 'servies', 'volume' not allowed", "en", model);
    expect(top.ranges.map((r) => spanText(model, r))).toEqual(["1:1-1:8 servies", "3:1-3:7 volume"]);
    const [old] = explainLog("services.db Additional property imag is not allowed", "en", model);
    expect(old.ranges.map((r) => spanText(model, r))).toEqual(["11:5-11:9 imag"]);
  });

  it("a container's project part may differ from the finding's guess: the service part decides", () => {
    // `name:` with a dash, and the folder's name the rule would guess: the pipeline names the project itself.
    const model = parseCompose(
      "name: my-repo\nservices:\n  web:\n    image: app:1\n    depends_on:\n      db: {condition: service_healthy}\n      app-cache: {condition: service_healthy}\n  db:\n    image: postgres:16\n  app-cache:\n    image: some/cache\n",
    );
    expect(lint(model, { isPipeline: true }).flatMap((f) => f.log ?? [])).toEqual([
      "dependency failed to start: container my-repo-db-1 has no healthcheck configured",
      "dependency failed to start: container my-repo-app-cache-1 has no healthcheck configured",
    ]);
    const log = "dependency failed to start: container latigue-db-1 has no healthcheck configured\ncontainer latigue_app-cache_1 has no healthcheck configured";
    expect(explained(log, model)).toEqual([
      ["healthcheck-required", "No healthcheck on latigue-db-1", ["6:7-6:9 db"]],
      ["healthcheck-required", "No healthcheck on latigue_app-cache_1", ["7:7-7:16 app-cache"]],
      NOTE,
    ]);
  });
});

describe("explainLog's options", () => {
  let model: ComposeModel;
  beforeEach(() => {
    model = parseCompose("services:\n  web:\n    image: app:1\n    container_name: latigue_web\n  worker:\n    image: app:1\n    container_name: latigue_worker\n");
  });
  const log = 'Conflict. The container name "/latigue_web" is already in use\nConflict. The container name "/latigue_worker" is already in use';

  it("links the findings the caller gives: none when the editor turned the rule off", () => {
    expect(explained(log, model).map(([, , ranges]) => ranges)).toEqual([["4:5-4:32 container_name: latigue_web"], ["7:5-7:35 container_name: latigue_worker"], []]);
    const off = lint(model, { isPipeline: true, severities: { "no-container-name": "off" } });
    expect(explained(log, model, { findings: off }).map(([id, , ranges]) => [id, ranges])).toEqual([
      ["no-container-name", []],
      ["no-container-name", []],
      ["dashboard-copy", []],
    ]);
  });

  it("onError: once per piece that throws, which keeps its explanations without links; the other pieces go on", () => {
    const pattern = noContainerName.meta.docs.logPattern!;
    const failing: Rule = {
      meta: { ...noContainerName.meta, docs: { ...noContainerName.meta.docs, logPattern: { ...pattern, sameFault: () => { throw new Error("sameFault failed"); } } } },
      check: (context) => noContainerName.check(context),
    };
    const throwing: Rule = { meta: { ...noContainerName.meta, id: "throwing", docs: { ...noContainerName.meta.docs, logPattern: undefined } }, check: () => { throw new Error("check failed"); } };
    const errors: string[] = [];
    const problems = explainLog(`${log}\ncurl: 502 Bad Gateway`, "en", model, { rules: [failing, throwing], onError: (piece, error) => errors.push(`${piece}: ${(error as Error).message}`) });
    expect(errors).toEqual(["throwing: check failed", "no-container-name: sameFault failed"]);
    expect(problems.map((p) => [p.id, p.title, p.ranges])).toEqual([
      ["no-container-name", 'Container name "/latigue_web" already in use', []],
      ["no-container-name", 'Container name "/latigue_worker" already in use', []],
      ["bad-gateway", "502 Bad Gateway", []],
      NOTE,
    ]);
    // Without onError, the same answer: nothing thrown.
    expect(explainLog(log, "en", model, { rules: [failing] }).map((p) => p.ranges)).toEqual([[], [], []]);
  });
});
