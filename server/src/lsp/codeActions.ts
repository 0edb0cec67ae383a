/**
 * Code actions for our diagnostics: the rule's fix as the preferred quick
 * fix, "Disable <id> for this line", "Show documentation for <id>" (once per
 * rule), and `source.fixAll.elestio` for `editor.codeActionsOnSave`.
 */
import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type TextEdit, type WorkspaceEdit } from "vscode-languageserver/node";
import { parseCompose } from "../engine/compose/model.js";
import { disableForLineEdit, fixAll } from "../engine/fixes.js";
import { pick, type Language } from "../engine/i18n/index.js";
import { lint } from "../engine/lint.js";
import { findingFor, toTextEdits } from "./convert.js";
import { FILE_TOO_LARGE_RULE_ID } from "../engine/rules/file-too-large.js";
import type { Analysis } from "./documents.js";
import { messages } from "./messages.js";
import { FIX_ALL_KIND, ServerCommands, type ShowRuleDocumentationArguments } from "../protocol.js";

export { FIX_ALL_KIND };

/** Thrown when the client cancelled a fix-all between two passes. */
export class Cancelled extends Error {}

/** Whether a client's `only` filter asks for `kind` (a filter names a kind or one of its parents). */
function asked(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * Reports a part of the code actions that threw (`disable-for-line`,
 * `fix-all`), as lint's onRuleError reports a rule: the other actions are
 * still offered.
 */
export type CodeActionErrorHandler = (part: string, error: unknown) => void;

export function codeActions(
  analysis: Analysis,
  params: CodeActionParams,
  token: CancellationToken,
  workspaceEdit: (edits: TextEdit[]) => WorkspaceEdit,
  docsUrl?: (id: string, language: Language) => string | undefined,
  onError?: CodeActionErrorHandler,
): CodeAction[] {
  const { model, findings, language } = analysis;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (asked(only, CodeActionKind.QuickFix)) {
    const fixes: CodeAction[] = [];
    const disables: CodeAction[] = [];
    const documentation: CodeAction[] = [];
    const documented = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      const finding = findingFor(diagnostic, findings, model.lines);
      // A file too large to analyse has nothing a comment could disable.
      if (!finding || finding.ruleId === FILE_TOO_LARGE_RULE_ID) continue;
      if (finding.fix) {
        fixes.push({
          title: pick(finding.fix.title, language),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: workspaceEdit(toTextEdits(finding.fix.edits, model.lines)),
        });
      }
      try {
        const edit = workspaceEdit(toTextEdits([disableForLineEdit(model, finding)], model.lines));
        disables.push({ title: pick(messages.disableForLine(finding.ruleId), language), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
      } catch (error) {
        onError?.("disable-for-line", error);
      }
      const url = documented.has(finding.ruleId) ? undefined : docsUrl?.(finding.ruleId, language);
      if (url) {
        documented.add(finding.ruleId);
        const title = pick(messages.showDocumentation(finding.ruleId), language);
        const args: ShowRuleDocumentationArguments = [finding.ruleId, url];
        documentation.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: ServerCommands.showRuleDocumentation, arguments: args } });
      }
    }
    // Fixes first: the lightbulb lists actions in this order (vscode-eslint's: fix, disable, documentation).
    actions.push(...fixes, ...disables, ...documentation);
  }

  // Only on request (codeActionsOnSave, "Source Action..."): computing it lints the file up to ten times.
  if (only !== undefined && asked(only, FIX_ALL_KIND) && findings.some((f) => f.fix)) {
    let edits: TextEdit[] = [];
    try {
      const result = fixAll(model.text, (text) => {
        if (token.isCancellationRequested) throw new Cancelled();
        return text === model.text ? [...findings] : lint(parseCompose(text), analysis.lintOptions);
      });
      edits = toTextEdits(result.edits, model.lines);
    } catch (error) {
      if (error instanceof Cancelled) throw error;
      onError?.("fix-all", error);
    }
    if (edits.length > 0) actions.push({ title: pick(messages.fixAll, language), kind: FIX_ALL_KIND, edit: workspaceEdit(edits) });
  }
  return actions;
}
