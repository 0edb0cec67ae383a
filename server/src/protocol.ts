/**
 * The names the VS Code client and the language server share: one module
 * both import, so that a renamed request, command or setting cannot drift
 * apart on one side. Plain data and types only: the client's bundle takes
 * nothing of the server's with it.
 */

/** `source` of every diagnostic the server publishes; `code` is the rule id. */
export const DIAGNOSTIC_SOURCE = "elestio";

/** The settings section: every setting is `elestio.<name>`. */
export const SETTINGS_SECTION = "elestio";

/** Commands the client registers; the server's code lens runs the first one. */
export const Commands = {
  openDashboardAndCopyCompose: "elestio.openDashboardAndCopyCompose",
  explainPipelineLog: "elestio.explainPipelineLog",
  explainTerminalSelection: "elestio.explainTerminalSelection",
  showOutput: "elestio.showOutput",
  restartServer: "elestio.restartServer",
  importDashboardVariables: "elestio.importDashboardVariables",
} as const;

/**
 * Commands the server runs (workspace/executeCommand). "Show documentation"
 * opens a rule's page with window/showDocument; VS Code's client intercepts
 * it to open the page rendered (Markdown preview).
 */
export const ServerCommands = {
  showRuleDocumentation: "elestio.showRuleDocumentation",
} as const;

/** The arguments of ServerCommands.showRuleDocumentation: the rule id, and the page's URL the server resolved. */
export type ShowRuleDocumentationArguments = [ruleId: string, url: string];

/** The code action kind of "fix all Elestio problems", for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = "source.fixAll.elestio";

/** `elestio/explainLog`: explains a pasted pipeline log, pointing at the lines of `uri` that cause it. */
export const EXPLAIN_LOG_METHOD = "elestio/explainLog";

export interface ExplainLogParams {
  /** The pasted log text. */
  text: string;
  /** The compose file the log is about (an open document or a workspace file). */
  uri?: string;
}

export interface LspPosition {
  line: number;
  character: number;
}

export interface ExplainedProblem {
  /** The problem's id: a rule id, or an explainer's id for failures no rule sees (`dashboard-copy`, `bad-gateway`, ...). */
  id: string;
  title: string;
  /** Markdown. */
  explanation: string;
  /** The compose lines that cause it, in `uri` (empty without one). */
  ranges: { uri: string; range: { start: LspPosition; end: LspPosition } }[];
}

export interface ExplainLogResult {
  problems: ExplainedProblem[];
}
