/**
 * A host port other than 80/443 that Docker cannot bind: held by something
 * outside the file, usually an old deployment's container. Links the
 * findings at the port entries that publish that port (the port rules').
 * Ports 80 and 443 are no-reserved-host-port's (RESERVED_PORT_LOG).
 */
import { bindingSpan, isReservedHostPort, publishesPort, servicePorts } from "../compose/ports.js";
import { portInUse as portInUseText } from "../i18n/explain-texts.js";
import { bindFailurePatterns, RESERVED_PORT_LOG } from "../logLines.js";
import { findingsAt, type Explainer, type LogMatch } from "./explainer.js";

const PATTERNS = bindFailurePatterns(String.raw`\d+`);

export const portInUse: Explainer = {
  id: "port-in-use",
  detect: (line) => {
    for (const pattern of PATTERNS) {
      const match = pattern.exec(line);
      if (match) return isReservedHostPort(Number(match[1])) ? [] : [{ index: match.index, name: match[1] } satisfies LogMatch];
    }
    return [];
  },
  // A bare `address already in use` beside this port's line is this failure.
  sharesLinesWith: RESERVED_PORT_LOG,
  text: ([port]) => portInUseText(Number(port)),
  ranges: ([port], { model, findings }) => {
    const spans = model.services.flatMap((service) =>
      servicePorts(service)
        .filter((binding) => port !== undefined && publishesPort(binding, Number(port)))
        .map((binding) => bindingSpan(model, binding)),
    );
    return findingsAt(findings, spans);
  },
};
