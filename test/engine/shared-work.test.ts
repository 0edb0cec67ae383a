/**
 * The work the rules share, done once per parse (bench/ measures why): facts
 * memoized per service, cached map entries, the interpolation scanner, the
 * zone index and scalar walk of undefined-variable, the reference index of
 * no-tls-proxy-service. Each test fails if the shortcut gives another answer
 * than the plain computation would.
 */
import { describe, expect, it } from "vitest";
import { containerVariables, serviceEnvironment } from "../../server/src/engine/compose/environment.js";
import { findInterpolations } from "../../server/src/engine/compose/interpolation.js";
import { mapEntries, parseCompose } from "../../server/src/engine/compose/model.js";
import { servicePorts } from "../../server/src/engine/compose/ports.js";
import { serviceImage, tlsProxyKind } from "../../server/src/engine/compose/services.js";
import { fixAll } from "../../server/src/engine/fixes.js";
import { lint } from "../../server/src/engine/lint.js";
import { RULES_BY_ID } from "../../server/src/engine/rules/index.js";

const TWO_SERVICES = [
  "services:",
  "  web:",
  "    image: nginx:1.27",
  "    ports:",
  '      - "80:80"',
  "    environment:",
  "      - GREETING=hello",
  "  api:",
  "    image: ghcr.io/acme/api:1",
  "    ports:",
  '      - "172.17.0.1:8000:8000"',
  "    environment:",
  "      TOKEN: ${TOKEN}",
  "      HOME_DIR: /srv",
  "",
].join("\n");

describe("facts memoized per service", () => {
  it("answers each service with its own facts, the same object each time within a parse, fresh ones for a new parse", () => {
    const model = parseCompose(TWO_SERVICES);
    const [web, api] = model.services;
    expect(servicePorts(web).map((b) => b.published)).toEqual([[80, 80]]);
    expect(servicePorts(api).map((b) => [b.hostIp, b.published])).toEqual([["172.17.0.1", [8000, 8000]]]);
    expect(servicePorts(web)).toBe(servicePorts(web));
    expect(serviceImage(web)?.name).toBe("nginx");
    expect(serviceImage(api)?.repository).toBe("acme/api");
    expect(tlsProxyKind(web)).toBe("proxy");
    expect(tlsProxyKind(api)).toBeUndefined();

    const again = parseCompose(TWO_SERVICES);
    expect(servicePorts(again.services[0])).not.toBe(servicePorts(web));
    expect(servicePorts(again.services[0])).toEqual(servicePorts(web));
  });

  it("reads a service's environment once per parse, and its container variables from it", () => {
    const model = parseCompose(TWO_SERVICES);
    const api = model.services[1];
    const variables = serviceEnvironment(model, api);
    expect(variables.map((v) => [v.name, v.value])).toEqual([
      ["TOKEN", "${TOKEN}"],
      ["HOME_DIR", "/srv"],
    ]);
    expect(serviceEnvironment(model, api)).toBe(variables);
    // `TOKEN: ${TOKEN}` passes the deploy-time value through: not a value of the container's own.
    expect([...containerVariables(model, api)]).toEqual(["HOME_DIR"]);
    expect(containerVariables(model, api)).toBe(containerVariables(model, api));
    // Another parse is read again: the values' source text comes from it.
    const other = parseCompose(model.text.replace("/srv", "/tmp"));
    expect(serviceEnvironment(other, other.services[1])).not.toBe(variables);
    expect(serviceEnvironment(other, other.services[1])[1].raw).toBe("/tmp");
  });

  it("works out the entries of a map once: every caller gets the same read-only list", () => {
    const model = parseCompose("x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: app\n");
    const web = model.services[0];
    const first = mapEntries(web.map!, web.document);
    expect(first.map((e) => [e.key, e.merged])).toEqual([
      ["image", false],
      ["restart", true],
    ]);
    expect(mapEntries(web.map!, web.document)).toBe(first);
    expect(web.entries).toBe(first);
  });
});

describe("findInterpolations", () => {
  const found = (text: string) => findInterpolations(text).map((i) => [text.slice(i.start, i.end), i.name, i.operator ?? null, i.argument ?? null]);

  it("reads names of letters, digits and underscores, starting with a letter or an underscore", () => {
    expect(found("$A $_b9 $9 $@ $[ $` ${Z} ${_} ${1} ${A_1:-x}")).toEqual([
      ["$A", "A", null, null],
      ["$_b9", "_b9", null, null],
      ["${Z}", "Z", null, null],
      ["${_}", "_", null, null],
      ["${A_1:-x}", "A_1", ":-", "x"],
    ]);
    // Characters just outside the ranges: `/` `:` `@` `[` `` ` `` `{`, and a name ending at them.
    expect(found("$a/$b:$c@$d[$e`$f{")).toEqual([
      ["$a", "a", null, null],
      ["$b", "b", null, null],
      ["$c", "c", null, null],
      ["$d", "d", null, null],
      ["$e", "e", null, null],
      ["$f", "f", null, null],
    ]);
  });

  it("skips `$$`, a lone `$` at the end, unclosed braces and unknown operators", () => {
    expect(found("$$A $ ${B ${C!x} ${D}$")).toEqual([["${D}", "D", null, null]]);
    expect(found("$")).toEqual([]);
    expect(found("${")).toEqual([]);
    expect(found("$é ${é}")).toEqual([]);
  });

  it("keeps nested interpolations in the argument, and `$$` inside it", () => {
    expect(found("${A:-${B:-$$c}}/${D?need ${E}} ${F+}")).toEqual([
      ["${A:-${B:-$$c}}", "A", ":-", "${B:-$$c}"],
      ["${D?need ${E}}", "D", "?", "need ${E}"],
      ["${F+}", "F", "+", ""],
    ]);
  });
});

const undefinedVariable = RULES_BY_ID.get("undefined-variable")!;
/** undefined-variable's findings among every rule's: unescaped-dollar supersedes it where both report. */
const lintUndefined = (text: string) =>
  lint(parseCompose(text), { isPipeline: true })
    .filter((f) => f.ruleId === undefinedVariable.meta.id)
    .map((f) => text.slice(f.start, f.end));

describe("undefined-variable's walk, beside unescaped-dollar", () => {
  it("leaves to unescaped-dollar the container's variables of a command shared through an anchor, per service", () => {
    const text = [
      "x-run: &run",
      '  command: ["sh", "-c", "echo $A $B $C"]',
      "services:",
      "  one:",
      "    <<: *run",
      "    image: app",
      "    environment:",
      "      A: one",
      "  two:",
      "    <<: *run",
      "    image: app",
      "    environment:",
      "      B: two",
      "  three:",
      "    image: app",
      '    command: ["echo", "$C", "$A"]',
      "    environment:",
      "      C: three",
      "",
    ].join("\n");
    // The anchored command: A is service one's, B service two's, C nobody's there. Service three: C is its own, A is not.
    expect(lintUndefined(text)).toEqual(["$C", "$A"]);
  });

  it("reads values in flow collections and in collections used as keys, never keys themselves", () => {
    const text = [
      "services:",
      "  web:",
      "    image: app",
      "    labels: [a=$L1, {b: $L2}]",
      "    x-odd:",
      "      ? [$K1, {k: $K2}]",
      "      : $V",
      "      $NOT_A_VALUE: 1",
      "",
    ].join("\n");
    expect(lintUndefined(text)).toEqual(["$L1", "$L2", "$K1", "$K2", "$V"]);
  });

  it("finds a `$` past many collections without one", () => {
    const quiet = Array.from({ length: 50 }, (_, i) => `  s${i}:\n    image: app\n    ports: ["${8000 + i}:80"]\n    deploy: {resources: {limits: {memory: 1G}}}\n`).join("");
    const text = `services:\n${quiet}  last:\n    image: app:\${TAG}\n`;
    expect(lintUndefined(text)).toEqual(["${TAG}"]);
  });
});

describe("no-tls-proxy-service's reference index", () => {
  it("removes every reference to each proxy, in services before and after it, in every form", () => {
    const text = [
      "services:",
      "  early:",
      "    image: app",
      "    depends_on:",
      "      - traefik",
      "      - db",
      "  traefik:",
      "    image: traefik:v3",
      "    ports:",
      '      - "443:443"',
      "  late:",
      "    image: app",
      "    links:",
      "      - certbot:acme",
      "      - db",
      "    depends_on:",
      "      traefik:",
      "        condition: service_started",
      "      db:",
      "        condition: service_healthy",
      "  certbot:",
      "    image: certbot/certbot",
      "  db:",
      "    image: postgres:16",
      "",
    ].join("\n");
    const rule = RULES_BY_ID.get("no-tls-proxy-service")!;
    const findings = lint(parseCompose(text), { isPipeline: true, rules: [rule] });
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(["traefik", "certbot"]);
    expect(fixAll(text, (current) => lint(parseCompose(current), { isPipeline: true, rules: [rule] })).text).toBe(
      [
        "services:",
        "  early:",
        "    image: app",
        "    depends_on:",
        "      - db",
        "  late:",
        "    image: app",
        "    links:",
        "      - db",
        "    depends_on:",
        "      db:",
        "        condition: service_healthy",
        "  db:",
        "    image: postgres:16",
        "",
      ].join("\n"),
    );
  });
});
