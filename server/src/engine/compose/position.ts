/**
 * Position lookups in the compose model, for hovers, lint's disable comments
 * and the quick fixes: the scalar under an offset, with its path of keys from
 * the document root, and the service it belongs to. What a service's keys
 * mean is read by the facts modules (environment.ts, envFiles.ts,
 * healthcheck.ts, dependsOn.ts, interpolatedValues.ts, ports.ts...), whose
 * `...At` lookups take the span of the node hoveredNode returns.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { scalarText, type ComposeModel, type Service, type Span } from "./model.js";

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
  // A sequence is never a service's map nor the owner of a merged entry: only maps match.
  for (const [i, container] of hit.containers.entries()) {
    const service = model.services.find((s) => s.map === container) ?? model.services.find((s) => s.entries.some((e) => e.merged && e.owner === container));
    if (service) return { service, path: hit.path.slice(i) };
  }
  return undefined;
}

/** A key of a mapping (as text) or the index of a sequence item. */
export type PathSegment = string | number;

/**
 * The scalar under an offset, as hovers see it: where it sits and what it
 * says, without the YAML nodes (NodeHit has them, for the compose modules).
 */
export interface HoveredNode {
  /** Keys and sequence indexes from the document root; a key ends with the key itself. */
  documentPath: readonly PathSegment[];
  /**
   * The path through the service the node belongs to (see serviceContext):
   * `["services", <name>, ...servicePath]`, also for a key written in a `<<`
   * anchor the service merges; the documentPath for a node outside services.
   */
  path: readonly PathSegment[];
  onKey: boolean;
  /** The scalar's source span (its quotes included). */
  span: Span;
  /** Its text as compose reads it before interpolation (numbers and booleans as written); undefined for null. */
  text: string | undefined;
  /** The service the node belongs to. */
  service: Service | undefined;
  /** Keys and indexes inside that service: `["ports", 0]` for a port item. */
  servicePath: readonly PathSegment[] | undefined;
  /** The service whose name this key is, when the node is a key of `services:` (or of a map `services:` merges with `<<`). */
  namesService: Service | undefined;
}

/** The key or value scalar at `offset`, as a HoveredNode; undefined where nodeAt finds none. */
export function hoveredNode(model: ComposeModel, offset: number): HoveredNode | undefined {
  const hit = nodeAt(model, offset);
  if (!hit) return undefined;
  const context = serviceContext(model, hit);
  return {
    documentPath: hit.path,
    path: context ? ["services", context.service.name, ...context.path] : hit.path,
    onKey: hit.onKey,
    span: { start: hit.node.range![0], end: hit.node.range![1] },
    text: scalarText(hit.node),
    service: context?.service,
    servicePath: context?.path,
    // Only a key of `services:` (or of a map it merges) is a service's keyNode.
    namesService: model.services.find((s) => s.keyNode === hit.node),
  };
}
