/** Engine results (UTF-16 offsets, localized texts) as LSP objects. */
import { pathToFileURL } from "node:url";
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation, type Range, type TextEdit } from "vscode-languageserver/node";
import { pick, type Language } from "../engine/i18n/index.js";
import type { Finding } from "../engine/lint.js";
import type { RelatedFile, Severity } from "../engine/rules/types.js";
import type { LineIndex, OffsetEdit } from "../engine/text.js";

import { DIAGNOSTIC_SOURCE } from "../protocol.js";

/** Rules whose findings are dead text that the editor may fade out. */
const UNNECESSARY_RULES = new Set(["obsolete-version"]);

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A diagnostic of a finding; `docsUrl` gives its `codeDescription.href`, the rule's page. */
export function toDiagnostic(finding: Finding, lines: LineIndex, language: Language, docsUrl?: (id: string, language: Language) => string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: lines.range(finding.start, finding.end),
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: pick(finding.message, language),
  };
  const href = docsUrl?.(finding.ruleId, language);
  if (href) diagnostic.codeDescription = { href };
  if (UNNECESSARY_RULES.has(finding.ruleId)) diagnostic.tags = [DiagnosticTag.Unnecessary];
  // Clients without relatedInformation support ignore it.
  if (finding.related?.length) diagnostic.relatedInformation = finding.related.map((related) => toRelatedInformation(related, language));
  return diagnostic;
}

/** Another file of a finding, at its start (the file is not open: no offsets into it are known). */
function toRelatedInformation(related: RelatedFile, language: Language): DiagnosticRelatedInformation {
  const start = { line: 0, character: 0 };
  return { location: { uri: pathToFileURL(related.file).href, range: { start, end: start } }, message: pick(related.message, language) };
}

export function toTextEdits(edits: readonly OffsetEdit[], lines: LineIndex): TextEdit[] {
  return edits.map((edit) => ({ range: lines.range(edit.start, edit.end), newText: edit.newText }));
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The finding a diagnostic of ours was made from: same rule, same range. */
export function findingFor(diagnostic: Diagnostic, findings: readonly Finding[], lines: LineIndex): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  return findings.find((f) => f.ruleId === diagnostic.code && sameRange(lines.range(f.start, f.end), diagnostic.range));
}
