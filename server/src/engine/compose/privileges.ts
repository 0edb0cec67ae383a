/**
 * What a service's container may do on the host: `privileged` (compose's
 * boolean cast, defaults applied) and the capabilities it adds or drops
 * (`cap_add`, `cap_drop`), each with its spans. Docker reads a capability
 * case-insensitively, with or without its `CAP_` prefix (`sys_admin`,
 * `CAP_SYS_ADMIN`), and `ALL` for every one: `capability` is that name
 * normalized. The only reader of `privileged`, `cap_add` and `cap_drop`.
 */
import { entrySpan, seqItems, serviceModelFact, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { scalarValue, type ScalarValue } from "./scalars.js";
import { composeBoolean } from "./values.js";

export interface Privileged {
  /** The `privileged` entry. */
  entry: Entry;
  /** True or false as compose casts it; undefined when a variable without a default or an unreadable value decides it. */
  value: boolean | undefined;
  /** `privileged: <value>` as written. */
  span: Span;
  /** Where the value is written, quotes included. */
  valueSpan: Span | undefined;
}

/** The service's `privileged`; undefined without one (computed once per parse). */
export function servicePrivileged(model: ComposeModel, service: Service): Privileged | undefined {
  return serviceModelFact(model, service, readPrivileged);
}

function readPrivileged(model: ComposeModel, service: Service): Privileged | undefined {
  const entry = service.get("privileged");
  if (!entry) return undefined;
  return { entry, value: composeBoolean(entry.value), span: entrySpan(model.text, entry), valueSpan: scalarValue(model.text, entry.value)?.span };
}

export interface Capability {
  /** As written, defaults applied. */
  name: string;
  /** As Docker reads it: upper case, without `CAP_` (`SYS_ADMIN`, `ALL`). */
  capability: string;
  /** False when a variable without a default decides it. */
  certain: boolean;
  /** Where it is written, quotes included. */
  span: Span;
  item: ScalarValue;
}

export interface ServiceCapabilities {
  /** `cap_add` and `cap_drop` entries, when written. */
  addEntry: Entry | undefined;
  dropEntry: Entry | undefined;
  add: readonly Capability[];
  drop: readonly Capability[];
}

/**
 * A capability's name as Docker reads it (its NormalizeLegacyCapabilities:
 * upper case, `CAP_` prefixed unless `ALL`), without the prefix:
 * `cap_sys_admin` is `SYS_ADMIN`. `CAP_ALL` stays: Docker refuses it.
 */
export function normalizeCapability(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith("CAP_") && upper !== "CAP_ALL" ? upper.slice(4) : upper;
}

/** The capabilities the service adds and drops (computed once per parse: treat as read-only). */
export function serviceCapabilities(model: ComposeModel, service: Service): ServiceCapabilities {
  return serviceModelFact(model, service, readCapabilities);
}

/** The capabilities the service adds that make it as good as privileged: `ALL` or `SYS_ADMIN`. */
export function privilegedCapabilities(model: ComposeModel, service: Service): Capability[] {
  return serviceCapabilities(model, service).add.filter((c) => c.capability === "ALL" || c.capability === "SYS_ADMIN");
}

function readCapabilities(model: ComposeModel, service: Service): ServiceCapabilities {
  const list = (entry: Entry | undefined): Capability[] => {
    if (!entry) return [];
    const found: Capability[] = [];
    for (const { item } of seqItems(entry.value, service.document)) {
      const value = scalarValue(model.text, item);
      if (value) found.push({ name: value.value, capability: normalizeCapability(value.value), certain: value.certain, span: value.span, item: value });
    }
    return found;
  };
  const addEntry = service.get("cap_add");
  const dropEntry = service.get("cap_drop");
  return { addEntry, dropEntry, add: list(addEntry), drop: list(dropEntry) };
}
