/**
 * Explains a pasted pipeline log: every known failure it shows, what happened,
 * why and the fix, and the findings of the compose file that cause each one,
 * so that a link lands where the light bulb is.
 *
 * A failure a rule reports is recognised by the rule's LogPattern
 * (`meta.docs.logPattern`), which reads both the pasted lines and each
 * finding's own `log`: a pasted line links the findings whose log names the
 * same fault. The failures no rule reports have their explainer in explain/.
 * Tolerant of timestamps, prefixes, colours, case and JSON-escaped quotes.
 *
 * The report ends with one note, never a failure: the pipeline deploys the
 * dashboard's copy of the compose file, when the log shows that step
 * (`Creating docker compose file`) or a problem's fix changes the file.
 */
import type { ComposeModel, Span } from "./compose/model.js";
import { badGateway } from "./explain/bad-gateway.js";
import { dashboardCopy } from "./explain/dashboard-copy.js";
import { disallowedHost } from "./explain/disallowed-host.js";
import type { ExplainContext, Explainer, LogMatch } from "./explain/explainer.js";
import { portInUse } from "./explain/port-in-use.js";
import { dashboardNote, RULE_EXPLANATIONS, ruleDocsExplanation } from "./i18n/explain-texts.js";
import type { Language } from "./i18n/index.js";
import { lint, type Finding } from "./lint.js";
import type { ProjectFiles } from "./project.js";
import { RULES } from "./rules/index.js";
import type { LogPattern, Rule } from "./rules/types.js";

export interface ExplainedProblem {
  /** The rule id when a rule covers the failure, else a descriptive id (dashboard-copy, disallowed-host, bad-gateway, port-in-use). */
  id: string;
  /** The closing note (`dashboard-copy`): a fact about the pipeline, not a failure; its title says so ("Note: …"). */
  note?: true;
  title: string;
  /** Markdown: what happened, why, and the fix. */
  explanation: string;
  /** Where the compose file causes it: findings' ranges (and, for DisallowedHost, the ALLOWED_HOSTS variables); empty without a model or when nothing in the file does. */
  ranges: { start: number; end: number }[];
}

export interface ExplainOptions {
  /** The findings of the model, as the caller linted it (the editor's analysis, the CLI's target); without them, the model is linted as the pipeline file with the default severities. */
  findings?: readonly Finding[];
  /** The files around the compose file, for that lint. */
  project?: ProjectFiles;
  /** The rules whose log patterns are read (and that lint runs); default: the registry's. */
  rules?: readonly Rule[];
  /**
   * Called once per piece that throws: a rule (its pattern, or its check in
   * the lint above) or an explainer, by id. The other pieces still explain, and
   * a problem whose links failed keeps its explanation, without links.
   */
  onError?: (piece: string, error: unknown) => void;
}

/** The failures no rule reports, after the rules' in the order of the problems of one line. */
const EXPLAINERS: readonly Explainer[] = [dashboardCopy, disallowedHost, badGateway, portInUse];

/** Colours, and the backslashes of quotes escaped in JSON-formatted logs. */
function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC, a control character
  return line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\\"/g, '"');
}

const globalCopies = new WeakMap<RegExp, RegExp>();

/** Every match on the line of the first of the pattern's expressions that matches; group 1 names the fault. */
function logMatches(pattern: LogPattern, line: string): LogMatch[] {
  for (const regex of pattern.patterns) {
    let global = globalCopies.get(regex);
    if (!global) globalCopies.set(regex, (global = new RegExp(regex.source, `${regex.flags.replace("g", "")}g`)));
    const found = [...line.matchAll(global)].map((m) => ({ index: m.index, name: m[1] }));
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * One explainer per log pattern of the rules, named after the first rule
 * declaring it: its problems link the findings of every rule declaring it
 * whose own log names a fault the pasted lines name (every one that matches
 * the pattern, when the lines name none).
 */
function ruleExplainers(rules: readonly Rule[]): Explainer[] {
  const declaring = new Map<LogPattern, Rule[]>();
  for (const rule of rules) {
    const pattern = rule.meta.docs.logPattern;
    if (pattern) declaring.set(pattern, [...(declaring.get(pattern) ?? []), rule]);
  }
  return [...declaring].map(([pattern, owners]): Explainer => {
    const { id, docs } = owners[0].meta;
    const ids = new Set(owners.map((rule) => rule.meta.id));
    const sameFault = pattern.sameFault ?? ((pasted: string, own: string) => pasted === own);
    return {
      id,
      detect: (line) => logMatches(pattern, line),
      oneProblem: pattern.oneProblem,
      sharesLinesWith: pattern,
      text: (names) => RULE_EXPLANATIONS[id]?.(names) ?? ruleDocsExplanation(docs),
      ranges: (names, { findings }) =>
        findings.filter((finding) => {
          if (!ids.has(finding.ruleId) || finding.log === undefined || finding.log === null) return false;
          const own = logMatches(pattern, cleanLine(finding.log));
          if (names.length === 0) return own.length > 0;
          return own.some((o) => o.name !== undefined && names.some((name) => sameFault(name, o.name!)));
        }),
    };
  });
}

let registryExplainers: readonly Explainer[] | undefined;

function explainersFor(rules: readonly Rule[] | undefined): readonly Explainer[] {
  if (rules) return [...ruleExplainers(rules), ...EXPLAINERS];
  return (registryExplainers ??= [...ruleExplainers(RULES), ...EXPLAINERS]);
}

interface Group {
  explainer: Explainer;
  /** Line and column: where the log first shows the failure. */
  at: [number, number];
  /** The faults it names, once each, in the order of the log. */
  names: string[];
}

export function explainLog(log: string, language: Language, model?: ComposeModel, options: ExplainOptions = {}): ExplainedProblem[] {
  const failed = new Set<string>();
  const fail = (piece: string, error: unknown) => {
    if (failed.has(piece)) return;
    failed.add(piece);
    options.onError?.(piece, error);
  };

  const explainers = explainersFor(options.rules);
  const lines = log.split(/\r\n|\r|\n/).map(cleanLine);
  const groups: Group[] = [];
  explainers.forEach((explainer) => {
    const own = new Map<string, Group>();
    try {
      lines.forEach((line, lineIndex) => {
        for (const { index, name } of explainer.detect(line)) {
          // One problem per fault named (one for all of them, or for the lines that name none).
          const key = explainer.oneProblem ? "" : name === undefined ? "\u0000" : `=${name}`;
          let group = own.get(key);
          if (!group) own.set(key, (group = { explainer, at: [lineIndex, index], names: [] }));
          if (name !== undefined && !group.names.includes(name)) group.names.push(name);
        }
      });
    } catch (error) {
      fail(explainer.id, error);
      return;
    }
    groups.push(...own.values());
  });

  // A line that names no fault (a bare `address already in use`) is the same failure as one the log names with the same lines.
  const named = new Set(groups.filter((g) => g.names.length > 0).map((g) => g.explainer.sharesLinesWith));
  const kept = groups.filter((g) => g.names.length > 0 || g.explainer.oneProblem || !g.explainer.sharesLinesWith || !named.has(g.explainer.sharesLinesWith));
  // The sort is stable and the groups are in the explainers' order: at one place, that order stays.
  kept.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);

  let context: ExplainContext | undefined;
  const contextOf = (m: ComposeModel): ExplainContext =>
    (context ??= {
      model: m,
      findings: options.findings ?? lint(m, { isPipeline: true, project: options.project, rules: options.rules, onRuleError: fail }),
    });

  const problems: ExplainedProblem[] = [];
  let copyStep = false;
  let dashboardToo = false;
  for (const { explainer, names } of kept) {
    // The pipeline's own step, which every build prints: the closing note, not a problem.
    if (explainer === dashboardCopy) {
      copyStep = true;
      continue;
    }
    let text;
    try {
      text = explainer.text(names);
    } catch (error) {
      fail(explainer.id, error);
      continue;
    }
    if (text.dashboardToo) dashboardToo = true;
    let ranges: Span[] = [];
    if (model) {
      try {
        ranges = uniqueSpans(explainer.ranges(names, contextOf(model)));
      } catch (error) {
        fail(explainer.id, error);
      }
    }
    problems.push({ id: explainer.id, title: text.title[language], explanation: text.explanation[language], ranges });
  }
  if (copyStep || dashboardToo) {
    const note = dashboardNote(copyStep);
    problems.push({ id: dashboardCopy.id, note: true, title: note.title[language], explanation: note.explanation[language], ranges: [] });
  }
  return problems;
}

/** Sorted, without duplicates, as plain spans (a finding reached twice, a variable of an anchored environment). */
function uniqueSpans(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  const result: Span[] = [];
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ start, end });
  }
  return result;
}
