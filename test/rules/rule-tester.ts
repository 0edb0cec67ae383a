/**
 * Table-driven rule tests, after ESLint's RuleTester and stricter than it
 * where ranges and fixes are the product (squiggles, fix targets):
 * - a `valid` case reports nothing;
 * - an `invalid` case reports exactly the listed findings, in order, each with
 *   the 1-based line and column of its start AND its end (both required),
 *   its `messageId` (required, as the rule's meta.messages names it),
 *   optionally its whole English message, the text its own quick fix alone
 *   gives (`fixOutput`) and its log line (`log`);
 * - every message of meta.messages is reported by some invalid case, and one
 *   expected finding per message states its whole English text (`message`);
 * - every message is one line, at most MESSAGE_LIMITS long (120 characters in
 *   English, 140 in French);
 * - `output` is the text after fix-all: required as soon as a finding carries
 *   a fix (as ESLint requires since v7), `null` asserts that none does, and it
 *   never equals `code`;
 * - `meta.fixable` agrees with what the rule does: a rule that is not fixable
 *   never offers a fix, a fixable one has an invalid case whose output differs
 *   from its code;
 * - when the rule's findings carry a quick fix or a log line, at least one
 *   expected finding of the table asserts each (`fixOutput`, `log`);
 * - every message and fix title has a French text that differs from the
 *   English; every fixed text (fix-all, each quick fix alone) still parses,
 *   and a second fix-all changes nothing.
 * testRule also records the table it is given (see collectTables), so that
 * test/rules/registry.test.ts checks every registered rule has one.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { fixAll } from "../../server/src/engine/fixes.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { placeholdersOf } from "../../server/src/engine/i18n/format.js";
import { MESSAGE_LIMITS, type Rule } from "../../server/src/engine/rules/types.js";
import { applyEdits, LineIndex } from "../../server/src/engine/text.js";

export interface ValidCase {
  name?: string;
  code: string;
  /** Defaults to true: the file the pipeline deploys. */
  pipeline?: boolean;
  /** Files written beside the compose file (`.env`, `.gitignore`, env files); the compose file then lives on disk. */
  files?: Record<string, string>;
  /** The project configuration's `dashboardVariables`; unset: the project lists none. */
  dashboardVariables?: string[];
  /** The project configuration's `proxyTargetPorts`; unset: the project lists none. */
  proxyTargetPorts?: number[];
  /** parseCompose's `maxChars`, the language server's size limit; unset: no limit, as in the CLI. */
  maxChars?: number;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  /** Where the squiggle ends (1-based, exclusive column, as ESLint's): required. */
  endLine: number;
  endColumn: number;
  /** The key of the rule's meta.messages it reports: required. */
  messageId: string;
  /** The whole English message, exactly (or a pattern it matches). */
  message?: string | RegExp;
  /** The text after applying this finding's own quick fix alone (the light bulb's fix); null: it has none. */
  fixOutput?: string | null;
  /** The finding's log line (`Finding.log`), exactly; null: it has none. */
  log?: string | null;
  /** The whole words the message quotes in part (`Finding.detail`), exactly. */
  detail?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after fix-all with this rule: required when a finding carries a fix; null asserts that none does. */
  output?: string | null;
}

export interface RuleTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** What one call of testRule was given. */
export interface TableRecord {
  rule: Rule;
  cases: RuleTable;
}

const tables: TableRecord[] = [];
let collecting = false;

/** Every table testRule was given in this worker, in call order. */
export function recordedTables(): readonly TableRecord[] {
  return tables;
}

/**
 * Runs `load` (which imports table files) with testRule recording each table
 * but declaring no test: the registry test sees what every table file really
 * passes to testRule, while the cases run once, in their own file.
 */
export async function collectTables(load: () => Promise<unknown>): Promise<void> {
  collecting = true;
  try {
    await load();
  } finally {
    collecting = false;
  }
}

function lintWith(rule: Rule, test: ValidCase, text: string): Finding[] {
  const model = parseCompose(text, { maxChars: test.maxChars });
  let project;
  if (test.files) {
    const dir = mkdtempSync(join(tmpdir(), "elestio-rule-"));
    mkdirSync(join(dir, ".git"));
    for (const [name, content] of Object.entries(test.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const composePath = join(dir, "docker-compose.yml");
    writeFileSync(composePath, text);
    project = fileProject(composePath, dir);
  }
  return lint(model, { isPipeline: test.pipeline ?? true, project, rules: [rule], dashboardVariables: test.dashboardVariables, proxyTargetPorts: test.proxyTargetPorts, onRuleError: (_, error) => { throw error; } });
}

function position(text: string, offset: number) {
  const { line, character } = new LineIndex(text).positionAt(offset);
  return { line: line + 1, column: character + 1 };
}

/** The case's name in failure messages: "<rule>, invalid case "<name>"". */
function caseLabel(rule: Rule, kind: "valid" | "invalid", test: ValidCase, index: number): string {
  return `${rule.meta.id}, ${kind} case ${JSON.stringify(test.name ?? `#${index + 1}`)}`;
}

/** A table mistake (not a rule's): fails the case with a message naming it. */
function checkExpectations(label: string, test: InvalidCase): void {
  if (test.errors.length === 0) throw new Error(`${label}: an invalid case lists at least one expected finding (a case that reports nothing is valid)`);
  test.errors.forEach((expected, i) => {
    const missing = (["line", "column", "endLine", "endColumn"] as const).filter((key) => !Number.isInteger(expected[key]));
    if (missing.length > 0) {
      throw new Error(
        `${label}: expected finding ${i + 1} (${expected.line}:${expected.column}) states no ${missing.join(", ")}; ` +
          "every expected finding states where it starts and where it ends (line, column, endLine, endColumn)",
      );
    }
    if (typeof expected.messageId !== "string") throw new Error(`${label}: expected finding ${i + 1} (${expected.line}:${expected.column}) states no messageId`);
  });
  if (test.output === test.code) throw new Error(`${label}: output equals code; write output: null to assert that no fix is offered`);
}

/** `line:column-endLine:endColumn`, 1-based: one string, so that a failure shows both ranges whole. */
function rangeText(range: { line: number; column: number; endLine: number; endColumn: number }): string {
  return `${range.line}:${range.column}-${range.endLine}:${range.endColumn}`;
}

/** Runs one valid case: the rule reports nothing. Throws on a failure. */
export function checkValidCase(rule: Rule, test: ValidCase, index: number): void {
  const findings = lintWith(rule, test, test.code).map((f) => {
    const start = position(test.code, f.start);
    const end = position(test.code, f.end);
    return `${rangeText({ ...start, endLine: end.line, endColumn: end.column })} ${f.message.en}`;
  });
  expect(findings, `${caseLabel(rule, "valid", test, index)} reports nothing`).toEqual([]);
}

/** Runs one invalid case (see the header for what it checks). Throws on a failure, with a message naming the case. */
export function checkInvalidCase(rule: Rule, test: InvalidCase, index: number): void {
  const { id, fixable } = rule.meta;
  const label = caseLabel(rule, "invalid", test, index);
  checkExpectations(label, test);
  const findings = lintWith(rule, test, test.code);
  const actual = findings.map((f) => {
    const start = position(test.code, f.start);
    const end = position(test.code, f.end);
    return { range: rangeText({ ...start, endLine: end.line, endColumn: end.column }), messageId: f.messageId, message: f.message.en };
  });
  expect(actual.length, `${label}: the rule reports\n${JSON.stringify(actual, null, 1)}`).toBe(test.errors.length);
  test.errors.forEach((expected, i) => {
    const finding = findings[i];
    const where = `${label}, finding ${i + 1}`;
    expect(actual[i].range, `${where}: range`).toBe(rangeText(expected));
    expect(actual[i].messageId, `${where}: messageId`).toBe(expected.messageId);
    if (typeof expected.message === "string") expect(actual[i].message, `${where}: message`).toBe(expected.message);
    else if (expected.message) expect(actual[i].message, `${where}: message`).toMatch(expected.message);
    if (expected.fixOutput === null) expect(finding.fix?.title.en, `${where}: fixOutput: null asserts no quick fix`).toBeUndefined();
    else if (expected.fixOutput !== undefined) {
      expect(finding.fix, `${where}: fixOutput asserts a quick fix`).toBeDefined();
      expect(applyEdits(test.code, finding.fix!.edits), `${where}: the text after its quick fix alone`).toBe(expected.fixOutput);
    }
    if (expected.log !== undefined) expect(finding.log ?? null, `${where}: log`).toBe(expected.log);
    if (expected.detail !== undefined) expect(finding.detail, `${where}: detail`).toBe(expected.detail);
  });
  for (const finding of findings) {
    expect(finding.message.fr, `${label}: every message has a French text`).not.toBe("");
    expect(finding.message.fr, `${label}: the French message differs from the English`).not.toBe(finding.message.en);
    for (const language of ["en", "fr"] as const) {
      const text = finding.message[language];
      expect(text, `${label}: the ${language} message is one line`).not.toMatch(/[\r\n]/);
      expect(text.length, `${label}: the ${language} message fits ${MESSAGE_LIMITS[language]} characters: ${text}`).toBeLessThanOrEqual(MESSAGE_LIMITS[language]);
    }
    if (!finding.fix) continue;
    const title = finding.fix.title;
    expect(fixable, `${label}: ${id} offers a fix ("${title.en}") but its meta.fixable is false`).toBe(true);
    // The title is all the lightbulb menu shows of a fix: an empty one is a blank menu item.
    expect(title.en, `${label}: every fix title has an English text`).not.toBe("");
    expect(title.fr, `${label}: every fix title has a French text`).not.toBe("");
    expect(title.fr, `${label}: the French fix title differs from the English`).not.toBe(title.en);
    const alone = applyEdits(test.code, finding.fix.edits);
    expect(alone, `${label}: the quick fix "${title.en}" changes the text`).not.toBe(test.code);
    expect(parseCompose(alone).syntaxErrors, `${label}: the text after the quick fix "${title.en}" alone parses`).toEqual([]);
  }
  const fixTitles = findings.flatMap((f) => (f.fix ? [f.fix.title.en] : []));
  if (test.output === undefined) {
    expect(fixTitles, `${label}: the findings carry a fix, so the case states output (the text after fix-all), as ESLint requires`).toEqual([]);
  } else if (test.output === null) {
    expect(fixTitles, `${label}: output: null asserts that no finding carries a fix`).toEqual([]);
  } else {
    const fixed = fixAll(test.code, (text) => lintWith(rule, test, text));
    expect(fixed.text, `${label}: output (the text after fix-all)`).toBe(test.output);
    expect(parseCompose(fixed.text).syntaxErrors, `${label}: the fixed text parses`).toEqual([]);
    expect(fixAll(fixed.text, (text) => lintWith(rule, test, text)).text, `${label}: a second fix-all changes nothing`).toBe(fixed.text);
  }
}

/** meta.fixable agrees with the table: a fixable rule shows a fix-all in at least one invalid case, one that is not shows none. */
export function checkFixableTable(rule: Rule, cases: RuleTable): void {
  const { id, fixable } = rule.meta;
  const fixed = cases.invalid
    .map((test, index) => ({ test, name: test.name ?? `#${index + 1}` }))
    .filter(({ test }) => typeof test.output === "string" && test.output !== test.code)
    .map(({ name }) => name);
  if (fixable) expect(fixed.length, `${id} is meta.fixable: at least one invalid case states an output that differs from its code`).toBeGreaterThan(0);
  else expect(fixed, `${id} is not meta.fixable: no invalid case states a fixed output`).toEqual([]);
}

/**
 * meta.messages agrees with the table: each message is reported by some
 * invalid case and one expected finding states its whole English text; its
 * French template names the same placeholders and differs from the English.
 */
export function checkMessagesTable(rule: Rule, cases: RuleTable): void {
  const { id, messages } = rule.meta;
  const expected = cases.invalid.flatMap((test) => test.errors);
  for (const [messageId, template] of Object.entries(messages)) {
    expect(placeholdersOf(template.fr).sort(), `${id}.${messageId}: the French template names the English one's placeholders`).toEqual(placeholdersOf(template.en).sort());
    expect(template.fr, `${id}.${messageId}: the French template differs from the English`).not.toBe(template.en);
    const ofId = expected.filter((e) => e.messageId === messageId);
    expect(ofId.length, `${id}.${messageId}: some invalid case reports it`).toBeGreaterThan(0);
    expect(ofId.some((e) => typeof e.message === "string"), `${id}.${messageId}: one expected finding states its whole English text (message)`).toBe(true);
  }
}

/** Where the rule's findings carry a quick fix or a log line, at least one expected finding of the table asserts each. */
export function checkFixAndLogAsserted(rule: Rule, cases: RuleTable): void {
  const { id } = rule.meta;
  const findings = cases.invalid.flatMap((test) => lintWith(rule, test, test.code));
  const expected = cases.invalid.flatMap((test) => test.errors);
  if (findings.some((f) => f.fix)) {
    expect(expected.some((e) => typeof e.fixOutput === "string"), `${id} offers quick fixes: at least one expected finding states its fixOutput`).toBe(true);
  }
  if (findings.some((f) => typeof f.log === "string")) {
    expect(expected.some((e) => typeof e.log === "string"), `${id} sets log lines: at least one expected finding states its log`).toBe(true);
  }
}

export function testRule(rule: Rule, cases: RuleTable): void {
  tables.push({ rule, cases });
  if (collecting) return;

  describe(rule.meta.id, () => {
    describe("valid", () => {
      for (const [index, test] of cases.valid.entries()) it(test.name ?? `valid #${index + 1}`, () => checkValidCase(rule, test, index));
    });
    describe("invalid", () => {
      for (const [index, test] of cases.invalid.entries()) it(test.name ?? `invalid #${index + 1}`, () => checkInvalidCase(rule, test, index));
    });
    describe("the table", () => {
      it(rule.meta.fixable ? "meta.fixable: an invalid case shows a fix" : "meta.fixable is false: no invalid case shows a fix", () => checkFixableTable(rule, cases));
      it("asserts a finding's own quick fix and log line where the rule sets them", () => checkFixAndLogAsserted(rule, cases));
      it("reports every message of meta.messages and states each one's text once", () => checkMessagesTable(rule, cases));
    });
  });
}
