import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import type { Finding } from "../../server/src/engine/lint.js";
import { noContainerName } from "../../server/src/engine/rules/no-container-name.js";
import type { LogPattern, Rule } from "../../server/src/engine/rules/types.js";
import { spanText } from "../helpers/spans.js";

const MODEL = parseCompose("services:\n  web:\n    image: app:1\n    container_name: latigue_web\n  worker:\n    image: app:1\n");

/** A rule of its own log pattern: `fault`, or `fault <name>`. */
function faultRule(logPattern: Partial<LogPattern> = {}): Rule {
  return {
    meta: { ...noContainerName.meta, id: "fault", docs: { ...noContainerName.meta.docs, logPattern: { patterns: [/fault(?: (\w+))?/], ...logPattern } } },
    check: () => {},
  };
}

/** A finding of the fault rule at [start, end), whose own log line is `log`. */
function finding(start: number, end: number, log: string): Finding {
  return { ruleId: "fault", messageId: "fixedName", severity: "warning", message: { en: "", fr: "" }, start, end, log };
}

describe("explainLog", () => {
  it("reads a line through its colours and its JSON escapes", () => {
    const log = '{"log":"\x1b[0;31mConflict. The container name \\"/\x1b[1;33mlatigue_web\x1b[0m\\" is already in use\x1b[0m"}';
    const [problem] = explainLog(log, "en", MODEL);
    expect(problem.title).toBe('Container name "/latigue_web" already in use');
    expect(problem.ranges.map((r) => spanText(MODEL, r))).toEqual(["4:5-4:32 container_name: latigue_web"]);
  });

  it("takes a rule's pattern that has the g flag", () => {
    const rule = faultRule({ patterns: [/fault (\w+)/g] });
    expect(explainLog("fault web", "en", MODEL, { rules: [rule] }).map((p) => p.id)).toEqual(["fault", "dashboard-copy"]);
  });

  it("onError: a pattern that throws while reading the lines; the other explainers go on", () => {
    const errors: string[] = [];
    const rule = faultRule({ patterns: [null as unknown as RegExp] });
    const problems = explainLog("fault web\ncurl: 502 Bad Gateway", "en", MODEL, { rules: [rule], onError: (piece) => errors.push(piece) });
    expect(errors).toEqual(["fault"]);
    expect(problems.map((p) => p.id)).toEqual(["bad-gateway", "dashboard-copy"]);
  });

  it("orders the problems of one line by column", () => {
    expect(explainLog("curl: 502 Bad Gateway after fault web", "en", MODEL, { rules: [faultRule()] }).map((p) => p.id)).toEqual(["bad-gateway", "fault", "dashboard-copy"]);
  });

  it("at one column, the rules' problems come before the other explainers'", () => {
    const rule = faultRule({ patterns: [/Bad Gateway/] });
    expect(explainLog("curl: Bad Gateway", "en", MODEL, { rules: [rule] }).map((p) => p.id)).toEqual(["fault", "bad-gateway", "dashboard-copy"]);
  });

  // A line naming the fault "undefined" is not the line that names none: the problem is where the log names it.
  it("a fault named undefined is placed at its own line", () => {
    expect(explainLog("fault\ncurl: 502 Bad Gateway\nfault undefined", "en", MODEL, { rules: [faultRule()] }).map((p) => p.id)).toEqual(["bad-gateway", "fault", "dashboard-copy"]);
  });

  // The findings a problem links: those whose own log shows the fault the pasted line names.
  const named = finding(10, 20, "fault web");
  const other = finding(30, 40, "something else");
  const unnamed = finding(50, 60, "fault");
  it.each([
    ["a line naming no fault: the findings whose log shows the pattern", "fault", {}, [named, other], [[10, 20]]],
    ["a line naming web: the finding whose log names web", "fault web", {}, [named, other, unnamed], [[10, 20]]],
    // With a sameFault that takes any name, a finding whose log names none still is not linked.
    ["a line naming web, any name the same fault", "fault web", { sameFault: () => true }, [named, other, unnamed], [[10, 20]]],
  ])("links: %s", (_, log, pattern, findings, ranges) => {
    const [problem] = explainLog(log, "en", MODEL, { rules: [faultRule(pattern)], findings });
    expect(problem.ranges.map((r) => [r.start, r.end])).toEqual(ranges);
  });

  it("links each range once, in file order", () => {
    const findings = [finding(10, 50, "fault web"), finding(20, 30, "fault web"), finding(10, 50, "fault web"), finding(10, 20, "fault web")];
    const [problem] = explainLog("fault web", "en", MODEL, { rules: [faultRule()], findings });
    expect(problem.ranges).toEqual([
      { start: 10, end: 20 },
      { start: 10, end: 50 },
      { start: 20, end: 30 },
    ]);
  });
});
