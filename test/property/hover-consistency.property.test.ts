/**
 * Hovers and findings agree, on every file (the project's in `npm test`, the
 * corpus folder's in `npm run test:corpus`) and on generated files with
 * faults, linted as the pipeline's file and as another compose file:
 *
 * (a) at every finding's range (its start, and its middle), the hover names
 *     the finding's rule id;
 * (b) where no finding is, no hover states a failure: no hover text holds
 *     FAILURE_VERDICT (i18n/hover-texts.ts), the words every verdict ("the
 *     deploy fails") has and no general explanation of a key has. "Where a
 *     finding is" is its range, or what it covers when larger (Report.covers:
 *     a proxy service's finding is about the whole service, its ports
 *     included).
 *
 * Disable comments are neutralized (same offsets): a finding the user
 * disabled is still a fault, and the hover may still say so. `npm test`
 * samples every 7th offset and every line start; `npm run fuzz` every offset,
 * in both languages.
 */
import { describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel, type Span } from "../../server/src/engine/compose/model.js";
import { FAILURE_VERDICT } from "../../server/src/engine/i18n/hover-texts.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import type { Finding } from "../../server/src/engine/lint.js";
import { lint } from "../../server/src/engine/lint.js";
import { RULES } from "../../server/src/engine/rules/index.js";
import type { Report, Rule } from "../../server/src/engine/rules/types.js";
import { FAULT_KINDS, generateCompose } from "../generators/compose.js";
import { corpus, corpusLabel, floorFor, FUZZ, hoverStrict, SEED, type CorpusFile } from "./support.js";

/** Generated files with faults, beside the corpus's (whose project files already hold a few): more in the long run. */
function generatedFiles(): CorpusFile[] {
  return Array.from({ length: FUZZ ? 40 : 4 }, (_, i) => {
    const options = { lines: 80 + 40 * (i % 5), seed: SEED + i, faults: i % 2 === 0 ? [...FAULT_KINDS] : 0.5, eol: i % 3 === 2 ? ("\r\n" as const) : ("\n" as const) };
    return { rel: `generated/hover-${options.seed}.yml`, text: generateCompose(options) };
  });
}

/** Same length, no longer a disable comment: every offset stays where it was. */
function withoutDisableComments(text: string): string {
  return text.replace(/elestio-disable-next-line/g, "elestio-disable-next-lin_");
}

interface Linted {
  model: ComposeModel;
  findings: Finding[];
  /** For each finding, where its fault is: its range, and what it covers when larger. */
  extents: Span[];
}

/** Lints, recording what each report covers (lint keeps it to itself). */
function lintWithExtents(text: string, isPipeline: boolean): Linted {
  const model = parseCompose(text);
  const covers = new Map<string, Span>();
  const recording: Rule[] = RULES.map((rule) => ({
    meta: rule.meta,
    check: (context) =>
      rule.check({
        ...context,
        report: (report: Report) => {
          const covered = (report as { covers?: Span }).covers;
          if (covered) covers.set(`${rule.meta.id}:${report.start}:${report.end}`, covered);
          context.report(report);
        },
      }),
  }));
  const errors: string[] = [];
  const findings = lint(model, { isPipeline, rules: recording, onRuleError: (id, error) => errors.push(`${id}: ${String(error)}`) });
  if (errors.length > 0) throw new Error(`a rule threw: ${errors.join("; ")}`);
  const extents = findings.flatMap((f) => [{ start: f.start, end: f.end }, covers.get(`${f.ruleId}:${f.start}:${f.end}`) ?? []].flat());
  return { model, findings, extents };
}

/** The offsets (b) probes: every one in the long run; else every 7th and each line's start. */
function probedOffsets(model: ComposeModel): number[] {
  const offsets = new Set<number>();
  for (let offset = 0; offset < model.text.length; offset += FUZZ ? 1 : 7) offsets.add(offset);
  for (let line = 0; line < model.lines.lineCount; line++) offsets.add(model.lines.lineStarts[line]);
  return [...offsets].sort((a, b) => a - b);
}

const inside = (offset: number, span: Span) => span.start <= offset && (offset < span.end || (span.start === span.end && offset === span.start));

describe("hovers and findings agree", () => {
  it("a finding's hover names its rule; where no finding is, no hover states a failure", () => {
    const problems: string[] = [];
    let named = 0;
    let probed = 0;
    const files = [...corpus(), ...generatedFiles()];
    for (const [index, file] of files.entries()) {
      const text = withoutDisableComments(file.text);
      for (const isPipeline of [true, false]) {
        const { model, findings, extents } = lintWithExtents(text, isPipeline);
        const languages: Language[] = FUZZ ? ["en", "fr"] : [index % 2 === 0 ? "en" : "fr"];
        const label = (offset: number) => {
          const { line, character } = model.lines.positionAt(offset);
          return `${file.rel}:${line + 1}:${character + 1} (${isPipeline ? "pipeline" : "other"} file)`;
        };
        for (const language of languages) {
          const options = { isPipeline };
          // (a)
          for (const finding of findings) {
            for (const offset of new Set([finding.start, (finding.start + finding.end) >> 1])) {
              named++;
              const markdown = hoverStrict(model, findings, offset, language, options)?.markdown ?? "";
              if (!markdown.includes(`\`${finding.ruleId}\``)) problems.push(`${label(offset)}: the hover does not name ${finding.ruleId}: ${JSON.stringify(markdown.slice(0, 200))}`);
            }
          }
          // (b)
          for (const offset of probedOffsets(model)) {
            if (extents.some((extent) => inside(offset, extent))) continue;
            probed++;
            const result = hoverStrict(model, findings, offset, language, options);
            if (result?.markdown.includes(FAILURE_VERDICT[language])) {
              problems.push(`${label(offset)}: no finding here, but the hover on ${JSON.stringify(model.text.slice(result.start, result.end))} states a failure: ${JSON.stringify(result.markdown)}`);
            }
          }
        }
      }
    }
    console.info(`[reliability] hover consistency: ${corpusLabel()} and ${files.length - corpus().length} generated, ${named} finding hovers, ${probed} hovers away from findings`);
    // Against a vacuous pass: findings to name, and offsets away from them.
    expect(named).toBeGreaterThan(floorFor({ project: 200, shared: 2_000 }));
    expect(probed).toBeGreaterThan(floorFor({ project: 5_000, shared: 50_000 }));
    expect(problems.slice(0, 30)).toEqual([]);
  });
});
