/**
 * Finding things by position and by meaning in the compose model, for hovers
 * and the log explainer: the node under an offset (with its path of keys from
 * the document root), every `${VAR}` written in a value, the environment
 * entries of a service, its env_file entries, its depends_on conditions.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { findInterpolations, resolveDefaults, type Interpolation } from "./interpolation.js";
import { mapEntries, scalarText, seqItems, type ComposeModel, type Service } from "./model.js";

export interface Span {
  start: number;
  end: number;
}

/** The scalar under an offset: a key or a value, and where it sits. */
export interface NodeHit {
  document: Document.Parsed;
  /** Keys (and sequence indexes) from the document root to the hovered scalar; a key hit ends with the key itself. */
  path: (string | number)[];
  /** containers[i] is the map or sequence that holds path[i]. */
  containers: (YAMLMap | YAMLSeq)[];
  onKey: boolean;
  node: Scalar;
}

function within(offset: number, start: number | undefined, end: number | undefined): boolean {
  return start !== undefined && end !== undefined && start <= offset && offset < end;
}

/** The key or value scalar at `offset`, or undefined in whitespace, comments, punctuation and aliases. */
export function nodeAt(model: ComposeModel, offset: number): NodeHit | undefined {
  for (const document of model.documents) {
    const root = document.contents;
    if (!root || !root.range || !within(offset, root.range[0], root.range[2])) continue;
    return descend(document, root, offset, [], []);
  }
  return undefined;
}

function descend(document: Document.Parsed, node: Node, offset: number, path: (string | number)[], containers: (YAMLMap | YAMLSeq)[]): NodeHit | undefined {
  if (isScalar(node)) {
    return within(offset, node.range?.[0], node.range?.[1]) ? { document, path, containers, onKey: false, node } : undefined;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      if (isScalar(key) && within(offset, key.range?.[0], key.range?.[1])) {
        return { document, path: [...path, String(key.value)], containers: [...containers, node], onKey: true, node: key };
      }
      const value = pair.value as Node | null;
      if (value && !isAlias(value) && within(offset, value.range?.[0], value.range?.[1])) {
        return descend(document, value, offset, [...path, isScalar(key) ? String(key.value) : ""], [...containers, node]);
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const child = item as Node | null;
      if (child && !isAlias(child) && within(offset, child.range?.[0], child.range?.[1])) {
        return descend(document, child, offset, [...path, index], [...containers, node]);
      }
    }
  }
  return undefined;
}

/**
 * The service a hit belongs to and the path inside it: the service whose map
 * holds the hit, or one that merges (`<<`) the anchored map that holds it.
 */
export function serviceContext(model: ComposeModel, hit: NodeHit): { service: Service; path: (string | number)[] } | undefined {
  for (let i = 0; i < hit.containers.length; i++) {
    const container = hit.containers[i];
    if (!isMap(container)) continue;
    const service = model.services.find((s) => s.map === container) ?? model.services.find((s) => s.entries.some((e) => e.merged && e.owner === container));
    if (service) return { service, path: hit.path.slice(i) };
  }
  return undefined;
}

/** Interpolations of a text, nested ones (in defaults) included, with offsets in `text`. */
export function allInterpolations(text: string, base = 0): Interpolation[] {
  const found: Interpolation[] = [];
  for (const item of findInterpolations(text)) {
    found.push(shift(item, base));
    if (item.argument !== undefined && item.argumentStart !== undefined) {
      found.push(...allInterpolations(item.argument, base + item.argumentStart));
    }
  }
  return found;
}

function shift(item: Interpolation, by: number): Interpolation {
  return {
    ...item,
    start: item.start + by,
    end: item.end + by,
    nameStart: item.nameStart + by,
    nameEnd: item.nameEnd + by,
    argumentStart: item.argumentStart === undefined ? undefined : item.argumentStart + by,
  };
}

/** Every value scalar of every document (keys are not interpolated by compose). */
function valueScalars(model: ComposeModel): Scalar[] {
  const scalars: Scalar[] = [];
  const visit = (node: unknown): void => {
    if (isScalar(node)) scalars.push(node);
    else if (isMap(node)) for (const pair of node.items) visit(pair.value);
    else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  for (const document of model.documents) visit(document.contents);
  return scalars;
}

/** Interpolations written in the source of the value scalars, with document offsets. */
export function interpolationsInValues(model: ComposeModel): Interpolation[] {
  const found: Interpolation[] = [];
  for (const scalar of valueScalars(model)) {
    const range = scalar.range;
    if (!range || typeof scalar.value !== "string") continue;
    const source = model.text.slice(range[0], range[1]);
    if (source.includes("$")) found.push(...allInterpolations(source, range[0]));
  }
  return found;
}

export interface EnvironmentEntry {
  name: string;
  /** The whole entry: `NAME: value` or the list item `NAME=value`. */
  span: Span;
  /** The variable name as written. */
  nameSpan: Span;
}

/** The entries of a service's `environment`, in map or list form, where they are written. */
export function environmentEntries(service: Service): EnvironmentEntry[] {
  const environment = service.get("environment");
  if (!environment) return [];
  const entries: EnvironmentEntry[] = [];
  if (isMap(environment.value)) {
    for (const entry of mapEntries(environment.value, service.document)) {
      const [start, keyEnd] = entry.keyNode.range!;
      entries.push({ name: entry.key, span: { start, end: Math.max(keyEnd, entry.value?.range?.[1] ?? keyEnd) }, nameSpan: { start, end: keyEnd } });
    }
  } else {
    for (const { item } of seqItems(environment.value, service.document)) {
      const split = listEnvironmentName(item);
      if (split) entries.push(split);
    }
  }
  return entries;
}

/** `NAME=value` (or `NAME`) in a list item: the name and its offsets, quotes skipped. */
export function listEnvironmentName(item: Node): EnvironmentEntry | undefined {
  if (!isScalar(item) || !item.range || typeof item.value !== "string") return undefined;
  const [start, end] = item.range;
  const quoted = item.type === "QUOTE_DOUBLE" || item.type === "QUOTE_SINGLE";
  const value = item.value;
  const equals = value.indexOf("=");
  const name = (equals < 0 ? value : value.slice(0, equals)).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return undefined;
  const nameStart = start + (quoted ? 1 : 0);
  return { name, span: { start, end }, nameSpan: { start: nameStart, end: nameStart + name.length } };
}

export interface EnvFileEntry {
  /** The path as compose reads it (interpolation defaults applied). */
  path: string;
  /** The scalar naming the file. */
  node: Scalar;
  required: boolean;
}

/** A service's env_file entries: `env_file: x`, a list of paths, or `{path, required}` items. */
export function envFileEntries(service: Service): EnvFileEntry[] {
  const entry = service.get("env_file");
  if (!entry) return [];
  const fromNode = (node: Node): EnvFileEntry | undefined => {
    if (isScalar(node)) {
      const text = scalarText(node);
      return text === undefined ? undefined : { path: resolveDefaults(text).value, node, required: true };
    }
    if (isMap(node)) {
      const items = mapEntries(node, service.document);
      const pathNode = items.find((e) => e.key === "path")?.value;
      const text = scalarText(pathNode);
      if (text === undefined || !isScalar(pathNode)) return undefined;
      const required = scalarText(items.find((e) => e.key === "required")?.value);
      return { path: resolveDefaults(text).value, node: pathNode, required: required !== "false" };
    }
    return undefined;
  };
  if (isSeq(entry.value)) {
    return seqItems(entry.value, service.document).flatMap(({ item }) => fromNode(item) ?? []);
  }
  const single = entry.value ? fromNode(entry.value) : undefined;
  return single ? [single] : [];
}

/** `./.env` and `.env.production` as the plain relative path compose resolves (`.env`, `.env.production`). */
export function normalizeRelativePath(path: string): string {
  return path.trim().replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/\.\//g, "/");
}

export interface Dependency {
  /** The service that waits. */
  service: Service;
  /** The service waited for. */
  target: string;
  /** The key (map form) or scalar (list form) naming the target. */
  targetNode: Scalar;
  condition: string | undefined;
  /** `condition: <value>`, where it is written. */
  conditionSpan?: Span;
}

/** The depends_on entries of every service, short and long form. */
export function dependencies(model: ComposeModel): Dependency[] {
  const found: Dependency[] = [];
  for (const service of model.services) {
    const dependsOn = service.get("depends_on");
    if (!dependsOn) continue;
    if (isMap(dependsOn.value)) {
      for (const entry of mapEntries(dependsOn.value, service.document)) {
        const options = isMap(entry.value) ? mapEntries(entry.value, service.document) : [];
        const condition = options.find((e) => e.key === "condition");
        const conditionEnd = condition?.value?.range?.[1] ?? condition?.keyNode.range?.[1];
        found.push({
          service,
          target: entry.key,
          targetNode: entry.keyNode,
          condition: scalarText(condition?.value),
          conditionSpan: condition && conditionEnd !== undefined ? { start: condition.keyNode.range![0], end: conditionEnd } : undefined,
        });
      }
    } else {
      for (const { item } of seqItems(dependsOn.value, service.document)) {
        const name = scalarText(item);
        if (name !== undefined && isScalar(item)) found.push({ service, target: name, targetNode: item, condition: undefined });
      }
    }
  }
  return found;
}

/** Whether the file gives the service a healthcheck (not `disable: true`, not `test: ["NONE"]`). */
export function hasHealthcheck(service: Service): boolean {
  const entry = service.get("healthcheck");
  if (!entry || !isMap(entry.value)) return false;
  const options = mapEntries(entry.value, service.document);
  if (scalarText(options.find((e) => e.key === "disable")?.value) === "true") return false;
  const test = options.find((e) => e.key === "test")?.value;
  if (isSeq(test) && scalarText(test.items[0] as Node) === "NONE") return false;
  return test !== undefined && test !== null;
}

/** Sorted, without duplicates (an anchored node reached by several services counts once). */
export function uniqueSpans(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  const result: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const key = `${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(span);
  }
  return result;
}

export function spanOf(node: Node): Span {
  const range = node.range ?? [0, 0, 0];
  return { start: range[0], end: range[1] };
}
