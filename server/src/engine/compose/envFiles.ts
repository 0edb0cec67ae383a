/**
 * A service's `env_file`, in the three forms compose accepts: `env_file: x`,
 * a list of paths, and list items `{path, required, format}`; merges (`<<`)
 * and aliases resolved. The only reader of `env_file`: the rule, the hover
 * and the log explainer ask it which files a service needs and where each is
 * written.
 */
import { posix } from "node:path";
import { isMap, isScalar, type Node, type Scalar } from "yaml";
import { resolveDefaults } from "./interpolation.js";
import { mapEntries, scalarText, seqItems, serviceModelFact, trimmedSpan, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { composeBoolean } from "./values.js";

export interface EnvFileRef {
  /** The path as compose reads it: interpolation defaults applied. */
  path: string;
  /** False when a variable without a default decides the path: `path` is then only what the defaults give. */
  certain: boolean;
  /** `path` as the relative path compose resolves (see normalizeEnvFilePath): `./.env` is `.env`. */
  normalized: string;
  /** False for `required: false` (compose's boolean cast: `False`, `"no"`, `off`...): compose skips the file when it is missing. */
  required: boolean;
  /** The scalar naming the file, aliases resolved. */
  pathNode: Scalar;
  /** Where the path is written (its quotes included). */
  pathSpan: Span;
  /** The list item as written (the scalar, or the `{path, required}` map); undefined for `env_file: <string>`. */
  item: Node | undefined;
  /** Where the whole item is written: the `{path, required}` map, or the path itself. */
  span: Span;
  /** The item's `required` entry, when it has one. */
  requiredEntry: Entry | undefined;
}

/** The only env file the Elestio pipeline writes. */
export const DOTENV = ".env";

/**
 * A path as the plain relative path compose resolves against the project
 * folder: `./.env`, `.//.env` and `config/../.env` are `.env`. The VM runs
 * Linux: a backslash is part of a file name there, not a separator. An empty
 * path stays empty.
 */
export function normalizeEnvFilePath(path: string): string {
  const trimmed = path.trim();
  return trimmed === "" ? "" : posix.normalize(trimmed);
}

function refOf(pathNode: Node | null | undefined, item: Node | undefined, span: Span | undefined, requiredEntry: Entry | undefined): EnvFileRef | undefined {
  if (!isScalar(pathNode) || !pathNode.range) return undefined;
  const text = scalarText(pathNode);
  if (text === undefined) return undefined;
  const { value, certain } = resolveDefaults(text);
  const pathSpan = { start: pathNode.range[0], end: pathNode.range[1] };
  return {
    path: value,
    certain,
    normalized: normalizeEnvFilePath(value),
    // Compose's default is true; a variable without a default leaves it so.
    required: composeBoolean(requiredEntry?.value) !== false,
    pathNode,
    pathSpan,
    item,
    span: span ?? pathSpan,
    requiredEntry,
  };
}

/** The service's env files, in order (computed once per parse: treat as read-only). */
export function serviceEnvFiles(model: ComposeModel, service: Service): readonly EnvFileRef[] {
  return serviceModelFact(model, service, readEnvFiles);
}

/** The env file whose item is written around `span` (a hovered scalar: the path, or a key or value of its `{path, required}` map). */
export function envFileAt(model: ComposeModel, service: Service, span: Span): EnvFileRef | undefined {
  return serviceEnvFiles(model, service).find((e) => e.span.start <= span.start && span.end <= e.span.end);
}

function readEnvFiles(model: ComposeModel, service: Service): EnvFileRef[] {
  const entry = service.get("env_file");
  if (!entry?.value) return [];
  if (isScalar(entry.value)) {
    const ref = refOf(entry.value, undefined, undefined, undefined);
    return ref ? [ref] : [];
  }
  const refs: EnvFileRef[] = [];
  // A single `{path: ...}` map is not a form compose accepts (its schema: a string or a list): seqItems gives it no items.
  for (const { item, source } of seqItems(entry.value, service.document)) {
    let ref: EnvFileRef | undefined;
    if (isScalar(item)) ref = refOf(item, source, undefined, undefined);
    else if (isMap(item)) {
      const options = mapEntries(item, service.document);
      ref = refOf(options.find((e) => e.key === "path")?.value, source, trimmedSpan(model.text, item), options.find((e) => e.key === "required"));
    }
    if (ref) refs.push(ref);
  }
  return refs;
}
