/**
 * `--format github`: one GitHub Actions workflow command per finding, which
 * the run shows as an annotation on the file's line (in the log, the job
 * summary and the pull request's diff).
 *
 *   ::error file=docker-compose.yml,line=4,col=5,endLine=4,endColumn=32,title=no-container-name::message
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { FileReport } from "./format.js";
import type { Language } from "../engine/i18n/index.js";
import type { Severity } from "../engine/rules/types.js";

/** Annotations come in three levels: infos and hints are notices. */
const COMMANDS: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice", hint: "notice" };

/** The escaping of the runner's command parser (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value also ends at `,` and `:` (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Paths relative to the folder the CLI ran in: the workspace, where GitHub resolves them. */
function annotationPath(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? absolute : rel.split(sep).join("/");
}

export function toGithub(reports: readonly FileReport[], language: Language, cwd: string): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = annotationPath(report.file, cwd);
    for (const finding of report.findings) {
      const start = report.lines.positionAt(finding.start);
      const end = report.lines.positionAt(finding.end);
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(finding.ruleId)}`,
      ];
      lines.push(`::${COMMANDS[finding.severity]} ${properties.join(",")}::${escapeData(finding.message[language])}`);
    }
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}
