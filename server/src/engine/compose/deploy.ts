/**
 * How a service's container is kept running and sized: `restart` (`no`,
 * `always`, `on-failure[:max-retries]`, `unless-stopped`) and `deploy`, read
 * minimally: its presence, `restart_policy` (`condition`, `delay`,
 * `max_attempts`, `window`) and `resources.limits` / `resources.reservations`
 * (`cpus`, `memory`, `pids`). Values are interpolated, defaults applied;
 * merges (`<<`) and aliases resolved. The only reader of `restart` and
 * `deploy`.
 */
import { entrySpan, mapEntriesOf, serviceModelFact, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { scalarValue, type ScalarValue } from "./scalars.js";

export interface RestartPolicy {
  /** The `restart` entry. */
  entry: Entry;
  /** The value, defaults applied, and where it is written. */
  value: ScalarValue;
  /** The policy without its retries: `no`, `always`, `on-failure`, `unless-stopped` (or whatever else is written before a `:`). */
  policy: string;
  /** `on-failure:5`: the retries, when written as a number. */
  maxRetries: number | undefined;
  /** `restart: <value>` as written. */
  span: Span;
}

/** The service's `restart`; undefined without one (computed once per parse). */
export function serviceRestart(model: ComposeModel, service: Service): RestartPolicy | undefined {
  return serviceModelFact(model, service, readRestart);
}

function readRestart(model: ComposeModel, service: Service): RestartPolicy | undefined {
  const entry = service.get("restart");
  const value = scalarValue(model.text, entry?.value);
  if (!entry || !value) return undefined;
  // As compose reads it (docker/compose's getRestartPolicy): the policy before the first `:`, as written; the retries between it and the
  // next, read by Go's Atoi with its error ignored, so that `on-failure: 5` sets no limit.
  const [policy, retries = ""] = value.value.split(":");
  return {
    entry,
    value,
    policy,
    maxRetries: /^\d+$/.test(retries) ? Number(retries) : undefined,
    span: entrySpan(model.text, entry),
  };
}

/** A map under `deploy`: its entry, `key: {...}` as written, and its entries. */
export interface DeploySection {
  entry: Entry;
  span: Span;
  options: readonly Entry[];
}

export interface DeployResources extends DeploySection {
  cpus: ScalarValue | undefined;
  memory: ScalarValue | undefined;
  pids: ScalarValue | undefined;
}

export interface DeployRestartPolicy extends DeploySection {
  condition: ScalarValue | undefined;
  delay: ScalarValue | undefined;
  maxAttempts: ScalarValue | undefined;
  window: ScalarValue | undefined;
}

export interface ServiceDeploy {
  /** The `deploy` entry (`deploy:` left empty included). */
  entry: Entry;
  /** `deploy: ...` as written. */
  span: Span;
  /** Its entries (`<<` merges resolved). */
  options: readonly Entry[];
  restartPolicy: DeployRestartPolicy | undefined;
  /** `resources.limits`, `resources.reservations`. */
  limits: DeployResources | undefined;
  reservations: DeployResources | undefined;
}

/** The service's `deploy`; undefined without one (computed once per parse: treat as read-only). */
export function serviceDeploy(model: ComposeModel, service: Service): ServiceDeploy | undefined {
  return serviceModelFact(model, service, readDeploy);
}

function readDeploy(model: ComposeModel, service: Service): ServiceDeploy | undefined {
  const entry = service.get("deploy");
  if (!entry) return undefined;
  const section = (entries: readonly Entry[] | undefined, key: string): DeploySection | undefined => {
    const found = entries?.find((e) => e.key === key);
    const options = mapEntriesOf(found?.value, service.document);
    return found && options ? { entry: found, span: entrySpan(model.text, found), options } : undefined;
  };
  const value = (of: DeploySection, key: string) => scalarValue(model.text, of.options.find((e) => e.key === key)?.value);
  const resources = (of: DeploySection | undefined): DeployResources | undefined => of && { ...of, cpus: value(of, "cpus"), memory: value(of, "memory"), pids: value(of, "pids") };
  const options = mapEntriesOf(entry.value, service.document) ?? [];
  const policy = section(options, "restart_policy");
  const resourceOptions = section(options, "resources")?.options;
  return {
    entry,
    span: entrySpan(model.text, entry),
    options,
    restartPolicy: policy && { ...policy, condition: value(policy, "condition"), delay: value(policy, "delay"), maxAttempts: value(policy, "max_attempts"), window: value(policy, "window") },
    limits: resources(section(resourceOptions, "limits")),
    reservations: resources(section(resourceOptions, "reservations")),
  };
}
