/**
 * Table-driven rule tests, after ESLint's RuleTester: `valid` cases report
 * nothing; `invalid` cases report exactly the listed findings (1-based line
 * and column of start and end) and, with `output`, fix to exactly that text.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { fixAll } from "../../server/src/engine/fixes.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import type { Rule } from "../../server/src/engine/rules/types.js";

export interface ValidCase {
  name?: string;
  code: string;
  /** Defaults to true: the file the pipeline deploys. */
  pipeline?: boolean;
  /** Files written beside the compose file (`.env`, `.gitignore`, env files); the compose file then lives on disk. */
  files?: Record<string, string>;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A part of the English message, or a pattern it matches. */
  message?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after every fix of this rule; null when the rule offers none here. */
  output?: string | null;
}

function lintWith(rule: Rule, test: ValidCase, text: string): Finding[] {
  const model = parseCompose(text);
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
  return lint(model, { isPipeline: test.pipeline ?? true, project, rules: [rule], onRuleError: (_, error) => { throw error; } });
}

function position(text: string, offset: number) {
  const model = parseCompose(text);
  const { line, character } = model.lines.positionAt(offset);
  return { line: line + 1, column: character + 1 };
}

export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe("valid", () => {
      for (const [index, test] of cases.valid.entries()) {
        it(test.name ?? `valid #${index + 1}`, () => {
          const findings = lintWith(rule, test, test.code);
          expect(findings.map((f) => f.message.en)).toEqual([]);
        });
      }
    });
    describe("invalid", () => {
      for (const [index, test] of cases.invalid.entries()) {
        it(test.name ?? `invalid #${index + 1}`, () => {
          const findings = lintWith(rule, test, test.code);
          const actual = findings.map((f) => {
            const start = position(test.code, f.start);
            const end = position(test.code, f.end);
            return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message: f.message.en };
          });
          expect(actual.length, JSON.stringify(actual, null, 1)).toBe(test.errors.length);
          test.errors.forEach((expected, i) => {
            const got = actual[i];
            expect({ line: got.line, column: got.column }).toEqual({ line: expected.line, column: expected.column });
            if (expected.endLine !== undefined) expect(got.endLine).toBe(expected.endLine);
            if (expected.endColumn !== undefined) expect(got.endColumn).toBe(expected.endColumn);
            if (typeof expected.message === "string") expect(got.message).toContain(expected.message);
            else if (expected.message) expect(got.message).toMatch(expected.message);
          });
          for (const finding of findings) {
            expect(finding.message.fr, "every message has a French text").not.toBe("");
            expect(finding.message.fr).not.toBe(finding.message.en);
          }
          if (test.output !== undefined) {
            const fixed = fixAll(test.code, (text) => lintWith(rule, test, text));
            if (test.output === null) expect(findings.every((f) => !f.fix)).toBe(true);
            else {
              expect(fixed.text).toBe(test.output);
              expect(parseCompose(fixed.text).syntaxErrors).toEqual([]);
              expect(fixAll(fixed.text, (text) => lintWith(rule, test, text)).text, "a second fix-all changes nothing").toBe(fixed.text);
            }
          }
        });
      }
    });
  });
}
