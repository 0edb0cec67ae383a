/**
 * The Compose Specification's JSON schema (schema/compose-spec.json beside
 * this file; schema/README.md says where it comes from), compiled once into
 * a tree that validate.ts walks beside the YAML. It is the one source of the
 * keys, types and enums compose accepts: no key list is kept by hand.
 *
 * Only the keywords the schema uses are understood (SUPPORTED_KEYWORDS); a
 * test fails when a new copy of the schema uses another, so that an update
 * never silently checks less.
 */
import SCHEMA_FILE from "./schema/compose-spec.json";

export type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

/**
 * The patterns of maps whose keys are free (environment, labels, driver
 * options), tested without a regular expression but as compose's Go regexp
 * reads them: there `.` is any character but "\n" (JavaScript's also leaves
 * out "\r", "\u2028" and "\u2029"). So `.+` refuses the empty key and one of
 * line feeds alone, `^.+$` a key with a line feed anywhere.
 */
const ANY_KEY: ReadonlyMap<string, PatternProperty["pattern"]> = new Map([
  [".+", { test: (key: string) => key.replaceAll("\n", "").length > 0 }],
  ["^.+$", { test: (key: string) => key.length > 0 && !key.includes("\n") }],
]);

export interface PatternProperty {
  readonly source: string;
  readonly pattern: { test(key: string): boolean };
  readonly schema: SchemaNode;
}

export interface SchemaNode {
  /** The types allowed; undefined: any. */
  types?: readonly JsonType[];
  properties?: ReadonlyMap<string, SchemaNode>;
  patternProperties?: readonly PatternProperty[];
  /** false: a key matched by neither `properties` nor `patternProperties` is an error. Never a schema: the file has none such (test/engine/compose-schema.test.ts checks). */
  additionalProperties?: boolean;
  items?: SchemaNode;
  oneOf?: readonly SchemaNode[];
  enum?: readonly unknown[];
  /** Unanchored, as JSON Schema means it: the value must contain a match. */
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  required?: readonly string[];
  uniqueItems?: boolean;
  description?: string;
}

/** The keywords compile() understands; the others a schema may hold are annotations it ignores on purpose. */
export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  "type", "properties", "patternProperties", "additionalProperties", "items", "oneOf", "enum", "pattern",
  "minimum", "maximum", "required", "uniqueItems", "$ref", "description",
  // Annotations: no effect on validation (`deprecated` neither: obsolete-version reports `version` on its own).
  "default", "title", "$schema", "$id", "definitions", "deprecated",
]);

type RawSchema = Record<string, unknown>;

/**
 * What compose accepts beyond this copy of the schema: keys docker/compose
 * implemented after it, each with where it was seen (in a comment: nothing
 * reads it). A test fails once the schema has one of them, so that the
 * addition is dropped then.
 */
export const COMPOSE_ADDITIONS: readonly { pointer: string; key: string; schema: (spec: RawSchema) => RawSchema }[] = [
  {
    // Seen in docker/compose's end-to-end tests (pkg/e2e/testdata/TestPreStartHook*), compose-spec pull request 647.
    pointer: "#/definitions/service/properties",
    key: "pre_start",
    // A hook run before the container starts: post_start's hook, whose item may also name the image to run it in.
    schema: (spec) => {
      const hook = (spec.definitions as Record<string, RawSchema>).service_hook;
      return { type: "array", items: { ...hook, properties: { ...(hook.properties as RawSchema), image: { type: "string" } } } };
    },
  },
  {
    // Seen in docker/compose's end-to-end fixture pkg/e2e/fixtures/watch/exec.yaml.
    pointer: "#/definitions/development/properties/watch/items/properties",
    key: "initial_sync",
    schema: () => ({ type: ["boolean", "string"] }),
  },
];

let spec: RawSchema | undefined;

/** The schema file with COMPOSE_ADDITIONS applied, built on first use as the compiled tree is (nothing runs when the module loads). */
function specWithAdditions(): RawSchema {
  if (spec) return spec;
  spec = structuredClone(SCHEMA_FILE);
  for (const addition of COMPOSE_ADDITIONS) {
    const properties = rawAt(spec, addition.pointer);
    properties[addition.key] = addition.schema(spec);
  }
  return spec;
}

/** The object at a JSON pointer (`#/definitions/service`) of a raw schema; throws when there is none. */
function rawAt(spec: RawSchema, pointer: string): RawSchema {
  if (!pointer.startsWith("#/")) throw new Error(`compose schema: unsupported pointer ${pointer}`);
  let node: unknown = spec;
  for (const part of pointer.slice(2).split("/")) node = (node as RawSchema | undefined)?.[part];
  if (!node || typeof node !== "object") throw new Error(`compose schema: ${pointer} names nothing`);
  return node as RawSchema;
}

/** Whether the schema file itself (without the additions) has a node at the pointer. */
export function schemaFileHas(pointer: string): boolean {
  try {
    rawAt(SCHEMA_FILE, pointer);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where schema/compose-spec.json comes from (schema/README.md says more):
 * the Compose Specification's schema as the npm package dclint ships it;
 * test/engine/compose-schema.test.ts checks the file is that package's copy.
 */
export const SCHEMA_SOURCE = {
  package: "dclint",
  version: "3.1.0",
  path: "schemas/compose.schema.json",
  sha256: "46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496",
} as const;

const compiled = new Map<RawSchema, SchemaNode>();

/** Compiles a raw schema object (memoized by identity, so `$ref` cycles end). */
function compile(raw: RawSchema): SchemaNode {
  if (typeof raw.$ref === "string") return compile(rawAt(specWithAdditions(), raw.$ref));
  const known = compiled.get(raw);
  if (known) return known;
  const node: SchemaNode = {};
  compiled.set(raw, node);
  if (raw.type !== undefined) node.types = (Array.isArray(raw.type) ? raw.type : [raw.type]) as JsonType[];
  if (raw.properties) {
    node.properties = new Map(Object.entries(raw.properties as Record<string, RawSchema>).map(([key, child]) => [key, compile(child)]));
  }
  if (raw.patternProperties) {
    node.patternProperties = Object.entries(raw.patternProperties as Record<string, RawSchema>).map(([source, child]) => ({
      source,
      pattern: ANY_KEY.get(source) ?? new RegExp(source, "u"),
      schema: compile(child),
    }));
  }
  if (typeof raw.additionalProperties === "boolean") node.additionalProperties = raw.additionalProperties;
  if (raw.items) node.items = compile(raw.items as RawSchema);
  if (raw.oneOf) node.oneOf = (raw.oneOf as RawSchema[]).map((child) => compile(child));
  if (raw.enum) node.enum = raw.enum as unknown[];
  if (typeof raw.pattern === "string") node.pattern = new RegExp(raw.pattern, "u");
  if (typeof raw.minimum === "number") node.minimum = raw.minimum;
  if (typeof raw.maximum === "number") node.maximum = raw.maximum;
  if (raw.required) node.required = raw.required as string[];
  if (raw.uniqueItems === true) node.uniqueItems = true;
  if (typeof raw.description === "string") node.description = raw.description;
  return node;
}

let root: SchemaNode | undefined;

/** The schema of a compose file's top-level map. */
export function composeSchema(): SchemaNode {
  root ??= compile(specWithAdditions());
  return root;
}

/** The schema node at a JSON pointer of the schema file (`#/definitions/service`); throws when there is none. */
export function schemaAt(pointer: string): SchemaNode {
  composeSchema();
  return compile(rawAt(specWithAdditions(), pointer));
}

/** The schema of a key of a map: by name, then by pattern; undefined when the map's schema does not say (additionalProperties tells whether it allows the key). */
export function propertySchema(map: SchemaNode, key: string): SchemaNode | undefined {
  const named = map.properties?.get(key);
  if (named) return named;
  if (map.patternProperties) {
    for (const property of map.patternProperties) if (property.pattern.test(key)) return property.schema;
  }
  return undefined;
}

/** Whether the map's schema allows `x-*` extension keys. */
export function allowsExtensions(map: SchemaNode): boolean {
  return map.patternProperties?.some((property) => property.source === "^x-") ?? false;
}

/** Whether the map's keys are names the user chooses (services, networks, depends_on's), not fixed keys. */
export function namesKeys(map: SchemaNode): PatternProperty | undefined {
  if (map.properties) return undefined;
  return map.patternProperties?.find((property) => property.source !== "^x-");
}
