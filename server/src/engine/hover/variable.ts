/**
 * `${VAR}` and `$$VAR` in any value: where compose takes the variable from,
 * what its operator does when it is not set, and whether the `.env` beside
 * the file sets it; `$$VAR` is the container's own variable.
 */
import { interpolationAt } from "../compose/interpolatedValues.js";
import { VARIABLE } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import type { ProjectFiles } from "../project.js";
import { joinLocalized, type HoverProvider } from "./provider.js";

function localDotEnvLine(name: string, isPipeline: boolean, project: ProjectFiles | undefined): Localized | undefined {
  if (!project) return undefined;
  const dotEnv = project.dotEnv();
  if (!dotEnv) return VARIABLE.noLocalDotEnv;
  if (!dotEnv.has(name)) return VARIABLE.localMissing;
  return isPipeline ? VARIABLE.localDefined : VARIABLE.localDefinedLocal;
}

export const variableHover: HoverProvider = {
  id: "variable",
  where: [{ path: "**", on: "value" }],
  provide({ model, node, offset, isPipeline, project }) {
    const found = interpolationAt(model, node.span, offset);
    if (!found) return undefined;
    if ("escape" in found) return { text: VARIABLE.escaped(found.escape.name), ...found.escape.span };
    const { reference } = found;
    const lines: (Localized | undefined)[] = [VARIABLE.title(reference.name), isPipeline ? VARIABLE.sourcePipeline : VARIABLE.sourceLocal];
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
    lines.push(localDotEnvLine(reference.name, isPipeline, project));
    return { text: joinLocalized(lines), ...reference.span };
  },
};
