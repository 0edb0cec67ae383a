/**
 * The VS Code extension: starts the Elestio language server for compose
 * files and adds what an editor client can do beyond LSP: copying the
 * pipeline's compose file to the dashboard, knowing when that copy is stale,
 * and explaining a pipeline error.
 */
import * as vscode from "vscode";
import { Commands } from "../../server/src/protocol.js";
import { registerCopyCommand } from "./copyCompose.js";
import { CopyRecords } from "./copyRecords.js";
import { registerExplain } from "./explainLog.js";
import { registerImportDashboardVariables } from "./importDashboardVariables.js";
import { ServerConnection } from "./languageClient.js";
import { SyncStatus } from "./syncStatus.js";
import { createTraceChannel } from "./traceChannel.js";

let server: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("Elestio Compose", { log: true });
  const trace = createTraceChannel(output);
  server = new ServerConnection(context, output, trace);
  const records = new CopyRecords(context.workspaceState);
  const activeServer = server;

  context.subscriptions.push(
    output,
    trace,
    server,
    registerCopyCommand(server, records),
    registerExplain(server),
    registerImportDashboardVariables(),
    new SyncStatus(records),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show()),
    vscode.commands.registerCommand(Commands.restartServer, () => activeServer.restart()),
  );
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
