/**
 * `${VAR}` and `$$VAR` in any value: where compose takes the variable from,
 * what its operator does when it is not set, and whether the `.env` beside
 * the file sets it; `$$VAR` is the container's own variable. In the pipeline's
 * file of a project that lists the dashboard's variables, where its value
 * comes from: the dashboard, the `.env` beside the file, or nowhere (never
 * the value itself).
 */
import { interpolationAt } from "../compose/interpolatedValues.js";
import { ALWAYS_SET_VARIABLES } from "../dashboardVariables.js";
import { VARIABLE } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import { VARIABLE_SOURCE } from "../i18n/variable-texts.js";
import type { ProjectFiles } from "../project.js";
import { joinLocalized, type HoverProvider } from "./provider.js";

function localDotEnvLine(name: string, isPipeline: boolean, project: ProjectFiles | undefined): Localized | undefined {
  if (!project) return undefined;
  const dotEnv = project.dotEnv();
  if (!dotEnv) return VARIABLE.noLocalDotEnv;
  if (!dotEnv.has(name)) return VARIABLE.localMissing;
  return isPipeline ? VARIABLE.localDefined : VARIABLE.localDefinedLocal;
}

/** Where the pipeline takes the value from, once the dashboard's variables are known. */
function dashboardSourceLine(name: string, dashboardVariables: ReadonlySet<string>, project: ProjectFiles | undefined): Localized {
  if (dashboardVariables.has(name)) return VARIABLE_SOURCE.dashboard;
  return project?.dotEnv()?.has(name) ? VARIABLE_SOURCE.localDotEnv : VARIABLE_SOURCE.nowhere;
}

export const variableHover: HoverProvider = {
  id: "variable",
  where: [{ path: "**", on: "value" }],
  provide({ model, node, offset, isPipeline, project, dashboardVariables }) {
    const found = interpolationAt(model, node.span, offset);
    if (!found) return undefined;
    if ("escape" in found) return { text: VARIABLE.escaped(found.escape.name), ...found.escape.span };
    const { reference } = found;
    const title = VARIABLE.title(reference.name);
    if (ALWAYS_SET_VARIABLES.has(reference.name)) return { text: joinLocalized([title, VARIABLE_SOURCE.alwaysSet(reference.name)]), ...reference.span };
    // The dashboard feeds the pipeline's file only.
    const dashboard = isPipeline ? dashboardVariables : undefined;
    const source = dashboard ? dashboardSourceLine(reference.name, dashboard, project) : isPipeline ? VARIABLE.sourcePipeline : VARIABLE.sourceLocal;
    const lines: (Localized | undefined)[] = [title, source];
    const argument = reference.argument ?? "";
    switch (reference.operator) {
      case ":-": lines.push(VARIABLE.defaultUnsetOrEmpty(argument)); break;
      case "-": lines.push(VARIABLE.defaultUnset(argument)); break;
      case ":?": lines.push(VARIABLE.required(argument, true)); break;
      case "?": lines.push(VARIABLE.required(argument, false)); break;
      case ":+": lines.push(VARIABLE.alternative(argument, true)); break;
      case "+": lines.push(VARIABLE.alternative(argument, false)); break;
      default: lines.push(VARIABLE.noDefault(reference.name));
    }
    if (!dashboard) lines.push(localDotEnvLine(reference.name, isPipeline, project));
    return { text: joinLocalized(lines), ...reference.span };
  },
};
