/**
 * Compose documents and pipeline files in the editor and the workspace. Which
 * files the pipeline deploys comes, as for the server, from the project's
 * `.elestio-compose.json` when it sets `pipelineFiles`, else from the
 * `elestio.pipelineFiles` setting.
 */
import { dirname, posix, relative } from "node:path";
import * as vscode from "vscode";
import { ConfigFinder } from "../../server/src/engine/config.js";
import { isComposeFileName } from "../../server/src/engine/files.js";
import { COMPOSE_LANGUAGE_ID, DOCUMENT_SCHEMES, isPipelinePath, pathPattern, pipelineGlobs } from "./pipelineFiles.js";

import { SETTINGS_SECTION } from "../../server/src/protocol.js";

/** Reads each project configuration again only when it changes on disk. */
const configs = new ConfigFinder();

function hasDocumentScheme(uri: vscode.Uri): boolean {
  return (DOCUMENT_SCHEMES as readonly string[]).includes(uri.scheme);
}

/** `elestio.pipelineFiles` for a resource (it may differ per workspace folder). */
export function pipelineGlobsFor(uri?: vscode.Uri): string[] {
  return pipelineGlobs(vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).get("pipelineFiles"));
}

/** The globs that apply to a file, and the folder their paths start from. */
function pipelineRule(uri: vscode.Uri): { globs: readonly string[]; base: string | undefined } {
  const project = uri.scheme === "file" ? configs.find(uri.fsPath).config : undefined;
  if (project?.pipelineFiles && project.pipelineFiles.length > 0) return { globs: project.pipelineFiles, base: dirname(project.file) };
  return { globs: pipelineGlobsFor(uri), base: vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath };
}

export function isPipelineUri(uri: vscode.Uri): boolean {
  if (!hasDocumentScheme(uri)) return false;
  const { globs, base } = pipelineRule(uri);
  const relativePath = base && uri.scheme === "file" ? relative(base, uri.fsPath).split("\\").join("/") : undefined;
  return isPipelinePath(uri.fsPath, globs, relativePath);
}

/** A document filter both VS Code and the language client accept. */
export interface ComposeDocumentFilter {
  language: string;
  scheme: string;
}

/**
 * What the language server is given: VS Code's compose documents and every
 * YAML document. The server tells compose files from other YAML by name and by
 * the project's configuration, and says nothing about the others.
 */
export function documentSelector(): ComposeDocumentFilter[] {
  return DOCUMENT_SCHEMES.flatMap((scheme) => [
    { language: COMPOSE_LANGUAGE_ID, scheme },
    { language: "yaml", scheme },
  ]);
}

/** A compose file: VS Code's compose documents, YAML files named like one, and pipeline files. */
export function isComposeDocument(document: vscode.TextDocument): boolean {
  if (!hasDocumentScheme(document.uri)) return false;
  if (document.languageId === COMPOSE_LANGUAGE_ID) return true;
  return document.languageId === "yaml" && (isComposeFileName(document.uri.path) || isPipelineUri(document.uri));
}

export function displayName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}

/** The pipeline files of the workspace, shallowest first. */
async function findPipelineFiles(): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    // The project configuration that applies at the folder's root, if any, names the files from its own folder.
    const project = folder.uri.scheme === "file" ? configs.find(vscode.Uri.joinPath(folder.uri, "compose.yaml").fsPath).config : undefined;
    const searches =
      project?.pipelineFiles && project.pipelineFiles.length > 0
        ? project.pipelineFiles.map((glob) => new vscode.RelativePattern(vscode.Uri.file(dirname(project.file)), pathPattern(glob)))
        : pipelineGlobsFor(folder.uri).map((glob) => new vscode.RelativePattern(folder, pathPattern(glob)));
    for (const search of searches) {
      const uris = await vscode.workspace.findFiles(search, "**/node_modules/**", 100);
      for (const uri of uris) if (isPipelineUri(uri)) found.set(uri.toString(), uri);
    }
  }
  const depth = (uri: vscode.Uri) => uri.path.split("/").length;
  return [...found.values()].sort((a, b) => depth(a) - depth(b) || a.path.localeCompare(b.path));
}

/**
 * The pipeline file a command is about: the active editor's when it is one,
 * else the workspace's, with a quick pick when there are several.
 */
export async function choosePipelineFile(placeHolder: string): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isPipelineUri(active)) return active;
  const files = await findPipelineFiles();
  if (files.length <= 1) return files[0];
  const folderOf = (uri: vscode.Uri) => {
    const folder = posix.dirname(displayName(uri));
    return folder === "." ? vscode.workspace.getWorkspaceFolder(uri)?.name : folder;
  };
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: posix.basename(uri.path), description: folderOf(uri), uri })),
    { placeHolder },
  );
  return picked?.uri;
}
