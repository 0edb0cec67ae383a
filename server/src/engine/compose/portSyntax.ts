/**
 * The short port syntax as compose parses it after validating the schema
 * (compose-go transform/ports.go, docker/go-connections nat.ParsePortSpec):
 * a container port or range, a host port or range of the same length, and a
 * protocol among `tcp`, `udp` and `sctp` (any case). Compose stops on the
 * first it cannot read, with go-connections' bare error (`invalid proto:
 * tcpx`, `invalid containerPort: 80a`, `invalid hostPort: 99999`). Host
 * addresses are not checked here. Only entries no variable decides are judged.
 */
import { modelFact, type ComposeModel, type Service, type Span } from "./model.js";
import { servicePorts, type PortBinding } from "./ports.js";

export type PortSyntaxFault = "protocol" | "containerPort" | "hostPort" | "ranges";

export interface PortSyntaxProblem {
  service: Service;
  binding: PortBinding;
  fault: PortSyntaxFault;
  /** The part at fault as compose reads it (`tcpx`, `99999`; for `ranges`, the container's range). */
  text: string;
  /** The part's span when its offsets are known, else the whole entry's. */
  span: Span;
  /** compose's words for it. */
  log: string;
}

export const PROTOCOLS = ["tcp", "udp", "sctp"] as const;

/** go-connections' ParsePortRange: `80` or `8000-8010`, each a 16-bit port, the end not below the start. */
function portRange(text: string): [number, number] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return start <= end && end <= 65535 ? [start, end] : undefined;
}

function spanOf(binding: PortBinding, part: Span | undefined): Span {
  if (part) return part;
  const [start, end] = binding.reportNode.range!;
  return { start, end };
}

function check(service: Service, binding: PortBinding): PortSyntaxProblem | undefined {
  const short = binding.short;
  if (!short || !binding.certain || !binding.reportNode.range) return undefined;
  const problem = (fault: PortSyntaxFault, text: string, part: Span | undefined, log: string): PortSyntaxProblem => ({ service, binding, fault, text, span: spanOf(binding, part), log });
  // An empty target is the schema's or yaml-syntax's business (`"8000:"`): nothing to name here.
  if (short.target === "") return undefined;
  const container = portRange(short.target);
  if (!container) return problem("containerPort", short.target, binding.parts.target, `invalid containerPort: ${short.target}`);
  if (short.published !== undefined && short.published !== "") {
    const host = portRange(short.published);
    if (!host) return problem("hostPort", short.published, binding.parts.published, `invalid hostPort: ${short.published}`);
    if (container[1] !== container[0] && container[1] - container[0] !== host[1] - host[0]) {
      return problem("ranges", short.target, undefined, `invalid ranges specified for container and host Ports: ${short.target} and ${short.published}`);
    }
  }
  // `80/` is tcp, as go-connections' SplitProtoPort reads it.
  if (short.protocol !== undefined && short.protocol !== "" && !(PROTOCOLS as readonly string[]).includes(short.protocol.toLowerCase())) {
    return problem("protocol", short.protocol, binding.parts.protocol, `invalid proto: ${short.protocol}`);
  }
  return undefined;
}

/** Each short-syntax port compose cannot parse, in file order (computed once per parse). */
export function portSyntaxProblems(model: ComposeModel): readonly PortSyntaxProblem[] {
  return modelFact(model, portSyntaxProblems, () =>
    model.services.flatMap((service) => servicePorts(service).flatMap((binding) => check(service, binding) ?? [])),
  );
}
