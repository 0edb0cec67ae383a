/**
 * The values compose interpolates, and what each holds: every value scalar
 * of the file (keys are not interpolated; a collection written as a key is
 * walked, its scalars are values) whose source has a `$`, with its
 * references (`${VAR}`, `$VAR`, `${VAR:-default}`..., nested ones in
 * defaults included) and its `$$` escapes, at document offsets. The only
 * lister of interpolations: the rule, the hover and the log explainer ask it.
 */
import { isMap, isPair, isScalar, isSeq, type Scalar } from "yaml";
import { findInterpolations, type Interpolation, type InterpolationOperator } from "./interpolation.js";
import { modelFact, type ComposeModel, type Span } from "./model.js";

/**
 * What compose does with a reference when the variable is not set: `bare`
 * (`${VAR}`, `$VAR`) substitutes "" and warns; `default` (`:-`, `-`) uses
 * the default; `required` (`:?`, `?`) stops with the error; `alternative`
 * (`:+`, `+`) gives "".
 */
export type ReferenceKind = "bare" | "default" | "required" | "alternative";

export interface ValueReference {
  name: string;
  kind: ReferenceKind;
  operator: InterpolationOperator | undefined;
  /** The whole `${...}` or `$VAR`. */
  span: Span;
  nameSpan: Span;
  /** The raw text after the operator (a default, an error message or an alternative), and where it is. */
  argument: string | undefined;
  argumentSpan: Span | undefined;
  /** Written in another reference's argument (`${A:-${B}}`): compose substitutes it too. */
  nested: boolean;
}

/** `$$VAR`, `$${VAR}`: a literal `$VAR` after interpolation, for the container's shell. */
export interface EscapedReference {
  name: string;
  span: Span;
}

export interface InterpolatedValue {
  scalar: Scalar;
  /** The scalar's source, quotes included: the offsets of its references are in it. */
  span: Span;
  references: readonly ValueReference[];
  escapes: readonly EscapedReference[];
}

function kindOf(operator: InterpolationOperator | undefined): ReferenceKind {
  switch (operator) {
    case undefined: return "bare";
    case ":-":
    case "-": return "default";
    case ":?":
    case "?": return "required";
    case ":+":
    case "+": return "alternative";
  }
}

/** The references of `raw` (which starts at `offset` in the source), those nested in arguments included, in source order. */
function referencesOf(raw: string, offset: number, nested: boolean, into: ValueReference[]): void {
  for (const item of findInterpolations(raw)) {
    into.push(referenceOf(item, offset, nested));
    if (item.argument !== undefined && item.argumentStart !== undefined) {
      referencesOf(item.argument, offset + item.argumentStart, true, into);
    }
  }
}

function referenceOf(item: Interpolation, offset: number, nested: boolean): ValueReference {
  return {
    name: item.name,
    kind: kindOf(item.operator),
    operator: item.operator,
    span: { start: offset + item.start, end: offset + item.end },
    nameSpan: { start: offset + item.nameStart, end: offset + item.nameEnd },
    argument: item.argument,
    argumentSpan: item.argumentStart === undefined || item.argument === undefined ? undefined : { start: offset + item.argumentStart, end: offset + item.argumentStart + item.argument.length },
    nested,
  };
}

const ESCAPED = /\$\$(\{)?([A-Za-z_][A-Za-z0-9_]*)(\})?/g;

function escapesOf(raw: string, offset: number): EscapedReference[] {
  const found: EscapedReference[] = [];
  for (const match of raw.matchAll(ESCAPED)) {
    found.push({ name: match[2], span: { start: offset + match.index, end: offset + match.index + match[0].length } });
  }
  return found;
}

/** Offsets of every `$` of the text, in order. */
function dollarOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf("$"); i >= 0; i = text.indexOf("$", i + 1)) offsets.push(i);
  return offsets;
}

function hasDollarBetween(sorted: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < start) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low] < end;
}

/**
 * The scalars that compose interpolates (values and items, not keys; a
 * collection used as a key is walked) and whose text may hold a `$`: a
 * collection whose source has no `$` is skipped whole.
 */
function forEachValueScalar(node: unknown, mayHoldDollar: (start: number, end: number) => boolean, callback: (scalar: Scalar) => void): void {
  if (isScalar(node)) {
    callback(node);
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  // Children are written inside their collection's range.
  if (node.range && !mayHoldDollar(node.range[0], node.range[2])) return;
  for (const item of node.items) {
    if (isPair(item)) {
      if (!isScalar(item.key)) forEachValueScalar(item.key, mayHoldDollar, callback);
      forEachValueScalar(item.value, mayHoldDollar, callback);
    } else forEachValueScalar(item, mayHoldDollar, callback);
  }
}

/** The value scalars holding a `$`, in source order per document (computed once per parse: treat as read-only). */
export function interpolatedValues(model: ComposeModel): readonly InterpolatedValue[] {
  return modelFact(model, interpolatedValues, () => readInterpolatedValues(model));
}

function readInterpolatedValues(model: ComposeModel): InterpolatedValue[] {
  const values: InterpolatedValue[] = [];
  const dollars = dollarOffsets(model.text);
  // A file without `$` has no offsets: mayHoldDollar then skips the root of each document at once.
  const mayHoldDollar = (start: number, end: number) => hasDollarBetween(dollars, start, end);
  // One pass over the scalars of each document.
  for (const doc of model.documents) {
    forEachValueScalar(doc.contents, mayHoldDollar, (scalar) => {
      if (!scalar.range) return;
      const [start, end] = scalar.range;
      if (!mayHoldDollar(start, end)) return;
      const raw = model.text.slice(start, end);
      const references: ValueReference[] = [];
      referencesOf(raw, start, false, references);
      const escapes = escapesOf(raw, start);
      if (references.length > 0 || escapes.length > 0) values.push({ scalar, span: { start, end }, references, escapes });
    });
  }
  return values;
}

/**
 * What is under `offset` in the value scalar written at `span` (a hovered
 * scalar): the innermost reference (`${B}` in `${A:-${B}}`), else a `$$`
 * escape; undefined for a key, a scalar without either, and between them.
 */
export function interpolationAt(model: ComposeModel, span: Span, offset: number): { reference: ValueReference } | { escape: EscapedReference } | undefined {
  const value = interpolatedValues(model).find((v) => v.span.start === span.start && v.span.end === span.end);
  if (!value) return undefined;
  const within = (s: Span) => s.start <= offset && offset < s.end;
  // References are in source order, each followed by those nested in its argument: the ones under the offset nest in each other, the last is the innermost.
  const reference = value.references.filter((r) => within(r.span)).at(-1);
  if (reference) return { reference };
  const escape = value.escapes.find((e) => within(e.span));
  return escape ? { escape } : undefined;
}

/** Every reference of every interpolated value, nested ones included. */
export function valueReferences(model: ComposeModel): ValueReference[] {
  return interpolatedValues(model).flatMap((value) => value.references);
}
