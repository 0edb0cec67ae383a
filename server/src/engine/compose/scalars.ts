/**
 * Scalar values as compose reads them, for the facts modules: the text
 * before interpolation, the value with the file's defaults applied, whether a
 * variable without a default decides it, and where the text and its parts
 * (the fields of `db:alias`, `./data:/data:ro`) are written. Compose
 * interpolates every value before it splits one (compose-go's loader:
 * interpolation, then the canonical transforms), so values are split after
 * interpolation, and a part's offsets are only known when no interpolation
 * holds a separator.
 */
import { isScalar, type Node, type Scalar } from "yaml";
import { findInterpolations, resolveDefaults } from "./interpolation.js";
import { scalarText, trimmedSpan, type Span } from "./model.js";

export interface ScalarValue {
  /** The value compose reads: interpolation defaults applied. */
  value: string;
  /** The text before interpolation (numbers and booleans as written). */
  written: string;
  /** False when a variable without a default decides the value: `value` is then only what the defaults give. */
  certain: boolean;
  /** The scalar, aliases resolved. */
  node: Scalar;
  /** Where the scalar is written, its quotes included. */
  span: Span;
}

/** A scalar's value as compose reads it; undefined for anything else, and for an empty (null) value. */
export function scalarValue(text: string, node: Node | null | undefined): ScalarValue | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const written = scalarText(node);
  if (written === undefined) return undefined;
  const { value, certain } = resolveDefaults(written);
  return { value, written, certain, node, span: trimmedSpan(text, node) };
}

/**
 * Where a scalar's text starts in the document, when the source holds that
 * text as it is (quotes aside): no escape, no folded line, no block scalar.
 * Each escape or fold makes the source longer than the text, so equal
 * lengths tell.
 */
export function contentStart(scalar: Scalar, written: string): number | undefined {
  if (!scalar.range) return undefined;
  const quotes = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE" ? 1 : scalar.type === "PLAIN" ? 0 : undefined;
  if (quotes === undefined || scalar.range[1] - scalar.range[0] !== written.length + 2 * quotes) return undefined;
  return scalar.range[0] + quotes;
}

/** Where the scalar's text is written, inside its quotes; undefined when its offsets are not known (see contentStart). */
export function contentSpan(value: ScalarValue): Span | undefined {
  const start = contentStart(value.node, value.written);
  return start === undefined ? undefined : { start, end: start + value.written.length };
}

/**
 * Splits a text into fields, as offsets into it. `separates(i)` says whether
 * the character at `i` is syntax: in the text before interpolation, those of
 * an interpolation (`${SRC:-./a}`) are not.
 */
export type Splitter = (text: string, separates: (i: number) => boolean) => Span[];

export interface ValuePart {
  /** The field as compose reads it, after interpolation. */
  value: string;
  /** False when a variable without a default decides the field (or, when the fields are not aligned, the value). */
  certain: boolean;
  /** Where the field is written (inside quotes), when known: the value holds no escape, and no interpolation holds a separator. */
  span: Span | undefined;
}

/**
 * The fields of a value, split as `split` says after interpolation, each
 * with where it is written: the text before interpolation is split the same
 * way (separators inside an interpolation left out), and when both give the
 * same number of fields they are the same fields.
 */
export function splitValue(value: ScalarValue, split: Splitter): ValuePart[] {
  const resolved = split(value.value, () => true);
  let layout = resolved;
  if (value.written !== value.value) {
    const interpolations = findInterpolations(value.written);
    layout = split(value.written, (i) => !interpolations.some((s) => s.start <= i && i < s.end));
  }
  const aligned = layout.length === resolved.length;
  const start = aligned ? contentStart(value.node, value.written) : undefined;
  return resolved.map((field, index) => {
    const written = aligned ? value.written.slice(layout[index].start, layout[index].end) : undefined;
    return {
      value: value.value.slice(field.start, field.end),
      certain: written === undefined ? value.certain : resolveDefaults(written).certain,
      span: start === undefined ? undefined : { start: start + layout[index].start, end: start + layout[index].end },
    };
  });
}

/** A Splitter on every `sep` that separates (`strings.Split` of Go, which compose-go uses for links and volumes_from). */
export function splitOn(sep: string): Splitter {
  return (text, separates) => {
    const fields: Span[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === sep && separates(i)) {
        fields.push({ start, end: i });
        start = i + 1;
      }
    }
    fields.push({ start, end: text.length });
    return fields;
  };
}

/** A Splitter on the first `sep` that separates (Go's `strings.Cut`). */
export function cutOn(sep: string): Splitter {
  return (text, separates) => {
    for (let i = 0; i < text.length; i++) {
      if (text[i] === sep && separates(i)) return [{ start: 0, end: i }, { start: i + 1, end: text.length }];
    }
    return [{ start: 0, end: text.length }];
  };
}
