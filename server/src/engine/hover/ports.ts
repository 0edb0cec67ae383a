/**
 * `ports` and its items: how Elestio's proxy reaches a published port, and
 * what each binding publishes, where, and what that means on the VM. The
 * binding and its verdicts come from compose/ports.ts, as the port rules
 * read them.
 */
import { resolveDefaults } from "../compose/interpolation.js";
import type { ComposeModel } from "../compose/model.js";
import { containerPortText, ELESTIO_BRIDGE_ADDRESS, isLoopbackAddress, isPublicAddress, portBindingAt, reservedHostPort, type PortBinding } from "../compose/ports.js";
import { PORT_ITEM, PORTS } from "../i18n/hover-texts.js";
import type { Localized } from "../i18n/index.js";
import { inService, joinLocalized, onNode, type HoverProvider } from "./provider.js";

/** Which part a variable without a default decides, for a binding that is not certain: the address, else the container port, else the protocol (`"8080:80/${PROTO}"`), else the host port. */
function variablePart(model: ComposeModel, binding: PortBinding): Localized {
  if (!binding.hostIpKnown) return PORT_ITEM.variableAddress;
  if (binding.target === "") return PORT_ITEM.variableTarget;
  const protocol = binding.parts.protocol;
  return protocol && !resolveDefaults(model.text.slice(protocol.start, protocol.end)).certain ? PORT_ITEM.variableProtocol : PORT_ITEM.variable;
}

function portItemText(model: ComposeModel, binding: PortBinding, pipeline: boolean): Localized {
  const lines: (Localized | undefined)[] = [];
  const port = containerPortText(model, binding);
  if (port === "") return PORT_ITEM.noTarget;
  const target = binding.protocol === "tcp" ? port : `${port}/${binding.protocol}`;
  if (!binding.published) {
    if (!binding.certain) return PORT_ITEM.variable;
    lines.push(PORT_ITEM.randomHost(target));
    if (pipeline) lines.push(binding.protocol === "tcp" ? PORT_ITEM.random : PORT_ITEM.otherProtocol(binding.protocol));
    return joinLocalized(lines);
  }
  const [low, high] = binding.published;
  const host = low === high ? String(low) : `${low}-${high}`;
  const isPublic = isPublicAddress(binding.hostIp);
  lines.push(PORT_ITEM.publishes(host, target, isPublic ? PORT_ITEM.everyInterface : PORT_ITEM.onAddress(binding.hostIp!)));
  if (!binding.certain) lines.push(variablePart(model, binding));
  if (pipeline) {
    const reserved = reservedHostPort(binding);
    // Elestio's proxy neither holds nor forwards a UDP or SCTP port: what it says of TCP ones does not apply.
    if (binding.protocol !== "tcp") lines.push(PORT_ITEM.otherProtocol(binding.protocol));
    else if (reserved !== undefined) lines.push(PORT_ITEM.reserved(reserved));
    else if (binding.hostIp === ELESTIO_BRIDGE_ADDRESS) lines.push(PORT_ITEM.bridge(host));
    else if (isPublic) lines.push(PORT_ITEM.public(host, port));
    else if (isLoopbackAddress(binding.hostIp)) lines.push(PORT_ITEM.loopback(host));
    else lines.push(PORT_ITEM.otherAddress(host));
  } else if (isPublic) {
    lines.push(PORT_ITEM.localPublic);
  } else if (isLoopbackAddress(binding.hostIp)) {
    lines.push(PORT_ITEM.localLoopback);
  }
  return joinLocalized(lines, " ");
}

export const portsHover: HoverProvider = {
  id: "ports",
  where: [
    { path: "services/*/ports", on: "key" },
    { path: "services/*/ports/#/**" },
  ],
  provide({ model, node, isPipeline }) {
    const inside = inService(node);
    if (!inside) return undefined;
    if (inside.path.length === 1) return onNode(node, isPipeline ? PORTS.pipeline : PORTS.local);
    const binding = portBindingAt(inside.service, node.span.start);
    return binding && onNode(node, portItemText(model, binding, isPipeline));
  },
};
