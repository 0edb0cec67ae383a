/**
 * A 502 from Elestio's proxy: it could not reach the app on 172.17.0.1.
 * Links the loopback-port-binding findings, ports bound where the proxy
 * cannot reach them; the other causes (not listening yet, crashed) are not
 * in the file.
 */
import { BAD_GATEWAY } from "../i18n/explain-texts.js";
import type { Explainer, LogMatch } from "./explainer.js";

export const badGateway: Explainer = {
  id: "bad-gateway",
  detect: (line) => {
    const match = /bad gateway/i.exec(line) ?? /HTTP\/[\d.]+"\s+502\b/.exec(line);
    return match ? [{ index: match.index } satisfies LogMatch] : [];
  },
  text: () => BAD_GATEWAY,
  ranges: (_names, { findings }) => findings.filter((f) => f.ruleId === "loopback-port-binding"),
};
