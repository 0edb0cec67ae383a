/**
 * A service's `depends_on`, in both forms compose accepts: a list of service
 * names (`- db`: wait for the container to start) and a map of services to
 * `{condition, required, restart}`; merges (`<<`) and aliases resolved. The
 * only reader of `depends_on`: rules, hovers and the log explainer ask it
 * what a service waits for and where each dependency is written.
 */
import { isMap, isScalar, type Node, type Scalar } from "yaml";
import { resolveDefaults } from "./interpolation.js";
import { entrySpan, mapEntries, scalarText, seqItems, serviceModelFact, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { composeBoolean } from "./values.js";

export interface Dependency {
  /** The service that waits. */
  service: Service;
  /** The service waited for. */
  target: string;
  form: "list" | "map";
  /** The key (map form) or the list item (list form) naming the target, aliases resolved. */
  targetNode: Scalar;
  /** Where the target is named. */
  targetSpan: Span;
  /** The whole dependency as written: `db: {condition: ...}` (map form) or the list item. */
  span: Span;
  /**
   * What compose waits for, interpolation defaults applied: `service_started`
   * for the list form and a map entry without one; undefined when a variable
   * without a default decides it.
   */
  condition: string | undefined;
  /** The `condition` entry, and where `condition: <value>` is written. */
  conditionEntry: Entry | undefined;
  conditionSpan: Span | undefined;
  /** False for `required: false` (compose's boolean cast): compose only warns when the dependency does not start or get healthy. */
  required: boolean;
  requiredEntry: Entry | undefined;
  /** The service's `depends_on` entry. */
  dependsOn: Entry;
  /** Map form: the dependency's entry in the `depends_on` map (its `pair` and `owner` are where it is written). */
  entry: Entry | undefined;
  /** List form: the item as written (an alias stays an alias). */
  source: Node | undefined;
}

/** compose's condition when none is written. */
const DEFAULT_CONDITION = "service_started";

/** The service's dependencies, in order (computed once per parse: treat as read-only). */
export function serviceDependencies(model: ComposeModel, service: Service): readonly Dependency[] {
  return serviceModelFact(model, service, readDependencies);
}

/** The dependencies of every service, in file order of the services. */
export function dependencies(model: ComposeModel): Dependency[] {
  return model.services.flatMap((service) => serviceDependencies(model, service));
}

/** Whether the dependency makes compose stop when its target never reports healthy: `condition: service_healthy`, not `required: false`. */
export function waitsUntilHealthy(dependency: Dependency): boolean {
  return dependency.condition === "service_healthy" && dependency.required;
}

/** Which part of a dependency a scalar is: the target's name, the `condition` key or its value, or another (`required`, `restart`, their values). */
export type DependencyPart = "target" | "condition" | "other";

const sameSpan = (node: Node | null | undefined, span: Span) => !!node?.range && node.range[0] === span.start && node.range[1] === span.end;

/** The dependency written around `span` (a hovered scalar), and which part of it the scalar is. */
export function dependencyAt(model: ComposeModel, service: Service, span: Span): { dependency: Dependency; part: DependencyPart } | undefined {
  const dependency = serviceDependencies(model, service).find((d) => d.span.start <= span.start && span.end <= d.span.end);
  if (!dependency) return undefined;
  const condition = dependency.conditionEntry;
  if (condition && (sameSpan(condition.keyNode, span) || sameSpan(condition.value, span))) return { dependency, part: "condition" };
  return { dependency, part: sameSpan(dependency.targetNode, span) ? "target" : "other" };
}

function conditionOf(entry: Entry | undefined): string | undefined {
  if (!entry) return DEFAULT_CONDITION;
  const text = scalarText(entry.value);
  if (text === undefined) return DEFAULT_CONDITION;
  const { value, certain } = resolveDefaults(text);
  return certain ? value : undefined;
}

function readDependencies(model: ComposeModel, service: Service): Dependency[] {
  const dependsOn = service.get("depends_on");
  if (!dependsOn) return [];
  const found: Dependency[] = [];
  if (isMap(dependsOn.value)) {
    for (const entry of mapEntries(dependsOn.value, service.document)) {
      const options = isMap(entry.value) ? mapEntries(entry.value, service.document) : [];
      const conditionEntry = options.find((e) => e.key === "condition");
      const requiredEntry = options.find((e) => e.key === "required");
      const [start, end] = entry.keyNode.range!;
      found.push({
        service,
        target: entry.key,
        form: "map",
        targetNode: entry.keyNode,
        targetSpan: { start, end },
        span: entrySpan(model.text, entry),
        condition: conditionOf(conditionEntry),
        conditionEntry,
        conditionSpan: conditionEntry && entrySpan(model.text, conditionEntry),
        required: composeBoolean(requiredEntry?.value) !== false,
        requiredEntry,
        dependsOn,
        entry,
        source: undefined,
      });
    }
  } else {
    // Nothing for a value that is not a list: seqItems gives no items.
    for (const { item, source } of seqItems(dependsOn.value, service.document)) {
      const name = scalarText(item);
      if (name === undefined || !isScalar(item) || !item.range) continue;
      const span = { start: item.range[0], end: item.range[1] };
      found.push({
        service,
        target: name,
        form: "list",
        targetNode: item,
        targetSpan: span,
        span,
        condition: DEFAULT_CONDITION,
        conditionEntry: undefined,
        conditionSpan: undefined,
        required: true,
        requiredEntry: undefined,
        dependsOn,
        entry: undefined,
        source,
      });
    }
  }
  return found;
}
