/**
 * The RuleTester's own contract: each of its checks fails a table that breaks
 * it, with a message naming the case, and passes one that keeps it.
 */
import { describe, expect, it } from "vitest";
import type { Report, Rule } from "../../server/src/engine/rules/types.js";
import { checkFixAndLogAsserted, checkFixableTable, checkInvalidCase, checkMessagesTable, checkValidCase, type InvalidCase } from "./rule-tester.js";

/** Reports a top-level key `bad` (on the key), optionally with a log line and a fix renaming it to `good`. */
function fakeRule(options: { fixable: boolean; fix?: boolean; log?: string; fr?: string; en?: string; messages?: Rule["meta"]["messages"] }): Rule {
  return {
    meta: {
      id: "fake-rule",
      severity: "warning",
      scope: "all",
      fixable: options.fixable,
      docs: {
        title: { en: "A fake rule", fr: "Une fausse règle" },
        description: { en: "For the tester's tests.", fr: "Pour les tests du testeur." },
        example: { invalid: "bad: 1\n", valid: "good: 1\n" },
      },
      messages: options.messages ?? { notAKey: { en: options.en ?? "{{key}} is not a key", fr: options.fr ?? "{{key}} n'est pas une clé" } },
    },
    check({ model, report }) {
      for (const entry of model.top) {
        if (entry.key !== "bad") continue;
        const [start, end] = entry.keyNode.range!;
        const finding: Report = { start, end, messageId: "notAKey", data: { key: "bad" }, log: options.log };
        if (options.fix) finding.fix = { title: { en: "Rename to good", fr: "Renommer en good" }, edits: [{ start, end, newText: "good" }] };
        report(finding);
      }
    },
  };
}

const CODE = "bad: 1\nservices:\n  web:\n    image: x\n";
const FIXED = "good: 1\nservices:\n  web:\n    image: x\n";
const FOUND = { line: 1, column: 1, endLine: 1, endColumn: 4, messageId: "notAKey" };
const fixing = fakeRule({ fixable: true, fix: true, log: "the log line" });
const invalid = (test: Partial<InvalidCase>): InvalidCase => ({ name: "the case", code: CODE, errors: [FOUND], ...test });

describe("RuleTester: invalid cases", () => {
  it("pass when start, end, message, output, fixOutput and log all hold", () => {
    checkInvalidCase(fixing, invalid({ errors: [{ ...FOUND, message: "bad is not a key", fixOutput: FIXED, log: "the log line" }], output: FIXED }), 0);
  });

  it("check the messageId, and the whole message when stated", () => {
    expect(() => checkInvalidCase(fixing, invalid({ errors: [{ ...FOUND, messageId: "other" }], output: FIXED }), 0)).toThrow(/finding 1: messageId/);
    expect(() => checkInvalidCase(fixing, invalid({ errors: [{ ...FOUND, message: "not a key" }], output: FIXED }), 0)).toThrow(/finding 1: message/);
    const noId = { ...FOUND, messageId: undefined } as unknown as InvalidCase["errors"][number];
    expect(() => checkInvalidCase(fixing, invalid({ errors: [noId], output: FIXED }), 0)).toThrow(/expected finding 1 \(1:1\) states no messageId/);
  });

  it("fail a message over 120 characters in English or 140 in French, or on two lines", () => {
    const long = "x".repeat(117);
    expect(() => checkInvalidCase(fakeRule({ fixable: false, en: `{{key}} ${long}` }), invalid({}), 0)).toThrow(/the en message fits 120 characters/);
    checkInvalidCase(fakeRule({ fixable: false, en: `{{key}} ${long.slice(1)}` }), invalid({}), 0);
    expect(() => checkInvalidCase(fakeRule({ fixable: false, fr: `{{key}} ${"x".repeat(137)}` }), invalid({}), 0)).toThrow(/the fr message fits 140 characters/);
    expect(() => checkInvalidCase(fakeRule({ fixable: false, en: "{{key}} is\nnot a key" }), invalid({}), 0)).toThrow(/the en message is one line/);
  });

  it("state the end of every expected finding (checked at run time too, for tables TypeScript does not see)", () => {
    const noEnd = { line: 1, column: 1 } as InvalidCase["errors"][number];
    expect(() => checkInvalidCase(fixing, invalid({ errors: [noEnd], output: FIXED }), 0)).toThrow(
      'fake-rule, invalid case "the case": expected finding 1 (1:1) states no endLine, endColumn',
    );
    expect(() => checkInvalidCase(fixing, invalid({ errors: [{ ...FOUND, endColumn: 3 }], output: FIXED }), 0)).toThrow(/finding 1: range/);
  });

  it("list at least one finding", () => {
    expect(() => checkInvalidCase(fixing, invalid({ errors: [] }), 0)).toThrow(/lists at least one expected finding/);
  });

  it("state output when a finding carries a fix; output: null asserts there is none; output never equals code", () => {
    expect(() => checkInvalidCase(fixing, invalid({}), 0)).toThrow(/the findings carry a fix, so the case states output/);
    expect(() => checkInvalidCase(fixing, invalid({ output: null }), 0)).toThrow(/output: null asserts that no finding carries a fix/);
    expect(() => checkInvalidCase(fixing, invalid({ output: CODE }), 0)).toThrow(/output equals code; write output: null/);
    checkInvalidCase(fakeRule({ fixable: true }), invalid({ output: null }), 0);
    checkInvalidCase(fakeRule({ fixable: false }), invalid({}), 0);
  });

  it("fail a fix from a rule whose meta.fixable is false", () => {
    expect(() => checkInvalidCase(fakeRule({ fixable: false, fix: true }), invalid({ output: FIXED }), 0)).toThrow(/offers a fix \("Rename to good"\) but its meta.fixable is false/);
  });

  it("check each finding's own quick fix and log line", () => {
    expect(() => checkInvalidCase(fixing, invalid({ errors: [{ ...FOUND, fixOutput: CODE }], output: FIXED }), 0)).toThrow(/the text after its quick fix alone/);
    expect(() => checkInvalidCase(fixing, invalid({ errors: [{ ...FOUND, fixOutput: null }], output: FIXED }), 0)).toThrow(/fixOutput: null asserts no quick fix/);
    expect(() => checkInvalidCase(fixing, invalid({ errors: [{ ...FOUND, log: "another line" }], output: FIXED }), 0)).toThrow(/finding 1: log/);
    expect(() => checkInvalidCase(fakeRule({ fixable: false }), invalid({ errors: [{ ...FOUND, log: "the log line" }] }), 0)).toThrow(/finding 1: log/);
    checkInvalidCase(fakeRule({ fixable: false }), invalid({ errors: [{ ...FOUND, log: null, fixOutput: null }] }), 0);
  });

  it("need a French message that differs from the English", () => {
    expect(() => checkInvalidCase(fakeRule({ fixable: false, fr: "{{key}} is not a key" }), invalid({}), 0)).toThrow(/the French message differs from the English/);
  });

  it("check the fix-all output", () => {
    expect(() => checkInvalidCase(fixing, invalid({ output: "good: 2\n" }), 0)).toThrow(/output \(the text after fix-all\)/);
  });
});

describe("RuleTester: valid cases and tables", () => {
  it("a valid case reports nothing", () => {
    checkValidCase(fixing, { code: FIXED }, 0);
    expect(() => checkValidCase(fixing, { name: "not valid", code: CODE }, 0)).toThrow(/fake-rule, valid case "not valid"/);
  });

  it("a fixable rule shows a fix-all in at least one invalid case, a rule that is not shows none", () => {
    checkFixableTable(fixing, { valid: [], invalid: [invalid({ output: FIXED })] });
    expect(() => checkFixableTable(fixing, { valid: [], invalid: [invalid({ output: null })] })).toThrow(/is meta.fixable: at least one invalid case/);
    expect(() => checkFixableTable(fakeRule({ fixable: false }), { valid: [], invalid: [invalid({ output: FIXED })] })).toThrow(/is not meta.fixable/);
  });

  it("a table asserts a quick fix and a log line once, where the rule sets them", () => {
    checkFixAndLogAsserted(fixing, { valid: [], invalid: [invalid({ errors: [{ ...FOUND, fixOutput: FIXED, log: "the log line" }], output: FIXED })] });
    expect(() => checkFixAndLogAsserted(fixing, { valid: [], invalid: [invalid({ errors: [{ ...FOUND, log: "the log line" }], output: FIXED })] })).toThrow(/at least one expected finding states its fixOutput/);
    expect(() => checkFixAndLogAsserted(fixing, { valid: [], invalid: [invalid({ errors: [{ ...FOUND, fixOutput: FIXED }], output: FIXED })] })).toThrow(/at least one expected finding states its log/);
    checkFixAndLogAsserted(fakeRule({ fixable: false }), { valid: [], invalid: [invalid({})] });
  });
});

describe("RuleTester: meta.messages", () => {
  const stated = invalid({ errors: [{ ...FOUND, message: "bad is not a key" }], output: FIXED });
  it("every message is reported by some case, and one expected finding states its whole text", () => {
    checkMessagesTable(fixing, { valid: [], invalid: [stated] });
    expect(() => checkMessagesTable(fixing, { valid: [], invalid: [invalid({ output: FIXED })] })).toThrow(/fake-rule.notAKey: one expected finding states its whole English text/);
    const unused = fakeRule({ fixable: true, fix: true, messages: { notAKey: { en: "{{key}} is not a key", fr: "{{key}} n'est pas une clé" }, unused: { en: "never", fr: "jamais" } } });
    expect(() => checkMessagesTable(unused, { valid: [], invalid: [stated] })).toThrow(/fake-rule.unused: some invalid case reports it/);
  });

  it("the French template names the English one's placeholders", () => {
    const missing = fakeRule({ fixable: true, fix: true, messages: { notAKey: { en: "{{key}} is not a key", fr: "ce n'est pas une clé" } } });
    expect(() => checkMessagesTable(missing, { valid: [], invalid: [stated] })).toThrow(/the French template names the English one's placeholders/);
  });
});
