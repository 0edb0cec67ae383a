/**
 * The engine never throws: on every file (the project's in `npm test`, the
 * corpus folder's in `npm run test:corpus`) and on random mutations of
 * them and of generated files (lines deleted, duplicated or swapped,
 * truncation at any offset, indentation changed, tabs, quotes, brackets and
 * other characters inserted). Every finding and every edit it offers stays
 * inside the text, and "disable for this line" disables without changing
 * anything else. Rules and hover parts that throw are isolated by the
 * engine and reported (onRuleError, the hover's onError): any report fails.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { disableForLineEdit, fixAll } from "../../server/src/engine/fixes.js";
import { hover } from "../../server/src/engine/hover/index.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { YAML_SYNTAX_RULE_ID } from "../../server/src/engine/rules/yaml-syntax.js";
import { applyEdits } from "../../server/src/engine/text.js";
import { generateCompose } from "../generators/compose.js";
import { corpus, corpusLabel, excerpt, FUZZ, hoverStrict, leavesOf, mutateAll, mutationsArb, pickFiles, SEED } from "./support.js";

const LOG = `env file /opt/app/latigue/.env.production not found
Error response from daemon: Conflict. The container name "/latigue_web" is already in use
failed to bind host port for 0.0.0.0:80 - address already in use
Bind for 0.0.0.0:5432 failed: port is already allocated
network shared_apps declared as external, but could not be found
dependency failed to start: container latigue-db-1 has no healthcheck configured
The "DB_PASSWORD" variable is not set. Defaulting to a blank string.
the attribute \`version\` is obsolete
services.web additional properties 'enviroment' not allowed
Creating docker compose file
Invalid HTTP_HOST header: '159.195.104.193:8000'
"GET / HTTP/1.1" 502 157`;

function leafSet(text: string): string[] {
  return leavesOf(text)
    .map((leaf) => `${leaf.path}\u0000${leaf.text}`)
    .sort();
}

/** Everything the editor and the CLI do with a text, checked for crashes and for offsets out of range. */
function exercise(text: string): string[] {
  const problems: string[] = [];
  const model = parseCompose(text);
  const parses = model.syntaxErrors.length === 0;
  const inText = (start: number, end: number) => Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length;
  for (const isPipeline of [true, false]) {
    const ruleErrors: string[] = [];
    const findings: Finding[] = lint(model, { isPipeline, onRuleError: (id, error) => ruleErrors.push(`${id}: ${(error as Error)?.stack ?? String(error)}`) });
    problems.push(...ruleErrors.map((e) => `a rule threw: ${e}`));
    for (const finding of findings) {
      if (!inText(finding.start, finding.end)) problems.push(`${finding.ruleId} reports outside the text: ${finding.start}-${finding.end}`);
      if (!finding.message.en || !finding.message.fr) problems.push(`${finding.ruleId} has an empty message`);
      for (const edit of finding.fix?.edits ?? []) {
        if (!inText(edit.start, edit.end)) problems.push(`${finding.ruleId}'s fix edits outside the text: ${JSON.stringify(edit)}`);
      }
      if (finding.fix) {
        try {
          applyEdits(text, finding.fix.edits);
        } catch (error) {
          problems.push(`${finding.ruleId}'s fix does not apply: ${(error as Error).message}`);
        }
      }
    }
    if (isPipeline || FUZZ) {
      const fixed = fixAll(text, (t) => lint(parseCompose(t), { isPipeline }));
      if (parses && parseCompose(fixed.text).syntaxErrors.length > 0) problems.push(`fix-all breaks the YAML: ${parseCompose(fixed.text).syntaxErrors[0].message}`);
    }
    for (const offset of [0, text.length >> 1, text.length, text.length + 1, -1, 0.5]) {
      hover(model, findings, offset, "fr", { isPipeline, onError: (part, error) => problems.push(`the hover's ${part} threw at ${offset}: ${(error as Error)?.stack ?? String(error)}`) });
    }
    if (!isPipeline) continue;

    // Disable for this line: a comment above the finding's line, nothing else changes, and the finding goes.
    const leaves = parses ? leafSet(text) : [];
    // One finding per rule (every finding in the long run): the edit depends on where the finding is.
    const sample = FUZZ ? findings : findings.filter((f, i) => findings.findIndex((g) => g.ruleId === f.ruleId) === i);
    for (const finding of sample) {
      const edit = disableForLineEdit(model, finding);
      if (!inText(edit.start, edit.end)) {
        problems.push(`disable-for-line of ${finding.ruleId} edits outside the text`);
        continue;
      }
      if (!parses || finding.ruleId === YAML_SYNTAX_RULE_ID) continue;
      const after = applyEdits(text, [edit]);
      const afterModel = parseCompose(after);
      if (afterModel.syntaxErrors.length > 0) problems.push(`disable-for-line of ${finding.ruleId} breaks the YAML: ${afterModel.syntaxErrors[0].message}`);
      else if (leafSet(after).join("\n") !== leaves.join("\n")) problems.push(`disable-for-line of ${finding.ruleId} at ${finding.start} changes a value or key`);
      const start = finding.start + (edit.start <= finding.start ? edit.newText.length : 0);
      const still = lint(afterModel, { isPipeline }).find((f) => f.ruleId === finding.ruleId && f.start === start);
      if (still) problems.push(`disable-for-line of ${finding.ruleId} at ${finding.start} does not disable it`);
    }
  }
  // A log of every explainer's failures, on every file and mutation: no piece of the explainer throws.
  explainLog(LOG, "fr", model, { onError: (piece, error) => problems.push(`the explainer's ${piece} threw: ${(error as Error)?.stack ?? String(error)}`) });
  return problems;
}

describe("the engine never throws", () => {
  it("on every file, as a pipeline file or another compose file", () => {
    const problems: string[] = [];
    for (const file of corpus()) problems.push(...exercise(file.text).map((p) => `${file.rel}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("on random mutations of those files and of generated ones", () => {
    const files = corpus();
    let runs = 0;
    const source = fc.oneof(
      fc.constantFrom(...files.map((f) => f.text)),
      fc.record({ lines: fc.integer({ min: 5, max: 200 }), seed: fc.integer(), faults: fc.boolean(), eol: fc.constantFrom("\n" as const, "\r\n" as const) }).map(generateCompose),
    );
    fc.assert(
      fc.property(source, mutationsArb, (text, mutations) => {
        runs++;
        const mutated = mutateAll(text, mutations);
        expect(exercise(mutated), excerpt(mutated)).toEqual([]);
      }),
      { numRuns: FUZZ ? 10_000 : 250, seed: SEED },
    );
    console.info(`[reliability] engine: ${corpusLabel()}, then ${runs} mutated files, no exception`);
  });

  it("on every truncation of a few files", () => {
    // Latigue's first pipeline file (its whole history in the long run) in the shared corpus; the project's file with the most pitfalls (all its Elestio-style files).
    const picks = FUZZ
      ? pickFiles([/^latigue\//, /^test\/fixtures\/elestio-style\//])
      : pickFiles(["latigue/4bd3bbe/docker-compose.yml", "test/fixtures/elestio-style/helpdesk-before-pipeline.yml"]);
    let runs = 0;
    for (const file of picks) {
      // Every offset in the long run; every 7th (and the text's ends) in npm test.
      const step = FUZZ ? 1 : 7;
      const offsets = Array.from({ length: Math.ceil(file.text.length / step) }, (_, i) => i * step).concat(file.text.length);
      for (const at of offsets) {
        runs++;
        const text = file.text.slice(0, at);
        const model = parseCompose(text);
        const errors: string[] = [];
        const findings = lint(model, { isPipeline: true, onRuleError: (id) => errors.push(id) });
        expect(errors, `${file.rel} cut at ${at}`).toEqual([]);
        fixAll(text, (t) => lint(parseCompose(t), { isPipeline: true }));
        hoverStrict(model, findings, at, "en", { isPipeline: true });
      }
    }
    console.info(`[reliability] truncations: ${runs} prefixes of ${picks.length} files`);
  });
});
