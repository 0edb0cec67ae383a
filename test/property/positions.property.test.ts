/**
 * Hover and code actions answer at every position of every file (the
 * project's in `npm test`, the corpus folder's in `npm run test:corpus`),
 * positions past the end of the document included, as the server computes
 * them (engine and code-action layer, without the JSON-RPC transport; the
 * code lens, which has no position, is asked over JSON-RPC in
 * cli-vs-editor.test.ts). In `npm test` every 6th offset and every line's
 * ends; in `npm run fuzz` every offset. A hover part (a topic provider, the
 * findings' sections) that throws is left out of the hover and reported to
 * its onError: the test fails on any report.
 */
import { CancellationToken, type CodeActionParams, type Diagnostic, type Position, type TextEdit } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { describe, expect, it } from "vitest";
import { FIX_ALL_KIND, codeActions } from "../../server/src/lsp/codeActions.js";
import { toDiagnostic } from "../../server/src/lsp/convert.js";
import type { Analysis } from "../../server/src/lsp/documents.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hover } from "../../server/src/engine/hover/index.js";
import { lint } from "../../server/src/engine/lint.js";
import { DEFAULT_SETTINGS } from "../../server/src/lsp/settings.js";
import { corpus, FUZZ } from "./support.js";

const URI = "file:///workspace/docker-compose.yml";

function analysisOf(text: string, language: "en" | "fr"): Analysis {
  const model = parseCompose(text);
  const lintOptions = { isPipeline: true };
  return {
    uri: URI,
    version: 1,
    info: { kind: "pipeline" },
    settings: DEFAULT_SETTINGS,
    language,
    model,
    findings: lint(model, lintOptions),
    lintOptions,
    project: undefined,
  };
}

/** The offsets to probe: all of them in the long run; else every 6th, each line's start and end, and each finding's ends. */
function offsetsOf(analysis: Analysis): number[] {
  const { text, lines } = analysis.model;
  const offsets = new Set<number>();
  for (let offset = 0; offset <= text.length; offset += FUZZ ? 1 : 6) offsets.add(offset);
  for (let line = 0; line < lines.lineCount; line++) {
    offsets.add(lines.lineStarts[line]);
    offsets.add(lines.lineEnd(line));
  }
  for (const f of analysis.findings) [f.start - 1, f.start, f.end - 1, f.end].forEach((o) => o >= 0 && o <= text.length && offsets.add(o));
  return [...offsets].sort((a, b) => a - b);
}

/** Positions an editor may send past the text: after the last line, past a line's end, far away. */
function pastTheEnd(analysis: Analysis): Position[] {
  const { lines } = analysis.model;
  const last = lines.lineCount - 1;
  return [
    { line: last, character: lines.lineEnd(last) - lines.lineStarts[last] + 3 },
    { line: lines.lineCount, character: 0 },
    { line: lines.lineCount + 10, character: 5 },
    { line: 0, character: 1_000_000 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
  ];
}

/** A position that names a real place in the document (not one clamped to it). */
function inDocument(document: TextDocument, position: Position): boolean {
  const normalized = document.positionAt(document.offsetAt(position));
  return normalized.line === position.line && normalized.character === position.character;
}

const workspaceEdit = (edits: TextEdit[]) => ({ changes: { [URI]: edits } });

function checkActions(analysis: Analysis, document: TextDocument, diagnostics: Diagnostic[], position: Position, problems: string[], label: string): number {
  const params: CodeActionParams = { textDocument: { uri: URI }, range: { start: position, end: position }, context: { diagnostics } };
  const actions = codeActions(analysis, params, CancellationToken.None, workspaceEdit);
  for (const action of actions) {
    const edits = action.edit?.changes?.[URI] ?? [];
    for (const edit of edits) {
      const { start, end } = edit.range;
      if (!inDocument(document, start) || !inDocument(document, end) || document.offsetAt(start) > document.offsetAt(end)) {
        problems.push(`${label}: "${action.title}" edits outside the document: ${JSON.stringify(edit.range)}`);
      }
    }
    TextDocument.applyEdits(document, edits);
  }
  return actions.length;
}

describe("hover and code actions at every position", () => {
  it("answer without error on every file, past the end included, in both languages", () => {
    const problems: string[] = [];
    let hovers = 0;
    let actionRequests = 0;
    let actionsOffered = 0;
    for (const [index, file] of corpus().entries()) {
      const language = index % 2 === 0 ? "en" : "fr";
      const analysis = analysisOf(file.text, language);
      const { model, findings } = analysis;
      const document = TextDocument.create(URI, "yaml", 1, file.text);
      // A part of the hover that throws is left out of it: reported here, it fails the test.
      const hoverError = (label: string) => (part: string, error: unknown) => problems.push(`${label}: the hover's ${part} threw: ${(error as Error)?.stack ?? String(error)}`);
      const diagnostics = findings.map((f) => ({ diagnostic: toDiagnostic(f, model.lines, language), start: f.start, end: f.end }));
      for (const offset of offsetsOf(analysis)) {
        hovers++;
        const result = hover(model, findings, offset, language, { isPipeline: true, onError: hoverError(`${file.rel}@${offset}`) });
        if (result && !(result.start <= result.end && result.end <= file.text.length && result.markdown.length > 0)) {
          problems.push(`${file.rel}@${offset}: hover range ${result.start}-${result.end}`);
        }
        // The editor sends the diagnostics under the cursor.
        const under = diagnostics.filter((d) => d.start <= offset && offset <= d.end).map((d) => d.diagnostic);
        actionRequests++;
        actionsOffered += checkActions(analysis, document, under, model.lines.positionAt(offset), problems, `${file.rel}@${offset}`);
      }
      for (const position of pastTheEnd(analysis)) {
        hovers++;
        hover(model, findings, model.lines.offsetAt(position), language, { isPipeline: true, onError: hoverError(`${file.rel}@${JSON.stringify(position)}`) });
        actionRequests++;
        checkActions(analysis, document, diagnostics.map((d) => d.diagnostic), position, problems, `${file.rel}@${JSON.stringify(position)}`);
      }
      // Fix-all, as codeActionsOnSave asks for it.
      const all: CodeActionParams = { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: [FIX_ALL_KIND] } };
      codeActions(analysis, all, CancellationToken.None, workspaceEdit);
    }
    console.info(`[reliability] positions: ${hovers} hovers and ${actionRequests} code-action requests (${actionsOffered} actions) over ${corpus().length} files`);
    expect(problems).toEqual([]);
  });
});
