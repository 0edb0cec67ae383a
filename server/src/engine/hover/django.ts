/**
 * Django's settings variables in a pipeline file's `environment`: what
 * `ALLOWED_HOSTS`, `CSRF_TRUSTED_ORIGINS` and `DJANGO_*` need behind
 * Elestio's proxy (the variable from compose/environment.ts).
 */
import { environmentVariableAt } from "../compose/environment.js";
import { DJANGO } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import { inService, type HoverProvider } from "./provider.js";

/** What a Django setting's variable means behind Elestio's proxy, or undefined for other variables: a few lines, the setting's own when it has some. */
export function djangoText(name: string): Localized | undefined {
  const upper = name.toUpperCase();
  if (/^(DJANGO_)?ALLOWED_HOSTS/.test(upper)) return DJANGO.allowedHosts(name);
  if (/^(DJANGO_)?CSRF_TRUSTED_ORIGINS/.test(upper)) return DJANGO.csrf(name);
  if (!upper.startsWith("DJANGO_")) return undefined;
  if (/SECRET_KEY$/.test(upper)) return DJANGO.secretKey(name);
  if (/DEBUG$/.test(upper)) return DJANGO.debug(name);
  return DJANGO.general(name);
}

export const djangoHover: HoverProvider = {
  id: "django",
  // The name of a map-form variable, or a `KEY=value` list item.
  where: [
    { path: "services/*/environment/*", on: "key" },
    { path: "services/*/environment/#", on: "value" },
  ],
  provide({ model, node, offset, isPipeline }) {
    // The Django knowledge is about Elestio's proxy: nothing to say in a local file.
    const inside = inService(node);
    if (!isPipeline || !inside) return undefined;
    const variable = environmentVariableAt(model, inside.service, node);
    if (!variable) return undefined;
    if (variable.form === "list" && (offset < variable.nameSpan.start || offset >= variable.nameSpan.end)) return undefined;
    const text = djangoText(variable.name);
    if (!text) return undefined;
    return { text, ...(variable.form === "map" ? node.span : variable.nameSpan) };
  },
};
