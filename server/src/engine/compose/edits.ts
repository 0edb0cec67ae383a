/**
 * Minimal text edits on the YAML source: remove a key, remove a list item,
 * replace a scalar, insert keys. Everything outside the edited node stays
 * byte for byte the same: comments, blank lines, quoting, indentation.
 */
import { isAlias, visit, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { OffsetEdit } from "../text.js";
import { documentAnchors, modelFact, type ComposeModel, type Entry } from "./model.js";

/** Offset of the end of a pair: its value's end, or its key's when it has no value. */
function pairEnd(pair: Pair): number {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const keyEnd = key.range?.[1] ?? 0;
  const valueEnd = value?.range?.[1] ?? keyEnd;
  return Math.max(keyEnd, valueEnd);
}

function pairStart(pair: Pair): number {
  return (pair.key as Node).range?.[0] ?? 0;
}

/** True when only spaces (and tabs) stand between the start of the line and `offset`. */
function onlyIndentBefore(model: ComposeModel, offset: number): boolean {
  const { line } = model.lines.positionAt(offset);
  return /^[ \t]*$/.test(model.text.slice(model.lines.lineStarts[line], offset));
}

/**
 * The last line of the block that starts on line `first` and whose range ends
 * at `end`. The comment lines after it indented deeper than its first line
 * belong to it, inside the parser's range (a block collection's runs up to the
 * next key) or past it (a scalar's stops before them); one at its column or
 * left of it describes what follows (`# the worker` above `worker:`).
 */
function blockLastLine(model: ComposeModel, first: number, end: number): number {
  const { lines } = model;
  const last = lines.positionAt(end).line;
  const text = (line: number) => lines.lineText(line);
  const indent = (line: number) => /^[ \t]*/.exec(text(line))![0].length;
  const isComment = (line: number) => /^[ \t]*#/.test(text(line));
  let content = last;
  while (content > first && (isComment(content) || text(content).trim() === "")) content--;
  const column = indent(first);
  while (content + 1 < lines.lineCount && isComment(content + 1) && indent(content + 1) > column) content++;
  return content;
}

/** Deletes the whole lines from the line of `start` through the line of `end`, line breaks included. */
function deleteLines(model: ComposeModel, start: number, end: number): OffsetEdit {
  // A block collection's range ends past its last line break: that next line is not part of it.
  while (end > start && /\s/.test(model.text[end - 1])) end--;
  let first = model.lines.positionAt(start).line;
  let last = blockLastLine(model, first, end);
  // A block set apart by blank lines (a service between two others) takes one
  // of its separators with it, so that removing it leaves one gap, not two.
  const lines = model.lines;
  // `last + 1` is read only when it is not past the end (not atEnd): only `first - 1` can be out of range.
  const isBlank = (line: number) => line >= 0 && lines.lineText(line).trim() === "";
  const atEnd = last + 1 >= lines.lineCount || (last + 2 === lines.lineCount && lines.lineText(last + 1) === "");
  if (isBlank(first - 1)) {
    if (!atEnd && isBlank(last + 1)) last++;
    else if (atEnd) first--;
  }
  return { start: lines.lineStarts[first], end: lines.nextLineStart(last), newText: "" };
}

/** Removes one element of a flow collection with its separating comma. */
function removeFromFlow(items: { start: number; end: number }[], index: number): OffsetEdit {
  const target = items[index];
  if (index + 1 < items.length) return { start: target.start, end: items[index + 1].start, newText: "" };
  if (index > 0) return { start: items[index - 1].end, end: target.end, newText: "" };
  return { start: target.start, end: target.end, newText: "" };
}

/** Removes a key and its value from the map that holds it. */
export function removePair(model: ComposeModel, map: YAMLMap, pair: Pair): OffsetEdit {
  const pairs = map.items;
  const index = pairs.indexOf(pair);
  const start = pairStart(pair);
  const end = pairEnd(pair);
  if (map.flow) {
    return removeFromFlow(pairs.map((p) => ({ start: pairStart(p), end: pairEnd(p) })), index);
  }
  if (onlyIndentBefore(model, start)) return deleteLines(model, start, end);
  // The first key of a map that is a list item (`- key: value`): the next key moves up onto the dash.
  if (index + 1 < pairs.length) return { start, end: pairStart(pairs[index + 1]), newText: "" };
  return { start, end, newText: "{}" };
}

/** Removes an entry; when it came through `<<`, from the anchored map where it is written. */
export function removeEntry(model: ComposeModel, entry: Entry): OffsetEdit {
  return removePair(model, entry.owner, entry.pair);
}

/** Removes items from a sequence. When every item goes, the sequence's key goes too (`ports:` left empty is noise). */
export function removeItems(model: ComposeModel, entry: Entry, items: readonly Node[]): OffsetEdit[] {
  const seq = entry.value as YAMLSeq;
  const all = seq.items as Node[];
  if (items.length === 0) return [];
  if (all.every((item) => items.includes(item))) return [removeEntry(model, entry)];
  if (seq.flow) {
    const spans = all.map((item) => ({ start: item.range![0], end: item.range![1] }));
    return mergeFlowRemovals(spans, items.map((item) => all.indexOf(item)));
  }
  return items.map((item) => deleteLines(model, dashLineStart(model, item.range![0]), item.range![1]));
}

/** Removals of several flow items at once, merged into non-overlapping edits. */
function mergeFlowRemovals(spans: { start: number; end: number }[], indexes: number[]): OffsetEdit[] {
  const keep = spans.map((_, i) => !indexes.includes(i));
  const edits: OffsetEdit[] = [];
  for (let i = 0; i < spans.length; i++) {
    if (keep[i]) continue;
    let j = i;
    while (j + 1 < spans.length && !keep[j + 1]) j++;
    const next = spans[j + 1];
    if (next) edits.push({ start: spans[i].start, end: next.start, newText: "" });
    else edits.push({ start: spans[i - 1].end, end: spans[j].end, newText: "" });
    i = j;
  }
  return edits;
}

/**
 * The start of the line holding the `-` that introduces the block sequence
 * item at `offset`: the item's own line, or one above when the item starts
 * below its dash (after `-` alone, `- &anchor`, `- !tag` or `- # comment`).
 */
function dashLineStart(model: ComposeModel, offset: number): number {
  const { lines } = model;
  let line = lines.positionAt(offset).line;
  // Between the dash and the item only anchors, tags and comments can stand: no line of theirs starts with `-`.
  while (line > 0 && !/^[ \t]*-/.test(model.text.slice(lines.lineStarts[line], offset))) line--;
  return lines.lineStarts[line];
}

/**
 * Replaces a scalar's value, keeping its quoting: `".env.production"` becomes
 * `".env"`. A plain scalar stays plain when the new text is safe as plain YAML.
 */
export function replaceScalar(scalar: Scalar, text: string): OffsetEdit {
  const [start, end] = scalar.range!;
  return { start, end, newText: formatScalar(text, scalar.type) };
}

export function formatScalar(text: string, type: Scalar["type"]): string {
  if (type === "QUOTE_SINGLE") return `'${text.replace(/'/g, "''")}'`;
  if (type === "QUOTE_DOUBLE" || !isPlainSafe(text)) return JSON.stringify(text);
  return text;
}

function isPlainSafe(text: string): boolean {
  if (text === "" || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) || /\s$/.test(text)) return false;
  if (/: |\s#|[\n\r\t]/.test(text) || text.endsWith(":")) return false;
  return !/^(true|false|null|yes|no|on|off|~|[-+]?[0-9.]+(e[-+]?\d+)?)$/i.test(text);
}

/** The indentation of the line holding `offset`. */
export function indentAt(model: ComposeModel, offset: number): string {
  const { line } = model.lines.positionAt(offset);
  return /^[ \t]*/.exec(model.lines.lineText(line))![0];
}

/**
 * Inserts lines of YAML as new keys at the end of a block map, at the
 * indentation of its keys. `lines` are relative to that indentation. Returns
 * undefined for flow maps, which are left for the user to restructure.
 */
export function appendToMap(model: ComposeModel, map: YAMLMap, lines: string[]): OffsetEdit | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const firstKey = map.items[0].key as Node;
  if (!onlyIndentBefore(model, firstKey.range![0])) return undefined;
  const indent = indentAt(model, firstKey.range![0]);
  const lastPair = map.items[map.items.length - 1];
  let lastEnd = pairEnd(lastPair);
  // A block collection's range ends past its last line break: that next line is not part of it.
  while (lastEnd > 0 && /\s/.test(model.text[lastEnd - 1])) lastEnd--;
  const lastLine = blockLastLine(model, model.lines.positionAt(pairStart(lastPair)).line, lastEnd);
  const at = model.lines.nextLineStart(lastLine);
  const eol = model.lines.eol;
  const needsBreak = at === model.text.length && !/[\r\n]$/.test(model.text);
  const body = lines.map((l) => indent + l).join(eol) + eol;
  return { start: at, end: at, newText: (needsBreak ? eol : "") + body };
}

/** The unit of indentation a document uses (the indentation of the first nested key), two spaces by default. */
export function indentUnit(model: ComposeModel): string {
  const match = /^[^\s#][^\n]*\r?\n((?:[ ]{1,8}))\S/m.exec(model.text);
  return match ? match[1] : "  ";
}

/**
 * Whether deleting what `edits` delete would leave an alias (`*name`) whose
 * anchor (`&name`) went with the deleted text: the YAML would no longer
 * parse. Fixes that remove whole nodes (a service, a list item) check it.
 */
export function breaksAliases(model: ComposeModel, edits: readonly OffsetEdit[]): boolean {
  // An anchor or an alias is never empty: an insertion (start === end) holds none.
  const deleted = (start: number, end: number) => edits.some((edit) => edit.start <= start && end <= edit.end);
  // The anchors first, from the document's index: most removals delete none, and the aliases need a walk of the file.
  const gone = new Set(anchorsOf(model).filter((anchor) => deleted(anchor.start, anchor.end)).map((anchor) => anchor.name));
  return gone.size > 0 && aliasesOf(model).some((alias) => gone.has(alias.name) && !deleted(alias.start, alias.end));
}

interface Named {
  name: string;
  start: number;
  end: number;
}

/** Where each `&anchor` of the documents is written. */
function anchorsOf(model: ComposeModel): Named[] {
  return modelFact(model, anchorsOf, () => {
    const anchors: Named[] = [];
    for (const doc of model.documents) {
      for (const [name, nodes] of documentAnchors(doc)) {
        for (const node of nodes) {
          // `&name` is written before the node (on the key's line, for a block collection).
          const at = node.range ? model.text.lastIndexOf(`&${name}`, node.range[0]) : -1;
          if (at >= 0) anchors.push({ name, start: at, end: at + name.length + 1 });
        }
      }
    }
    return anchors;
  });
}

/** Where each `*alias` of the documents is written (once per parse). */
function aliasesOf(model: ComposeModel): Named[] {
  return modelFact(model, aliasesOf, () => {
    const aliases: Named[] = [];
    for (const doc of model.documents) {
      visit(doc, (_key, node) => {
        if (isAlias(node) && node.range) aliases.push({ name: node.source, start: node.range[0], end: node.range[1] });
      });
    }
    return aliases;
  });
}
