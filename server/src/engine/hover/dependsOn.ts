/**
 * `depends_on`, a dependency and its `condition`: what the service waits
 * for, and for `service_healthy` whether the target has a healthcheck (what
 * healthcheck-required reads, from compose/dependsOn.ts and healthcheck.ts).
 */
import { dependencyAt, type Dependency } from "../compose/dependsOn.js";
import { healthcheckState, serviceHealthcheck } from "../compose/healthcheck.js";
import type { ComposeModel } from "../compose/model.js";
import { CONDITION, DEPENDS_ON } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import type { ProjectFiles } from "../project.js";
import { inService, joinLocalized, onNode, type HoverProvider } from "./provider.js";

/** Whether the waited-for service has a healthcheck, for `service_healthy`: what healthcheck-required reads. */
function healthLine(model: ComposeModel, dependency: Dependency, project: ProjectFiles | undefined): Localized | undefined {
  const { target } = dependency;
  const service = model.service(target);
  if (!service) return DEPENDS_ON.unknownTarget(target);
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
    // The target's healthcheck matters to `service_healthy` only: with `service_started`, none is needed.
    const waitsForHealth = dependency.condition === "service_healthy";
    if (part === "condition") return onNode(node, joinLocalized([CONDITION.explained, waitsForHealth ? healthLine(model, dependency, project) : undefined]));
    if (part !== "target") return undefined;
    const { target } = dependency;
    const lines: (Localized | undefined)[] = [DEPENDS_ON.startsAfter(inside.service.name, target)];
    if (!model.service(target)) lines.push(DEPENDS_ON.unknownTarget(target));
    else if (waitsForHealth) lines.push(healthLine(model, dependency, project));
    return onNode(node, joinLocalized(lines, " "));
  },
};
