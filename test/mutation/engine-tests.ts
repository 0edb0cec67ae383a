/**
 * The tests `npm run mutation` runs against each mutant of the engine, as one
 * test file (vitest.mutation.config.mts): every test of test/rules and
 * test/engine, each file's tests in a describe named after it.
 *
 * Why one file: vitest loads a test file's modules afresh, so with seventy
 * files a mutant that thirty files cover paid for loading the engine thirty
 * times, several seconds, against milliseconds of tests. Loaded once per run,
 * the engine is still loaded afresh for each mutant (no cache of one mutant
 * leaks into the next, and a mutant of module-level code is evaluated).
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe } from "vitest";

const TEST = join(__dirname, "..");
/** The table files' own check (test/rules/registry.test.ts) imports them again, which needs them not loaded yet. */
const LEFT_OUT = new Set(["rules/registry.test.ts"]);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? testFiles(join(dir, entry.name)) : entry.name.endsWith(".test.ts") ? [join(dir, entry.name)] : []))
    .sort();
}

// The schema's tests first: the compiled schema is built once, by the first test that asks for it, and with per-test
// coverage that test alone runs against a mutant of compile() (compose-schema.test.ts's first test checks each
// keyword). Then the rule pages' check: a mutant of module-level code (a rule's meta, a table) runs every test until
// one fails, and the pages show every rule's texts and what it reports on its example.
const FIRST = [join(TEST, "engine", "compose-schema.test.ts"), join(TEST, "docs.test.ts")];
const FILES = [...FIRST, ...testFiles(join(TEST, "rules")), ...testFiles(join(TEST, "engine")), join(TEST, "cli", "rule-error.test.ts")].filter(
  (file, index, all) => all.indexOf(file) === index && !LEFT_OUT.has(relative(TEST, file).split("\\").join("/")),
);

for (const file of FILES) {
  describe(relative(TEST, file).split("\\").join("/"), async () => {
    await import(file);
  });
}
