/** `container_name`: a fixed name, and why the pipeline's file should not set one. */
import { serviceText } from "../compose/model.js";
import { CONTAINER_NAME } from "../i18n/hover-texts.js";
import { inService, onNode, type HoverProvider } from "./provider.js";

export const containerNameHover: HoverProvider = {
  id: "container_name",
  where: [{ path: "services/*/container_name" }],
  provide({ node, isPipeline }) {
    const inside = inService(node);
    if (!inside) return undefined;
    return onNode(node, isPipeline ? CONTAINER_NAME.pipeline(serviceText(inside.service, "container_name")) : CONTAINER_NAME.local);
  },
};
