/**
 * What a service joins: its `networks` in both forms compose accepts (a list
 * of names, whose items compose interpolates, and a map of names, keys not
 * interpolated, to `null` or `{aliases, ipv4_address, ...}`), merges (`<<`)
 * and aliases resolved; and its `network_mode` (`host`, `none`, `bridge`,
 * `service:<name>`, `container:<name>`, or a network's name), defaults
 * applied. The top-level declarations are networks.ts's. The only reader of
 * a service's `networks` and `network_mode`.
 */
import { isMap, type Scalar } from "yaml";
import { entrySpan, mapEntries, mapEntriesOf, seqItems, serviceModelFact, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { cutOn, scalarValue, splitValue, type ScalarValue } from "./scalars.js";

/** The network compose creates for every project and joins services to when they name none; it needs no declaration. */
export const DEFAULT_NETWORK = "default";

export interface ServiceNetwork {
  service: Service;
  /** The network's key in the top-level `networks:`, defaults applied (list form). */
  name: string;
  /** False when a variable without a default decides the name (list form). */
  certain: boolean;
  form: "list" | "map";
  /** The scalar naming the network: the list item or the map's key, aliases resolved. */
  nameNode: Scalar;
  /** Where the name is written, its quotes included. */
  nameSpan: Span;
  /** The whole item: the list item, or `name: {...}` in the map form. */
  span: Span;
  /** Map form: the network's entry, and its options (`<<` merges resolved; empty for `name:` or `name: null`). */
  entry: Entry | undefined;
  options: readonly Entry[];
  /** Map form: the `aliases` and `ipv4_address` entries, when written. */
  aliases: Entry | undefined;
  ipv4Address: Entry | undefined;
}

/** The service's networks, in order (computed once per parse: treat as read-only). */
export function serviceNetworks(model: ComposeModel, service: Service): readonly ServiceNetwork[] {
  return serviceModelFact(model, service, readServiceNetworks);
}

function readServiceNetworks(model: ComposeModel, service: Service): ServiceNetwork[] {
  const entry = service.get("networks");
  if (!entry) return [];
  const found: ServiceNetwork[] = [];
  if (isMap(entry.value)) {
    for (const network of mapEntries(entry.value, service.document)) {
      const options = mapEntriesOf(network.value, service.document) ?? [];
      const [start, end] = network.keyNode.range!;
      found.push({
        service,
        name: network.key,
        certain: true,
        form: "map",
        nameNode: network.keyNode,
        nameSpan: { start, end },
        span: entrySpan(model.text, network),
        entry: network,
        options,
        aliases: options.find((e) => e.key === "aliases"),
        ipv4Address: options.find((e) => e.key === "ipv4_address"),
      });
    }
  } else {
    // seqItems gives nothing for a value that is no list.
    for (const { item } of seqItems(entry.value, service.document)) {
      const name = scalarValue(model.text, item);
      if (!name) continue;
      found.push({ service, name: name.value, certain: name.certain, form: "list", nameNode: name.node, nameSpan: name.span, span: name.span, entry: undefined, options: [], aliases: undefined, ipv4Address: undefined });
    }
  }
  return found;
}

/**
 * The kind of a `network_mode`: the host's stack, none, Docker's default
 * bridge, another service's or container's stack, or `network` for any other
 * value (Docker takes it as a network's name).
 */
export type NetworkModeKind = "host" | "none" | "bridge" | "service" | "container" | "network";

export interface NetworkMode {
  service: Service;
  /** The `network_mode` entry. */
  entry: Entry;
  /** The value, defaults applied. */
  value: string;
  /** False when a variable without a default decides the value (then `kind` is only what the defaults give). */
  certain: boolean;
  kind: NetworkModeKind;
  /** `service:<name>`, `container:<name>`: the name. */
  target?: string;
  /** Where the target is written (inside quotes), when known. */
  targetSpan?: Span;
  /** Where the value is written, quotes included. */
  valueSpan: Span;
  /** `network_mode: <value>` as written. */
  span: Span;
  /** The value's scalar. */
  scalar: ScalarValue;
}

const KINDS = new Map<string, NetworkModeKind>([
  ["host", "host"],
  ["none", "none"],
  ["bridge", "bridge"],
]);

/** The service's `network_mode`, merges and aliases resolved; undefined without one (computed once per parse). */
export function serviceNetworkMode(model: ComposeModel, service: Service): NetworkMode | undefined {
  return serviceModelFact(model, service, readNetworkMode);
}

function readNetworkMode(model: ComposeModel, service: Service): NetworkMode | undefined {
  const entry = service.get("network_mode");
  const scalar = scalarValue(model.text, entry?.value);
  if (!entry || !scalar) return undefined;
  const base = { service, entry, value: scalar.value, certain: scalar.certain, valueSpan: scalar.span, span: entrySpan(model.text, entry), scalar };
  // compose-go: `strings.HasPrefix(s.NetworkMode, "service:")`, and Docker's `container:` mode.
  for (const kind of ["service", "container"] as const) {
    const prefix = `${kind}:`;
    if (!scalar.value.startsWith(prefix)) continue;
    const [head, target] = splitValue(scalar, cutOn(":"));
    // The resolved head is `kind` (the value starts with the prefix); the parts' spans are all known or none is.
    const literal = head.certain;
    return { ...base, kind, target: scalar.value.slice(prefix.length), targetSpan: literal ? target.span : undefined };
  }
  return { ...base, kind: KINDS.get(scalar.value) ?? "network" };
}

/** Whether the service's container uses the host's network stack: `network_mode: host`. */
export function usesHostNetwork(model: ComposeModel, service: Service): boolean {
  return serviceNetworkMode(model, service)?.kind === "host";
}
