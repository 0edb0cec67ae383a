import { describe, expect, it } from "vitest";
import { CancellationTokenSource, type TextEdit } from "vscode-languageserver";
import { Cancelled, FIX_ALL_KIND, codeActions } from "../../server/src/lsp/codeActions.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import type { Analysis } from "../../server/src/lsp/documents.js";

const TEXT = "version: '3'\nservices:\n  web:\n    image: nginx\n    container_name: web\n";

function analysisOf(text: string): Analysis {
  const model = parseCompose(text);
  const lintOptions = { isPipeline: true };
  return { uri: "file:///w/docker-compose.yml", version: 1, model, findings: lint(model, lintOptions), language: "en", lintOptions } as unknown as Analysis;
}

describe("fix-all honours cancellation between its passes", () => {
  const params = { textDocument: { uri: "file:///w/docker-compose.yml" }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: [FIX_ALL_KIND] } };
  const edit = (edits: TextEdit[]) => ({ changes: { x: edits } });

  it("stops with Cancelled when the request is cancelled", () => {
    const source = new CancellationTokenSource();
    source.cancel();
    expect(() => codeActions(analysisOf(TEXT), params, source.token, edit)).toThrow(Cancelled);
  });

  it("fixes everything when it is not", () => {
    const actions = codeActions(analysisOf(TEXT), params, new CancellationTokenSource().token, edit);
    expect(actions.map((a) => a.kind)).toEqual([FIX_ALL_KIND]);
  });
});
