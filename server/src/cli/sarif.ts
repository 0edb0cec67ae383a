/**
 * `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other
 * SARIF viewers. The driver lists every rule of the registry with its help
 * (the hover's text, in markdown); results point at 1-based regions of files
 * given relative to the folder the CLI ran in (`%SRCROOT%`).
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { FileReport } from "./format.js";
import type { Language, Localized } from "../engine/i18n/index.js";
import { afterLabel } from "../engine/hover/findings.js";
import { FINDING_LABELS } from "../engine/i18n/hover-texts.js";
import type { Finding } from "../engine/lint.js";
import { fence } from "../engine/markdown.js";
import { RULES } from "../engine/rules/index.js";
import type { RuleMeta, Severity } from "../engine/rules/types.js";

const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const TOOL_NAME = "elestio-compose-lint";
const SRCROOT = "%SRCROOT%";

/** SARIF has no hint: both information levels are notes. */
const LEVELS: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note", hint: "note" };

interface RuleEntry {
  id: string;
  severity: Severity;
  title: Localized;
  description: Localized;
  fixable: boolean;
  scope: RuleMeta["scope"];
  help: (language: Language) => string;
}

function ruleEntries(): RuleEntry[] {
  const registered = RULES.map(({ meta }): RuleEntry => {
    const fix = meta.docs.fix ?? meta.docs.manualFix;
    return {
      id: meta.id,
      severity: meta.severity,
      title: meta.docs.title,
      description: meta.docs.description,
      fixable: meta.fixable,
      scope: meta.scope,
      help: (language) =>
        [
          `**${meta.docs.title[language]}** (\`${meta.id}\`)`,
          ...(meta.docs.log ? [`${FINDING_LABELS.logExample[meta.docs.logSource ?? "pipeline"][language]}\n\n${fence(meta.docs.log)}`] : []),
          meta.docs.description[language],
          ...(fix ? [`**${FINDING_LABELS.fix[language]}** ${afterLabel(fix[language])}${meta.fixable ? " (`elestio-compose-lint --fix`)" : ""}`] : []),
        ].join("\n\n"),
    };
  });
  return registered;
}

/** `no-container-name` → `NoContainerName`, SARIF's suggested form for a rule's name. */
function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

/** Markdown to readable plain text: the help's `text`, for viewers that do not render markdown. */
function plainText(markdown: string): string {
  return markdown.replace(/\*\*/g, "").replace(/^`{3,}text\n|^`{3,}$/gm, "");
}

/** Where a report's file is: relative to the run's folder when inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

export interface SarifOptions {
  /** The folder relative paths start from (the CLI's current folder). */
  cwd: string;
  version: string;
  /** Each rule's page, for `helpUri` (see server/src/ruleDocs.ts). */
  docsUrl?: (id: string, language: Language) => string | undefined;
}

export function toSarif(reports: readonly FileReport[], language: Language, options: SarifOptions): object {
  const rules = ruleEntries();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const result = (report: FileReport, finding: Finding) => {
    const start = report.lines.positionAt(finding.start);
    const end = report.lines.positionAt(finding.end);
    const ruleIndex = index.get(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level: LEVELS[finding.severity],
      message: { text: finding.message[language] },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(report.file, options.cwd),
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
        },
      ],
      ...(finding.severity === "hint" ? { properties: { severity: "hint" } } : {}),
    };
  };
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: options.version,
            ...(/^\d+\.\d+\.\d+/.test(options.version) ? { semanticVersion: options.version } : {}),
            language,
            rules: rules.map((rule) => {
              const help = rule.help(language);
              const helpUri = options.docsUrl?.(rule.id, language);
              return {
                id: rule.id,
                ...(helpUri ? { helpUri } : {}),
                name: pascalCase(rule.id),
                shortDescription: { text: rule.title[language] },
                fullDescription: { text: rule.description[language], markdown: rule.description[language] },
                help: { text: plainText(help), markdown: help },
                defaultConfiguration: { level: LEVELS[rule.severity] },
                properties: {
                  tags: ["docker-compose", "elestio", rule.scope === "pipeline" ? "pipeline-file" : "compose-file"],
                  fixable: rule.fixable,
                },
              };
            }),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd + sep).href } },
        columnKind: "utf16CodeUnits",
        results: reports.flatMap((report) => report.findings.map((finding) => result(report, finding))),
      },
    ],
  };
}
