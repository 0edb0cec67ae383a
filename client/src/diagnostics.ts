/** The language server's findings as VS Code holds them (source "elestio", code = rule id). */
import * as vscode from "vscode";
import { DIAGNOSTIC_SOURCE } from "../../server/src/protocol.js";
import type { ServerConnection } from "./languageClient.js";

export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === "object" ? code.value : code);
}

function elestioDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

/** Resolves when VS Code's diagnostics for `uri` change, or after `timeoutMs` (the server may have nothing to say). */
function diagnosticsChanged(uri: vscode.Uri, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const key = uri.toString();
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === key)) done();
    });
  });
}

/**
 * The Elestio findings of a file, opening it for the server first when it
 * is not open yet (a command run on a file from the explorer or a quick pick).
 */
export async function findingsOf(uri: vscode.Uri, server: ServerConnection): Promise<vscode.Diagnostic[]> {
  const isOpen = vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
  if (!isOpen || !server.isRunning) {
    const changed = diagnosticsChanged(uri, 5000);
    const document = await vscode.workspace.openTextDocument(uri);
    if (server.checks(document)) {
      await server.start();
      await changed;
    }
  }
  return elestioDiagnostics(uri);
}
