/** The messages the client passes to `vscode.l10n.t`, read from its sources with the TypeScript parser. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const CLIENT_SOURCES = join(__dirname, "../../client/src");

export interface L10nCall {
  file: string;
  line: number;
  /** The message, or undefined when the first argument is not a string literal (it could not be translated). */
  message: string | undefined;
}

export function l10nCalls(dir: string = CLIENT_SOURCES): L10nCall[] {
  const calls: L10nCall[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith(".ts")).sort()) {
    const source = ts.createSourceFile(name, readFileSync(join(dir, name), "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText(source).replace(/\s/g, "") === "vscode.l10n.t") {
        const first = node.arguments[0];
        calls.push({
          file: name,
          line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
          message: first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

/** The `{0}`, `{1}`… placeholders of a message, sorted. */
export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}
