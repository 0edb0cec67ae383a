/**
 * Every quick fix and fix-all is safe (see support.ts for what that means,
 * precisely): on every file (the project's in `npm test`, the corpus
 * folder's in `npm run test:corpus`), on generated files with planted faults,
 * and on random mutations of both that still parse.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { compatibleFixEdits, fixAll } from "../../server/src/engine/fixes.js";
import { applyEdits } from "../../server/src/engine/text.js";
import { FAULT_KINDS, generateCompose, type FaultKind } from "../generators/compose.js";
import {
  benignMutationsArb,
  corpus,
  corpusLabel,
  editViolations,
  excerpt,
  floorFor,
  fixAllPasses,
  fixViolations,
  FUZZ,
  lintStrict,
  mutateAll,
  mutationsArb,
  SEED,
  type LintSetup,
} from "./support.js";

/**
 * The floor of the quick fixes checked on the project's files in `npm test`:
 * 133 on the 26 files there were when it was set (71 of them in
 * test/fixtures/elestio-style and the generated files), with room for the
 * fixtures to change, not for a file set that lost its faults.
 */
const PROJECT_QUICK_FIXES = 100;

const PIPELINE: LintSetup = { isPipeline: true };
const OTHER: LintSetup = { isPipeline: false };

interface Tally {
  files: number;
  quickFixes: number;
  fixAllPasses: number;
}

/** Checks every quick fix and the fix-all of one text; returns the problems found, each with its context. */
function checkText(name: string, text: string, setup: LintSetup, tally: Tally, compareEngine = FUZZ): string[] {
  const mustParse = parseCompose(text).syntaxErrors.length === 0;
  const lintFn = (t: string) => lintStrict(t, setup);
  const problems: string[] = [];
  tally.files++;
  for (const finding of lintFn(text)) {
    if (!finding.fix) continue;
    tally.quickFixes++;
    for (const problem of fixViolations(text, finding, setup, mustParse)) {
      problems.push(`${name}: quick fix of ${finding.ruleId} at ${finding.start}: ${problem}`);
    }
  }
  const { text: fixed, passes } = fixAllPasses(text, lintFn);
  for (const [index, pass] of passes.entries()) {
    tally.fixAllPasses++;
    for (const problem of editViolations(pass.before, pass.edits, mustParse)) problems.push(`${name}: fix-all pass ${index + 1}: ${problem}`);
  }
  if (compareEngine && fixAll(text, lintFn).text !== fixed) problems.push(`${name}: fixAll and its passes disagree`);
  // A fixed point: nothing left that a second fix-all would change.
  const left = compatibleFixEdits(lintFn(fixed).filter((f) => f.fix));
  if (left.length > 0 && applyEdits(fixed, left) !== fixed) problems.push(`${name}: a second fix-all changes the text again`);
  return problems;
}

const faultsArb: fc.Arbitrary<boolean | number | FaultKind[]> = fc.oneof(
  fc.boolean(),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.subarray([...FAULT_KINDS], { minLength: 1 }),
);

function generated(maxLines: number) {
  return fc.record({
    lines: fc.integer({ min: 10, max: maxLines }),
    seed: fc.integer(),
    faults: faultsArb,
    eol: fc.constantFrom("\n" as const, "\r\n" as const),
  });
}

/** Files up to 600 lines in the long run; the mutation runs keep to 250, as every fix of a file is checked apart. */
const generatedArb = generated(FUZZ ? 600 : 250);
const smallGeneratedArb = generated(250);

describe("fixes", () => {
  it("every quick fix and every fix-all of every file is safe, fixes its finding, and fix-all reaches a fixed point", () => {
    const tally: Tally = { files: 0, quickFixes: 0, fixAllPasses: 0 };
    const problems: string[] = [];
    for (const file of corpus()) {
      // The rules of other compose files are a subset of the pipeline file's: the long run checks them apart.
      for (const setup of FUZZ ? [PIPELINE, OTHER] : [PIPELINE]) problems.push(...checkText(file.rel, file.text, setup, tally, true));
    }
    console.info(`[reliability] fixes of ${corpusLabel()}: ${tally.files} file checks, ${tally.quickFixes} quick fixes, ${tally.fixAllPasses} fix-all passes`);
    expect(problems).toEqual([]);
    expect(tally.quickFixes, corpusLabel()).toBeGreaterThan(floorFor({ project: PROJECT_QUICK_FIXES, shared: 200 }));
  });

  it("on generated files with planted faults, in both line endings", () => {
    const tally: Tally = { files: 0, quickFixes: 0, fixAllPasses: 0 };
    fc.assert(
      fc.property(generatedArb, (options) => {
        const text = generateCompose(options);
        const problems = checkText(`generateCompose(${JSON.stringify(options)})`, text, PIPELINE, tally);
        expect(problems).toEqual([]);
      }),
      { numRuns: FUZZ ? 1_000 : 40, seed: SEED },
    );
    console.info(`[reliability] generated fixes: ${tally.files} files, ${tally.quickFixes} quick fixes, ${tally.fixAllPasses} fix-all passes`);
  });

  it("with comments and blank lines anywhere, and without a final line break", () => {
    const files = corpus();
    const tally: Tally = { files: 0, quickFixes: 0, fixAllPasses: 0 };
    const source = fc.oneof(
      fc.constantFrom(...files.map((f) => ({ name: f.rel, text: f.text }))),
      smallGeneratedArb.map((options) => ({ name: `generateCompose(${JSON.stringify(options)})`, text: generateCompose({ ...options, faults: true }) })),
    );
    fc.assert(
      fc.property(source, benignMutationsArb, ({ name, text }, mutations) => {
        const mutated = mutateAll(text, mutations);
        const problems = checkText(`${name} (faults: true) mutated by ${JSON.stringify(mutations)}`, mutated, PIPELINE, tally);
        expect(problems, excerpt(mutated)).toEqual([]);
      }),
      { numRuns: FUZZ ? 2_000 : 80, seed: SEED },
    );
    console.info(`[reliability] commented fixes: ${tally.files} files, ${tally.quickFixes} quick fixes, ${tally.fixAllPasses} fix-all passes`);
  });

  it("on mutations of those files and of generated ones that still parse", () => {
    const files = corpus();
    const tally: Tally = { files: 0, quickFixes: 0, fixAllPasses: 0 };
    let skipped = 0;
    const source = fc.oneof(
      fc.constantFrom(...files.map((f) => ({ name: f.rel, text: f.text }))),
      smallGeneratedArb.map((options) => ({ name: `generateCompose(${JSON.stringify(options)})`, text: generateCompose(options) })),
    );
    fc.assert(
      fc.property(source, mutationsArb, ({ name, text }, mutations) => {
        const mutated = mutateAll(text, mutations);
        if (parseCompose(mutated).syntaxErrors.length > 0) {
          skipped++;
          return;
        }
        const problems = checkText(`${name} mutated by ${JSON.stringify(mutations)}`, mutated, PIPELINE, tally);
        expect(problems, excerpt(mutated)).toEqual([]);
      }),
      { numRuns: FUZZ ? 5_000 : 150, seed: SEED },
    );
    console.info(`[reliability] mutated fixes: ${tally.files} parsing mutants (${skipped} did not parse), ${tally.quickFixes} quick fixes, ${tally.fixAllPasses} fix-all passes`);
  });
});
