/**
 * Hovers: on a finding, what its message lacks: the log line, why, the fix
 * and the rule's page (findings.ts); elsewhere, what the hovered key or value means for an
 * Elestio deployment, from the first topic provider that applies and has
 * something to say (one file per topic, in HOVER_PROVIDERS' order). Plain
 * TypeScript: the server turns the result into an LSP Hover.
 */
import type { ComposeModel } from "../compose/model.js";
import { hoveredNode, type HoveredNode } from "../compose/position.js";
import type { Language } from "../i18n/index.js";
import type { Finding } from "../lint.js";
import type { ProjectFiles } from "../project.js";
import { containerNameHover } from "./containerName.js";
import { dependsOnHover } from "./dependsOn.js";
import { djangoHover } from "./django.js";
import { envFileHover } from "./envFile.js";
import { findingsAt, findingsHover, type RuleDocsUrl } from "./findings.js";
import { healthcheckHover } from "./healthcheck.js";
import { serviceNetworksHover, topLevelNetworksHover } from "./networks.js";
import { portsHover } from "./ports.js";
import { applies, type HoverContext, type HoverProvider } from "./provider.js";
import { proxyImageHover, proxyServiceKeyHover } from "./proxies.js";
import { restartHover } from "./restart.js";
import { variableHover } from "./variable.js";

export type { Explained, HoverContext, HoverProvider, PathPattern } from "./provider.js";

export interface HoverResult {
  markdown: string;
  /** The hovered word or node, as document offsets. */
  start: number;
  end: number;
}

/** What reports a part of the hover that threw: a provider's id, `findings`, `position` or `hover`. */
export type HoverErrorHandler = (part: string, error: unknown) => void;

export interface HoverOptions {
  isPipeline: boolean;
  project?: ProjectFiles;
  /** The variables the dashboard sets (the project configuration's `dashboardVariables`), when it lists them. */
  dashboardVariables?: readonly string[];
  /**
   * Called once for each part of the hover that throws (a provider, the
   * findings' sections, the position lookup), like lint's onRuleError: the
   * part is left out and the rest of the hover shown. Without it, a failing
   * part is left out silently.
   */
  onError?: HoverErrorHandler;
  /** Each rule's page, for the link under a finding; no link without it. */
  docsUrl?: RuleDocsUrl;
  /** The topic providers, in order; HOVER_PROVIDERS by default. */
  providers?: readonly HoverProvider[];
}

/**
 * The topic providers, in the order they are asked: `${VAR}` in any value
 * first, then a service's keys (each provider its own key), the service's
 * name under `services:`, and the top-level `networks`.
 */
export const HOVER_PROVIDERS: readonly HoverProvider[] = [
  variableHover,
  envFileHover,
  containerNameHover,
  portsHover,
  dependsOnHover,
  healthcheckHover,
  restartHover,
  serviceNetworksHover,
  proxyImageHover,
  djangoHover,
  proxyServiceKeyHover,
  topLevelNetworksHover,
];

export function hover(model: ComposeModel, findings: readonly Finding[], offset: number, language: Language, options: HoverOptions): HoverResult | undefined {
  const reported = new Set<string>();
  const report: HoverErrorHandler = (part, error) => {
    if (reported.has(part)) return;
    reported.add(part);
    options.onError?.(part, error);
  };
  try {
    return hoverAt(model, findings, offset, language, options, report);
  } catch (error) {
    // Each part is isolated below: this is the glue between them.
    report("hover", error);
    return undefined;
  }
}

function hoverAt(model: ComposeModel, findings: readonly Finding[], offset: number, language: Language, options: HoverOptions, report: HoverErrorHandler): HoverResult | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > model.text.length) return undefined;
  const hovered = findingsAt(findings, offset);
  if (hovered.length > 0) {
    const result = findingsHover(hovered, language, (error) => report("findings", error), options.docsUrl);
    if (result) return result;
  }
  let node: HoveredNode | undefined;
  try {
    node = hoveredNode(model, offset);
  } catch (error) {
    report("position", error);
    return undefined;
  }
  if (!node) return undefined;
  const dashboardVariables = options.dashboardVariables ? new Set(options.dashboardVariables) : undefined;
  const context: HoverContext = { model, offset, node, isPipeline: options.isPipeline, project: options.project, dashboardVariables };
  for (const provider of options.providers ?? HOVER_PROVIDERS) {
    let explained;
    try {
      if (!applies(provider, node)) continue;
      explained = provider.provide(context);
    } catch (error) {
      report(provider.id, error);
      continue;
    }
    if (explained) return { markdown: explained.text[language], start: explained.start, end: explained.end };
  }
  return undefined;
}
