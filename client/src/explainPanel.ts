/**
 * The explanations of a pipeline log, as rendered markdown in a webview,
 * with a link per compose line that causes each problem: the link opens the
 * file with that line selected, where the quick fix is in the light bulb.
 * The closing note (the dashboard's copy) comes last, set apart, without
 * links.
 */
import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import * as vscode from "vscode";

import { Commands, type ExplainedProblem } from "../../server/src/protocol.js";

/** The server's closing note (the pipeline deploys the dashboard's copy, explain.ts): no compose line causes it. */
const NOTE_ID = "dashboard-copy";

interface Location {
  uri: vscode.Uri;
  range: vscode.Range;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Markdown to HTML with VS Code's own renderer (the built-in Markdown extension); plain text if it is disabled. */
async function renderMarkdown(markdown: string): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<string>("markdown.api.render", markdown);
    if (typeof html === "string") return html;
  } catch {
    // fall through
  }
  return `<pre>${escapeHtml(markdown)}</pre>`;
}

async function lineText(location: Location): Promise<string> {
  try {
    const document = await vscode.workspace.openTextDocument(location.uri);
    return document.lineAt(Math.min(location.range.start.line, document.lineCount - 1)).text.trim();
  } catch {
    return "";
  }
}

export class ExplainPanel {
  private static current: ExplainPanel | undefined;
  private locations: Location[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel) {
    panel.onDidDispose(() => {
      if (ExplainPanel.current === this) ExplainPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const index = (message as { open?: unknown })?.open;
      if (typeof index === "number" && this.locations[index]) void this.open(this.locations[index]);
    });
  }

  static async show(problems: readonly ExplainedProblem[], composeUri: vscode.Uri | undefined): Promise<void> {
    if (!ExplainPanel.current) {
      const panel = vscode.window.createWebviewPanel(
        Commands.explainPipelineLog,
        vscode.l10n.t("Elestio: pipeline log explained"),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
      );
      ExplainPanel.current = new ExplainPanel(panel);
    }
    await ExplainPanel.current.render(problems, composeUri);
    ExplainPanel.current.panel.reveal(undefined, false);
  }

  private async open(location: Location): Promise<void> {
    const editor = await vscode.window.showTextDocument(location.uri, {
      selection: location.range,
      viewColumn: vscode.ViewColumn.One,
      preserveFocus: false,
    });
    editor.revealRange(location.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async render(problems: readonly ExplainedProblem[], composeUri: vscode.Uri | undefined): Promise<void> {
    this.locations = [];
    const nonce = randomBytes(16).toString("base64");
    const sections: string[] = [];
    for (const problem of problems) {
      const links: string[] = [];
      for (const { uri, range } of problem.ranges) {
        const location: Location = {
          uri: vscode.Uri.parse(uri, true),
          range: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
        };
        const index = this.locations.push(location) - 1;
        const label = `${posix.basename(location.uri.path)}:${range.start.line + 1}`;
        const text = await lineText(location);
        links.push(
          `<li><a href="#" data-open="${index}">${escapeHtml(label)}</a>${text ? ` <code>${escapeHtml(text)}</code>` : ""}</li>`,
        );
      }
      const note = problem.id === NOTE_ID;
      const where =
        note
          ? ""
          : links.length > 0
          ? `<p class="where">${escapeHtml(vscode.l10n.t("Caused by (open the line, then its quick fix):"))}</p><ul class="locations">${links.join("")}</ul>`
          : composeUri
            ? `<p class="where">${escapeHtml(vscode.l10n.t("No line of {0} causes it directly.", posix.basename(composeUri.path)))}</p>`
            : "";
      sections.push(
        `<section data-problem="${escapeHtml(problem.id)}"${note ? ' class="note"' : ""}><h2>${escapeHtml(problem.title)}</h2>${await renderMarkdown(problem.explanation)}${where}</section>`,
      );
    }
    const csp = [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${this.panel.webview.cspSource} https: data:`,
    ].join("; ");
    this.panel.webview.html = `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); line-height: 1.5; padding: 0 1.2em 1.2em; max-width: 60em; }
  h1 { font-size: 1.4em; }
  h2 { font-size: 1.15em; border-top: 1px solid var(--vscode-panel-border); padding-top: 0.8em; }
  code, pre { font-family: var(--vscode-editor-font-family); }
  pre { background: var(--vscode-textCodeBlock-background); padding: 0.6em; overflow-x: auto; white-space: pre-wrap; }
  a { color: var(--vscode-textLink-foreground); }
  a:hover { color: var(--vscode-textLink-activeForeground); }
  .where { font-weight: 600; margin-bottom: 0.2em; }
  .locations code { opacity: 0.8; }
  .note { border-left: 3px solid var(--vscode-textBlockQuote-border); padding-left: 0.8em; }
  .note h2 { border-top: none; }
</style>
</head>
<body>
<h1>${escapeHtml(vscode.l10n.t("Pipeline log explained"))}</h1>
${sections.join("\n")}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-open]") : null;
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ open: Number(link.getAttribute("data-open")) });
  });
</script>
</body>
</html>`;
  }
}
