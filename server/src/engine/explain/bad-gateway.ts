/**
 * A 502 from Elestio's proxy: it could not reach the app on 172.17.0.1.
 * Links the findings that say why in the file: ports bound where the proxy
 * cannot reach them (loopback-port-binding), proxy target ports nothing
 * publishes on 172.17.0.1 (proxy-target-port), a web service whose profile
 * is not active (inactive-profiles); the other causes (not listening yet,
 * crashed) are not in the file.
 */
import { BAD_GATEWAY } from "../i18n/explain-texts.js";
import type { Explainer, LogMatch } from "./explainer.js";

/** The rules whose findings cause a 502 from Elestio's proxy. */
const BAD_GATEWAY_RULES: ReadonlySet<string> = new Set(["loopback-port-binding", "proxy-target-port", "inactive-profiles"]);

export const badGateway: Explainer = {
  id: "bad-gateway",
  detect: (line) => {
    const match = /bad gateway/i.exec(line) ?? /HTTP\/[\d.]+"\s+502\b/.exec(line);
    return match ? [{ index: match.index } satisfies LogMatch] : [];
  },
  text: () => BAD_GATEWAY,
  ranges: (_names, { findings }) => findings.filter((f) => BAD_GATEWAY_RULES.has(f.ruleId)),
};
