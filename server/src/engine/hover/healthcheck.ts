/** `healthcheck` and its `test`: CMD against CMD-SHELL, and `$$` for the container's variables. */
import { HEALTHCHECK } from "../i18n/hover-texts.js";
import { inService, onNode, type HoverProvider } from "./provider.js";

export const healthcheckHover: HoverProvider = {
  id: "healthcheck",
  where: [
    { path: "services/*/healthcheck", on: "key" },
    { path: "services/*/healthcheck/test/**" },
  ],
  provide({ node }) {
    return inService(node) ? onNode(node, HEALTHCHECK) : undefined;
  },
};
