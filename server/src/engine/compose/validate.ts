/**
 * The compose file checked against the Compose Specification's schema
 * (schema.ts), as compose checks it, and then against what compose-go
 * requires of the values it converts (conversions.ts). One walk of each
 * document, beside the YAML, so that each problem is the node the user wrote:
 * - after `<<` merges: a service is checked with the keys it merges, and a
 *   problem in an anchored map is reported once, where the map is written;
 * - `!reset` values are not checked (compose removes them before it
 *   validates); `!override` values are checked as written;
 * - after interpolation: compose validates the interpolated file, so a value
 *   holding `${...}` is judged only where the result is certain (`${VAR:-5}`
 *   by its default); `${VAR}` alone is never wrong, and an interpolated value
 *   is a string that compose casts to the number or boolean the key expects.
 * unknown-key reports the `unknown-key` problems, invalid-value the others.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { hasInterpolation } from "./interpolation.js";
import { convertsTo, type Conversion } from "./conversions.js";
import { mapEntries, modelFact, resolveNode, trimmedSpan, valueText, type ComposeModel, type Entry, type Span } from "./model.js";
import { scalarValue, type ScalarValue } from "./scalars.js";
import { composeSchema, propertySchema, type JsonType, type SchemaNode } from "./schema.js";

/** Where a value is, as compose names it in its errors: `services.web.healthcheck.retries`, `services.web.ports.0`. */
export interface SchemaPath {
  readonly parent: SchemaPath | undefined;
  readonly segment: string | number;
}

export function pathText(path: SchemaPath | undefined): string {
  return pathSegments(path).join(".");
}

export function pathSegments(path: SchemaPath | undefined): (string | number)[] {
  const segments: (string | number)[] = [];
  for (let at = path; at; at = at.parent) segments.push(at.segment);
  return segments.reverse();
}

/** What a value is, in the schema's words; `list` and `map` are YAML's sequence and mapping. */
export type ValueKind = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

interface ProblemBase {
  /** Where to report: the key, or the value, as written. */
  span: Span;
  /** The value's place: for `unknown-key`, the map's; else the value's. */
  path: SchemaPath | undefined;
  /**
   * Set when compose's error names another problem: under a `oneOf`, an
   * earlier alternative's type error at the same place wins over this one
   * (compose-go's getMostSpecificError keeps the first of equally deep
   * errors), so compose says the value "must be a <these types>".
   */
  composeType?: readonly JsonType[];
}

export interface UnknownKeyProblem extends ProblemBase {
  kind: "unknown-key";
  entry: Entry;
  /** The schema of the map holding the key. */
  map: SchemaNode;
}

export interface TypeProblem extends ProblemBase {
  kind: "type";
  expected: readonly JsonType[];
  /** The types compose's error names: under a `oneOf`, its first alternative's (compose-go reports the first of equally deep errors). */
  composeExpected: readonly JsonType[];
  actual: ValueKind;
  /** The entry whose value it is, when the value is a map's. */
  entry: Entry | undefined;
}

export interface EnumProblem extends ProblemBase {
  kind: "enum";
  value: ScalarValue;
  allowed: readonly string[];
}

export interface PatternProblem extends ProblemBase {
  kind: "pattern";
  value: ScalarValue;
  pattern: string;
}

export interface RangeProblem extends ProblemBase {
  kind: "range";
  value: ScalarValue;
  minimum: number | undefined;
  maximum: number | undefined;
}

export interface RequiredProblem extends ProblemBase {
  kind: "required";
  missing: string;
  /** The entry whose value is the map missing the key; undefined for a list item. */
  entry: Entry | undefined;
}

export interface DuplicateProblem extends ProblemBase {
  kind: "duplicate";
  value: ScalarValue;
  first: ScalarValue;
  /** The repeated item's index and the first one's. */
  index: number;
  firstIndex: number;
  /** The entry whose value is the list. */
  list: Entry | undefined;
}

export interface ConversionProblem extends ProblemBase {
  kind: "conversion";
  value: ScalarValue;
  conversion: Conversion;
}

export type SchemaProblem = UnknownKeyProblem | TypeProblem | EnumProblem | PatternProblem | RangeProblem | RequiredProblem | DuplicateProblem | ConversionProblem;

/** Every problem of the file, in file order, each node once (computed once per parse). */
export function schemaProblems(model: ComposeModel): readonly SchemaProblem[] {
  return modelFact(model, schemaProblems, () => {
    const walk = new Walk(model);
    for (const doc of model.documents) {
      if (isMap(doc.contents)) walk.check(doc, doc.contents, undefined, composeSchema(), undefined, walk.problems);
    }
    return walk.result();
  });
}

/** compose-go's `!reset` tag: the value is removed before validation. */
const RESET_TAG = "!reset";

class Walk {
  readonly problems: SchemaProblem[] = [];
  /**
   * The schema nodes each anchored YAML node was checked against: a node that
   * aliases bring in many times (`[*a, *a, *a]` nested) is checked once per schema,
   * so the walk stays linear in the text. Not kept while trying a `oneOf`'s
   * alternatives, whose problems may be dropped.
   */
  private readonly checked = new Map<Node, SchemaNode | SchemaNode[]>();
  private trying = 0;

  constructor(private readonly model: ComposeModel) {}

  /**
   * Whether a syntax error falls inside the node: the parser keeps what it
   * could read of a broken collection (`db: [` at the end of a file), whose
   * type or missing keys are the syntax error's doing, which yaml-syntax reports.
   */
  private broken(node: Node | null): boolean {
    if (!node?.range || this.model.syntaxErrors.length === 0) return false;
    const [start, , end] = node.range;
    return this.model.syntaxErrors.some((error) => error.start >= start && error.start <= end);
  }

  result(): SchemaProblem[] {
    // A map merged into several services is walked once per service: one problem per place written.
    const seen = new Set<string>();
    const unique = this.problems.filter((problem) => {
      const id = `${problem.kind}:${problem.span.start}:${problem.span.end}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    return unique.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  }

  /**
   * Checks a value (null: `key:` written without one) against its schema.
   * `key` is the key it is the value of: its entry, or for a map without `<<`
   * its pair in `owner` (an Entry is only made for a problem).
   */
  check(doc: Document, node: Node | null, key: Key, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    if (node && (node as { tag?: string }).tag === RESET_TAG) return;
    // Only an anchored node (and what it holds) can be reached again, through an alias or a merge.
    if (node && (node as { anchor?: string }).anchor && this.trying === 0 && !this.firstCheck(node, schema)) return;
    const kind = this.kindOf(node);
    // `key:` with no value: compose-go's own fixtures leave services and models empty on purpose
    // (loader/testdata/extends/base.yml, docker/compose's TestLocalComposeConfigNoConsistency), so an
    // empty value is not judged.
    if (kind === "null") return;
    if (schema.types && !accepts(schema.types, kind, false) && !accepts(schema.types, kind, this.interpolated(node))) {
      if (this.broken(node)) return;
      out.push({ kind: "type", span: this.spanOf(node, key), path, expected: schema.types, composeExpected: schema.types, actual: kind, entry: entryOf(key, node) });
      return;
    }
    if (schema.oneOf) {
      this.checkOneOf(doc, node, key, schema.oneOf, path, out);
      return;
    }
    if (isMap(node)) this.checkMap(doc, node, key, schema, path, out);
    else if (isSeq(node)) this.checkSeq(doc, node, key, schema, path, out);
    else if (isScalar(node)) this.checkScalar(node, schema, path, out);
  }

  /** False when the node was already checked against the schema. */
  private firstCheck(node: Node, schema: SchemaNode): boolean {
    const seen = this.checked.get(node);
    if (seen === undefined) {
      this.checked.set(node, schema);
      return true;
    }
    if (seen === schema || (Array.isArray(seen) && seen.includes(schema))) return false;
    this.checked.set(node, Array.isArray(seen) ? [...seen, schema] : [seen, schema]);
    return true;
  }

  /** The alternative the value's kind selects; when several accept it, the one it satisfies (else the one with fewest problems). */
  private checkOneOf(doc: Document, node: Node | null, key: Key, alternatives: readonly SchemaNode[], path: SchemaPath | undefined, out: SchemaProblem[]): void {
    const kind = this.kindOf(node);
    // The common case, one alternative for the value's kind, without building a list.
    let only: SchemaNode | undefined;
    let count = 0;
    for (const alternative of alternatives) {
      if (accepts(alternativeTypes(alternative), kind, false)) {
        only = alternative;
        count++;
      }
    }
    if (count === 1) {
      this.checkAlternative(doc, node, key, alternatives, only!, path, out);
      return;
    }
    let candidates = count > 1 ? alternatives.filter((alternative) => accepts(alternativeTypes(alternative), kind, false)) : [];
    if (candidates.length === 0 && this.interpolated(node)) candidates = alternatives.filter((alternative) => accepts(alternativeTypes(alternative), kind, true));
    if (candidates.length === 0) {
      if (this.broken(node)) return;
      const expected = [...new Set(alternatives.flatMap((alternative) => typesOf(alternative) ?? []))];
      out.push({ kind: "type", span: this.spanOf(node, key), path, expected, composeExpected: typesOf(alternatives[0]) ?? expected, actual: kind, entry: entryOf(key, node) });
      return;
    }
    if (candidates.length === 1) {
      this.checkAlternative(doc, node, key, alternatives, candidates[0], path, out);
      return;
    }
    let best: { candidate: SchemaNode; problems: SchemaProblem[] } | undefined;
    this.trying++;
    try {
      for (const candidate of candidates) {
        const trial: SchemaProblem[] = [];
        this.check(doc, node, key, candidate, path, trial);
        if (!best || trial.length < best.problems.length) best = { candidate, problems: trial };
        if (trial.length === 0) break;
      }
    } finally {
      this.trying--;
    }
    // Checked again for real: the trial's problems are kept, and the nodes it visited are marked.
    if (this.trying > 0) out.push(...best!.problems);
    else this.check(doc, node, key, best!.candidate, path, out);
  }

  /** Checks the value against the one alternative of a `oneOf` its kind selects. */
  private checkAlternative(doc: Document, node: Node | null, key: Key, alternatives: readonly SchemaNode[], chosen: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    const first = alternatives[0];
    if (first === chosen) {
      this.check(doc, node, key, chosen, path, out);
      return;
    }
    const found: SchemaProblem[] = [];
    this.check(doc, node, key, chosen, path, found);
    for (const problem of found) {
      // Deeper errors win in compose, and an unknown key wins at the same depth.
      if (problem.path === path && problem.kind !== "unknown-key" && problem.kind !== "conversion") problem.composeType = typesOf(first);
      out.push(problem);
    }
  }

  private checkMap(doc: Document, map: YAMLMap, key: Key, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    // Most maps merge nothing: their pairs are read as they are, without making entries.
    let checked = 0;
    let merges = false;
    for (const pair of map.items) {
      const keyNode = pair.key;
      if (!isScalar(keyNode) || !keyNode.range) continue;
      if (keyNode.value === "<<" && keyNode.type === "PLAIN") {
        merges = true;
        break;
      }
      checked++;
      this.checkEntry(doc, String(keyNode.value), resolveNode(pair.value, doc), undefined, pair, map, schema, path, out);
    }
    if (merges) {
      // `<<` merges: the rest of the map's effective entries (its own keys first, in order, then the merged ones).
      for (const child of mapEntries(map, doc).slice(checked)) this.checkEntry(doc, child.key, child.value, child, child.pair, child.owner, schema, path, out);
    }
    if (schema.required && !this.broken(map)) {
      const keys = merges ? mapEntries(map, doc).map((e) => e.key) : map.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
      for (const required of schema.required) {
        if (!keys.includes(required)) out.push({ kind: "required", span: key ? keySpan(key) : trimmedSpan(this.model.text, map), path, missing: required, entry: entryOf(key, map) });
      }
    }
  }

  /** One key of a map: its entry when the map merges, else its pair (an Entry is made only when needed). */
  private checkEntry(doc: Document, name: string, value: Node | null, entry: Entry | undefined, pair: Pair, owner: YAMLMap, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    const childSchema = propertySchema(schema, name);
    // Most values are plain scalars of a plain type (an image, an environment value): nothing else to check.
    if (childSchema && isScalar(value) && isPlainScalarSchema(childSchema) && acceptsScalar(childSchema.types!, value.value)) return;
    const key: NonNullable<Key> = entry ?? { pair, owner };
    if (childSchema) this.check(doc, value, key, childSchema, { parent: path, segment: name }, out);
    else if (schema.additionalProperties === false) out.push({ kind: "unknown-key", span: keySpan(key), path, entry: entryOf(key, value)!, map: schema });
  }

  private checkSeq(doc: Document, seq: YAMLSeq, key: Key, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    const { items } = seq;
    // Indexes as compose counts them: every item of the list.
    const resolved = items.map((item) => resolveNode(item, doc));
    const itemSchema = schema.items;
    if (itemSchema) {
      const plain = isPlainScalarSchema(itemSchema);
      resolved.forEach((item, index) => {
        if (!item || (plain && isScalar(item) && acceptsScalar(itemSchema.types!, item.value))) return;
        this.check(doc, item, undefined, itemSchema, { parent: path, segment: index }, out);
      });
    }
    if (schema.uniqueItems && items.length > 1) {
      const firsts = new Map<string, number>();
      resolved.forEach((item, index) => {
        const written = isScalar(item) ? valueText(item.value) : undefined;
        // Items are compared as written. Two written alike interpolate alike, and compose validates the interpolated
        // file, so it refuses them; an item that equals another only once the variables are set is not found.
        if (written === undefined) return;
        const identity = `${typeof (item as Scalar).value}:${written}`;
        const firstIndex = firsts.get(identity);
        if (firstIndex === undefined) {
          firsts.set(identity, index);
          return;
        }
        const value = scalarValue(this.model.text, item);
        const first = scalarValue(this.model.text, resolved[firstIndex]);
        if (value && first) out.push({ kind: "duplicate", span: value.span, path: { parent: path, segment: index }, value, first, index, firstIndex, list: entryOf(key, seq) });
      });
    }
  }


  private checkScalar(node: Scalar, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    // Most scalars (an image, an environment value) are any string: nothing more to read of them.
    const conversion = convertsTo(schema);
    if (!schema.enum && !schema.pattern && schema.minimum === undefined && schema.maximum === undefined && !conversion) return;
    const value = scalarValue(this.model.text, node);
    if (!value) return;
    // A variable without a default decides the value: nothing is certain of it but that it is a string.
    if (!value.certain) return;
    const text = value.value;
    const isString = typeof node.value === "string";
    if (schema.enum) {
      const matches = isString ? schema.enum.includes(text) : schema.enum.includes(node.value);
      if (!matches) {
        out.push({ kind: "enum", span: value.span, path, value, allowed: schema.enum.map(String) });
        return;
      }
    }
    if (schema.pattern && isString && !schema.pattern.test(text)) {
      out.push({ kind: "pattern", span: value.span, path, value, pattern: schema.pattern.source });
      return;
    }
    if (typeof node.value === "number" && ((schema.minimum !== undefined && node.value < schema.minimum) || (schema.maximum !== undefined && node.value > schema.maximum))) {
      out.push({ kind: "range", span: value.span, path, value, minimum: schema.minimum, maximum: schema.maximum });
      return;
    }
    if (conversion && isString && !conversion.accepts(text)) out.push({ kind: "conversion", span: value.span, path, value, conversion });
  }

  private kindOf(node: Node | null): ValueKind {
    if (isMap(node)) return "object";
    if (isSeq(node)) return "array";
    if (!isScalar(node)) return "null";
    switch (typeof node.value) {
      case "string": return "string";
      case "boolean": return "boolean";
      case "number":
      case "bigint": return Number.isInteger(Number(node.value)) ? "integer" : "number";
      default: return "null";
    }
  }

  /** A string holding `${...}`: compose casts it after interpolation, so it may stand for a number or a boolean. */
  private interpolated(node: Node | null): boolean {
    return isScalar(node) && typeof node.value === "string" && node.value.includes("$") && hasInterpolation(node.value);
  }

  private spanOf(node: Node | null, key: Key): Span {
    if (node?.range && node.range[1] > node.range[0]) return trimmedSpan(this.model.text, node);
    return key ? keySpan(key) : { start: node?.range?.[0] ?? 0, end: node?.range?.[0] ?? 0 };
  }
}

/** The key a value is written under: its entry, or its pair in the map that holds it; undefined for a list item or the file itself. */
type Key = Entry | { pair: Pair; owner: YAMLMap } | undefined;

function keySpan(key: NonNullable<Key>): Span {
  const [start, end] = ("keyNode" in key ? key.keyNode : (key.pair.key as Scalar)).range!;
  return { start, end };
}

/** The key's entry, made for a problem that names it. */
function entryOf(key: Key, value: Node | null): Entry | undefined {
  if (!key) return undefined;
  if ("keyNode" in key) return key;
  const keyNode = key.pair.key as Scalar;
  return { key: String(keyNode.value), keyNode, pair: key.pair, value, owner: key.owner, merged: false };
}

const plainScalarSchemas = new WeakMap<SchemaNode, boolean>();

/** A schema that asks a scalar for its type only: no enum, pattern, bounds, alternatives, nor conversion by compose. */
function isPlainScalarSchema(schema: SchemaNode): boolean {
  let plain = plainScalarSchemas.get(schema);
  if (plain === undefined) {
    plain = !!schema.types && !schema.oneOf && !schema.enum && !schema.pattern && schema.minimum === undefined && schema.maximum === undefined && !convertsTo(schema);
    plainScalarSchemas.set(schema, plain);
  }
  return plain;
}

/** Whether a scalar's value is of one of the types, as check() decides it (strings, numbers, booleans; null is never judged). */
function acceptsScalar(types: readonly JsonType[], value: unknown): boolean {
  switch (typeof value) {
    case "string": return types.includes("string");
    case "boolean": return types.includes("boolean");
    case "number": return types.includes("number") || (types.includes("integer") && Number.isInteger(value));
    default: return value === null || value === undefined;
  }
}

const alternativeTypesCache = new WeakMap<SchemaNode, readonly JsonType[] | null>();

/** typesOf, computed once per schema node (a `oneOf`'s alternatives are asked for every value). */
function alternativeTypes(schema: SchemaNode): readonly JsonType[] | undefined {
  let types = alternativeTypesCache.get(schema);
  if (types === undefined) {
    types = typesOf(schema) ?? null;
    alternativeTypesCache.set(schema, types);
  }
  return types ?? undefined;
}

/** The types a schema accepts, looking into `oneOf`; undefined: any. */
export function typesOf(schema: SchemaNode): readonly JsonType[] | undefined {
  if (schema.types) return schema.types;
  if (schema.oneOf) {
    const all = schema.oneOf.map(typesOf);
    return all.some((types) => types === undefined) ? undefined : [...new Set(all.flat() as JsonType[])];
  }
  if (schema.properties || schema.patternProperties || schema.additionalProperties !== undefined) return ["object"];
  if (schema.items) return ["array"];
  return undefined;
}

const SCALAR_TYPES: ReadonlySet<JsonType> = new Set(["string", "number", "integer", "boolean"]);

function accepts(types: readonly JsonType[] | undefined, kind: ValueKind, interpolated: boolean): boolean {
  if (!types) return true;
  if (types.includes(kind)) return true;
  if (kind === "integer" && types.includes("number")) return true;
  // Interpolation makes a string; compose casts it to the scalar the key expects.
  if (interpolated && types.some((type) => SCALAR_TYPES.has(type))) return true;
  return false;
}
