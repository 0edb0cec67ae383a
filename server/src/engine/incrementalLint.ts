/**
 * lint again after an edit inside one service (see reparseIncrementally):
 * the rules that read one service (`meta.reads: "service"`) check the edited
 * service alone, and their findings elsewhere are kept, moved by the edit's
 * change of length; the other rules run over the whole file. The findings
 * are the ones lint would give for the new text, which
 * test/property/incremental.property.test.ts checks over random edits.
 *
 * A rule's findings outside every service (on a top-level entry) may come
 * from a service that merges that entry with `<<`: they are kept only while
 * the top-level entries alone give exactly them; otherwise the rule runs over
 * the whole file.
 */
import { isDeepStrictEqual } from "node:util";
import { viewWithServices, type ServiceEdit } from "./compose/incremental.js";
import type { ComposeModel } from "./compose/model.js";
import { finishFindings, isActive, reportSteps, ruleFindings, type Finding, type LintOptions, type Reported } from "./lint.js";
import { RULES } from "./rules/index.js";
import type { Fix, Rule } from "./rules/types.js";

/** What lint worked out for one version: what each rule reported (the basis of the next version's) and the findings. */
export interface LintState {
  /** By rule id, in the order the rule reported. */
  reported: ReadonlyMap<string, readonly Reported[]>;
  findings: Finding[];
  /** How many rules checked the edited service alone (0 for a whole-file lint): for the benchmark and the tests. */
  reusedRules: number;
}

/** lint, keeping what each rule reported; one rule per step. */
export function* lintStateSteps(model: ComposeModel, options: LintOptions): Generator<void, LintState, void> {
  const reported = yield* reportSteps(model, options);
  return { reported, findings: finishFindings(model, [...reported.values()].flat(), options.rules ?? RULES), reusedRules: 0 };
}

/**
 * The lint state of `model`, made from `previous` (the state of the version
 * before `edit`, linted with the same options): one rule per step.
 */
export function* relintSteps(previous: LintState, model: ComposeModel, edit: ServiceEdit, options: LintOptions): Generator<void, LintState, void> {
  const rules = options.rules ?? RULES;
  const service = model.services[edit.index];
  const { segments } = edit;
  const edited = segments[edit.index];
  const serviceView = service && service.name === edit.name ? viewWithServices(model, [service]) : undefined;
  // The top-level entries alone: made when a rule has findings on them to compare (see relintRule).
  let topLevelModel: ComposeModel | undefined;
  const topLevelView = () => (topLevelModel ??= viewWithServices(model, []));
  const reported = new Map<string, readonly Reported[]>();
  let reusedRules = 0;
  for (const rule of rules) {
    if (!isActive(rule, options)) continue;
    const kept = rule.meta.reads === "service" && edited && serviceView ? relintRule(rule, previous.reported.get(rule.meta.id), { edit, segments, edited, serviceView, topLevelView, options }) : undefined;
    if (kept) reusedRules++;
    reported.set(rule.meta.id, kept ?? ruleFindings(rule, model, options));
    yield;
  }
  return { reported, findings: finishFindings(model, [...reported.values()].flat(), rules), reusedRules };
}

type Segment = ServiceEdit["segments"][number];

interface RelintContext {
  edit: ServiceEdit;
  /** Where each service's lines are in the new text. */
  segments: readonly Segment[];
  edited: Segment;
  serviceView: ComposeModel;
  topLevelView: () => ComposeModel | undefined;
  options: LintOptions;
}

/** A rule's findings on the new text from its previous ones and a check of the edited service; undefined when that cannot be told. */
function relintRule(rule: Rule, previous: readonly Reported[] | undefined, context: RelintContext): Reported[] | undefined {
  if (!previous) return undefined;
  const { edit, segments, edited, serviceView, topLevelView, options } = context;
  const moved: Reported[] = [];
  for (const reported of previous) {
    const { finding } = reported;
    // The edited service's own findings are worked out again below.
    if (finding.start >= edit.start && finding.end <= edit.oldEnd && finding.start < edit.oldEnd) continue;
    const shifted = shiftReported(reported, edit);
    if (!shifted) return undefined;
    moved.push(shifted);
  }
  const inService = (finding: Finding) => segments.some((s) => s.start <= finding.start && finding.end <= s.end && finding.start < s.end);
  const keptTopLevel = moved.filter((r) => !inService(r.finding));
  const fresh = ruleFindings(rule, serviceView, options);
  const own: Reported[] = [];
  const elsewhere: Reported[] = [];
  for (const reported of fresh) {
    const { finding } = reported;
    if (reported.once !== undefined) return undefined;
    if (edited.start <= finding.start && finding.end <= edited.end && finding.start < edited.end) own.push(reported);
    else elsewhere.push(reported);
  }
  // Findings on top-level entries. Those the top-level entries give alone appear whatever the services: when the
  // previous version had none, and the edited service gives none, there are none.
  if (keptTopLevel.length > 0 || elsewhere.length > 0) {
    // Else the top-level entries alone must give exactly them: a service's merge gave some, and the whole file decides.
    const view = topLevelView();
    if (!view) return undefined;
    const topLevel = ruleFindings(rule, view, options);
    if (!sameReports(keptTopLevel, topLevel) || !sameReports(elsewhere, topLevel)) return undefined;
  }
  // In file order, as the rule reported them: the services above, the edited one, then the ones below.
  const above = moved.filter((r) => r.finding.start < edit.start);
  const below = moved.filter((r) => r.finding.start >= edit.start);
  return [...above, ...own, ...below];
}

/** An offset of the previous text in the new one; undefined inside the edited service. */
function moveOffset(offset: number, edit: ServiceEdit): number | undefined {
  if (offset <= edit.start) return offset;
  if (offset >= edit.oldEnd) return offset + edit.delta;
  return undefined;
}

function shiftReported(reported: Reported, edit: ServiceEdit): Reported | undefined {
  if (edit.delta === 0) return reported;
  const { finding, covers } = reported;
  const start = moveOffset(finding.start, edit);
  const end = moveOffset(finding.end, edit);
  if (start === undefined || end === undefined) return undefined;
  let fix: Fix | undefined;
  if (finding.fix) {
    const edits = [];
    for (const change of finding.fix.edits) {
      const from = moveOffset(change.start, edit);
      const to = moveOffset(change.end, edit);
      if (from === undefined || to === undefined) return undefined;
      edits.push({ ...change, start: from, end: to });
    }
    fix = { ...finding.fix, edits };
  }
  let movedCovers = covers;
  if (covers) {
    const from = moveOffset(covers.start, edit);
    const to = moveOffset(covers.end, edit);
    if (from === undefined || to === undefined) return undefined;
    movedCovers = { start: from, end: to };
  }
  return { ...reported, finding: { ...finding, start, end, ...(fix ? { fix } : {}) }, covers: movedCovers };
}

function sameReports(a: readonly Reported[], b: readonly Reported[]): boolean {
  return a.length === b.length && a.every((r, i) => isDeepStrictEqual(r, b[i]));
}
