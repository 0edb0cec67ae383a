/**
 * Networks, at both levels: a service's `networks` and the networks it
 * joins, and the top-level declarations: created by compose, or external
 * (from compose/networks.ts, as external-network reads them); a network a
 * service joins that the file does not declare, as undefined-reference
 * judges it (compose/undefinedReferences.ts).
 */
import type { ComposeModel } from "../compose/model.js";
import { hostNetworkName, networkDeclaration } from "../compose/networks.js";
import { serviceNetworks } from "../compose/serviceNetworks.js";
import { undefinedReferenceAt, undefinedReferenceLog } from "../compose/undefinedReferences.js";
import { NETWORKS } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import { inService, onNode, type HoverProvider } from "./provider.js";

/** A declared network (or `default`): created by compose, or external; undefined for a name the file does not declare. */
function networkText(model: ComposeModel, name: string, pipeline: boolean): Localized | undefined {
  const network = networkDeclaration(model, name);
  if (!network) return name === "default" ? NETWORKS.created(name) : undefined;
  if (network.external !== true) return NETWORKS.created(name);
  return NETWORKS.external(hostNetworkName(network)!, pipeline);
}

/** A service's `networks`: the key, and each network it names (a list item, or a key of the map form). */
export const serviceNetworksHover: HoverProvider = {
  id: "networks",
  where: [
    { path: "services/*/networks", on: "key" },
    { path: "services/*/networks/*", on: "key" },
    { path: "services/*/networks/#" },
  ],
  provide({ model, node, isPipeline }) {
    const inside = inService(node);
    if (!inside) return undefined;
    if (inside.path.length === 1) return onNode(node, NETWORKS.service);
    const missing = undefinedReferenceAt(model, node.span);
    if (missing?.kind === "network") return onNode(node, NETWORKS.undeclared(missing.name, undefinedReferenceLog(missing)));
    // The name as compose reads it (a list item interpolated); nothing is known of one a variable without a default decides.
    const network = serviceNetworks(model, inside.service).find((n) => node.span.start <= n.nameSpan.start && n.nameSpan.end <= node.span.end);
    if (!network?.certain) return undefined;
    return onNode(node, networkText(model, network.name, isPipeline));
  },
};

/** The top-level `networks`: the key, a declaration's key, and its `external` and `name`. */
export const topLevelNetworksHover: HoverProvider = {
  id: "networks:top-level",
  where: [
    { path: "networks", on: "key", document: true },
    { path: "networks/*", on: "key", document: true },
    { path: "networks/*/external", document: true },
    { path: "networks/*/name", document: true },
  ],
  provide({ model, node, isPipeline }) {
    const path = node.documentPath;
    if (path.length === 1) return onNode(node, NETWORKS.top);
    return onNode(node, networkText(model, path[1] as string, isPipeline));
  },
};
