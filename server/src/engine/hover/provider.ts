/**
 * The shape of a hover topic, after compose-language-service's hover
 * providers: where it applies (path patterns over the hovered node's path,
 * or a predicate) and what it says there. A provider reads the facts layer
 * (engine/compose/*) and the i18n texts only, never the YAML: the node under
 * the cursor comes as a HoveredNode (compose/position.ts), the port binding,
 * env_file item, dependency or variable at it from the facts modules' `...At`
 * lookups.
 */
import type { HoveredNode, PathSegment } from "../compose/position.js";
import type { ComposeModel, Service, Span } from "../compose/model.js";
import type { Localized } from "../i18n/index.js";
import type { ProjectFiles } from "../project.js";

export interface HoverContext {
  readonly model: ComposeModel;
  readonly offset: number;
  /** The scalar under the cursor. */
  readonly node: HoveredNode;
  readonly isPipeline: boolean;
  readonly project: ProjectFiles | undefined;
  /** The variables the dashboard sets (the project configuration's `dashboardVariables`), when it lists them. */
  readonly dashboardVariables?: ReadonlySet<string>;
}

/** A provider's answer: the text in both languages, and the span it is about (document offsets). */
export interface Explained extends Span {
  text: Localized;
}

/**
 * Where a provider applies: segments separated by `/`, each a key as written,
 * `*` (any key), `#` (any sequence index) or `**` (any segments, none
 * included): `ports/#/**` under `services/*` is any scalar of a port item.
 */
export interface PathPattern {
  path: string;
  /** Only on a key, or only on a value (a value or a sequence item); either when absent. */
  on?: "key" | "value";
  /**
   * Match the node's documentPath rather than its path through the service
   * it belongs to (the same, but for a key written in a `<<` anchor).
   */
  document?: boolean;
}

export interface HoverProvider {
  /** Names the provider in HoverOptions.onError reports. */
  readonly id: string;
  /** Where it applies: any of these patterns, or a predicate on the hovered node. */
  readonly where: readonly PathPattern[] | ((node: HoveredNode) => boolean);
  /** The explanation at the node, or undefined to let the next provider answer. */
  provide(context: HoverContext): Explained | undefined;
}

function segmentsMatch(pattern: readonly string[], path: readonly PathSegment[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === "**") {
    for (let skip = 0; skip <= path.length; skip++) if (segmentsMatch(rest, path.slice(skip))) return true;
    return false;
  }
  if (path.length === 0) return false;
  const segment = path[0];
  const matches = head === "*" ? typeof segment === "string" : head === "#" ? typeof segment === "number" : segment === head;
  return matches && segmentsMatch(rest, path.slice(1));
}

/** Whether a path pattern matches the node. */
export function matchesPattern(pattern: PathPattern, node: HoveredNode): boolean {
  if (pattern.on === "key" && !node.onKey) return false;
  if (pattern.on === "value" && node.onKey) return false;
  return segmentsMatch(pattern.path.split("/"), pattern.document ? node.documentPath : node.path);
}

/** Whether the provider applies at the node. */
export function applies(provider: HoverProvider, node: HoveredNode): boolean {
  const { where } = provider;
  return typeof where === "function" ? where(node) : where.some((pattern) => matchesPattern(pattern, node));
}

/** The parts present, joined in each language. */
export function joinLocalized(parts: readonly (Localized | undefined)[], separator = "\n\n"): Localized {
  const present = parts.filter((p): p is Localized => p !== undefined);
  return { en: present.map((p) => p.en).join(separator), fr: present.map((p) => p.fr).join(separator) };
}

/** The text about the hovered node itself (its span), when there is one. */
export function onNode(node: HoveredNode, text: Localized | undefined): Explained | undefined {
  return text ? { text, ...node.span } : undefined;
}

/**
 * The service the node belongs to and the path inside it; undefined for a
 * node outside services (a second `services:` of the same document, which
 * compose ignores, has a `services/...` path and no service).
 */
export function inService(node: HoveredNode): { service: Service; path: readonly PathSegment[] } | undefined {
  return node.service && node.servicePath ? { service: node.service, path: node.servicePath } : undefined;
}
