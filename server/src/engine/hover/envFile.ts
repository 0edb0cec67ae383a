/**
 * `env_file` and its items: the pipeline writes `.env` only; what each item
 * needs (from compose/envFiles.ts, as env-file-not-dotenv reads it).
 */
import { DOTENV, envFileAt } from "../compose/envFiles.js";
import { ENV_FILE } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import { inService, joinLocalized, onNode, type HoverContext, type HoverProvider } from "./provider.js";

function itemLine({ model, node, isPipeline }: HoverContext): Localized | undefined {
  const inside = inService(node)!;
  if (inside.path.length === 1 && node.onKey) return undefined;
  // The item written around the hovered scalar: the path, or a key or value of its `{path, required}` map.
  const entry = envFileAt(model, inside.service, node.span);
  if (!entry) return undefined;
  if (entry.normalized === DOTENV) return isPipeline ? ENV_FILE.dotEnvItem(entry.path) : undefined;
  if (!entry.required) return ENV_FILE.optionalItem(entry.path);
  return ENV_FILE.otherItem(entry.path);
}

export const envFileHover: HoverProvider = {
  id: "env_file",
  where: [{ path: "services/*/env_file/**" }],
  provide(context) {
    if (!inService(context.node)) return undefined;
    return onNode(context.node, joinLocalized([context.isPipeline ? ENV_FILE.pipeline : ENV_FILE.local, itemLine(context)]));
  },
};
