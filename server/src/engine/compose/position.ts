/**
 * Position lookups in the compose model, for hovers, lint's disable comments
 * and the quick fixes: the scalar under an offset, with its path of keys from
 * the document root, and the service it belongs to. What a service's keys
 * mean is read by the facts modules (environment.ts, envFiles.ts,
 * healthcheck.ts, dependsOn.ts, interpolatedValues.ts, ports.ts...).
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { ComposeModel, Service } from "./model.js";

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
