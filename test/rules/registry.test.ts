/**
 * Every rule in the registry has its table, and every table tests a rule of
 * the registry: test/rules/<id>.test.ts calls testRule with that very rule
 * object, at least one valid and one invalid case, and, for a fixable rule, an
 * invalid case whose output differs from its code.
 *
 * How it sees real calls and not file names: vitest runs each file in its own
 * worker, so this file imports every table file itself, inside
 * collectTables(): testRule then records the rule and the cases it is given
 * and declares no test (the cases run once, in their own file, through the
 * same testRule). The import happens while vitest collects, inside a skipped
 * suite, so the few other tests of a table file (helper functions) are
 * declared here skipped instead of running twice.
 */
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "../../server/src/engine/rules/index.js";
import { collectTables, recordedTables, type TableRecord } from "./rule-tester.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
/** The files here that are not rule tables: this one and the RuleTester's own tests. */
const NOT_TABLES = new Set(["registry.test.ts", "rule-tester.test.ts"]);
const TABLE_FILES = readdirSync(HERE).filter((file) => file.endsWith(".test.ts") && !NOT_TABLES.has(file)).sort();

/** What each table file passed to testRule. */
const tablesOf = new Map<string, readonly TableRecord[]>();

describe.skip("the table files' other tests (they run in their own files; imported here for their tables)", async () => {
  await collectTables(async () => {
    for (const file of TABLE_FILES) {
      const before = recordedTables().length;
      await import(`./${file}`);
      tablesOf.set(file, recordedTables().slice(before));
    }
  });
});

describe("every registered rule has a table that runs", () => {
  it("the table files were read", () => {
    expect([...tablesOf.keys()]).toEqual(TABLE_FILES);
  });

  it.each(RULES.map((rule) => [rule.meta.id, rule] as const))("%s", (id, rule) => {
    const file = `${id}.test.ts`;
    expect(existsSync(`${HERE}${file}`), `test/rules/${file} exists`).toBe(true);
    const tables = tablesOf.get(file) ?? [];
    expect(tables.map((t) => t.rule.meta.id), `test/rules/${file} calls testRule once, with ${id}`).toEqual([id]);
    const [{ rule: tested, cases }] = tables;
    expect(tested, `test/rules/${file} tests the registered rule object, not a copy`).toBe(rule);
    expect(cases.valid.length, `${id}: at least one valid case`).toBeGreaterThan(0);
    expect(cases.invalid.length, `${id}: at least one invalid case`).toBeGreaterThan(0);
    if (rule.meta.fixable) {
      const fixed = cases.invalid.filter((test) => typeof test.output === "string" && test.output !== test.code);
      expect(fixed.length, `${id} is fixable: at least one invalid case states the output of its fix`).toBeGreaterThan(0);
    }
  });

  it("every table file tests a registered rule, and is named after it", () => {
    const strays = [...tablesOf].flatMap(([file, tables]) =>
      tables.length === 0
        ? [`${file} calls testRule with no rule`]
        : tables.filter((t) => !RULES.includes(t.rule) || `${t.rule.meta.id}.test.ts` !== file).map((t) => `${file} tests ${t.rule.meta.id}`),
    );
    expect(strays).toEqual([]);
  });
});
