/**
 * Runs the rules over a model: scope (pipeline file or not), severities from
 * settings, `# elestio-disable-next-line` comments, one finding per fault,
 * and isolation of a rule that throws.
 */
import type { Localized } from "./i18n/index.js";
import { fillMessage } from "./i18n/format.js";
import { nodeAt } from "./compose/position.js";
import type { ComposeModel, Span } from "./compose/model.js";
import type { ProjectFiles } from "./project.js";
import { RULES } from "./rules/index.js";
import type { Fix, RelatedFile, Rule, Severity, SeveritySetting } from "./rules/types.js";

/** Every id settings, configuration files and disable comments may name. */
export function knownRuleIds(): string[] {
  return RULES.map((rule) => rule.meta.id);
}

export interface Finding {
  ruleId: string;
  /** The key of the rule's `meta.messages` the message was made from. */
  messageId: string;
  severity: Severity;
  message: Localized;
  start: number;
  end: number;
  fix?: Fix;
  /** The pipeline's log line for this fault, when the rule can tell it (see Report.log). */
  log?: string | null;
  /** See Report.detail. */
  detail?: string;
  /** See Report.related. */
  related?: readonly RelatedFile[];
}

export interface LintOptions {
  /** Whether the Elestio pipeline deploys this file (see isPipelineFile). */
  isPipeline: boolean;
  /** Files around the compose file; undefined for a document that is not on disk. */
  project?: ProjectFiles;
  /** Severity per rule id (`elestio.rules.<id>`). */
  severities?: Readonly<Record<string, SeveritySetting | undefined>>;
  rules?: readonly Rule[];
  /** The variables the dashboard sets (the project configuration's `dashboardVariables`), when it names them. */
  dashboardVariables?: readonly string[];
  /** The ports the dashboard's reverse proxy forwards to (the project configuration's `proxyTargetPorts`), when it lists them. */
  proxyTargetPorts?: readonly number[];
  /** Called once per rule that throws; the other rules still report. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

const DISABLE_COMMENT = /#\s*elestio-disable-next-line\b([^#\r\n]*)/;

/** Lines (zero-based) to the rule ids disabled on them by a comment on the line before. */
function disabledLines(model: ComposeModel): Map<number, Set<string>> {
  const disabled = new Map<number, Set<string>>();
  if (!model.text.includes("elestio-disable-next-line")) return disabled;
  for (let line = 0; line < model.lines.lineCount; line++) {
    const match = DISABLE_COMMENT.exec(model.lines.lineText(line));
    if (!match) continue;
    const ids = match[1].split(/[\s,]+/).filter(Boolean);
    disabled.set(line + 1, new Set(ids.length > 0 ? ids : ["*"]));
  }
  return disabled;
}

/**
 * The line a disable comment goes above for a finding at `offset`: the
 * finding's own line, or, inside a scalar that starts on an earlier line (a
 * `>` or `|` block, a quoted string over several lines), the line where the
 * scalar starts. A comment line inside the scalar would be part of its text.
 */
export function disableCommentLine(model: ComposeModel, offset: number): number {
  const line = model.lines.positionAt(offset).line;
  const hit = nodeAt(model, offset);
  const start = hit?.node.range?.[0];
  return start === undefined ? line : Math.min(line, model.lines.positionAt(start).line);
}

export function lint(model: ComposeModel, options: LintOptions): Finding[] {
  return finishFindings(model, [...drain(reportSteps(model, options)).values()].flat(), options.rules ?? RULES);
}

/** Runs steps (see reportSteps) to their end, without yielding: what they return. */
export function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A finding as its rule reported it, before lint's filters (see finishFindings). */
export interface Reported {
  finding: Finding;
  /** See Report.covers. */
  covers?: Span;
  /** The rule's id and Report.once, when the report gave one. */
  once?: string;
}

/** Whether lint runs the rule with these options: on, and in scope. */
export function isActive(rule: Rule, options: LintOptions): boolean {
  const { id, scope, severity } = rule.meta;
  return (options.severities?.[id] ?? severity) !== "off" && (scope !== "pipeline" || options.isPipeline);
}

/** The dashboard's variables as a set, made once per list: every rule of every lint with the same options asks. */
const dashboardVariableSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function dashboardVariableSet(names: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!names) return undefined;
  let set = dashboardVariableSets.get(names);
  if (!set) dashboardVariableSets.set(names, (set = new Set(names)));
  return set;
}

/** What one rule reports on a model, in the order it reports; a rule that throws keeps what it reported before. */
export function ruleFindings(rule: Rule, model: ComposeModel, options: LintOptions): Reported[] {
  const { id, severity } = rule.meta;
  const reported: Reported[] = [];
  const seen = new Set<string>();
  try {
    rule.check({
      model,
      project: options.project,
      isPipeline: options.isPipeline,
      dashboardVariables: dashboardVariableSet(options.dashboardVariables),
      proxyTargetPorts: options.proxyTargetPorts,
      report: ({ covers, once, messageId, data, severity: ownSeverity, ...report }) => {
        // A fault reached through several `<<` merges is reported once, where it is written.
        const key = `${report.start}:${report.end}`;
        if (seen.has(key)) return;
        seen.add(key);
        const template = rule.meta.messages[messageId];
        if (!template) throw new Error(`${id} reports messageId "${messageId}", which its meta.messages lacks`);
        const chosen = options.severities?.[id] ?? ownSeverity ?? severity;
        if (chosen === "off") return;
        const finding: Finding = { ruleId: id, messageId, severity: chosen, message: fillMessage(template, data), ...report };
        reported.push({ finding, covers, once: once === undefined ? undefined : `${id}:${once}` });
      },
    });
  } catch (error) {
    options.onRuleError?.(id, error);
  }
  return reported;
}

/**
 * What each active rule reports, by rule id, one rule per step: the language
 * server runs the steps with yields between them, so that a newer version of
 * the document stops the analysis of an older one before it ends (see
 * AnalysisCache.analyzeCooperatively). finishFindings makes lint's findings of them.
 */
export function* reportSteps(model: ComposeModel, options: LintOptions): Generator<void, Map<string, readonly Reported[]>, void> {
  const reported = new Map<string, readonly Reported[]>();
  for (const rule of options.rules ?? RULES) {
    if (!isActive(rule, options)) continue;
    reported.set(rule.meta.id, ruleFindings(rule, model, options));
    yield;
  }
  return reported;
}

/** One finding per fault, disable comments applied, in file order: what lint returns of what the rules reported. */
export function finishFindings(model: ComposeModel, reported: readonly Reported[], rules: readonly Rule[]): Finding[] {
  const covered = new Map<Finding, Span>();
  const onceKeys = new Map<Finding, string>();
  for (const { finding, covers, once } of reported) {
    if (covers) covered.set(finding, covers);
    if (once !== undefined) onceKeys.set(finding, once);
  }
  const findings = firstOfEachKey(withoutSuperseded(reported.map((r) => r.finding), rules, covered), onceKeys);
  const disabled = disabledLines(model);
  const isDisabled = (f: Finding, line: number) => {
    const ids = disabled.get(line);
    return ids !== undefined && (ids.has(f.ruleId) || ids.has("*"));
  };
  const visible = disabled.size === 0 ? findings : findings.filter((f) => {
    const line = model.lines.positionAt(f.start).line;
    return !isDisabled(f, line) && !isDisabled(f, disableCommentLine(model, f.start));
  });
  return visible.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

/** Report.once: of the findings with the same key, the first in the file only. Disable comments apply after. */
function firstOfEachKey(findings: Finding[], keys: ReadonlyMap<Finding, string>): Finding[] {
  if (keys.size === 0) return findings;
  const first = new Map<string, Finding>();
  for (const finding of findings) {
    const key = keys.get(finding);
    if (key === undefined) continue;
    const kept = first.get(key);
    if (!kept || finding.start < kept.start) first.set(key, finding);
  }
  return findings.filter((finding) => {
    const key = keys.get(finding);
    return key === undefined || first.get(key) === finding;
  });
}

/**
 * One finding per fault: a finding of a rule that another rule supersedes
 * (RuleMeta.supersedes) is dropped when it lies inside what a finding of the
 * superseding rule covers. Disable comments apply after: hiding the
 * superseding finding does not bring the others back.
 */
function withoutSuperseded(findings: Finding[], rules: readonly Rule[], covered: ReadonlyMap<Finding, Span>): Finding[] {
  const superseded = new Map<string, ReadonlySet<string>>();
  for (const { meta } of rules) if (meta.supersedes?.length) superseded.set(meta.id, new Set(meta.supersedes));
  if (superseded.size === 0) return findings;
  const owners = findings.filter((f) => superseded.has(f.ruleId));
  if (owners.length === 0) return findings;
  return findings.filter((finding) =>
    !owners.some((owner) => {
      if (!superseded.get(owner.ruleId)!.has(finding.ruleId)) return false;
      const span = covered.get(owner) ?? owner;
      return span.start <= finding.start && finding.end <= span.end;
    }),
  );
}
