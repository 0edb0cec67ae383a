/**
 * What a service names of other services (and containers): `volumes_from`
 * (`service`, `service:ro`, `container:name`, `container:name:rw`), `links`
 * (`service`, `service:alias`), `extends` (`service`, or `{service, file}`),
 * and its `profiles`; each item interpolated as compose interpolates it
 * (defaults applied), with where its parts are written. Split as compose-go
 * splits them: a link at every `:`, its service the first part only when
 * there are two (else the whole link); a `volumes_from` item not starting
 * with `container:` at every `:`, its service the first part. The only reader
 * of `volumes_from`, `links`, `extends` and `profiles`; serviceReferences
 * lists every name of a service in the file, `depends_on` and
 * `network_mode: service:x` included.
 */
import { isMap } from "yaml";
import { serviceDependencies } from "./dependsOn.js";
import { entrySpan, mapEntries, seqItems, modelFact, serviceModelFact, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { cutOn, scalarValue, splitOn, splitValue, type ScalarValue } from "./scalars.js";
import { serviceNetworkMode } from "./serviceNetworks.js";

export interface VolumesFromRef {
  service: Service;
  /** Another service of the project, or a container outside it (`container:name`). */
  kind: "service" | "container";
  /** The service's or container's name, defaults applied. */
  target: string;
  /** `ro` or `rw` as written (after interpolation); undefined when none is written. */
  mode: string | undefined;
  /** False when a variable without a default decides the item. */
  certain: boolean;
  /** Where the item is written, quotes included. */
  span: Span;
  /** Where the name and the mode are written (inside quotes), when known. */
  targetSpan: Span | undefined;
  modeSpan: Span | undefined;
  item: ScalarValue;
}

export interface LinkRef {
  service: Service;
  /** The service linked to, defaults applied. */
  target: string;
  /** The alias (`db:database`), when written. */
  alias: string | undefined;
  certain: boolean;
  span: Span;
  targetSpan: Span | undefined;
  aliasSpan: Span | undefined;
  item: ScalarValue;
}

export interface ExtendsRef {
  service: Service;
  /** The `extends` entry. */
  entry: Entry;
  form: "string" | "map";
  /** The service extended (defaults applied), and its scalar; undefined when not written. */
  target: ScalarValue | undefined;
  /** The file it is in (map form), when written; without one, this file. */
  file: ScalarValue | undefined;
  /** `extends: ...` as written. */
  span: Span;
}

export interface Profile {
  service: Service;
  /** The profile's name, defaults applied. */
  name: string;
  certain: boolean;
  /** Where the name is written, quotes included. */
  span: Span;
  item: ScalarValue;
}

/** compose-go's `types.ContainerPrefix`. */
const CONTAINER_PREFIX = "container:";

/** The service's `volumes_from` items, in order (computed once per parse: treat as read-only). */
export function serviceVolumesFrom(model: ComposeModel, service: Service): readonly VolumesFromRef[] {
  return serviceModelFact(model, service, readVolumesFrom);
}

/** The service's `links`, in order (computed once per parse). */
export function serviceLinks(model: ComposeModel, service: Service): readonly LinkRef[] {
  return serviceModelFact(model, service, readLinks);
}

/** The service's `extends`; undefined without one (computed once per parse). */
export function serviceExtends(model: ComposeModel, service: Service): ExtendsRef | undefined {
  return serviceModelFact(model, service, readExtends);
}

/** The service's `profiles`, in order: a service with any is only started when one of them is enabled (computed once per parse). */
export function serviceProfiles(model: ComposeModel, service: Service): readonly Profile[] {
  return serviceModelFact(model, service, readProfiles);
}

/** The scalar items of a service's list-valued key, aliases resolved. */
function listItems(model: ComposeModel, service: Service, key: string): ScalarValue[] {
  const entry = service.get(key);
  if (!entry) return [];
  const items: ScalarValue[] = [];
  for (const { item } of seqItems(entry.value, service.document)) {
    const value = scalarValue(model.text, item);
    if (value) items.push(value);
  }
  return items;
}

function readVolumesFrom(model: ComposeModel, service: Service): VolumesFromRef[] {
  return listItems(model, service, "volumes_from").map((item) => {
    const parts = splitValue(item, splitOn(":"));
    const container = item.value.startsWith(CONTAINER_PREFIX);
    // `container:name[:mode]`: the name is the second part (there is one: the value holds `:`); a service's is the first.
    const name = container ? parts[1] : parts[0];
    const mode = parts[container ? 2 : 1];
    return {
      service,
      kind: container ? "container" : "service",
      target: name.value,
      mode: mode?.value,
      certain: item.certain,
      span: item.span,
      targetSpan: name.span,
      modeSpan: mode?.span,
      item,
    };
  });
}

function readLinks(model: ComposeModel, service: Service): LinkRef[] {
  return listItems(model, service, "links").map((item) => {
    const parts = splitValue(item, splitOn(":"));
    const aliased = parts.length === 2;
    return {
      service,
      target: aliased ? parts[0].value : item.value,
      alias: aliased ? parts[1].value : undefined,
      certain: item.certain,
      span: item.span,
      targetSpan: aliased ? parts[0].span : parts.length === 1 ? parts[0].span : undefined,
      aliasSpan: aliased ? parts[1].span : undefined,
      item,
    };
  });
}

function readExtends(model: ComposeModel, service: Service): ExtendsRef | undefined {
  const entry = service.get("extends");
  if (!entry) return undefined;
  const span = entrySpan(model.text, entry);
  if (isMap(entry.value)) {
    const options = mapEntries(entry.value, service.document);
    const get = (key: string) => scalarValue(model.text, options.find((e) => e.key === key)?.value);
    return { service, entry, form: "map", target: get("service"), file: get("file"), span };
  }
  const target = scalarValue(model.text, entry.value);
  return target ? { service, entry, form: "string", target, file: undefined, span } : undefined;
}

function readProfiles(model: ComposeModel, service: Service): Profile[] {
  return listItems(model, service, "profiles").map((item) => ({ service, name: item.value, certain: item.certain, span: item.span, item }));
}

/** How a service names another: each key that does, `network_mode: service:x`, and the namespaces it shares (`ipc: service:x`). */
export type ServiceReferenceKind = "depends_on" | "links" | "volumes_from" | "network_mode" | "extends" | NamespaceKey;

/**
 * The keys whose `service:x` shares another service's namespace; compose-go's
 * Normalize makes each an implicit dependency, as `network_mode: service:x`.
 * (`cgroup` too, but its schema takes `host` or `private` only.)
 */
export const NAMESPACE_KEYS = ["ipc", "pid", "uts"] as const;
export type NamespaceKey = (typeof NAMESPACE_KEYS)[number];

/** compose-go's `types.ServicePrefix`. */
const SERVICE_PREFIX = "service:";

export interface ServiceReference {
  /** The service that names another. */
  service: Service;
  kind: ServiceReferenceKind;
  /** The service named, defaults applied. */
  target: string;
  /** False when a variable without a default decides the name. */
  certain: boolean;
  /** Where the name is written: its part of the item when known, else the whole item. */
  span: Span;
}

/**
 * Every name of a service of this file that the services write, in file
 * order of the services: `depends_on`, `links`, `volumes_from` (not
 * `container:`), `network_mode: service:x`, and `extends` without `file`
 * (with one, the service is another file's). Names are interpolated as
 * compose interpolates them (defaults applied), `depends_on`'s list items
 * included; the keys of its map form are names as written (compose does not
 * interpolate keys). Computed once per parse.
 */
export function serviceReferences(model: ComposeModel): readonly ServiceReference[] {
  return modelFact(model, serviceReferences, () => model.services.flatMap((service) => referencesOf(model, service)));
}

/** The service's reference of that kind whose name is written inside `span` (a hovered scalar, a dependency's target). */
export function serviceReferenceAt(model: ComposeModel, service: Service, kind: ServiceReferenceKind, span: Span): ServiceReference | undefined {
  return serviceReferences(model).find((r) => r.service === service && r.kind === kind && span.start <= r.span.start && r.span.end <= span.end);
}

function referencesOf(model: ComposeModel, service: Service): ServiceReference[] {
  const found: ServiceReference[] = [];
  for (const dependency of serviceDependencies(model, service)) {
    // compose interpolates the list's items, not the map's keys.
    const item = dependency.form === "list" ? scalarValue(model.text, dependency.targetNode) : undefined;
    found.push({ service, kind: "depends_on", target: item?.value ?? dependency.target, certain: item?.certain ?? true, span: dependency.targetSpan });
  }
  for (const link of serviceLinks(model, service)) {
    found.push({ service, kind: "links", target: link.target, certain: link.certain, span: link.targetSpan ?? link.span });
  }
  for (const from of serviceVolumesFrom(model, service)) {
    if (from.kind === "service") found.push({ service, kind: "volumes_from", target: from.target, certain: from.certain, span: from.targetSpan ?? from.span });
  }
  const mode = serviceNetworkMode(model, service);
  if (mode?.kind === "service" && mode.target !== undefined) {
    found.push({ service, kind: "network_mode", target: mode.target, certain: mode.certain, span: mode.targetSpan ?? mode.valueSpan });
  }
  for (const key of NAMESPACE_KEYS) {
    const value = scalarValue(model.text, service.get(key)?.value);
    if (!value?.value.startsWith(SERVICE_PREFIX)) continue;
    // The value starts with `service:`: the cut gives two parts, the first `service`.
    const [head, target] = splitValue(value, cutOn(":"));
    // The name's offsets are known when no variable decides `service:` (target.span is undefined when the parts are not aligned).
    found.push({ service, kind: key, target: value.value.slice(SERVICE_PREFIX.length), certain: value.certain, span: (head.certain ? target.span : undefined) ?? value.span });
  }
  const extended = serviceExtends(model, service);
  if (extended?.target && !extended.file) {
    found.push({ service, kind: "extends", target: extended.target.value, certain: extended.target.certain, span: extended.target.span });
  }
  return found;
}
