/**
 * Published ports, in every syntax compose accepts:
 * `"8000"`, `"8000:8000"`, `"0.0.0.0:443:443/tcp"`, `"[::1]:80:80"`, `"80-81:80-81"`,
 * `8000` (a number), interpolated `"${HTTP_PORT:-80}:80"`, and the long form
 * `{target, published, host_ip, protocol, mode}`.
 */
import { isMap, isScalar, type Node, type Pair, type Scalar } from "yaml";
import type { OffsetEdit } from "../text.js";
import { findInterpolations, hasInterpolation, resolveDefaults } from "./interpolation.js";
import { mapEntries, scalarText, seqItems, serviceFact, type ComposeModel, type Entry, type Service } from "./model.js";

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
function parseShortPort(raw: string): { hostIp?: string; published?: string; target: string } {
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

/** The service's port bindings (computed once per parse: treat as read-only). */
export function servicePorts(service: Service): PortBinding[] {
  return serviceFact(service, computeServicePorts);
}

function computeServicePorts(service: Service): PortBinding[] {
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

/** A span of a port entry's raw text (its scalar content, before interpolation). */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * Where the parts of a short-syntax port sit in its raw text, interpolations
 * kept whole (the `:` of `${PORT:-8000}` separates nothing): what an edit of
 * the host address needs. `host` keeps the brackets of `[::1]`.
 */
export interface ShortPortLayout {
  host?: TextSpan;
  published?: TextSpan;
  target: TextSpan;
  /** `tcp`, `udp` or `sctp` when the entry ends with `/<protocol>`. */
  protocol?: string;
}

export function shortPortLayout(raw: string): ShortPortLayout {
  const interpolations = findInterpolations(raw);
  const inInterpolation = (i: number) => interpolations.some((s) => s.start <= i && i < s.end);
  const bracketEnd = raw.startsWith("[") ? raw.indexOf("]") : -1;
  let end = raw.length;
  const protocol = /\/(tcp|udp|sctp)$/i.exec(raw);
  if (protocol && !inInterpolation(protocol.index)) end = protocol.index;
  const colons: number[] = [];
  for (let i = bracketEnd + 1; i < end; i++) {
    if (raw[i] === ":" && !inInterpolation(i)) colons.push(i);
  }
  const layout = (host: TextSpan | undefined, published: TextSpan | undefined, targetStart: number): ShortPortLayout => ({
    host,
    published,
    target: { start: targetStart, end },
    protocol: protocol && end === protocol.index ? protocol[1].toLowerCase() : undefined,
  });
  if (bracketEnd >= 0 && colons[0] === bracketEnd + 1) {
    const host = { start: 0, end: bracketEnd + 1 };
    if (colons.length >= 2) return layout(host, { start: colons[0] + 1, end: colons[1] }, colons[1] + 1);
    return layout(host, undefined, colons[0] + 1);
  }
  if (colons.length >= 2) {
    const last = colons[colons.length - 1];
    const beforeLast = colons[colons.length - 2];
    return layout({ start: 0, end: beforeLast }, { start: beforeLast + 1, end: last }, last + 1);
  }
  if (colons.length === 1) return layout(undefined, { start: 0, end: colons[0] }, colons[0] + 1);
  return layout(undefined, undefined, 0);
}

/** The transport protocol of a binding: `tcp` unless the entry says `/udp` or `protocol: udp`. */
export function bindingProtocol(binding: PortBinding): string {
  if (binding.long) {
    // The item may be an alias of the map; the entries found in it point back to the map.
    const map = isMap(binding.node) ? binding.node : isMap(binding.reportNode) ? binding.reportNode : (binding.publishedEntry ?? binding.hostIpEntry)?.owner;
    const protocol = map ? scalarText(map.get("protocol", true)) : undefined;
    return (protocol ?? "tcp").toLowerCase();
  }
  const raw = scalarText(binding.reportNode);
  return (raw === undefined ? undefined : shortPortLayout(raw).protocol) ?? "tcp";
}

/** The scalar's raw text and the offset where its content starts, when the source holds that text unescaped. */
function scalarContent(model: ComposeModel, scalar: Scalar): { raw: string; start: number } | undefined {
  const raw = scalarText(scalar);
  if (raw === undefined || !scalar.range) return undefined;
  const start = scalar.range[0] + (scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE" ? 1 : 0);
  return model.text.slice(start, start + raw.length) === raw ? { raw, start } : undefined;
}

/** The host address as written: the short form's host part, or the long form's `host_ip` value. */
function hostText(binding: PortBinding): string | undefined {
  if (binding.long) return scalarText(binding.hostIpEntry?.value);
  const raw = scalarText(binding.reportNode);
  if (raw === undefined) return undefined;
  const { host } = shortPortLayout(raw);
  return host && raw.slice(host.start, host.end);
}

/**
 * False when a variable without a default decides the host address:
 * `"${SYSTEM_IP}:25:25"`, or a whole entry `"${PORTS}"` (which may hold an
 * address). Nothing is known of it then.
 */
export function isHostAddressKnown(binding: PortBinding): boolean {
  if (!binding.long) {
    const raw = scalarText(binding.reportNode);
    if (raw === undefined) return true;
    const layout = shortPortLayout(raw);
    if (!layout.host && !layout.published) return resolveDefaults(raw.slice(layout.target.start, layout.target.end)).certain;
  }
  const text = hostText(binding);
  return text === undefined || resolveDefaults(text).certain;
}

/**
 * The edit of an address written in `text` (which starts at `offset`): the
 * whole text when it is a literal, or the default of a single
 * `${VAR:-address}`, so that the variable keeps working.
 */
function addressEdit(text: string, offset: number, address: string): OffsetEdit | undefined {
  const interpolations = findInterpolations(text);
  if (interpolations.length === 0) return { start: offset, end: offset + text.length, newText: address };
  const [only] = interpolations;
  if (interpolations.length > 1 || only.start !== 0 || only.end !== text.length) return undefined;
  if ((only.operator !== ":-" && only.operator !== "-") || only.argumentStart === undefined) return undefined;
  if (hasInterpolation(only.argument ?? "")) return undefined;
  return { start: offset + only.argumentStart, end: offset + only.end - 1, newText: address };
}

/**
 * Binds a published port to `address` (Elestio's bridge by default) with one
 * minimal edit: the written address replaced, or the address added.
 * `"8000:8000"` becomes `"172.17.0.1:8000:8000"`, a bare `8000` becomes
 * `"172.17.0.1::8000"`, a long form gets `host_ip`. Undefined when the entry
 * cannot be edited safely (escapes, an address built from several variables).
 */
export function bindToAddressEdit(model: ComposeModel, binding: PortBinding, address: string = ELESTIO_BRIDGE_ADDRESS): OffsetEdit | undefined {
  return binding.long ? longFormAddressEdit(model, binding, address) : shortFormAddressEdit(model, binding, address);
}

function shortFormAddressEdit(model: ComposeModel, binding: PortBinding, address: string): OffsetEdit | undefined {
  const scalar = binding.reportNode;
  if (!isScalar(scalar) || !scalar.range) return undefined;
  if (typeof scalar.value === "number") {
    // A number is a bare container port; the address makes it a string.
    return { start: scalar.range[0], end: scalar.range[1], newText: JSON.stringify(`${address}::${scalarText(scalar)}`) };
  }
  const content = scalarContent(model, scalar);
  if (!content) return undefined;
  const layout = shortPortLayout(content.raw);
  if (layout.host) return addressEdit(content.raw.slice(layout.host.start, layout.host.end), content.start + layout.host.start, address);
  const prefix = layout.published ? `${address}:` : `${address}::`;
  return { start: content.start, end: content.start, newText: prefix };
}

function longFormAddressEdit(model: ComposeModel, binding: PortBinding, address: string): OffsetEdit | undefined {
  const hostIp = binding.hostIpEntry;
  if (hostIp) {
    if (!isScalar(hostIp.value)) return undefined;
    const content = scalarContent(model, hostIp.value);
    return content && addressEdit(content.raw, content.start, address);
  }
  const map = binding.publishedEntry?.owner ?? (isMap(binding.node) ? binding.node : undefined);
  if (!map || map.items.length === 0) return undefined;
  const pairs = map.items;
  const keyStart = (pair: Pair) => (pair.key as Node).range![0];
  const published = binding.publishedEntry && binding.publishedEntry.owner === map ? binding.publishedEntry.pair : undefined;
  if (map.flow) {
    const at = keyStart(published ?? pairs[0]);
    return { start: at, end: at, newText: `host_ip: ${address}, ` };
  }
  const eol = model.lines.eol;
  if (published && published !== pairs[0]) {
    // `published` on its own line: the new key goes on the line before, at its indentation.
    const line = model.lines.positionAt(keyStart(published)).line;
    const lineStart = model.lines.lineStarts[line];
    if (!/^[ \t]*$/.test(model.text.slice(lineStart, keyStart(published)))) return undefined;
    return { start: lineStart, end: lineStart, newText: `${model.text.slice(lineStart, keyStart(published))}host_ip: ${address}${eol}` };
  }
  // `published` first (often on the list item's dash line) or absent: after the first key, at the keys' column.
  const first = pairs[0];
  const firstEnd = (first.value as Node | null)?.range?.[1] ?? (first.key as Node).range![1];
  const column = model.lines.positionAt(keyStart(first)).character;
  const at = model.lines.nextLineStart(model.lines.positionAt(firstEnd).line);
  const needsBreak = at === model.text.length && !/[\r\n]$/.test(model.text);
  return { start: at, end: at, newText: `${needsBreak ? eol : ""}${" ".repeat(column)}host_ip: ${address}${eol}` };
}

/** Where a finding on the binding goes: its report node, without the line break a block map's range ends with. */
export function bindingSpan(model: ComposeModel, binding: PortBinding): { start: number; end: number } {
  const [start, rangeEnd] = binding.reportNode.range!;
  let end = rangeEnd;
  while (end > start && /\s/.test(model.text[end - 1])) end--;
  return { start, end };
}
