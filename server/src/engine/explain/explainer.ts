/**
 * The shape of a log explainer: it recognises a failure in the lines of a
 * pasted pipeline log, gives its explanation, and links what in the compose
 * file causes it. explain.ts makes one of each rule's LogPattern (the links
 * are that rule's findings); the files beside this one explain the failures
 * no rule reports, from the findings and the facts layer (compose/).
 */
import type { ComposeModel, Span } from "../compose/model.js";
import type { ExplainText } from "../i18n/explain-texts.js";
import type { Finding } from "../lint.js";
import type { LogPattern } from "../rules/types.js";

/** What the links are read from: the compose file and its findings, as the editor or the CLI has them. */
export interface ExplainContext {
  readonly model: ComposeModel;
  readonly findings: readonly Finding[];
}

/** A failure in one line of the log. */
export interface LogMatch {
  /** Where it starts in the line: the problems come in the order of the log. */
  index: number;
  /** What names the fault (a host, a port, a container), as the log prints it; undefined when the line names none. */
  name?: string;
}

export interface Explainer {
  /** The problem's id: a rule's id, or the failure's (`bad-gateway`) when no rule reports it. */
  id: string;
  /** The failures one line shows, colours and JSON-escaped quotes removed. */
  detect(line: string): LogMatch[];
  /** One problem for every fault the log names (DisallowedHost: all the refused hosts); default: one per fault named. */
  oneProblem?: boolean;
  /**
   * The rules' log pattern whose lines this failure shares (a rule's own, for its explainer): a line
   * of it that names no fault (a bare `address already in use`) is the same failure as one the log
   * names, and gives no problem of its own then.
   */
  sharesLinesWith?: LogPattern;
  /** The explanation, from the names of the faults the log shows (none when it names none). */
  text(names: readonly string[]): ExplainText;
  /** The compose entries that cause it: findings' ranges, or what the facts layer locates. */
  ranges(names: readonly string[], context: ExplainContext): Span[];
}

/** The first match of `pattern` in the line, as a LogMatch with group 1 as its name. */
export function firstMatch(pattern: RegExp, line: string): LogMatch[] {
  const match = pattern.exec(line);
  return match ? [{ index: match.index, name: match[1] }] : [];
}

/** The findings whose range is one of `spans`: where the light bulb for that place is. */
export function findingsAt(findings: readonly Finding[], spans: readonly Span[], ruleIds?: readonly string[]): Span[] {
  return findings.filter((f) => (ruleIds === undefined || ruleIds.includes(f.ruleId)) && spans.some((s) => s.start === f.start && s.end === f.end));
}
