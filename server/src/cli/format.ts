/** How the CLI prints findings: a readable terminal listing, or JSON for tools. */
import { isAbsolute, relative, resolve } from "node:path";
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
  /** The current folder: a file inside it is shown relative to it, as the user would type it. */
  cwd?: string;
}

/** A file as the listing shows it: relative to `cwd` when inside it, else as the user named it. */
export function shownPath(file: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const shown = relative(cwd, resolve(cwd, file));
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? file : shown;
}

function paint(style: TextStyle, code: number, text: string): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

const SEVERITY_WORDS: Record<Language, Record<Finding["severity"], string>> = {
  en: { error: "error", warning: "warning", info: "info", hint: "hint" },
  fr: { error: "erreur", warning: "avertissement", info: "info", hint: "conseil" },
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
      const where = `${shownPath(report.file, style.cwd)}:${line + 1}:${character + 1}`;
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

const COUNT_WORDS: Record<Language, Record<Finding["severity"] | "problem" | "file", [string, string]>> = {
  en: { problem: ["problem", "problems"], error: ["error", "errors"], warning: ["warning", "warnings"], info: ["info", "infos"], hint: ["hint", "hints"], file: ["file", "files"] },
  fr: { problem: ["problème", "problèmes"], error: ["erreur", "erreurs"], warning: ["avertissement", "avertissements"], info: ["info", "infos"], hint: ["conseil", "conseils"], file: ["fichier", "fichiers"] },
};

/** `15 problems (9 errors, 5 warnings, 1 hint) in 1 file; 14 fixable with --fix.`: the severities found only, no zero counts. */
function summary(files: number, counts: Record<Finding["severity"], number>, fixable: number, language: Language, style: TextStyle): string {
  const words = COUNT_WORDS[language];
  const count = (key: keyof typeof words, n: number) => plural(n, ...words[key]);
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const inFiles = count("file", files);
  if (total === 0) return paint(style, 32, language === "fr" ? `Aucun problème dans ${inFiles}.` : `No problems in ${inFiles}.`);
  const parts = (["error", "warning", "info", "hint"] as const).filter((severity) => counts[severity] > 0).map((severity) => count(severity, counts[severity]));
  const fix = fixable === 0 ? "" : language === "fr" ? ` ; ${fixable} corrigeable${fixable > 1 ? "s" : ""} avec --fix` : `; ${fixable} fixable with --fix`;
  const line = language === "fr"
    ? `${count("problem", total)} (${parts.join(", ")}) dans ${inFiles}${fix}.`
    : `${count("problem", total)} (${parts.join(", ")}) in ${inFiles}${fix}.`;
  return paint(style, counts.error > 0 ? COLORS.error : COLORS.warning, line);
}
