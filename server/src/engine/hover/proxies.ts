/**
 * Reverse proxies and certbot: on a service's `image` and on its name in
 * `services:`, that Elestio's proxy already owns 80/443 and TLS (from
 * compose/services.ts, as no-tls-proxy-service reads them).
 */
import type { ComposeModel, Service } from "../compose/model.js";
import { webServerKind } from "../compose/services.js";
import { tlsProxyOf } from "../compose/tlsProxies.js";
import { TLS_SERVICES } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import { inService, onNode, type HoverProvider } from "./provider.js";

function tlsServiceText(model: ComposeModel, service: Service, pipeline: boolean): Localized | undefined {
  // The rule's reading (compose/tlsProxies.ts): a service it reports is never "fine behind Elestio's proxy" here.
  const kind = tlsProxyOf(model, service)?.kind;
  if (kind === "acme") return TLS_SERVICES.acme(service.name, pipeline);
  if (kind === "proxy") return TLS_SERVICES.proxyOnReservedPorts(service.name, pipeline);
  if (!pipeline) return undefined;
  return webServerKind(service) ? TLS_SERVICES.proxyBehind(service.name) : undefined;
}

/** A service's `image` (key or value). */
export const proxyImageHover: HoverProvider = {
  id: "proxies:image",
  where: [{ path: "services/*/image" }],
  provide({ model, node, isPipeline }) {
    const inside = inService(node);
    return inside && onNode(node, tlsServiceText(model, inside.service, isPipeline));
  },
};

/** A service's name, the key under `services:`. */
export const proxyServiceKeyHover: HoverProvider = {
  id: "proxies:service",
  where: [{ path: "services/*", on: "key", document: true }],
  provide({ model, node, isPipeline }) {
    return node.namesService && onNode(node, tlsServiceText(model, node.namesService, isPipeline));
  },
};
