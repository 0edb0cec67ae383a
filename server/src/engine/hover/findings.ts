/**
 * The hover on a finding: what the diagnostic's message lacks, never the
 * message again (VS Code shows it right above): the rule's title, the log
 * line of this very fault, why it happens, the fix, and a link to the rule's
 * page.
 */
import { FINDING_LABELS } from "../i18n/hover-texts.js";
import type { Language } from "../i18n/index.js";
import type { Finding } from "../lint.js";
import { fence } from "../markdown.js";
import { RULES_BY_ID } from "../rules/index.js";

export const REFERENCE_SEPARATOR = "\n\n---\n\n";

/** The page of a rule, in a language (see server/src/ruleDocs.ts); undefined when there is none to link. */
export type RuleDocsUrl = (ruleId: string, language: Language) => string | undefined;

/** The findings whose range holds `offset` (an empty one, at it). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => (f.start <= offset && offset < f.end) || (f.start === f.end && f.start === offset));
}

/** A fix text after its label: "Fix: remove…", "Solution : définissez…" (the texts start with their verb). */
export function afterLabel(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The section of one finding, in markdown. */
export function findingSection(finding: Finding, language: Language, docsUrl?: RuleDocsUrl): string {
  const parts: string[] = [];
  const docs = RULES_BY_ID.get(finding.ruleId)?.meta.docs;
  parts.push(docs ? `**${docs.title[language]}** (\`${finding.ruleId}\`)` : `\`${finding.ruleId}\``);
  const source = docs?.logSource ?? "pipeline";
  // The finding's own line names the user's container, port or variable; the docs' one is an example,
  // unless the finding says its fault prints none (log: null).
  if (finding.log) parts.push(`${FINDING_LABELS.log[source][language]}\n\n${fence(finding.log)}`);
  else if (finding.log !== null && docs?.log) parts.push(`${FINDING_LABELS.logExample[source][language]}\n\n${fence(docs.log)}`);
  if (finding.detail) parts.push(`${FINDING_LABELS.detail[language]}\n\n${fence(finding.detail)}`);
  if (docs) parts.push(docs.description[language]);
  if (finding.fix) parts.push(`**${FINDING_LABELS.quickFix[language]}** ${afterLabel(finding.fix.title[language])}`);
  else {
    const fix = docs?.manualFix ?? docs?.fix;
    if (fix) parts.push(`**${FINDING_LABELS.fix[language]}** ${afterLabel(fix[language])}`);
  }
  const url = docsUrl?.(finding.ruleId, language);
  if (url) parts.push(`[${FINDING_LABELS.documentation[language]} \`${finding.ruleId}\`](${url})`);
  return parts.join("\n\n");
}

/**
 * The hover on several findings: one section each, over the range they all
 * cover. A section that throws is left out (and reported), the others shown;
 * undefined when every one throws.
 */
export function findingsHover(
  findings: readonly Finding[],
  language: Language,
  onError: (error: unknown) => void,
  docsUrl?: RuleDocsUrl,
): { markdown: string; start: number; end: number } | undefined {
  const sections: string[] = [];
  const shown: Finding[] = [];
  let failed = false;
  for (const finding of findings) {
    try {
      sections.push(findingSection(finding, language, docsUrl));
      shown.push(finding);
    } catch (error) {
      // Once per hover: one bad finding usually means the same fault in every section.
      if (!failed) onError(error);
      failed = true;
    }
  }
  if (shown.length === 0) return undefined;
  const start = Math.max(...shown.map((f) => f.start));
  const end = Math.min(...shown.map((f) => f.end));
  return { markdown: sections.join(REFERENCE_SEPARATOR), start, end: Math.max(start, end) };
}
