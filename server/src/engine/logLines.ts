/**
 * Docker's log lines that more than one piece of the engine recognises: a
 * host port that cannot be bound. no-reserved-host-port and
 * no-tls-proxy-service declare RESERVED_PORT_LOG (their findings print it for
 * port 80 or 443); the port-in-use explainer reads the same lines for the
 * other ports.
 */
import { RESERVED_HOST_PORTS } from "./compose/ports.js";
import type { LogPattern } from "./rules/types.js";

/** An address before `:port` in Docker's messages: `0.0.0.0`, `[::]`, `::`, or nothing. An IPv4 address is read whole, so that its port is the one after it. */
const ADDRESS = String.raw`(?:\[[^\]]*\]|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*?)`;

/** Docker's ways of saying that a host port is taken, the port (`port`, a pattern) as group 1. */
export function bindFailurePatterns(port: string): RegExp[] {
  return [
    new RegExp(String.raw`failed to bind host port for\s+${ADDRESS}:(${port})\b`, "i"),
    new RegExp(String.raw`bind for\s+${ADDRESS}:(${port})\s+failed`, "i"),
    new RegExp(String.raw`listen (?:tcp|udp)[46]?\s+${ADDRESS}:(${port}):\s*bind: address already in use`, "i"),
  ];
}

/** A host port Elestio's proxy holds (80, 443) that cannot be bound; a bare `address already in use` names no port. */
export const RESERVED_PORT_LOG: LogPattern = {
  patterns: [...bindFailurePatterns(RESERVED_HOST_PORTS.join("|")), /address already in use|port is already allocated/i],
};
