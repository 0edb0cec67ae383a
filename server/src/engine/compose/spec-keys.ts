/**
 * The keys the Compose Specification allows, for the places the `unknown-key`
 * rule checks: the top level, a service, and the long forms of healthcheck,
 * depends_on, build, deploy, ports, volumes and env_file.
 *
 * Source: the Compose Specification's JSON schema, schema/compose-spec.json in
 * github.com/compose-spec/compose-spec at commit 00655e2222608fa6eaecdf12ac5195889ca2244a
 * (it has `develop`, `models`, `provider`, `post_start`/`pre_stop`,
 * `use_api_socket`, `gw_priority`), plus the service key `pre_start`, added to
 * the specification later (compose-spec pull request 647, docker/compose 13862,
 * 2026) and used by docker/compose's own end-to-end tests. `docker compose` validates files against this schema (its
 * copy in compose-go) and stops on a key it does not know:
 * `services.web Additional property enviroment is not allowed`.
 * Keys are listed here as the schema's `properties`; `extensions: true` stands
 * for the schema's `"patternProperties": {"^x-": {}}`.
 */

export interface KeySchema {
  /** The keys allowed here, each with how its value is checked (null: it is not). */
  readonly keys: ReadonlyMap<string, ValueSchema | null>;
  /** Whether `x-*` extension keys are allowed here. */
  readonly extensions: boolean;
}

/** How a key's value is checked, for the values that hold keys of their own. */
export interface ValueSchema {
  /** A map of fixed keys (`healthcheck: {test, interval}`). */
  readonly map?: KeySchema;
  /** A map of user-chosen names, each value a map of fixed keys (`depends_on: {db: {condition}}`). */
  readonly named?: KeySchema;
  /** A list whose map items have fixed keys (`ports: [{target, published}]`). */
  readonly items?: KeySchema;
}

/** A key set; `children` says how the values of some of its keys are checked. */
function keySet(names: readonly string[], extensions: boolean, children: Record<string, ValueSchema> = {}): KeySchema {
  const keys = new Map<string, ValueSchema | null>(names.map((name) => [name, null]));
  for (const [name, child] of Object.entries(children)) {
    if (!keys.has(name)) throw new Error(`spec-keys: ${name} is not one of the keys`);
    keys.set(name, child);
  }
  return { keys, extensions };
}

/** Whether `key` is allowed: one of the set's keys, or an `x-*` extension where the spec allows them. */
export function isAllowedKey(schema: KeySchema, key: string): boolean {
  return schema.keys.has(key) || (schema.extensions && key.startsWith("x-"));
}

/** definitions.healthcheck */
export const HEALTHCHECK_KEYS = keySet(["disable", "interval", "retries", "test", "timeout", "start_period", "start_interval"], true);

/** definitions.service.properties.depends_on, the long form: one map per dependency. */
const DEPENDS_ON_KEYS = keySet(["condition", "restart", "required"], true);

/** definitions.service.properties.build, the long form. */
const BUILD_KEYS = keySet(
  [
    "context", "dockerfile", "dockerfile_inline", "entitlements", "args", "ssh", "labels", "cache_from", "cache_to",
    "no_cache", "additional_contexts", "network", "pull", "target", "shm_size", "extra_hosts", "isolation",
    "privileged", "secrets", "tags", "ulimits", "platforms",
  ],
  true,
);

/** definitions.deployment.properties.resources.properties.limits */
const RESOURCE_LIMITS_KEYS = keySet(["cpus", "memory", "pids"], true);

/** definitions.devices (device reservations) */
const DEVICE_RESERVATION_KEYS = keySet(["capabilities", "count", "device_ids", "driver", "options"], true);

/** definitions.generic_resources */
const DISCRETE_RESOURCE_KEYS = keySet(["kind", "value"], true);
const GENERIC_RESOURCE_KEYS = keySet(["discrete_resource_spec"], true, { discrete_resource_spec: { map: DISCRETE_RESOURCE_KEYS } });

/** definitions.deployment.properties.resources.properties.reservations */
const RESOURCE_RESERVATIONS_KEYS = keySet(["cpus", "memory", "generic_resources", "devices"], true, {
  generic_resources: { items: GENERIC_RESOURCE_KEYS },
  devices: { items: DEVICE_RESERVATION_KEYS },
});

const RESOURCES_KEYS = keySet(["limits", "reservations"], true, {
  limits: { map: RESOURCE_LIMITS_KEYS },
  reservations: { map: RESOURCE_RESERVATIONS_KEYS },
});

const RESTART_POLICY_KEYS = keySet(["condition", "delay", "max_attempts", "window"], true);

/** update_config and rollback_config have the same keys. */
const UPDATE_CONFIG_KEYS = keySet(["parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"], true);

const PLACEMENT_PREFERENCE_KEYS = keySet(["spread"], true);
const PLACEMENT_KEYS = keySet(["constraints", "preferences", "max_replicas_per_node"], true, {
  preferences: { items: PLACEMENT_PREFERENCE_KEYS },
});

/** definitions.deployment */
const DEPLOY_KEYS = keySet(
  ["mode", "endpoint_mode", "replicas", "labels", "rollback_config", "update_config", "resources", "restart_policy", "placement"],
  true,
  {
    rollback_config: { map: UPDATE_CONFIG_KEYS },
    update_config: { map: UPDATE_CONFIG_KEYS },
    resources: { map: RESOURCES_KEYS },
    restart_policy: { map: RESTART_POLICY_KEYS },
    placement: { map: PLACEMENT_KEYS },
  },
);

/** definitions.service.properties.ports, the long form of an item. */
const PORT_KEYS = keySet(["name", "mode", "host_ip", "target", "published", "protocol", "app_protocol"], true);

const VOLUME_BIND_KEYS = keySet(["propagation", "create_host_path", "recursive", "selinux"], true);
const VOLUME_VOLUME_KEYS = keySet(["labels", "nocopy", "subpath"], true);
const VOLUME_TMPFS_KEYS = keySet(["size", "mode"], true);
const VOLUME_IMAGE_KEYS = keySet(["subpath"], true);

/** definitions.service.properties.volumes, the long form of an item. */
const SERVICE_VOLUME_KEYS = keySet(["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image"], true, {
  bind: { map: VOLUME_BIND_KEYS },
  volume: { map: VOLUME_VOLUME_KEYS },
  tmpfs: { map: VOLUME_TMPFS_KEYS },
  image: { map: VOLUME_IMAGE_KEYS },
});

/** definitions.env_file, the long form of an item (no `x-*`: the spec allows none here). */
const ENV_FILE_KEYS = keySet(["path", "format", "required"], false);

/** definitions.service */
export const SERVICE_KEYS = keySet(
  [
    "develop", "deploy", "annotations", "attach", "build", "blkio_config", "cap_add", "cap_drop", "cgroup",
    "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_shares", "cpu_quota",
    "cpu_period", "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset", "credential_spec", "depends_on",
    "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
    "label_file", "environment", "expose", "extends", "provider", "external_links", "extra_hosts", "gpus",
    "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels", "links", "logging",
    "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode", "models",
    "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start",
    "pre_start", "pre_stop", "privileged", "profiles", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime",
    "scale", "security_opt", "shm_size", "secrets", "sysctls", "stdin_open", "stop_grace_period", "stop_signal",
    "storage_opt", "tmpfs", "tty", "ulimits", "use_api_socket", "user", "uts", "userns_mode", "volumes",
    "volumes_from", "working_dir",
  ],
  true,
  {
    healthcheck: { map: HEALTHCHECK_KEYS },
    depends_on: { named: DEPENDS_ON_KEYS },
    build: { map: BUILD_KEYS },
    deploy: { map: DEPLOY_KEYS },
    ports: { items: PORT_KEYS },
    volumes: { items: SERVICE_VOLUME_KEYS },
    env_file: { items: ENV_FILE_KEYS },
  },
);

/** The top level of a compose file. */
export const TOP_LEVEL_KEYS = keySet(["version", "name", "include", "services", "models", "networks", "volumes", "secrets", "configs"], true);
