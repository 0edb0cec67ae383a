import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { noContainerName } from "../../server/src/engine/rules/no-container-name.js";
import type { Report, Rule } from "../../server/src/engine/rules/types.js";

const TEXT = "services:\n  web:\n    image: nginx:1.27\n    container_name: web\n";

/** A rule that reports the given reports, in this order. */
function reporting(id: string, reports: readonly Omit<Report, "messageId">[], messageId = "found"): Rule {
  return {
    meta: { ...noContainerName.meta, id, supersedes: undefined, messages: { found: { en: "Found", fr: "Trouvé" } } },
    check: (context) => {
      for (const report of reports) context.report({ messageId, ...report });
    },
  };
}

function spans(rules: Rule[], severities?: Record<string, "off" | "error">): string[] {
  return lint(parseCompose(TEXT), { isPipeline: true, rules, severities }).map((f) => `${f.ruleId} ${f.start}-${f.end}`);
}

describe("lint's findings", () => {
  it("are in file order, the shorter first at one start, then by rule id", () => {
    expect(spans([reporting("b-rule", [{ start: 12, end: 40 }, { start: 12, end: 15 }]), reporting("a-rule", [{ start: 12, end: 15 }])])).toEqual([
      "a-rule 12-15",
      "b-rule 12-15",
      "b-rule 12-40",
    ]);
  });

  // Report.once: the first in the file of the reports with one key, not the first reported.
  it.each([
    ["a later report earlier in the file", [{ start: 30, end: 35 }, { start: 12, end: 15 }], ["once 12-15"]],
    ["two at one start: the first reported", [{ start: 12, end: 15 }, { start: 12, end: 16 }], ["once 12-15"]],
  ])("once: %s", (_, reports, expected) => {
    expect(spans([reporting("once", reports.map((r) => ({ ...r, once: "WEB" })))])).toEqual(expected);
  });

  it("do not run a rule the settings turn off", () => {
    const errors: string[] = [];
    const throwing: Rule = { meta: { ...noContainerName.meta, id: "throwing" }, check: () => { throw new Error("check failed"); } };
    lint(parseCompose(TEXT), { isPipeline: true, rules: [throwing], severities: { throwing: "off" }, onRuleError: (id) => errors.push(id) });
    expect(errors).toEqual([]);
  });

  it("name a messageId the rule's messages lack", () => {
    const errors: string[] = [];
    const findings = lint(parseCompose(TEXT), {
      isPipeline: true,
      rules: [reporting("typo", [{ start: 12, end: 15 }], "fuond")],
      onRuleError: (id, error) => errors.push(`${id}: ${(error as Error).message}`),
    });
    expect(findings).toEqual([]);
    expect(errors).toEqual(['typo: typo reports messageId "fuond", which its meta.messages lacks']);
  });
});
