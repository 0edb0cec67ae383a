/**
 * "Show documentation for <id>": the code action runs the server's
 * ServerCommands.showRuleDocumentation with the page's URL; in VS Code the
 * client opens the page the extension ships, rendered in the Markdown
 * preview, instead of letting the server ask for the raw file or a browser.
 */
import * as vscode from "vscode";
import { ServerCommands } from "../../server/src/protocol.js";

/** The shipped page of a rule for the URL the server resolved (its language from `.fr.md`), when the extension has it. */
export function shippedPage(context: vscode.ExtensionContext, ruleId: string, url: string): vscode.Uri | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  const french = /\.fr\.md(?:$|[?#])/.test(url);
  return vscode.Uri.file(context.asAbsolutePath(`docs/rules/${ruleId}${french ? ".fr" : ""}.md`));
}

/** Opens a rule's page rendered; false when the extension does not ship it (the server's command then runs). */
export async function showRuleDocumentation(context: vscode.ExtensionContext, args: readonly unknown[]): Promise<boolean> {
  const [ruleId, url] = args;
  if (typeof ruleId !== "string" || typeof url !== "string") return false;
  const page = shippedPage(context, ruleId, url);
  if (!page) return false;
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    return false;
  }
  await vscode.commands.executeCommand("markdown.showPreview", page);
  return true;
}

/** The client middleware that routes the command here. */
export function ruleDocumentationMiddleware(context: vscode.ExtensionContext) {
  return {
    executeCommand: async (command: string, args: unknown[], next: (command: string, args: unknown[]) => unknown) => {
      if (command === ServerCommands.showRuleDocumentation && (await showRuleDocumentation(context, args))) return true;
      return next(command, args);
    },
  };
}
