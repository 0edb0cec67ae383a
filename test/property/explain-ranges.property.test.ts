/**
 * The log explainer links where the light bulbs are: on every file (the
 * project's in `npm test`, the corpus folder's in `npm run test:corpus`),
 * linted as the pipeline file, a log made of its findings' own `log` lines
 * (with the timestamps, prefixes, colours and JSON escaping of real logs)
 * and the project's name where a finding can only say `<project>` (as the
 * VM prints it: `/opt/app/latigue/.env.production`, `latigue-db-1`)
 * is explained so that
 * - every range of a problem named after a rule is the range of a finding of
 *   that rule, or of a rule sharing its log pattern (no-tls-proxy-service's
 *   bind failure is no-reserved-host-port's problem);
 * - every finding whose log line was pasted is linked by its problem;
 * - every finding with a log line belongs to a rule with a log pattern, and
 *   no piece of the explainer throws.
 * Then the same on random subsets of those lines, shuffled and decorated.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { explainLog, type ExplainedProblem } from "../../server/src/engine/explain.js";
import type { Finding } from "../../server/src/engine/lint.js";
import { RULES_BY_ID } from "../../server/src/engine/rules/index.js";
import type { LogPattern } from "../../server/src/engine/rules/types.js";
import { spanText } from "../helpers/spans.js";
import { corpus, corpusLabel, floorFor, FUZZ, lintStrict, SEED } from "./support.js";

/** How real logs wrap a line: the pipeline's timestamps, compose's logfmt, a service's prefix, colours, JSON with escaped quotes. */
const DECORATIONS: ((line: string) => string)[] = [
  (line) => line,
  (line) => `2026-02-14 18:02:14 ${line}`,
  (line) => `time="2026-02-14T18:02:14Z" level=warning msg="${line.replace(/"/g, '\\"')}"`,
  (line) => `web-1  | ${line}`,
  (line) => `\x1b[31mERROR\x1b[0m ${line}\x1b[0m`,
  (line) => `{"log":"${line.replace(/"/g, '\\"')}\\n","stream":"stderr"}`,
];

/** The names the pipeline gives the project: one word, and one with a dash. */
const PROJECTS = ["latigue", "my-app"];

/** The id of the problem a rule's log line makes: the first rule declaring its pattern. */
const problemIdOf = new Map<LogPattern, string>();
for (const rule of RULES_BY_ID.values()) {
  const pattern = rule.meta.docs.logPattern;
  if (pattern && !problemIdOf.has(pattern)) problemIdOf.set(pattern, rule.meta.id);
}

/** The rules whose findings a problem named after `id` may link: those sharing the pattern of rule `id`. */
function rulesOfProblem(id: string): Set<string> | undefined {
  const pattern = RULES_BY_ID.get(id)?.meta.docs.logPattern;
  if (!pattern) return undefined;
  return new Set([...RULES_BY_ID.values()].filter((rule) => rule.meta.docs.logPattern === pattern).map((rule) => rule.meta.id));
}

interface Explained {
  problems: ExplainedProblem[];
  violations: string[];
}

/** Explains the pasted findings' lines, decorated, and checks the links. */
function check(model: ComposeModel, findings: readonly Finding[], pasted: readonly Finding[], decorate: (line: string, index: number) => string): Explained {
  const violations: string[] = [];
  const errors: string[] = [];
  // CRLF for half the logs: a log copied from a Windows terminal.
  const log = pasted.map((f, i) => decorate(f.log!.replaceAll("<project>", PROJECTS[i % PROJECTS.length]), i)).join(pasted.length % 2 ? "\r\n" : "\n");
  const problems = explainLog(log, "en", model, { findings, onError: (piece, error) => errors.push(`${piece}: ${(error as Error)?.stack ?? String(error)}`) });
  violations.push(...errors.map((e) => `an explainer piece threw: ${e}`));
  const at = (f: { start: number; end: number }) => `${f.start}:${f.end}`;
  for (const problem of problems) {
    const rules = rulesOfProblem(problem.id);
    if (!rules) continue;
    for (const range of problem.ranges) {
      const linked = findings.some((f) => rules.has(f.ruleId) && at(f) === at(range));
      if (!linked) violations.push(`${problem.id} links ${spanText(model, range)}, which is no finding of ${[...rules].join(" or ")}`);
    }
  }
  for (const finding of pasted) {
    const pattern = RULES_BY_ID.get(finding.ruleId)?.meta.docs.logPattern;
    if (!pattern) {
      violations.push(`${finding.ruleId} gives its findings a log line but has no log pattern: ${finding.log}`);
      continue;
    }
    const id = problemIdOf.get(pattern)!;
    if (!problems.some((p) => p.id === id && p.ranges.some((r) => at(r) === at(finding)))) {
      violations.push(`the pasted "${finding.log}" does not link its finding ${finding.ruleId} ${spanText(model, finding)}: ${JSON.stringify(problems.map((p) => [p.id, p.title, p.ranges.map((r) => spanText(model, r))]))}`);
    }
  }
  return { problems, violations };
}

describe("explain links land on the findings of the pasted lines", () => {
  const files = corpus().map((file) => {
    const model = parseCompose(file.text);
    const findings = lintStrict(file.text, { isPipeline: true });
    return { rel: file.rel, model, findings, logged: findings.filter((f) => typeof f.log === "string") };
  });

  it("on every file, all its findings' log lines pasted at once", () => {
    const violations: string[] = [];
    let linked = 0;
    for (const { rel, model, findings, logged } of files) {
      if (logged.length === 0) continue;
      const result = check(model, findings, logged, (line, index) => DECORATIONS[index % DECORATIONS.length](line));
      violations.push(...result.violations.map((v) => `${rel}: ${v}`));
      linked += logged.length;
    }
    expect(violations).toEqual([]);
    // Not a vacuous pass: the files have findings with log lines of most rules.
    expect(linked).toBeGreaterThan(floorFor({ project: 120, shared: 800 }));
    const rules = new Set(files.flatMap((f) => f.logged.map((l) => l.ruleId)));
    expect(rules.size).toBeGreaterThan(floorFor({ project: 8, shared: 8 }));
    console.info(`[reliability] explain: ${corpusLabel()}, ${linked} log lines of ${rules.size} rules pasted, each linked to its finding`);
  });

  it("on random subsets of a file's lines, shuffled and decorated", () => {
    const withLogs = files.filter((f) => f.logged.length > 0);
    const subset = fc.integer({ min: 0, max: withLogs.length - 1 }).chain((index) =>
      fc.record({
        index: fc.constant(index),
        pasted: fc.shuffledSubarray(withLogs[index].logged, { minLength: 1 }),
        decorations: fc.array(fc.nat({ max: DECORATIONS.length - 1 }), { minLength: 1, maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(subset, ({ index, pasted, decorations }) => {
        const { rel, model, findings } = withLogs[index];
        const { violations } = check(model, findings, pasted, (line, n) => DECORATIONS[decorations[n % decorations.length]](line));
        expect(violations, rel).toEqual([]);
      }),
      { numRuns: FUZZ ? 5_000 : 150, seed: SEED },
    );
  });
});
