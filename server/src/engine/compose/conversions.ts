/**
 * What compose requires of values beyond the schema. The schema lets most
 * numbers, booleans, durations and sizes be strings, because interpolation
 * makes strings; compose then converts the string, and one it cannot convert
 * stops the deploy. Read in compose-go v2 (and docker/compose, the Docker
 * engine for `restart`):
 * - `cast`: loader/interpolate.go's interpolateTypeCastMapping converts every
 *   string at these places right after interpolation, before the schema is
 *   checked: strconv.Atoi / ParseInt (integers), ParseFloat (numbers),
 *   toBoolean (`true`, `false`, `y`, `yes`, `on`, `n`, `no`, `off`, any case);
 * - `decode`: loader/mapstructure.go and the types' DecodeMapstructure turn
 *   the validated map into Go types: the same casts for the other booleans
 *   and numbers, types.Duration (go-str2duration: a number and a unit, `ns`
 *   to `h`, `d` and `w`, repeated, `1m30s`; `0` alone, signed or not),
 *   types.UnitBytes (a string goes to docker/go-units v0.5.0's RAMInBytes:
 *   a number strconv.ParseFloat reads, never negative, then after at most
 *   one space nothing, `b`, or `k` to `p` alone or with `b` or `ib`, in any
 *   case: `512m`, `1.5G`, `2GiB`; `-1` is refused, written as text);
 * - `engine`: `restart` reaches the Docker engine as it is written
 *   (ValidateRestartPolicy: `no`, `always`, `unless-stopped`, `on-failure`,
 *   `on-failure:N`; docker/compose maps `none` and `any` first), and so does
 *   `deploy.restart_policy.condition`.
 * Each key is listed by its place in the schema; a test checks that every
 * pointer names a node of the schema.
 */
import { schemaAt, type SchemaNode } from "./schema.js";
import { booleanText } from "./values.js";

export type ConversionId = "integer" | "number" | "boolean" | "duration" | "bytes" | "restart" | "restart_condition";

/** When compose converts the value, which decides what it prints. */
export type ConversionStage = "cast" | "decode" | "engine";

export interface Conversion {
  id: ConversionId;
  stage: ConversionStage;
  accepts(text: string): boolean;
}

const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?((\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|inf|infinity|nan)$/i;
const DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w))+)$/u;
// What ParseFloat reads but a minus: a negative size is refused (`-0`, hexadecimal and an exponent past float64 aside).
const BYTES = /^\+?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)? ?([kmgtp](i?b)?|b)?$/i;
const RESTART = /^(no|none|always|any|unless-stopped|on-failure(:.*)?)$/;
const RESTART_CONDITION = /^(none|no|on-failure|unless-stopped|any|always)$/;

const ACCEPTS: Record<ConversionId, (text: string) => boolean> = {
  integer: (text) => INTEGER.test(text),
  number: (text) => NUMBER.test(text),
  boolean: (text) => booleanText(text) !== undefined,
  duration: (text) => DURATION.test(text),
  bytes: (text) => BYTES.test(text),
  restart: (text) => RESTART.test(text),
  restart_condition: (text) => RESTART_CONDITION.test(text),
};

/** The words a misspelt value of a conversion is compared with, for a fix. */
export const CONVERSION_WORDS: Partial<Record<ConversionId, readonly string[]>> = {
  restart: ["no", "always", "on-failure", "unless-stopped"],
  restart_condition: ["none", "on-failure", "any"],
  boolean: ["true", "false"],
};

const SERVICE = "#/definitions/service/properties";
const DEPLOY = "#/definitions/deployment/properties";
const HEALTHCHECK = "#/definitions/healthcheck/properties";
const VOLUME_ITEM = `${SERVICE}/volumes/items/oneOf/1/properties`;
const BUILD = `${SERVICE}/build/oneOf/1/properties`;
const PORT_ITEM = `${SERVICE}/ports/items/oneOf/2/properties`;
const MOUNT_ITEM = "#/definitions/service_config_or_secret/items/oneOf/1/properties";

/** The schema pointers of the keys compose converts: [pointer, conversion, stage]. */
export const CONVERTED_KEYS: readonly (readonly [string, ConversionId, ConversionStage])[] = [
  // loader/interpolate.go: interpolateTypeCastMapping.
  [`${HEALTHCHECK}/retries`, "integer", "cast"],
  [`${SERVICE}/scale`, "integer", "cast"],
  [`${DEPLOY}/replicas`, "integer", "cast"],
  [`${DEPLOY}/update_config/properties/parallelism`, "integer", "cast"],
  [`${DEPLOY}/rollback_config/properties/parallelism`, "integer", "cast"],
  [`${DEPLOY}/restart_policy/properties/max_attempts`, "integer", "cast"],
  [`${DEPLOY}/placement/properties/max_replicas_per_node`, "integer", "cast"],
  [`${PORT_ITEM}/target`, "integer", "cast"],
  [`${MOUNT_ITEM}/mode`, "integer", "cast"],
  ["#/definitions/ulimits/patternProperties/^[a-z]+$/oneOf/0", "integer", "cast"],
  ["#/definitions/ulimits/patternProperties/^[a-z]+$/oneOf/1/properties/hard", "integer", "cast"],
  ["#/definitions/ulimits/patternProperties/^[a-z]+$/oneOf/1/properties/soft", "integer", "cast"],
  [`${SERVICE}/cpu_count/oneOf/0`, "integer", "cast"],
  [`${SERVICE}/cpu_period`, "integer", "cast"],
  [`${SERVICE}/cpu_quota`, "integer", "cast"],
  [`${SERVICE}/cpu_rt_period`, "integer", "cast"],
  [`${SERVICE}/cpu_rt_runtime`, "integer", "cast"],
  [`${SERVICE}/cpu_shares`, "integer", "cast"],
  [`${SERVICE}/oom_score_adj/oneOf/0`, "integer", "cast"],
  [`${SERVICE}/pids_limit`, "integer", "cast"],
  [`${SERVICE}/cpu_percent/oneOf/0`, "number", "cast"],
  [`${DEPLOY}/update_config/properties/max_failure_ratio`, "number", "cast"],
  [`${DEPLOY}/rollback_config/properties/max_failure_ratio`, "number", "cast"],
  [`${SERVICE}/cpus`, "number", "cast"],
  [`${SERVICE}/init`, "boolean", "cast"],
  [`${HEALTHCHECK}/disable`, "boolean", "cast"],
  [`${SERVICE}/oom_kill_disable`, "boolean", "cast"],
  [`${SERVICE}/privileged`, "boolean", "cast"],
  [`${SERVICE}/read_only`, "boolean", "cast"],
  [`${SERVICE}/stdin_open`, "boolean", "cast"],
  [`${SERVICE}/tty`, "boolean", "cast"],
  [`${VOLUME_ITEM}/read_only`, "boolean", "cast"],
  [`${VOLUME_ITEM}/volume/properties/nocopy`, "boolean", "cast"],
  ["#/definitions/network/properties/external", "boolean", "cast"],
  ["#/definitions/network/properties/internal", "boolean", "cast"],
  ["#/definitions/network/properties/attachable", "boolean", "cast"],
  ["#/definitions/network/properties/enable_ipv6", "boolean", "cast"],
  ["#/definitions/volume/properties/external", "boolean", "cast"],
  ["#/definitions/secret/properties/external", "boolean", "cast"],
  ["#/definitions/config/properties/external", "boolean", "cast"],
  // loader/mapstructure.go and types/: the rest of the typed keys, when the map is decoded.
  [`${SERVICE}/attach`, "boolean", "decode"],
  [`${BUILD}/no_cache`, "boolean", "decode"],
  [`${BUILD}/pull`, "boolean", "decode"],
  [`${VOLUME_ITEM}/bind/properties/create_host_path`, "boolean", "decode"],
  [`${DEPLOY}/resources/properties/limits/properties/cpus`, "number", "decode"],
  [`${DEPLOY}/resources/properties/reservations/properties/cpus`, "number", "decode"],
  [`${DEPLOY}/resources/properties/limits/properties/pids`, "integer", "decode"],
  [`${HEALTHCHECK}/interval`, "duration", "decode"],
  [`${HEALTHCHECK}/timeout`, "duration", "decode"],
  [`${HEALTHCHECK}/start_period`, "duration", "decode"],
  [`${HEALTHCHECK}/start_interval`, "duration", "decode"],
  [`${SERVICE}/stop_grace_period`, "duration", "decode"],
  [`${DEPLOY}/update_config/properties/delay`, "duration", "decode"],
  [`${DEPLOY}/update_config/properties/monitor`, "duration", "decode"],
  [`${DEPLOY}/rollback_config/properties/delay`, "duration", "decode"],
  [`${DEPLOY}/rollback_config/properties/monitor`, "duration", "decode"],
  [`${DEPLOY}/restart_policy/properties/delay`, "duration", "decode"],
  [`${DEPLOY}/restart_policy/properties/window`, "duration", "decode"],
  [`${SERVICE}/mem_limit`, "bytes", "decode"],
  [`${SERVICE}/mem_reservation`, "bytes", "decode"],
  [`${SERVICE}/memswap_limit`, "bytes", "decode"],
  [`${SERVICE}/mem_swappiness`, "bytes", "decode"],
  [`${SERVICE}/shm_size`, "bytes", "decode"],
  [`${BUILD}/shm_size`, "bytes", "decode"],
  [`${VOLUME_ITEM}/tmpfs/properties/size/oneOf/1`, "bytes", "decode"],
  ["#/definitions/blkio_limit/properties/rate", "bytes", "decode"],
  [`${DEPLOY}/resources/properties/limits/properties/memory`, "bytes", "decode"],
  [`${DEPLOY}/resources/properties/reservations/properties/memory`, "bytes", "decode"],
  // The Docker engine, when the container is created.
  [`${SERVICE}/restart`, "restart", "engine"],
  [`${DEPLOY}/restart_policy/properties/condition`, "restart_condition", "engine"],
];

let bySchema: Map<SchemaNode, Conversion> | undefined;

/** What compose converts a string value of this schema node to; undefined when it keeps the string. */
export function convertsTo(schema: SchemaNode): Conversion | undefined {
  bySchema ??= new Map(CONVERTED_KEYS.map(([pointer, id, stage]) => [schemaAt(pointer), { id, stage, accepts: ACCEPTS[id] }]));
  return bySchema.get(schema);
}
