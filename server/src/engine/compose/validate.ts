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
import { isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap } from "yaml";
import { hasInterpolation } from "./interpolation.js";
import { convertsTo, type Conversion } from "./conversions.js";
import { mapEntries, modelFact, seqItems, trimmedSpan, valueText, type ComposeModel, type Entry, type Span } from "./model.js";
import { scalarValue, type ScalarValue } from "./scalars.js";
import { composeSchema, propertySchema, type JsonType, type SchemaNode } from "./schema.js";

/** Where a value is, as compose names it in its errors: `services.web.healthcheck.retries`, `services.web.ports.0`. */
export interface SchemaPath {
  readonly parent: SchemaPath | undefined;
  readonly segment: string | number;
}

export function pathText(path: SchemaPath | undefined): string {
  const segments: (string | number)[] = [];
  for (let at = path; at; at = at.parent) segments.push(at.segment);
  return segments.reverse().join(".");
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

  /** Checks a value (null: `key:` written without one) against its schema; `entry` is the key it is the value of. */
  check(doc: Document, node: Node | null, entry: Entry | undefined, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    if (node && (node as { tag?: string }).tag === RESET_TAG) return;
    const kind = this.kindOf(node);
    // `key:` with no value: compose-go's own fixtures leave services and models empty on purpose
    // (loader/testdata/extends/base.yml, docker/compose's TestLocalComposeConfigNoConsistency), so an
    // empty value is not judged.
    if (kind === "null") return;
    if (schema.types && !accepts(schema.types, kind, this.interpolated(node))) {
      if (this.broken(node)) return;
      out.push({ kind: "type", span: this.spanOf(node, entry), path, expected: schema.types, composeExpected: schema.types, actual: kind, entry });
      return;
    }
    if (schema.oneOf) {
      this.checkOneOf(doc, node, entry, schema.oneOf, path, out);
      return;
    }
    if (isMap(node)) this.checkMap(doc, node, entry, schema, path, out);
    else if (isSeq(node)) this.checkSeq(doc, node, entry, schema, path, out);
    else if (isScalar(node)) this.checkScalar(node, schema, path, out);
  }

  /** The alternative the value's kind selects; when several accept it, the one it satisfies (else the one with fewest problems). */
  private checkOneOf(doc: Document, node: Node | null, entry: Entry | undefined, alternatives: readonly SchemaNode[], path: SchemaPath | undefined, out: SchemaProblem[]): void {
    const kind = this.kindOf(node);
    const interpolated = this.interpolated(node);
    const candidates = alternatives.filter((alternative) => accepts(typesOf(alternative), kind, interpolated));
    if (candidates.length === 0) {
      if (this.broken(node)) return;
      const expected = [...new Set(alternatives.flatMap((alternative) => typesOf(alternative) ?? []))];
      out.push({ kind: "type", span: this.spanOf(node, entry), path, expected, composeExpected: typesOf(alternatives[0]) ?? expected, actual: kind, entry });
      return;
    }
    if (candidates.length === 1) {
      const found: SchemaProblem[] = [];
      this.check(doc, node, entry, candidates[0], path, found);
      const first = alternatives[0];
      if (first !== candidates[0]) {
        for (const problem of found) {
          // Deeper errors win in compose, and an unknown key wins at the same depth.
          if (problem.path === path && problem.kind !== "unknown-key" && problem.kind !== "conversion") problem.composeType = typesOf(first);
        }
      }
      out.push(...found);
      return;
    }
    let best: SchemaProblem[] | undefined;
    for (const candidate of candidates) {
      const trial: SchemaProblem[] = [];
      this.check(doc, node, entry, candidate, path, trial);
      if (!best || trial.length < best.length) best = trial;
      if (trial.length === 0) break;
    }
    out.push(...best!);
  }

  private checkMap(doc: Document, map: YAMLMap, entry: Entry | undefined, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    const entries = mapEntries(map, doc);
    for (const child of entries) {
      const childSchema = propertySchema(schema, child.key);
      if (!childSchema) {
        if (schema.additionalProperties === false) out.push({ kind: "unknown-key", span: keySpan(child), path, entry: child, map: schema });
        continue;
      }
      this.check(doc, child.value, child, childSchema, { parent: path, segment: child.key }, out);
    }
    if (schema.required && !this.broken(map)) {
      for (const key of schema.required) {
        if (!entries.some((e) => e.key === key)) out.push({ kind: "required", span: entry ? keySpan(entry) : trimmedSpan(this.model.text, map), path, missing: key, entry });
      }
    }
  }

  private checkSeq(doc: Document, seq: Node, entry: Entry | undefined, schema: SchemaNode, path: SchemaPath | undefined, out: SchemaProblem[]): void {
    const items = seqItems(seq, doc);
    if (schema.items) {
      items.forEach(({ item }, index) => this.check(doc, item, undefined, schema.items!, { parent: path, segment: index }, out));
    }
    if (schema.uniqueItems && items.length > 1) {
      const firsts = new Map<string, number>();
      items.forEach(({ item }, index) => {
        const written = isScalar(item) ? valueText(item.value) : undefined;
        // An interpolated item may differ once the pipeline's variables are set: only written values are compared.
        if (written === undefined || written.includes("$")) return;
        const identity = `${typeof (item as Scalar).value}:${written}`;
        const firstIndex = firsts.get(identity);
        if (firstIndex === undefined) {
          firsts.set(identity, index);
          return;
        }
        const value = scalarValue(this.model.text, item);
        const first = scalarValue(this.model.text, items[firstIndex].item);
        if (value && first) out.push({ kind: "duplicate", span: value.span, path: { parent: path, segment: index }, value, first, index, firstIndex, list: entry });
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

  private spanOf(node: Node | null, entry: Entry | undefined): Span {
    if (node?.range && node.range[1] > node.range[0]) return trimmedSpan(this.model.text, node);
    return entry ? keySpan(entry) : { start: node?.range?.[0] ?? 0, end: node?.range?.[0] ?? 0 };
  }
}

function keySpan(entry: Entry): Span {
  const [start, end] = entry.keyNode.range!;
  return { start, end };
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
