/**
 * `depends_on`, a dependency and its `condition`: what the service waits
 * for, and for `service_healthy` whether the target has a healthcheck (what
 * healthcheck-required reads, from compose/dependsOn.ts and healthcheck.ts);
 * a target the file does not define, or a dependency of a cycle, as
 * undefined-reference judges them (compose/undefinedReferences.ts).
 */
import { dependencyAt, type Dependency } from "../compose/dependsOn.js";
import { healthcheckState, serviceHealthcheck } from "../compose/healthcheck.js";
import type { ComposeModel } from "../compose/model.js";
import { serviceReferenceAt } from "../compose/references.js";
import { cycleAt, undefinedReferenceAt, undefinedReferenceLog } from "../compose/undefinedReferences.js";
import { CONDITION, DEPENDS_ON } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import type { ProjectFiles } from "../project.js";
import { inService, joinLocalized, onNode, type HoverProvider } from "./provider.js";

/** The service a dependency waits for, as compose reads it (a list item interpolated), and whether a variable without a default decides it. */
function targetOf(model: ComposeModel, dependency: Dependency): { target: string; certain: boolean } {
  const reference = serviceReferenceAt(model, dependency.service, "depends_on", dependency.targetSpan);
  return reference ? { target: reference.target, certain: reference.certain } : { target: dependency.target, certain: true };
}

/** What undefined-reference says of the dependency's target: not defined, or a cycle; undefined when neither. */
function referenceLine(model: ComposeModel, dependency: Dependency, target: string): Localized | undefined {
  const missing = undefinedReferenceAt(model, dependency.targetSpan);
  if (missing) return DEPENDS_ON.unknownTarget(target, undefinedReferenceLog(missing));
  const cycle = cycleAt(model, dependency.targetSpan);
  return cycle && DEPENDS_ON.cycle(cycle.cycle.log);
}

/** Whether the waited-for service has a healthcheck, for `service_healthy`: what healthcheck-required reads. */
function healthLine(model: ComposeModel, dependency: Dependency, target: string, project: ProjectFiles | undefined): Localized | undefined {
  const service = model.service(target);
  if (!service) return undefined;
  const health = healthcheckState(model, service, project);
  if (health.missing && !dependency.required) return CONDITION.optional(target);
  switch (health.state) {
    case "defined": return CONDITION.healthy(target, serviceHealthcheck(model, service).test?.command);
    case "inherited": return CONDITION.inherited(target);
    case "disabled": return CONDITION.disabled(target);
    case "none": return health.dockerfile === true ? CONDITION.dockerfile(target) : CONDITION.noHealthcheck(target);
  }
}

export const dependsOnHover: HoverProvider = {
  id: "depends_on",
  where: [
    { path: "services/*/depends_on", on: "key" },
    { path: "services/*/depends_on/*/**" },
    { path: "services/*/depends_on/#/**" },
  ],
  provide({ model, node, project }) {
    const inside = inService(node);
    if (!inside) return undefined;
    if (inside.path.length === 1) return onNode(node, DEPENDS_ON.key);
    const found = dependencyAt(model, inside.service, node.span);
    if (!found) return undefined;
    const { dependency, part } = found;
    const { target, certain } = targetOf(model, dependency);
    // A name a variable without a default decides: nothing is known of the service, named as written.
    if (!certain) return part === "target" ? onNode(node, DEPENDS_ON.startsAfter(inside.service.name, dependency.target)) : undefined;
    const reference = referenceLine(model, dependency, target);
    // The target's healthcheck matters to `service_healthy` only: with `service_started`, none is needed.
    const waitsForHealth = dependency.condition === "service_healthy";
    if (part === "condition") return onNode(node, joinLocalized([CONDITION.explained, reference ?? (waitsForHealth ? healthLine(model, dependency, target, project) : undefined)]));
    if (part !== "target") return undefined;
    const lines: (Localized | undefined)[] = [DEPENDS_ON.startsAfter(inside.service.name, target)];
    lines.push(reference ?? (waitsForHealth ? healthLine(model, dependency, target, project) : undefined));
    return onNode(node, joinLocalized(lines, " "));
  },
};
