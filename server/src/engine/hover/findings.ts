/**
 * The hover on a finding: for each finding on the hovered spot, the rule's
 * title, the finding's message, the pipeline's log line, why and the fix,
 * from the rule's docs (`fix`, else `manualFix`).
 */
import { FINDING_LABELS } from "../i18n/hover-texts.js";
import type { Language } from "../i18n/index.js";
import type { Finding } from "../lint.js";
import { fence } from "../markdown.js";
import { RULES_BY_ID } from "../rules/index.js";

export const REFERENCE_SEPARATOR = "\n\n---\n\n";

/** The findings whose range holds `offset` (an empty one, at it). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => (f.start <= offset && offset < f.end) || (f.start === f.end && f.start === offset));
}

/** The section of one finding, in markdown. */
export function findingSection(finding: Finding, language: Language): string {
  const parts: string[] = [];
  const rule = RULES_BY_ID.get(finding.ruleId);
  const docs = rule?.meta.docs;
  parts.push(docs ? `**${docs.title[language]}** (\`${finding.ruleId}\`)` : `\`${finding.ruleId}\``);
  parts.push(finding.message[language]);
  // The finding's own line names the user's container, port or variable; the docs' one is an example from the guide.
  if (finding.log) parts.push(`**${FINDING_LABELS.log[language]}**\n\n${fence(finding.log)}`);
  else if (docs?.log) parts.push(`**${FINDING_LABELS.logExample[language]}**\n\n${fence(docs.log)}`);
  if (docs) parts.push(`**${FINDING_LABELS.why[language]}** ${docs.description[language]}`);
  const fix = docs?.fix ?? docs?.manualFix;
  if (fix) parts.push(`**${FINDING_LABELS.fix[language]}** ${fix[language]}${finding.fix ? ` ${FINDING_LABELS.quickFix[language]}` : ""}`);
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
): { markdown: string; start: number; end: number } | undefined {
  const sections: string[] = [];
  const shown: Finding[] = [];
  let failed = false;
  for (const finding of findings) {
    try {
      sections.push(findingSection(finding, language));
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
