/**
 * Published ports, in every syntax compose accepts:
 * `"8000"`, `"8000:8000"`, `"127.0.0.1::8000"`, `"0.0.0.0:443:443/tcp"`, `"443:443/UDP"`,
 * `"[::1]:80:80"`, `"::1:80:80"`, `"80-81:80-81"`, `8000` (a number), interpolated
 * `"${HTTP_PORT:-80}:80"`, and the long form `{target, published, host_ip, protocol, mode}`
 * (merge keys followed). The only reader of `ports:`: rules, hovers and the log
 * explainer ask these facts, never the YAML.
 */
import { isMap, isScalar, type Node, type Pair, type Scalar } from "yaml";
import type { OffsetEdit } from "../text.js";
import { findInterpolations, hasInterpolation, resolveDefaults } from "./interpolation.js";
import { mapEntries, scalarText, seqItems, serviceFact, trimmedSpan, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { contentStart } from "./scalars.js";

/**
 * Where the parts of a binding are written, as document offsets of their text
 * (inside quotes): the short form's `host`, `published`, `target` and
 * `protocol` inside its scalar (`host` keeps the brackets of `[::1]`, an empty
 * `published` of `127.0.0.1::8000` is an empty span), or the long form's values.
 * A part is absent when it is not written, or when its offsets are not known:
 * a scalar with escapes or line folds, or an interpolation whose default holds
 * separators (`"${PORTS:-8080:80}"`).
 */
export interface PortParts {
  host?: Span;
  published?: Span;
  target?: Span;
  protocol?: Span;
}

export interface PortBinding {
  /** The list item as written (a scalar or a long-form map). */
  node: Node;
  /** Where to report: the scalar, or the long form's `published` value (else the map). */
  reportNode: Node;
  long: boolean;
  /** The host address, with defaults of interpolations applied and without the brackets of `[::1]`; undefined when none is given. */
  hostIp: string | undefined;
  /**
   * False when a variable without a default decides the host address:
   * `"${SYSTEM_IP}:25:25"`, or a whole entry `"${PORTS}"` (which may hold an
   * address). Nothing is known of it then.
   */
  hostIpKnown: boolean;
  /** The long form's `host_ip` entry, when present. */
  hostIpEntry?: Entry;
  /** The long form's `published` entry, when present. */
  publishedEntry?: Entry;
  /** Host ports published, as an inclusive range; undefined when compose picks a random one or it is not known. */
  published: [number, number] | undefined;
  /** True when compose picks the host port: none written (`"8000"`, `"127.0.0.1::8000"`, a long form without `published`). */
  randomHostPort: boolean;
  /** Whether the host port is known: no variable without a default decides the entry (short form) or its `published` (long form). */
  certain: boolean;
  /** The container port(s) as compose reads them (`80`, `80-81`), defaults applied. */
  target: string;
  /** `tcp`, `udp` or `sctp`, in lower case: the short form's `/udp` (any case), the long form's `protocol`; `tcp` when none is given. */
  protocol: string;
  parts: PortParts;
  /** The short form's parts as compose reads them (defaults applied), for checking their syntax; undefined for the long form. */
  short?: { published: string | undefined; target: string; protocol: string | undefined };
}

/** Offsets of the parts of a short-syntax port in the text it was split from. */
interface ShortPortSplit {
  /** Present when there are two `:` or more; empty for `:8000:80`. */
  host?: Span;
  /** Present when there is a `:`; empty for `127.0.0.1::8000`. */
  published?: Span;
  target: Span;
  /** After the target's `/`. */
  protocol?: Span;
  /** The `:` separators counted up to 2: target alone, published and target, or all three parts. */
  shape: number;
}

/**
 * The one parser of compose's short port syntax `[[host:]published:]target[/protocol]`,
 * splitting as compose does (docker/go-connections `nat.ParsePortSpec`): on
 * every `:`, the last part is the target, the one before it the published
 * port(s), and everything before that the host address, so `::1:80:80` is
 * host `::1` and `[::1]:80:80` host `[::1]`; the target's first `/` starts the
 * protocol. `separates(i)` says whether the `:` or `/` at `i` is syntax: in
 * the raw text, those of an interpolation (`${PORT:-8000}`) are not.
 */
function splitShortPort(text: string, separates: (i: number) => boolean = () => true): ShortPortSplit {
  const colons: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ":" && separates(i)) colons.push(i);
  }
  const count = colons.length;
  const targetStart = count > 0 ? colons[count - 1] + 1 : 0;
  let slash = -1;
  for (let i = targetStart; i < text.length && slash < 0; i++) {
    if (text[i] === "/" && separates(i)) slash = i;
  }
  return {
    host: count >= 2 ? { start: 0, end: colons[count - 2] } : undefined,
    published: count >= 1 ? { start: count >= 2 ? colons[count - 2] + 1 : 0, end: colons[count - 1] } : undefined,
    target: { start: targetStart, end: slash < 0 ? text.length : slash },
    protocol: slash < 0 ? undefined : { start: slash + 1, end: text.length },
    shape: Math.min(count, 2),
  };
}

const RANGE = /^(\d+)(?:-(\d+))?$/;

function portRange(text: string | undefined): [number, number] | undefined {
  // As go-connections' ParsePortRange reads it: no white space (compose refuses `" 8000"`).
  const match = text === undefined ? null : RANGE.exec(text);
  if (!match) return undefined;
  const low = Number(match[1]);
  return [low, match[2] ? Number(match[2]) : low];
}

function protocolOf(text: string | undefined): string {
  return text?.trim().toLowerCase() || "tcp";
}

const slice = (text: string, span: Span | undefined) => span && text.slice(span.start, span.end);

/** `[::1]` as the address compose binds: `::1`. */
function withoutBrackets(address: string | undefined): string | undefined {
  return address?.replace(/^\[(.*)\]$/, "$1");
}

/** The span of a long-form value's text (inside quotes), when it is a scalar written as it is. */
function valueSpan(entry: Entry | undefined): Span | undefined {
  const value = entry?.value;
  const text = scalarText(value);
  if (!isScalar(value) || text === undefined) return undefined;
  const start = contentStart(value, text);
  return start === undefined ? undefined : { start, end: start + text.length };
}

function shortBinding(source: Node, item: Scalar, raw: string): PortBinding {
  const { value, certain } = resolveDefaults(raw);
  const resolved = splitShortPort(value);
  const interpolations = findInterpolations(raw);
  const layout = splitShortPort(raw, (i) => !interpolations.some((s) => s.start <= i && i < s.end));
  const rawHost = slice(raw, layout.host);
  const published = slice(value, resolved.published);
  // The raw text's parts are the resolved ones only when no interpolation holds a separator.
  const start = layout.shape === resolved.shape && !layout.protocol === !resolved.protocol ? contentStart(item, raw) : undefined;
  const shift = (span: Span | undefined) => (span && start !== undefined ? { start: start + span.start, end: start + span.end } : undefined);
  return {
    node: source,
    reportNode: item,
    long: false,
    hostIp: withoutBrackets(slice(value, resolved.host)),
    // A published part without a host part writes no address; a lone part may be a whole entry from a variable (`"${PORTS}"`), address included.
    hostIpKnown: rawHost !== undefined ? resolveDefaults(rawHost).certain : layout.published !== undefined || resolveDefaults(raw).certain,
    published: published ? portRange(published) : undefined,
    randomHostPort: certain && !published,
    certain,
    target: slice(value, resolved.target)!,
    protocol: protocolOf(slice(value, resolved.protocol)),
    parts: { host: shift(layout.host), published: shift(layout.published), target: shift(layout.target), protocol: shift(layout.protocol) },
    short: { published, target: slice(value, resolved.target)!, protocol: slice(value, resolved.protocol) },
  };
}

function longBinding(source: Node, item: Node, entries: readonly Entry[]): PortBinding {
  const get = (key: string) => entries.find((e) => e.key === key);
  const resolve = (entry: Entry | undefined) => {
    const text = scalarText(entry?.value);
    return text === undefined ? undefined : resolveDefaults(text);
  };
  const published = get("published");
  const hostIp = get("host_ip");
  const publishedText = resolve(published);
  const hostIpText = resolve(hostIp);
  return {
    node: source,
    reportNode: published?.value ?? item,
    long: true,
    hostIp: withoutBrackets(hostIpText?.value),
    hostIpKnown: hostIpText?.certain ?? true,
    hostIpEntry: hostIp,
    publishedEntry: published,
    published: publishedText ? portRange(publishedText.value) : undefined,
    randomHostPort: !published || (publishedText?.certain === true && publishedText.value === ""),
    certain: publishedText?.certain ?? true,
    target: resolve(get("target"))?.value ?? "",
    protocol: protocolOf(resolve(get("protocol"))?.value),
    parts: { host: valueSpan(hostIp), published: valueSpan(published), target: valueSpan(get("target")), protocol: valueSpan(get("protocol")) },
  };
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
      if (raw !== undefined) bindings.push(shortBinding(source, item, raw));
    } else if (isMap(item)) {
      bindings.push(longBinding(source, item, mapEntries(item, service.document)));
    }
  }
  return bindings;
}

/** The binding whose list item is written around `offset` (a hover on one of its characters). */
export function portBindingAt(service: Service, offset: number): PortBinding | undefined {
  return servicePorts(service).find(({ node }) => node.range && node.range[0] <= offset && offset < node.range[1]);
}

/** The first container port of a binding (`8000` for `8000-8001`), when compose can read its port or range. */
export function firstTargetPort(binding: PortBinding): number | undefined {
  return portRange(binding.target)?.[0];
}

export function publishesPort(binding: PortBinding, port: number): boolean {
  return binding.published !== undefined && binding.published[0] <= port && port <= binding.published[1];
}

/** No address, `0.0.0.0` or `::` (a binding's hostIp is without the brackets of `[::]`): the port is open on every interface, the VM's public IP included. */
export function isPublicAddress(hostIp: string | undefined): boolean {
  return hostIp === undefined || hostIp === "" || hostIp === "0.0.0.0" || hostIp === "::";
}

export function isLoopbackAddress(hostIp: string | undefined): boolean {
  return hostIp !== undefined && (/^127\./.test(hostIp) || hostIp === "::1" || hostIp === "localhost");
}

/** The address Elestio's reverse proxy forwards to: the Docker bridge of the VM. */
export const ELESTIO_BRIDGE_ADDRESS = "172.17.0.1";

/** Host ports that Elestio's proxy (elestio-nginx) holds on every VM, on TCP. */
export const RESERVED_HOST_PORTS = [80, 443] as const;

export function isReservedHostPort(port: number): boolean {
  return (RESERVED_HOST_PORTS as readonly number[]).includes(port);
}

/**
 * The host port Elestio's proxy holds that the binding publishes (80 before
 * 443 for a range holding both), or undefined. TCP only: elestio-nginx
 * listens on TCP, and a UDP 443 (HTTP/3) does not collide with it.
 */
export function reservedHostPort(binding: PortBinding): number | undefined {
  return RESERVED_HOST_PORTS.find((port) => publishesReservedPort(binding, port));
}

/** Whether the binding publishes `port`, one Elestio's proxy holds, on TCP (a log naming 443 can mean a range holding 80 too). */
export function publishesReservedPort(binding: PortBinding, port: number): boolean {
  return binding.protocol === "tcp" && isReservedHostPort(port) && publishesPort(binding, port);
}

/**
 * The edit of an address written in `text` (which starts at `offset`): the
 * whole text when it is a literal, or the default of a single
 * `${VAR:-address}`, so that the variable keeps working.
 */
function addressEdit(text: string, offset: number, address: string): OffsetEdit | undefined {
  const interpolations = findInterpolations(text);
  if (interpolations.length === 0) return { start: offset, end: offset + text.length, newText: address };
  // One interpolation, the whole text (the first of several ends before the text does).
  const [only] = interpolations;
  if (only.start !== 0 || only.end !== text.length) return undefined;
  // An operator comes with its argument: the default of `:-` or `-`.
  if (only.operator !== ":-" && only.operator !== "-") return undefined;
  if (hasInterpolation(only.argument!)) return undefined;
  return { start: offset + only.argumentStart!, end: offset + only.end - 1, newText: address };
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
  const { host, published, target } = binding.parts;
  if (host) return addressEdit(model.text.slice(host.start, host.end), host.start, address);
  const first = published ?? target;
  if (!first) return undefined;
  return { start: first.start, end: first.start, newText: published ? `${address}:` : `${address}::` };
}

function longFormAddressEdit(model: ComposeModel, binding: PortBinding, address: string): OffsetEdit | undefined {
  if (binding.hostIpEntry) {
    const host = binding.parts.host;
    return host && addressEdit(model.text.slice(host.start, host.end), host.start, address);
  }
  const map = binding.publishedEntry?.owner ?? (isMap(binding.node) ? binding.node : undefined);
  if (!map || map.items.length === 0) return undefined;
  const pairs = map.items;
  const keyStart = (pair: Pair) => (pair.key as Node).range![0];
  // `map` is the published entry's owner when there is one.
  const published = binding.publishedEntry?.pair;
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

/**
 * The container port as messages and hovers show it: resolved, else as
 * written (`target: ${APP_PORT}`, whose variable unset reads empty); empty
 * when the entry names none (`- protocol: tcp`, `"8000:"`).
 */
export function containerPortText(model: ComposeModel, binding: PortBinding): string {
  const part = binding.parts.target;
  return binding.target || (part ? model.text.slice(part.start, part.end) : "");
}

/** Where a finding on the binding goes: its report node, without the line break a block map's range ends with. */
export function bindingSpan(model: ComposeModel, binding: PortBinding): Span {
  return trimmedSpan(model.text, binding.reportNode);
}
