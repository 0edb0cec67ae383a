/**
 * "Elestio: Explain a pipeline error": the editor's selection, else the
 * clipboard, else a pasted line, sent to the server's `elestio/explainLog`
 * with the pipeline's compose file, and shown in the explanation panel. Also
 * offered on selections in logs and the terminal that hold a known error.
 */
import * as vscode from "vscode";
import { choosePipelineFile, isComposeDocument, isPipelineUri } from "./composeDocuments.js";
import { Commands, EXPLAIN_LOG_METHOD, type ExplainedProblem, type ExplainLogParams, type ExplainLogResult } from "../../server/src/protocol.js";
import { ExplainPanel } from "./explainPanel.js";
import type { ServerConnection } from "./languageClient.js";

const EXPLAIN_COMMAND = Commands.explainPipelineLog;
const EXPLAIN_TERMINAL_COMMAND = Commands.explainTerminalSelection;

/** A pasted log larger than this is not a line someone wants explained (and the request would be slow). */
const MAX_TEXT = 1_000_000;

async function explain(server: ServerConnection, text: string, uri: vscode.Uri | undefined): Promise<ExplainedProblem[]> {
  const params: ExplainLogParams = { text: text.slice(0, MAX_TEXT), uri: uri?.toString() };
  const result = await server.sendRequest<ExplainLogResult>(EXPLAIN_LOG_METHOD, params);
  return Array.isArray(result?.problems) ? result.problems : [];
}

function selectedText(): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return "";
  return editor.selections
    .filter((selection) => !selection.isEmpty)
    .map((selection) => editor.document.getText(selection))
    .join("\n");
}

/** The pipeline file last seen in an editor: a log is usually explained from beside it. */
let lastPipelineFile: vscode.Uri | undefined;

function noteActiveEditor(editor: vscode.TextEditor | undefined): void {
  if (editor && isPipelineUri(editor.document.uri)) lastPipelineFile = editor.document.uri;
}

/**
 * The compose file the log is about: the active compose editor's, else the
 * pipeline file last edited, else the workspace's (a quick pick when several).
 */
async function composeFile(): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isComposeDocument(document)) return document.uri;
  if (lastPipelineFile && vscode.workspace.textDocuments.some((open) => open.uri.toString() === lastPipelineFile?.toString())) return lastPipelineFile;
  return choosePipelineFile(vscode.l10n.t("Which compose file does the Elestio pipeline deploy?"));
}

function noKnownError(): void {
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      "No known Elestio pipeline error in this text. Known ones include: env file not found, container name already in use, port 80/443 already in use, DisallowedHost, 502, external network not found, variable not set, unknown key.",
    ),
  );
}

/** The server's closing note (the pipeline deploys the dashboard's copy, explain.ts): a fact, not an error to offer an explanation for. */
const NOTE_ID = "dashboard-copy";

async function explainPipelineLog(server: ServerConnection, argument?: unknown): Promise<void> {
  const given = typeof argument === "string" ? argument : selectedText();
  const uri = await composeFile();
  if (given.trim() !== "") {
    const problems = await explain(server, given, uri);
    if (problems.length > 0) await ExplainPanel.show(problems, uri);
    else noKnownError();
    return;
  }
  const clipboard = await vscode.env.clipboard.readText();
  if (clipboard.trim() !== "") {
    const problems = await explain(server, clipboard, uri);
    if (problems.length > 0) {
      await ExplainPanel.show(problems, uri);
      return;
    }
  }
  const pasted = await vscode.window.showInputBox({
    title: vscode.l10n.t("Elestio: Explain a pipeline error"),
    prompt: vscode.l10n.t("Paste a line of the pipeline's log (or several)."),
    placeHolder: "env file /opt/app/<pipeline>/.env.production not found",
    ignoreFocusOut: true,
  });
  if (!pasted || pasted.trim() === "") return;
  const problems = await explain(server, pasted, uri);
  if (problems.length > 0) await ExplainPanel.show(problems, uri);
  else noKnownError();
}

/** The terminal's selection is not in the stable API: copy it, then read the clipboard. */
async function explainTerminalSelection(server: ServerConnection): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.terminal.copySelection");
  const text = await vscode.env.clipboard.readText();
  await explainPipelineLog(server, text);
}

/** Where a pasted or printed pipeline log is read: log files, output channels, plain text. */
const LOG_DOCUMENTS: vscode.DocumentSelector = [{ language: "log" }, { language: "plaintext" }, { scheme: "output" }];

class ExplainLogActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly server: ServerConnection) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, _context: vscode.CodeActionContext, token: vscode.CancellationToken) {
    if (range.isEmpty) return [];
    const text = document.getText(range);
    if (text.trim().length < 8 || text.length > MAX_TEXT) return [];
    const problems = await explain(this.server, text, undefined);
    const first = problems.find((problem) => problem.id !== NOTE_ID);
    if (token.isCancellationRequested || !first) return [];
    const title = vscode.l10n.t("Elestio: explain “{0}”", first.title);
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.command = { command: EXPLAIN_COMMAND, title, arguments: [text] };
    return [action];
  }
}

export function registerExplain(server: ServerConnection): vscode.Disposable {
  noteActiveEditor(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(noteActiveEditor),
    vscode.commands.registerCommand(EXPLAIN_COMMAND, (argument?: unknown) => explainPipelineLog(server, argument)),
    vscode.commands.registerCommand(EXPLAIN_TERMINAL_COMMAND, () => explainTerminalSelection(server)),
    vscode.languages.registerCodeActionsProvider(LOG_DOCUMENTS, new ExplainLogActions(server), {
      providedCodeActionKinds: ExplainLogActions.kinds,
    }),
  );
}
