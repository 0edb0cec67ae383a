/**
 * relintSteps (incrementalLint.ts) over sequences of edits as users type
 * them: after each edit, the findings made from the previous version's
 * state equal a fresh lint of the same text, and the number of rules that
 * checked the edited service alone is exact (a rule that cannot tell its
 * findings from the edited service runs over the whole file).
 */
import { describe, expect, it } from "vitest";
import { reparseIncrementally } from "../../server/src/engine/compose/incremental.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lintStateSteps, relintSteps, type LintState } from "../../server/src/engine/incrementalLint.js";
import { drain, isActive, lint, type LintOptions } from "../../server/src/engine/lint.js";
import { RULES } from "../../server/src/engine/rules/index.js";
import { noContainerName } from "../../server/src/engine/rules/no-container-name.js";
import type { Rule } from "../../server/src/engine/rules/types.js";

const OPTIONS: LintOptions = { isPipeline: true };
const SERVICE_RULES = RULES.filter((rule) => rule.meta.reads === "service" && isActive(rule, OPTIONS)).length;

/** `text` with `from`, which it holds once, replaced by `to`. */
function replace(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  expect(at, from).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(from, at + 1), from).toBe(-1);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Edits `text` step by step, each from the state of the step before; after each, the findings equal lint's and the reused rules are the ones given. */
function typeEdits(text: string, steps: [edit: (text: string) => string, reusedRules: number][], options: LintOptions = OPTIONS): { text: string; state: LintState } {
  let model = parseCompose(text);
  let state = drain(lintStateSteps(model, options));
  for (const [index, [edit, reusedRules]] of steps.entries()) {
    const after = edit(text);
    const reparse = reparseIncrementally(model, after);
    if (!reparse.model) throw new Error(`step ${index}: full parse (${reparse.reason})`);
    state = drain(relintSteps(state, reparse.model, reparse.edit, options));
    expect(state.findings, `step ${index}`).toEqual(lint(parseCompose(after), options));
    expect(state.reusedRules, `step ${index}`).toBe(reusedRules);
    text = after;
    model = reparse.model;
  }
  return { text, state };
}

const found = (text: string, state: LintState) => state.findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]);

/** `x-common` is merged into db: privileged-container reports on the top-level entry, for db. */
const MERGED = [
  "x-common: &common",
  "  privileged: true",
  "services:",
  "  web:",
  "    image: nginx:1.27",
  "    ports:",
  '      - "127.0.0.1:8080:80"',
  "  db:",
  "    <<: *common",
  "    image: postgres:16",
  "  cache:",
  "    image: redis:7",
  "    container_name: cache",
  "",
].join("\n");

describe("a top-level entry merged into a service", () => {
  it("removing the merge: its finding on the top-level entry goes, found by a whole-file run of that rule", () => {
    const { text, state } = typeEdits(MERGED, [[(t) => replace(t, "    <<: *common\n", ""), SERVICE_RULES - 1]]);
    expect(found(text, state)).toEqual([
      ["loopback-port-binding", '"127.0.0.1:8080:80"'],
      ["no-container-name", "container_name: cache"],
    ]);
  });

  it("typing the merge: its finding on the top-level entry appears", () => {
    const without = replace(MERGED, "    <<: *common\n", "");
    const { text, state } = typeEdits(without, [
      [(t) => replace(t, "    image: postgres:16\n", "    <<: *common\n    image: postgres:16\n"), SERVICE_RULES - 1],
      [(t) => replace(t, "postgres:16", "postgres:16.4"), SERVICE_RULES - 1],
    ]);
    expect(found(text, state)).toEqual([
      ["privileged-container", "privileged: true"],
      ["loopback-port-binding", '"127.0.0.1:8080:80"'],
      ["no-container-name", "container_name: cache"],
    ]);
  });

  it("an edit in another service: the merged finding is checked again over the whole file, and kept", () => {
    const { text, state } = typeEdits(MERGED, [
      [(t) => replace(t, "nginx:1.27", "nginx:1.27.1"), SERVICE_RULES - 1],
      [(t) => replace(t, "container_name: cache", "container_name: redis"), SERVICE_RULES - 1],
    ]);
    expect(found(text, state)).toEqual([
      ["privileged-container", "privileged: true"],
      ["loopback-port-binding", '"127.0.0.1:8080:80"'],
      ["no-container-name", "container_name: redis"],
    ]);
  });
});

describe("a file without a final line break, a finding on its last character", () => {
  const FILE = ["services:", "  web:", "    image: nginx:1.27", "  db:", "    image: postgres:16", "    container_name: db"].join("\n");

  it("edits in the first service keep the last service's finding, moved", () => {
    const { text, state } = typeEdits(FILE, [
      [(t) => replace(t, "nginx:1.27", "nginx:1.27.1"), SERVICE_RULES],
      [(t) => replace(t, "    image: nginx:1.27.1\n", "    restart: always\n    image: nginx:1.27.1\n"), SERVICE_RULES],
      [(t) => replace(t, "    restart: always\n", ""), SERVICE_RULES],
    ]);
    expect(found(text, state)).toEqual([
      ["proxy-target-port", "services"],
      ["no-container-name", "container_name: db"],
    ]);
    expect(state.findings.at(-1)!.end).toBe(text.length);
  });

  it("typing at the end of the last service", () => {
    const { text, state } = typeEdits(FILE, [
      [(t) => `${t}b`, SERVICE_RULES],
      [(t) => `${t}\n`, SERVICE_RULES],
      [(t) => `${t}    privileged: true`, SERVICE_RULES],
    ]);
    expect(found(text, state)).toEqual([
      ["proxy-target-port", "services"],
      ["no-container-name", "container_name: dbb"],
      ["privileged-container", "privileged: true"],
    ]);
  });
});

describe("a top-level entry below the services", () => {
  // `version: 3.8` is a number: invalid-value reports it and covers the key, where obsolete-version would report too.
  const FILE = ["services:", "  web:", "    image: nginx:1.27", "    ports:", '      - "127.0.0.1:8080:80"', "  db:", "    image: postgres:16", "version: 3.8", ""].join("\n");

  it("its finding moves with the edits above it, and still covers the key", () => {
    const { text, state } = typeEdits(FILE, [
      [(t) => replace(t, "postgres:16", "postgres:16.4"), SERVICE_RULES],
      [(t) => replace(t, "127.0.0.1:8080:80", "127.0.0.1:18080:80"), SERVICE_RULES],
      [(t) => replace(t, "    image: nginx:1.27\n", ""), SERVICE_RULES],
    ]);
    expect(found(text, state)).toEqual([
      ["loopback-port-binding", '"127.0.0.1:18080:80"'],
      ["invalid-value", "3.8"],
    ]);
  });
});

describe("sequences of edits", () => {
  const FILE = [
    "services:",
    "  web:",
    "    image: nginx:1.27",
    "    ports:",
    '      - "8080:80"',
    "  api:",
    "    image: ghcr.io/acme/api:2.1",
    "    environment: {LOG_LEVEL: info, PORT: '3000'}",
    "    privileged: true",
    "  db:",
    "    image: postgres:16",
    "    container_name: db",
    "volumes:",
    "  data: {}",
    "",
  ].join("\n");

  it("typing a key, deleting a line, pasting a block, editing inside a flow map", () => {
    const { text, state } = typeEdits(FILE, [
      [(t) => replace(t, "    privileged: true\n", "    c: x\n    privileged: true\n"), SERVICE_RULES],
      [(t) => replace(t, "    c: x\n", "    container_name: api\n"), SERVICE_RULES],
      [(t) => replace(t, "    container_name: api\n", ""), SERVICE_RULES],
      [(t) => replace(t, "    container_name: db\n", "    network_mode: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n    container_name: db\n"), SERVICE_RULES],
      [(t) => replace(t, "PORT: '3000'", "PORT: '3001', DEBUG: 'true'"), SERVICE_RULES],
      [(t) => replace(t, '      - "8080:80"\n', '      - "443:443"\n      - "8080:80"\n'), SERVICE_RULES],
    ]);
    expect(found(text, state)).toEqual([
      ["no-tls-proxy-service", "web"],
      ["privileged-container", "privileged: true"],
      ["host-network-mode", "network_mode: host"],
      ["docker-socket-mount", "/var/run/docker.sock:/var/run/docker.sock"],
      ["no-container-name", "container_name: db"],
    ]);
  });

  it("the same with CRLF line ends", () => {
    const crlf = FILE.replace(/\n/g, "\r\n");
    const { text, state } = typeEdits(crlf, [
      [(t) => replace(t, "    privileged: true\r\n", "    container_name: api\r\n    privileged: true\r\n"), SERVICE_RULES],
      [(t) => replace(t, "    environment: {LOG_LEVEL: info, PORT: '3000'}\r\n", ""), SERVICE_RULES],
      [(t) => replace(t, "postgres:16", "postgres"), SERVICE_RULES],
    ]);
    expect(found(text, state)).toEqual([
      ["public-port-binding", '"8080:80"'],
      ["no-container-name", "container_name: api"],
      ["privileged-container", "privileged: true"],
      ["no-container-name", "container_name: db"],
    ]);
  });

  it("a rule turned off is neither run nor counted", () => {
    const options: LintOptions = { ...OPTIONS, severities: { "no-container-name": "off", "privileged-container": "off" } };
    const { text, state } = typeEdits(
      FILE,
      [
        [(t) => replace(t, "container_name: db", "container_name: database"), SERVICE_RULES - 2],
        [(t) => replace(t, "nginx:1.27", "nginx:1.27.1"), SERVICE_RULES - 2],
      ],
      options,
    );
    expect(found(text, state)).toEqual([
      ["public-port-binding", '"8080:80"'],
    ]);
  });
});

describe("rules that report a service's whole lines, or the point where its next entry would go", () => {
  /** A rule reporting, for each service, its lines (from its key's line to the next one's) or the point after them. */
  const serviceRule = (id: string, point: boolean): Rule => ({
    meta: { ...noContainerName.meta, id, reads: "service" },
    check({ model, report }) {
      for (const service of model.services) {
        const { lines } = model;
        const start = lines.lineStarts[lines.positionAt(service.keyNode.range![0]).line];
        const end = lines.nextLineStart(lines.positionAt(service.map!.range![1] - 1).line);
        report({ start: point ? end : start, end, messageId: "fixedName", data: { name: service.name } });
      }
    },
  });
  // Like a rule that marks a service as a whole: the edited service's lines are its own.
  const whole: LintOptions = { isPipeline: true, rules: [serviceRule("whole-service", false)] };
  // Like a rule that offers to add a missing key after a service's last line: that point is where the next
  // service's lines start (or past the last service's), so the edited service's check alone cannot tell whose
  // it is, and the rule runs over the whole file (0 rules reused).
  const point: LintOptions = { isPipeline: true, rules: [serviceRule("service-end", true)] };
  const FILE = ["services:", "  web:", "    image: nginx:1.27", "  db:", "    image: postgres:16", "  cache:", "    image: redis:7", "volumes:", "  data: {}", ""].join("\n");
  const ENDING = FILE.slice(0, FILE.indexOf("volumes:"));

  it.each<[string, string, (text: string) => string, LintOptions, number]>([
    ["whole lines, an edit in the first service", FILE, (t) => replace(t, "nginx:1.27", "nginx:1.27.1"), whole, 1],
    ["whole lines, an edit in a middle service", FILE, (t) => replace(t, "postgres:16", "postgres:16.4"), whole, 1],
    ["whole lines, an edit in the last service", FILE, (t) => replace(t, "redis:7", "redis:7.2"), whole, 1],
    ["whole lines, an edit in the last service of a file that ends with it", ENDING, (t) => replace(t, "redis:7", "redis:7.2"), whole, 1],
    ["whole lines, an edit of the same length", FILE, (t) => replace(t, "postgres:16", "postgres:17"), whole, 1],
    ["the point after, an edit in the first service", FILE, (t) => replace(t, "nginx:1.27", "nginx:1.27.1"), point, 0],
    ["the point after, an edit in a middle service", FILE, (t) => replace(t, "postgres:16", "postgres:16.4"), point, 0],
    ["the point after, an edit in the last service", FILE, (t) => replace(t, "redis:7", "redis:7.2"), point, 0],
    ["the point after, an edit in the last service of a file that ends with it", ENDING, (t) => replace(t, "redis:7", "redis:7.2"), point, 0],
    ["the point after, an edit of the same length", FILE, (t) => replace(t, "postgres:16", "postgres:17"), point, 0],
  ])("%s", (_, text, edit, options, reused) => {
    typeEdits(text, [[edit, reused]], options);
  });
});
