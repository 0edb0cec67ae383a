/**
 * Published ports, in every syntax compose accepts:
 * `"8000"`, `"8000:8000"`, `"0.0.0.0:443:443/tcp"`, `"[::1]:80:80"`, `"80-81:80-81"`,
 * `8000` (a number), interpolated `"${HTTP_PORT:-80}:80"`, and the long form
 * `{target, published, host_ip, protocol, mode}`.
 */
import { isMap, isScalar, type Node } from "yaml";
import { resolveDefaults } from "./interpolation.js";
import { mapEntries, scalarText, seqItems, type Entry, type Service } from "./model.js";

export interface PortBinding {
  /** The list item as written (a scalar or a long-form map). */
  node: Node;
  /** Where to report: the scalar, or the long form's `published` value (else the map). */
  reportNode: Node;
  long: boolean;
  /** The host address, with defaults of interpolations applied; undefined when none is given. */
  hostIp: string | undefined;
  /** The long form's `host_ip` entry, when present. */
  hostIpEntry?: Entry;
  /** The long form's `published` entry, when present. */
  publishedEntry?: Entry;
  /** Host ports published, as an inclusive range; undefined when compose picks a random one or it is not known. */
  published: [number, number] | undefined;
  /** Whether the published port is known (no variable without a default decides it). */
  certain: boolean;
  target: string;
}

const RANGE = /^(\d+)(?:-(\d+))?$/;

function portRange(text: string | undefined): [number, number] | undefined {
  const match = text === undefined ? null : RANGE.exec(text.trim());
  if (!match) return undefined;
  const low = Number(match[1]);
  return [low, match[2] ? Number(match[2]) : low];
}

/** Splits the short syntax into host address, host port(s) and container port(s). */
export function parseShortPort(raw: string): { hostIp?: string; published?: string; target: string } {
  const text = raw.replace(/\/(tcp|udp|sctp)$/i, "");
  let rest = text;
  let hostIp: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(":");
  if (hostIp === undefined && parts.length >= 3) {
    const target = parts.pop()!;
    const published = parts.pop()!;
    return { hostIp: parts.join(":"), published, target };
  }
  if (parts.length === 2) return { hostIp, published: parts[0], target: parts[1] };
  return { hostIp, target: parts[0] };
}

export function servicePorts(service: Service): PortBinding[] {
  const ports = service.get("ports");
  if (!ports) return [];
  const bindings: PortBinding[] = [];
  for (const { item, source } of seqItems(ports.value, service.document)) {
    if (isScalar(item)) {
      const raw = scalarText(item);
      if (raw === undefined) continue;
      const { value, certain } = resolveDefaults(raw);
      const short = parseShortPort(value);
      bindings.push({
        node: source,
        reportNode: item,
        long: false,
        hostIp: short.hostIp,
        published: short.published === "" ? undefined : portRange(short.published),
        certain,
        target: short.target,
      });
    } else if (isMap(item)) {
      const entries = mapEntries(item, service.document);
      const get = (key: string) => entries.find((e) => e.key === key);
      const published = get("published");
      const hostIp = get("host_ip");
      const publishedText = scalarText(published?.value);
      const resolved = publishedText === undefined ? undefined : resolveDefaults(publishedText);
      const hostIpText = scalarText(hostIp?.value);
      bindings.push({
        node: source,
        reportNode: published?.value ?? item,
        long: true,
        hostIp: hostIpText === undefined ? undefined : resolveDefaults(hostIpText).value,
        hostIpEntry: hostIp,
        publishedEntry: published,
        published: resolved ? portRange(resolved.value) : undefined,
        certain: resolved?.certain ?? true,
        target: scalarText(get("target")?.value) ?? "",
      });
    }
  }
  return bindings;
}

export function publishesPort(binding: PortBinding, port: number): boolean {
  return binding.published !== undefined && binding.published[0] <= port && port <= binding.published[1];
}

/** No address, `0.0.0.0` or `::`: the port is open on every interface, the VM's public IP included. */
export function isPublicAddress(hostIp: string | undefined): boolean {
  return hostIp === undefined || hostIp === "" || hostIp === "0.0.0.0" || hostIp === "::" || hostIp === "[::]";
}

export function isLoopbackAddress(hostIp: string | undefined): boolean {
  return hostIp !== undefined && (/^127\./.test(hostIp) || hostIp === "::1" || hostIp === "localhost");
}

/** The address Elestio's reverse proxy forwards to: the Docker bridge of the VM. */
export const ELESTIO_BRIDGE_ADDRESS = "172.17.0.1";

