/**
 * Applying fixes: one finding's quick fix, fix-all (what `source.fixAll.elestio`
 * and `--fix` do), and the edit that disables a rule for one line.
 */
import { parseCompose, type ComposeModel } from "./compose/model.js";
import { indentAt } from "./compose/edits.js";
import { disableCommentLine, type Finding } from "./lint.js";
import { applyEdits, type OffsetEdit } from "./text.js";

/** Passes of fix-all before giving up on reaching a fixed point (ESLint uses 10 too). */
const MAX_FIX_PASSES = 10;

function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

function sameEdit(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/**
 * The edits of every fixable finding that can be applied together: a fix
 * whose edits overlap one already taken waits for the next pass; an edit that
 * two findings share (removing a whole `ports:`) is taken once.
 */
export function compatibleFixEdits(findings: readonly Finding[]): OffsetEdit[] {
  const taken: OffsetEdit[] = [];
  for (const finding of findings) {
    if (!finding.fix) continue;
    const fresh = finding.fix.edits.filter((edit) => !taken.some((t) => sameEdit(t, edit)));
    if (fresh.some((edit) => taken.some((t) => overlaps(t, edit)))) continue;
    taken.push(...fresh);
  }
  return taken;
}

export interface FixAllResult {
  text: string;
  /** Edits against the original text that produce `text`. */
  edits: OffsetEdit[];
  /** Findings fixed along the way. */
  fixedCount: number;
}

/**
 * Applies every fix, re-linting between passes, until nothing more is fixable
 * (a second fix-all then changes nothing).
 */
export function fixAll(text: string, lintText: (text: string) => Finding[]): FixAllResult {
  let current = text;
  let firstPassEdits: OffsetEdit[] = [];
  let fixedCount = 0;
  let passes = 0;
  /** Syntax errors of `current`: a pass may not add any. */
  let errorsBefore: number | undefined;
  for (; passes < MAX_FIX_PASSES; passes++) {
    const findings = lintText(current).filter((f) => f.fix);
    let edits = compatibleFixEdits(findings);
    if (edits.length === 0) break;
    let fixed = findings.length;
    let next = applyEdits(current, edits);
    errorsBefore ??= syntaxErrorCount(current);
    let errorsAfter = syntaxErrorCount(next);
    if (errorsAfter > errorsBefore) {
      // Fixes that are each safe can clash together: one renames a misspelt `(healthcheck` back to
      // `healthcheck` while another adds the healthcheck the service seems to lack, and the key is then
      // written twice. Apply one fix this pass, the smallest that leaves the file as readable as it was
      // (a rename often makes a larger fix needless), and lint the result again in the next pass.
      const bySize = [...findings].sort((a, b) => editSize(a) - editSize(b));
      let chosen: { edits: OffsetEdit[]; text: string; errors: number } | undefined;
      for (const finding of bySize) {
        const candidate = applyEdits(current, finding.fix!.edits);
        const errors = syntaxErrorCount(candidate);
        if (candidate !== current && errors <= errorsBefore) {
          chosen = { edits: finding.fix!.edits, text: candidate, errors };
          break;
        }
      }
      if (!chosen) break;
      ({ edits, text: next, errors: errorsAfter } = chosen);
      fixed = 1;
    }
    fixedCount += fixed;
    if (passes === 0) firstPassEdits = edits;
    if (next === current) break;
    current = next;
    errorsBefore = errorsAfter;
  }
  if (current === text) return { text, edits: [], fixedCount: 0 };
  return { text: current, edits: passes <= 1 ? firstPassEdits : [diffEdit(text, current)], fixedCount };
}

/** One edit replacing the part between the common prefix and suffix of two texts. */
function diffEdit(before: string, after: string): OffsetEdit {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

const DISABLE_PREFIX = "# elestio-disable-next-line";

/**
 * Disables a rule for the finding's line: a comment on the line above, at the
 * same indentation, or the rule added to the comment already there.
 */
export function disableForLineEdit(model: ComposeModel, finding: Pick<Finding, "ruleId" | "start">): OffsetEdit {
  // Inside a block scalar the comment goes above the scalar's first line, never into its text.
  const line = disableCommentLine(model, finding.start);
  if (line > 0) {
    const previous = model.lines.lineText(line - 1);
    // The line's first disable comment, the one lint reads (none: -1, and its last character matches nothing).
    const first = previous.search(/#\s*elestio-disable-next-line\b/);
    const match = /^(#\s*elestio-disable-next-line\b)([^#\r\n]*?)\s*$/.exec(previous.slice(first));
    if (match) {
      const end = model.lines.lineStarts[line - 1] + first + match[0].trimEnd().length;
      const ids = match[2].split(/[\s,]+/).filter(Boolean);
      return { start: end, end, newText: ids.length > 0 ? `, ${finding.ruleId}` : ` ${finding.ruleId}` };
    }
  }
  const lineStart = model.lines.lineStarts[line];
  const indent = indentAt(model, lineStart);
  // A finding on a list item (`- "80:80"`) keeps the comment at the dash's indentation.
  return { start: lineStart, end: lineStart, newText: `${indent}${DISABLE_PREFIX} ${finding.ruleId}${model.lines.eol}` };
}

function syntaxErrorCount(text: string): number {
  return parseCompose(text).syntaxErrors.length;
}

/** How much of the text a fix rewrites: what it removes plus what it writes. */
function editSize(finding: Finding): number {
  return finding.fix!.edits.reduce((size, edit) => size + (edit.end - edit.start) + edit.newText.length, 0);
}
