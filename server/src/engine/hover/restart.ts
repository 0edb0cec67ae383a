/** `restart`: what Docker does when the container stops, and the value written. */
import { serviceText } from "../compose/model.js";
import { RESTART } from "../i18n/hover-texts.js";
import { inService, joinLocalized, onNode, type HoverProvider } from "./provider.js";

export const restartHover: HoverProvider = {
  id: "restart",
  where: [{ path: "services/*/restart" }],
  provide({ node, isPipeline }) {
    const inside = inService(node);
    if (!inside) return undefined;
    const value = serviceText(inside.service, "restart");
    // An own property only: `restart: constructor` names no policy.
    const policy = value !== undefined && Object.hasOwn(RESTART.values, value) ? RESTART.values[value] : undefined;
    return onNode(node, joinLocalized([isPipeline ? RESTART.key : RESTART.local, policy]));
  },
};
