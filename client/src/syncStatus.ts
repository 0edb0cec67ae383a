/**
 * Whether the dashboard's copy of the active pipeline file is stale: a status
 * bar item on pipeline files, and one reminder when a save makes the file
 * differ from what was last copied (the pipeline keeps deploying the old copy).
 */
import { posix } from "node:path";
import * as vscode from "vscode";
import { CONFIG_FILE_NAME } from "../../server/src/engine/config.js";
import { SETTINGS_SECTION } from "../../server/src/protocol.js";
import { isPipelineUri } from "./composeDocuments.js";
import { COPY_COMMAND } from "./copyCompose.js";
import type { CopyRecords, SyncState } from "./copyRecords.js";

/** Context key for menus: the active editor holds a pipeline file. */
const ACTIVE_IS_PIPELINE = "elestio.activeIsPipelineFile";

export class SyncStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("elestio.syncStatus", vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [this.item];
  /** The active editor's file, and whether the pipeline deploys it (reading the project configuration: not at every keystroke). */
  private active: { uri: string; isPipeline: boolean } | undefined;
  private shownContext: boolean | undefined;

  constructor(private readonly records: CopyRecords) {
    this.item.name = vscode.l10n.t("Elestio: dashboard copy");
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.update();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        this.update(true);
        void this.remind(document);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.pipelineFiles`)) this.update(true);
      }),
      // A project configuration can name the pipeline files, and change outside the editor (a checkout, a pull).
      ...[`**/${CONFIG_FILE_NAME}`, "**/package.json"].map((pattern) => {
        const watcher = vscode.workspace.createFileSystemWatcher(pattern);
        const recheck = () => this.update(true);
        return vscode.Disposable.from(watcher, watcher.onDidCreate(recheck), watcher.onDidChange(recheck), watcher.onDidDelete(recheck));
      }),
      records.onDidChange(() => this.update()),
    );
    this.update(true);
  }

  private text(state: SyncState): string {
    switch (state) {
      case "in-sync":
        return `$(check) ${vscode.l10n.t("Elestio: in sync with last copy")}`;
      case "changed":
        return `$(warning) ${vscode.l10n.t("Elestio: changed since last copy")}`;
      case "not-copied":
        return `$(cloud-upload) ${vscode.l10n.t("Elestio: not copied from here yet")}`;
    }
  }

  private tooltip(state: SyncState, copiedAt: string | undefined): string {
    const why = vscode.l10n.t("The Elestio pipeline deploys the dashboard's copy of this file, not the one in Git.");
    const when = copiedAt ? vscode.l10n.t("Last copied from here: {0}.", new Date(copiedAt).toLocaleString(vscode.env.language)) : "";
    const what =
      state === "in-sync"
        ? vscode.l10n.t("The file is as you last copied it.")
        : state === "changed"
          ? vscode.l10n.t("The file changed since you last copied it: the pipeline still deploys the old copy.")
          : vscode.l10n.t("You have not copied it to the dashboard from this workspace yet.");
    return [why, what, when, vscode.l10n.t("Click to copy it and open the dashboard.")].filter(Boolean).join("\n");
  }

  /** `recheck`: read again whether the active file is a pipeline file (settings or configuration may have changed). */
  update(recheck = false): void {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri;
    if (uri && (recheck || this.active?.uri !== uri.toString())) this.active = { uri: uri.toString(), isPipeline: isPipelineUri(uri) };
    const isPipeline = uri !== undefined && this.active?.isPipeline === true;
    if (isPipeline !== this.shownContext) {
      this.shownContext = isPipeline;
      void vscode.commands.executeCommand("setContext", ACTIVE_IS_PIPELINE, isPipeline);
    }
    if (!editor || !isPipeline) {
      this.item.hide();
      return;
    }
    const key = editor.document.uri.toString();
    const state = this.records.syncState(key, editor.document.getText());
    this.item.text = this.text(state);
    this.item.tooltip = this.tooltip(state, this.records.get(key)?.copiedAt);
    this.item.backgroundColor = state === "changed" ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    this.item.command = { command: COPY_COMMAND, title: vscode.l10n.t("Copy compose file and open dashboard"), arguments: [editor.document.uri] };
    this.item.show();
  }

  private async remind(document: vscode.TextDocument): Promise<void> {
    if (!isPipelineUri(document.uri)) return;
    if (!(await this.records.takeReminder(document.uri.toString(), document.getText()))) return;
    const copy = vscode.l10n.t("Copy and open dashboard");
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        "{0} changed since you last copied it: the Elestio pipeline still deploys the dashboard's old copy until you paste the new one there.",
        posix.basename(document.uri.path),
      ),
      copy,
    );
    if (answer === copy) await vscode.commands.executeCommand(COPY_COMMAND, document.uri);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
