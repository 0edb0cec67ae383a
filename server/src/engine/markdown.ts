/**
 * Markdown helpers shared by the renderers of rule docs: the hover's finding
 * sections (hover/findings.ts) and the SARIF help (cli/sarif.ts).
 */

/** A code block that no backtick run inside the text can close. */
export function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = "`".repeat(longest + 1);
  return `${marks}text\n${text}\n${marks}`;
}
