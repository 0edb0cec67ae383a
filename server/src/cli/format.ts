/** How the CLI prints findings: a readable terminal listing, or JSON for tools. */
import type { Language } from "../engine/i18n/index.js";
import type { Finding } from "../engine/lint.js";
import type { LineIndex } from "../engine/text.js";

export interface FileReport {
  /** The path as the user named it (relative to the current directory when found in a folder). */
  file: string;
  lines: LineIndex;
  findings: Finding[];
}

export interface JsonDiagnostic {
  ruleId: string;
  severity: Finding["severity"];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export function toJson(reports: readonly FileReport[], language: Language): { file: string; diagnostics: JsonDiagnostic[] }[] {
  return reports.map((report) => ({
    file: report.file,
    diagnostics: report.findings.map((finding) => {
      const start = report.lines.positionAt(finding.start);
      const end = report.lines.positionAt(finding.end);
      return {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message[language],
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        fixable: Boolean(finding.fix),
      };
    }),
  }));
}

const COLORS = { error: 31, warning: 33, info: 36, hint: 90, dim: 2, bold: 1 } as const;

export interface TextStyle {
  color: boolean;
}

function paint(style: TextStyle, code: number, text: string): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

const SEVERITY_WORDS: Record<Language, Record<Finding["severity"], string>> = {
  en: { error: "error", warning: "warning", info: "info", hint: "hint" },
  fr: { error: "erreur", warning: "avertissement", info: "info", hint: "suggestion" },
};

/** One line per finding, `file:line:col  severity  message  rule-id`, then a summary. */
export function toText(reports: readonly FileReport[], language: Language, style: TextStyle): string {
  const out: string[] = [];
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const report of reports) {
    for (const finding of report.findings) {
      counts[finding.severity]++;
      if (finding.fix) fixable++;
      const { line, character } = report.lines.positionAt(finding.start);
      const where = `${report.file}:${line + 1}:${character + 1}`;
      const severity = paint(style, COLORS[finding.severity], SEVERITY_WORDS[language][finding.severity]);
      out.push(`${paint(style, COLORS.bold, where)}  ${severity}  ${finding.message[language]}  ${paint(style, COLORS.dim, finding.ruleId)}`);
    }
  }
  out.push(summary(reports.length, counts, fixable, language, style));
  return out.join("\n") + "\n";
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function summary(files: number, counts: Record<Finding["severity"], number>, fixable: number, language: Language, style: TextStyle): string {
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (language === "fr") {
    if (total === 0) return paint(style, 32, `Aucun problème dans ${plural(files, "fichier", "fichiers")}.`);
    const parts = [plural(counts.error, "erreur", "erreurs"), plural(counts.warning, "avertissement", "avertissements"), plural(counts.info, "info", "infos"), plural(counts.hint, "suggestion", "suggestions")];
    const fix = fixable > 0 ? ` ; ${fixable} corrigeable${fixable > 1 ? "s" : ""} avec --fix` : "";
    return paint(style, counts.error > 0 ? COLORS.error : COLORS.warning, `${plural(total, "problème", "problèmes")} (${parts.join(", ")}) dans ${plural(files, "fichier", "fichiers")}${fix}.`);
  }
  if (total === 0) return paint(style, 32, `No problems in ${plural(files, "file", "files")}.`);
  const parts = [plural(counts.error, "error", "errors"), plural(counts.warning, "warning", "warnings"), plural(counts.info, "info", "infos"), plural(counts.hint, "hint", "hints")];
  const fix = fixable > 0 ? `; ${fixable} fixable with --fix` : "";
  return paint(style, counts.error > 0 ? COLORS.error : COLORS.warning, `${plural(total, "problem", "problems")} (${parts.join(", ")}) in ${plural(files, "file", "files")}${fix}.`);
}
