/**
 * "Elestio: Copy compose file and open dashboard". The pipeline deploys the
 * compose file stored in the dashboard, not the repository's (the guide's
 * problem 4): this puts the file on the clipboard exactly as on disk, opens
 * the dashboard and says where to paste it.
 */
import { posix } from "node:path";
import * as vscode from "vscode";
import { Commands, SETTINGS_SECTION } from "../../server/src/protocol.js";
import { choosePipelineFile, displayName, pipelineGlobsFor } from "./composeDocuments.js";
import type { CopyRecords } from "./copyRecords.js";
import { isElestioDashboardUrl, resolveDashboardUrl, type ResolvedDashboardUrl } from "./dashboardUrl.js";
import { findingsOf, ruleId } from "./diagnostics.js";
import type { ServerConnection } from "./languageClient.js";

export const COPY_COMMAND = Commands.openDashboardAndCopyCompose;

/** The command's argument: a uri from the editor title menu or the explorer, a uri string from the code lens. */
function uriOf(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === "string" && argument !== "") {
    try {
      return vscode.Uri.parse(argument, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `elestio.dashboardUrl` for a file; a workspace may only name Elestio's dashboard (see dashboardUrl.ts). */
function dashboardUrlFor(uri: vscode.Uri | undefined): ResolvedDashboardUrl {
  const values = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).inspect<string>("dashboardUrl");
  const trusted = vscode.workspace.isTrusted;
  return resolveDashboardUrl({
    globalValue: values?.globalValue,
    workspaceValue: trusted ? values?.workspaceValue : undefined,
    workspaceFolderValue: trusted ? values?.workspaceFolderValue : undefined,
  });
}

const warnedUrls = new Set<string>();

function warnAboutRejectedUrls(resolved: ResolvedDashboardUrl): void {
  for (const { scope, value, reason } of resolved.rejected) {
    if (warnedUrls.has(`${scope}:${value}`)) continue;
    warnedUrls.add(`${scope}:${value}`);
    const message =
      reason === "not-elestio"
        ? vscode.l10n.t(
            "Ignored elestio.dashboardUrl “{0}” from the workspace settings: a workspace may only point at an https address on elest.io, since your compose file (secrets and all) is pasted there. Opening {1} instead.",
            value,
            resolved.url,
          )
        : vscode.l10n.t("Ignored elestio.dashboardUrl “{0}”: it is not an http or https address. Opening {1} instead.", value, resolved.url);
    void vscode.window.showWarningMessage(message);
  }
}

async function storeDashboardUrl(uri: vscode.Uri): Promise<void> {
  const current = dashboardUrlFor(uri);
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t("Your pipeline's page in the Elestio dashboard"),
    prompt: vscode.l10n.t("Open your CI/CD pipeline in the dashboard and paste its address: the copy command will open it next time."),
    value: current.url,
    ignoreFocusOut: true,
    validateInput: (value) =>
      isElestioDashboardUrl(value) ? undefined : vscode.l10n.t("An https address on elest.io, such as https://dash.elest.io/…"),
  });
  if (!url) return;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION, uri).update("dashboardUrl", url.trim(), target);
}

function lineOf(diagnostic: vscode.Diagnostic): number {
  return diagnostic.range.start.line + 1;
}

async function copyAndOpenDashboard(argument: unknown, server: ServerConnection, records: CopyRecords): Promise<void> {
  const uri = uriOf(argument) ?? (await choosePipelineFile(vscode.l10n.t("Which compose file does the Elestio pipeline deploy?")));
  if (!uri) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("No compose file of an Elestio pipeline in this workspace (elestio.pipelineFiles: {0}).", pipelineGlobsFor().join(", ")),
    );
    return;
  }
  const name = displayName(uri);

  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) {
    const save = vscode.l10n.t("Save and copy");
    const saved = vscode.l10n.t("Copy the saved file");
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t("{0} has unsaved changes.", name),
      { modal: true, detail: vscode.l10n.t("The dashboard should hold the file you push to Git. Save it first?") },
      save,
      saved,
    );
    if (answer === undefined) return;
    if (answer === save && !(await open.save())) return;
  }

  const findings = await findingsOf(uri, server);
  const errors = findings.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error);
  if (errors.length > 0) {
    const copyAnyway = vscode.l10n.t("Copy anyway");
    const showProblems = vscode.l10n.t("Show problems");
    const detail = errors
      .slice(0, 6)
      .map((diagnostic) => `• ${vscode.l10n.t("line {0}", lineOf(diagnostic))}: ${diagnostic.message.split("\n")[0]}`)
      .join("\n");
    const answer = await vscode.window.showWarningMessage(
      errors.length === 1
        ? vscode.l10n.t("{0} has an Elestio error: the pipeline is likely to fail with it.", name)
        : vscode.l10n.t("{0} has {1} Elestio errors: the pipeline is likely to fail with them.", name, errors.length),
      { modal: true, detail },
      copyAnyway,
      showProblems,
    );
    if (answer === showProblems) {
      await vscode.window.showTextDocument(uri, { selection: errors[0].range });
      await vscode.commands.executeCommand("workbench.actions.view.problems");
      return;
    }
    if (answer !== copyAnyway) return;
  }

  // Exactly as on disk: what Git holds once pushed, not the editor's unsaved text.
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  await vscode.env.clipboard.writeText(text);
  await records.recordCopy(uri.toString(), text);

  const dashboard = dashboardUrlFor(uri);
  warnAboutRejectedUrls(dashboard);
  await vscode.env.openExternal(vscode.Uri.parse(dashboard.url, true));

  const secrets = findings.filter((diagnostic) => ruleId(diagnostic) === "literal-secret");
  let message = vscode.l10n.t(
    "{0} copied. In the dashboard, open your CI/CD pipeline's Docker compose editor, replace its content with the clipboard, save, then redeploy.",
    posix.basename(uri.path),
  );
  if (secrets.length > 0) {
    const lines = secrets.map(lineOf).join(", ");
    message +=
      " " +
      (secrets.length === 1
        ? vscode.l10n.t(
            "It holds a literal secret (line {0}): the dashboard's copy will hold it too. Reference a variable set in Dashboard → Environment variables instead.",
            lines,
          )
        : vscode.l10n.t(
            "It holds literal secrets (lines {0}): the dashboard's copy will hold them too. Reference variables set in Dashboard → Environment variables instead.",
            lines,
          ));
  }
  const storeUrl = vscode.l10n.t("Save my pipeline's address");
  const actions = dashboard.source === "default" ? [storeUrl] : [];
  const answer = secrets.length > 0 ? await vscode.window.showWarningMessage(message, ...actions) : await vscode.window.showInformationMessage(message, ...actions);
  if (answer === storeUrl) await storeDashboardUrl(uri);
}

export function registerCopyCommand(server: ServerConnection, records: CopyRecords): vscode.Disposable {
  return vscode.commands.registerCommand(COPY_COMMAND, (argument?: unknown) => copyAndOpenDashboard(argument, server, records));
}
