/**
 * The shape of a rule, after ESLint's: metadata that docs, settings and tests
 * derive from, and a check over the shared compose model.
 */
import type { Localized } from "../i18n/index.js";
import type { ComposeModel } from "../compose/model.js";
import type { ProjectFiles } from "../project.js";
import type { OffsetEdit } from "../text.js";

export type Severity = "error" | "warning" | "info" | "hint";
export type SeveritySetting = Severity | "off";
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ["off", "hint", "info", "warning", "error"];

export interface RuleDocs {
  /** One line: what the rule finds. */
  title: Localized;
  /** Markdown, a few sentences: the problem, why it happens, the fix. */
  description: Localized;
  /** The text the pipeline (or compose) prints when this goes wrong, when there is one: an example, with the guide's names. */
  log?: string;
  /** What the quick fix does, when the rule is fixable. */
  fix?: Localized;
  /** How to fix it by hand, when the rule has no quick fix. */
  manualFix?: Localized;
}

export interface RuleMeta {
  /** Public contract: settings, disable comments and CLI output use it. */
  id: string;
  severity: Severity;
  /** `pipeline`: only the file the Elestio pipeline deploys; `all`: every compose file. */
  scope: "pipeline" | "all";
  fixable: boolean;
  docs: RuleDocs;
}

export interface Fix {
  title: Localized;
  edits: OffsetEdit[];
}

export interface Report {
  start: number;
  end: number;
  message: Localized;
  fix?: Fix;
  /** The line the pipeline or compose prints for this very fault (its names, its port), when the rule can tell: hovers show it instead of the docs' example. */
  log?: string;
}

export interface RuleContext {
  readonly model: ComposeModel;
  /** The file on disk, when there is one: the `.env` beside it, `.gitignore`, env files. */
  readonly project: ProjectFiles | undefined;
  readonly isPipeline: boolean;
  /** A function, not a method: rules take it out of the context (`check({ model, report })`). */
  readonly report: (report: Report) => void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
