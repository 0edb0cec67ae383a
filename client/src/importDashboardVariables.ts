/**
 * "Elestio: Import the dashboard's variables". The user copies the
 * `KEY=value` block of Dashboard → Environment variables; the command reads
 * it from the clipboard (or an input box to paste it into), keeps the names
 * only and merges them into the project's `.elestio-compose.json`, where the
 * language server and the CLI read them (`dashboardVariables`).
 *
 * The values never leave this function: they are not stored, logged, sent to
 * the server or put in a message or an error. The input box masks them.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import * as vscode from "vscode";
import {
  CONFIG_FILE_NAME,
  ConfigFinder,
  ConfigurationTextError,
  newConfigurationFolder,
  parseDashboardBlock,
  withDashboardVariables,
} from "../../server/src/engine/config.js";
import { Commands } from "../../server/src/protocol.js";
import { choosePipelineFile, isComposeDocument } from "./composeDocuments.js";

/** Reads each configuration again only when it changes on disk. */
const configs = new ConfigFinder();

/** How many names a message lists before "…". */
const LISTED_NAMES = 8;

function listOf(names: readonly string[]): string {
  return names.length <= LISTED_NAMES ? names.join(", ") : `${names.slice(0, LISTED_NAMES).join(", ")}, …`;
}

/** The compose file the variables are for: the active compose editor's, else the pipeline file (a quick pick when several). */
async function composeFile(): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isComposeDocument(document)) return document.uri;
  return choosePipelineFile(vscode.l10n.t("Which compose file does the Elestio pipeline deploy?"));
}

/** Where the names go: the configuration that applies to the compose file, else a new `.elestio-compose.json`. */
async function configurationFile(): Promise<{ uri: vscode.Uri; section?: string } | undefined> {
  const compose = await composeFile();
  const folder = compose ? vscode.workspace.getWorkspaceFolder(compose) : await onlyOrPickedFolder();
  if (compose?.scheme === "file") {
    const found = configs.find(compose.fsPath).config;
    if (found) return { uri: vscode.Uri.file(found.file), section: basename(found.file) === "package.json" ? "elestio" : undefined };
    const root = folder?.uri.scheme === "file" ? folder.uri.fsPath : undefined;
    const dir = newConfigurationFolder(dirname(compose.fsPath), root, (path) => existsSync(join(path, ".git")));
    return { uri: vscode.Uri.file(join(dir, CONFIG_FILE_NAME)) };
  }
  if (!folder) return undefined;
  if (folder.uri.scheme === "file") {
    const found = configs.find(join(folder.uri.fsPath, "compose.yaml")).config;
    if (found) return { uri: vscode.Uri.file(found.file), section: basename(found.file) === "package.json" ? "elestio" : undefined };
  }
  return { uri: vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME) };
}

async function onlyOrPickedFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t("Which folder's .elestio-compose.json should list them?") });
}

/** The names of the block on the clipboard, when it holds nothing but `KEY=value` lines; else of a block pasted into an input box. */
async function pastedNames(): Promise<string[] | undefined> {
  const clipboard = parseDashboardBlock(await vscode.env.clipboard.readText());
  if (clipboard.names.length > 0 && clipboard.skipped === 0) return clipboard.names;
  const pasted = await vscode.window.showInputBox({
    title: vscode.l10n.t("Elestio: Import the dashboard's variables"),
    prompt: vscode.l10n.t(
      "In Dashboard → Environment variables, copy the KEY=value block and paste it here. Only the names are kept: the values are neither stored nor sent.",
    ),
    placeHolder: "DJANGO_SECRET_KEY=… DB_PASSWORD=…",
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const { names } = parseDashboardBlock(text);
      if (text.trim() === "") return undefined;
      if (names.length === 0) return { message: vscode.l10n.t("No KEY=value line in this text."), severity: vscode.InputBoxValidationSeverity.Error };
      const message = names.length === 1 ? vscode.l10n.t("One name: {0}", names[0]) : vscode.l10n.t("{0} names: {1}", names.length, listOf(names));
      return { message, severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  const names = pasted === undefined ? [] : parseDashboardBlock(pasted).names;
  return names.length > 0 ? names : undefined;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === "FileNotFound") return undefined;
    throw error;
  }
}

function unusable(error: ConfigurationTextError, name: string, section: string | undefined): string {
  switch (error.reason) {
    case "json":
      return vscode.l10n.t("{0} is not valid JSON: fix it, then import the variables again.", name);
    case "object":
      return vscode.l10n.t("{0} does not hold a JSON object: fix it, then import the variables again.", name);
    case "section":
      return vscode.l10n.t("The “{0}” key of {1} is not an object: fix it, then import the variables again.", section ?? "", name);
  }
}

async function importDashboardVariables(): Promise<void> {
  const target = await configurationFile();
  if (!target) {
    void vscode.window.showWarningMessage(vscode.l10n.t("Open a folder or a compose file first: the names go in its .elestio-compose.json."));
    return;
  }
  const names = await pastedNames();
  if (!names) return;
  const name = vscode.workspace.asRelativePath(target.uri);
  let text: string;
  try {
    text = withDashboardVariables(await readText(target.uri), names, { section: target.section });
  } catch (error) {
    // The error never carries the file's text nor the pasted block.
    const message = error instanceof ConfigurationTextError ? unusable(error, name, target.section) : vscode.l10n.t("Could not read {0}.", name);
    void vscode.window.showErrorMessage(message);
    return;
  }
  try {
    await vscode.workspace.fs.writeFile(target.uri, new TextEncoder().encode(text));
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t("Could not write {0}.", name));
    return;
  }
  const message =
    names.length === 1
      ? vscode.l10n.t("Found one variable name, {0}, and wrote it to {1}: names only, never values. The variables the dashboard lacks are now warnings.", names[0], name)
      : vscode.l10n.t("Found {0} variable names and wrote them to {1}: names only, never values. The variables the dashboard lacks are now warnings.", names.length, name);
  const open = vscode.l10n.t("Open {0}", basename(target.uri.path));
  if ((await vscode.window.showInformationMessage(message, open)) === open) await vscode.window.showTextDocument(target.uri);
}

export function registerImportDashboardVariables(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.importDashboardVariables, () => importDashboardVariables());
}
