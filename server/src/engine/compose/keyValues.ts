/**
 * Compose's `list_or_dict` values other than `environment` (environment.ts):
 * `labels`, `build.args`, `build.labels`, each a list of `KEY=value` strings
 * or a map (`<<` merges and aliases resolved), every item with the spans of
 * its name, its value and the whole, and its value after interpolation.
 * Keys are not interpolated; values are. A list item is split at its first
 * `=` as written (compose-go splits after interpolation: an `=` coming from a
 * default is not seen here).
 */
import { isMap, isScalar, isSeq, type Document, type Scalar } from "yaml";
import { resolveDefaults } from "./interpolation.js";
import { entrySpan, mapEntries, scalarText, seqItems, trimmedSpan, type Entry, type Span } from "./model.js";

export interface KeyValue {
  name: string;
  /** The value before interpolation; undefined when none is written (`- KEY`, `KEY:`). */
  value: string | undefined;
  /** The value as compose reads it, interpolation defaults applied; undefined with `value`. */
  resolved: string | undefined;
  /** False when a variable without a default decides the value. */
  certain: boolean;
  form: "list" | "map";
  /** The scalar holding the value: the whole `KEY=value` item in the list form; undefined for a map entry without a value. */
  node: Scalar | undefined;
  /** The name as written, inside quotes (the whole item when its `=` is an escape: `"KEY\x3Dvalue"`). */
  nameSpan: Span;
  /** The whole item: `KEY: value` (map form) or the list item `KEY=value` (its quotes included). */
  span: Span;
  /** The value's text (inside quotes, after `=`); empty, at the end of the name, when no value is written or its `=` is an escape. */
  valueSpan: Span;
  /** The value's source text, `text.slice(valueSpan.start, valueSpan.end)`. */
  raw: string;
  /** True when the item came through a `<<` merge key of the map. */
  merged: boolean;
  /** Whether the item is written in a flow collection, where a plain scalar cannot hold `{`, `}` or `,`. */
  flow: boolean;
  /** Map form: the item's entry. */
  entry: Entry | undefined;
}

/** The source text of a scalar's content: inside its quotes, the whole of a plain or block scalar (trimmed). */
function scalarSource(text: string, scalar: Scalar): Span {
  const [rangeStart, rangeEnd] = scalar.range!;
  const quoted = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE";
  const start = quoted ? rangeStart + 1 : rangeStart;
  const end = quoted ? Math.max(start, rangeEnd - 1) : trimmedSpan(text, scalar).end;
  return { start, end };
}

function resolve(value: string | undefined): { resolved: string | undefined; certain: boolean } {
  if (value === undefined) return { resolved: undefined, certain: true };
  const { value: resolved, certain } = resolveDefaults(value);
  return { resolved, certain };
}

/** The items of a `list_or_dict` entry, in order; empty for no entry or another form. */
export function readKeyValues(text: string, entry: Entry | undefined, document: Document): KeyValue[] {
  const value = entry?.value;
  const items: KeyValue[] = [];
  if (isMap(value)) {
    for (const item of mapEntries(value, document)) {
      if (item.key === "") continue;
      const nameSpan = scalarSource(text, item.keyNode);
      const span = entrySpan(text, item);
      const flow = item.owner.flow === true;
      const node = item.value;
      // `KEY:` and `KEY: ~` (a null scalar; the core schema gives no scalar an undefined value), `{KEY}` and `? KEY` (no value node).
      if (node === null || (isScalar(node) && node.value === null)) {
        const end = item.keyNode.range![1];
        items.push({ name: item.key, value: undefined, resolved: undefined, certain: true, form: "map", node: undefined, nameSpan, span, valueSpan: { start: end, end }, raw: "", merged: item.merged, flow, entry: item });
        continue;
      }
      if (!isScalar(node) || !node.range) continue;
      const written = scalarText(node) ?? "";
      const valueSpan = scalarSource(text, node);
      items.push({ name: item.key, value: written, ...resolve(written), form: "map", node, nameSpan, span, valueSpan, raw: text.slice(valueSpan.start, valueSpan.end), merged: item.merged, flow, entry: item });
    }
    return items;
  }
  if (!isSeq(value)) return [];
  const flow = value.flow === true;
  for (const { item } of seqItems(value, document)) {
    if (!isScalar(item) || !item.range) continue;
    const written = scalarText(item);
    if (written === undefined) continue;
    const name = written.split("=", 1)[0];
    if (name === "") continue;
    // The whole item is its name when it holds no `=`.
    const itemValue = name === written ? undefined : written.slice(name.length + 1);
    const source = scalarSource(text, item);
    const raw = text.slice(source.start, source.end);
    const span = { start: item.range[0], end: item.range[1] };
    // No `=` in the source (a value without one has none there either): a name alone (`KEY`), or `"KEY\x3Dvalue"`, which
    // compose reads as `KEY=value` while the `=` is an escape, so where the name ends and the value starts is not known.
    const rawEquals = raw.indexOf("=");
    if (rawEquals < 0) {
      items.push({ name, value: itemValue, ...resolve(itemValue), form: "list", node: item, nameSpan: source, span, valueSpan: { start: source.end, end: source.end }, raw: "", merged: false, flow, entry: undefined });
      continue;
    }
    const valueStart = source.start + rawEquals + 1;
    items.push({
      name,
      value: itemValue,
      ...resolve(itemValue),
      form: "list",
      node: item,
      nameSpan: { start: source.start, end: source.start + rawEquals },
      span,
      valueSpan: { start: valueStart, end: source.end },
      raw: text.slice(valueStart, source.end),
      merged: false,
      flow,
      entry: undefined,
    });
  }
  return items;
}
