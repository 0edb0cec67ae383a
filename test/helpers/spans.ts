/** Spans as tests read them: `line:column-endLine:endColumn text`, 1-based, the text the span covers. */
import type { ComposeModel, Span } from "../../server/src/engine/compose/model.js";

export function spanText(model: ComposeModel, span: Span | undefined): string | undefined {
  if (!span) return undefined;
  const start = model.lines.positionAt(span.start);
  const end = model.lines.positionAt(span.end);
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${model.text.slice(span.start, span.end)}`;
}
