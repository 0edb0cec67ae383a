/**
 * The shape of a rule, after ESLint's: metadata that docs, settings and tests
 * derive from, and a check over the shared compose model.
 */
import type { Localized } from "../i18n/index.js";
import type { ComposeModel, Span } from "../compose/model.js";
import type { ProjectFiles } from "../project.js";
import type { OffsetEdit } from "../text.js";

export type Severity = "error" | "warning" | "info" | "hint";
export type SeveritySetting = Severity | "off";
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ["off", "hint", "info", "warning", "error"];

export interface RuleDocs {
  /** One line: what the rule finds. */
  title: Localized;
  /** Markdown, one to three sentences: why the problem happens and what it breaks (the hover's cause, the page's "why"); never the message again. */
  description: Localized;
  /** The text the pipeline (or compose) prints when this goes wrong, when there is one: an example, with the guide's names. */
  log?: string;
  /** Where `log` is printed: the pipeline's log (default), the app's own logs (`docker logs`), or the browser. */
  logSource?: "pipeline" | "app" | "browser";
  /** What the quick fix does, when the rule is fixable: a title starting with its verb ("Remove `container_name`", "Supprimer `container_name`"). */
  fix?: Localized;
  /** How to fix it by hand, starting with an imperative verb ("Set the variable…", "Définissez la variable…"): the hover lowers its first letter after "Fix:". */
  manualFix?: Localized;
  /** How the log explainer recognises `log` in a pasted pipeline log, and which fault a line names (see LogPattern). */
  logPattern?: LogPattern;
  /**
   * The example of the rule's page (docs/rules/<id>.md): a pipeline file the
   * rule reports on, and the same file once fixed (the quick fix's output for
   * a fixable rule). test/docs.test.ts checks both against the rule.
   */
  example: RuleExample;
}

/** A rule page's example: the pipeline file before and after, and the files beside it when the rule reads the project. */
export interface RuleExample {
  invalid: string;
  valid: string;
  /** Files beside the invalid example (`docker-compose.override.yml`, `.gitignore`), by path relative to it; the example then lives on disk in a Git checkout. */
  invalidFiles?: Readonly<Record<string, string>>;
  /** Files beside the valid example. */
  validFiles?: Readonly<Record<string, string>>;
}

/**
 * A message template per language, after ESLint's `meta.messages`:
 * `{{name}}` is replaced by the report's `data.name`. One line, problem then
 * consequence then action, at most MESSAGE_LIMITS characters once filled.
 */
export type MessageTemplates = Readonly<Record<string, Localized>>;

/** The longest a filled message may be, per language (French runs longer). */
export const MESSAGE_LIMITS = { en: 120, fr: 140 } as const;

/**
 * A rule's pipeline log line as the log explainer (explain.ts) reads it: in a
 * pasted log, and in each finding's own `log`, so that a pasted line links the
 * findings of the fault it names. Lines are matched with colours and
 * JSON-escaped quotes removed; timestamps and prefixes are the patterns' to skip.
 * Rules that print the same line share one LogPattern object (Docker's bind
 * failure: no-reserved-host-port, no-tls-proxy-service): one problem, with the
 * id of the first of them in the registry, linking the findings of each.
 */
export interface LogPattern {
  /**
   * Tried in order on a line, the first that matches counts (every match of it on the line).
   * Case-insensitive, not global. Group 1, when it takes part, names the fault as the log prints
   * it (the container, the env file's path, the port); a pattern without it recognises a line
   * that names none (`address already in use`), which links every finding of the pattern.
   */
  patterns: readonly RegExp[];
  /** Whether the fault a pasted line names is the one a finding's own log names, both as group 1 captured them; default: the same text. */
  sameFault?: (pasted: string, own: string) => boolean;
  /** One problem for every fault of the pattern a log shows (unset variables: one cause, one fix); default: one problem per fault named. */
  oneProblem?: boolean;
}

export interface RuleMeta {
  /** Public contract: settings, disable comments and CLI output use it. */
  id: string;
  severity: Severity;
  /** `pipeline`: only the file the Elestio pipeline deploys; `all`: every compose file. */
  scope: "pipeline" | "all";
  fixable: boolean;
  docs: RuleDocs;
  /** The rule's messages by id: `report({ messageId, data })` names one. */
  messages: MessageTemplates;
  /**
   * Rules whose findings this rule's finding replaces when they fall inside
   * what it covers (its `covers`, else its range): one finding per fault,
   * the more specific one. lint() enforces it; test/engine/fault-ownership.test.ts lists the graph.
   */
  supersedes?: readonly string[];
  /**
   * What a finding of the rule depends on. `service`: the service it lies in
   * (with what that service merges), the file's top-level entries other than
   * `services:`, and files the language server watches (`.env`, `.gitignore`,
   * `.git/index`, override files), never another service nor another file on
   * disk; after an edit inside one service, the language server checks that
   * service alone with the rule and keeps its other findings (see
   * engine/incrementalLint.ts). `file`, the default: anything; the rule runs
   * over the whole file again after every edit (bind-mount-missing-file, for
   * one, asks the disk whether each mounted file exists).
   * test/property/incremental.property.test.ts holds the rules to it.
   */
  reads?: "service" | "file";
}

export interface Fix {
  title: Localized;
  edits: OffsetEdit[];
}

export interface Report {
  start: number;
  end: number;
  /** A key of the rule's `meta.messages`. */
  messageId: string;
  /** What fills the message's `{{name}}` placeholders: the user's own names (service, port, variable). */
  data?: Readonly<Record<string, string | number>>;
  /** The severity of this finding when the user sets none for the rule (undefined-variable: a warning once the dashboard's variables are known). */
  severity?: Severity;
  fix?: Fix;
  /** What the finding is about, when larger than its range (a whole service its fix removes): see RuleMeta.supersedes. */
  covers?: Span;
  /**
   * One finding per file for the rule's reports of this key (a variable's
   * name): the first in the file that no other rule's finding supersedes.
   * lint() keeps it, so that a use another rule owns does not hide the next one.
   */
  once?: string;
  /**
   * The line the pipeline or compose prints for this very fault (its names, its port), when the rule can tell:
   * hovers show it instead of the docs' example. `null`: this fault prints no line of its own (a certbot
   * service, a database port), so the hover shows no example either.
   */
  log?: string | null;
  /** The whole words of a tool the message quotes only in part (the YAML parser's error): the hover shows them. */
  detail?: string;
  /** Other files the finding is about (the override file compose merges), by absolute path: LSP's relatedInformation, at their start. */
  related?: readonly RelatedFile[];
}

/** A file a finding points to besides its own, with what it has to do with it. */
export interface RelatedFile {
  /** Absolute path on disk. */
  file: string;
  message: Localized;
}

export interface RuleContext {
  readonly model: ComposeModel;
  /** The file on disk, when there is one: the `.env` beside it, `.gitignore`, env files. */
  readonly project: ProjectFiles | undefined;
  readonly isPipeline: boolean;
  /** The names of the variables set under Dashboard → Environment variables (`dashboardVariables` of the project's configuration), when it lists them. */
  readonly dashboardVariables: ReadonlySet<string> | undefined;
  /** The host ports Elestio's reverse proxy forwards to on `172.17.0.1` (`proxyTargetPorts` of the project's configuration), when it lists them. */
  readonly proxyTargetPorts: readonly number[] | undefined;
  /** A function, not a method: rules take it out of the context (`check({ model, report })`). */
  readonly report: (report: Report) => void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
