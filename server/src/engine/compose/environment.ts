/**
 * A service's `environment`, in both forms compose accepts: a list of
 * `KEY=value` strings and a map (with `<<` merges), each variable with the
 * source offsets of its value so that rules can report on it and edit it.
 */
import { isMap, isScalar, isSeq, type Scalar } from "yaml";
import { findInterpolations } from "./interpolation.js";
import { mapEntries, scalarText, seqItems, type Service } from "./model.js";

export interface EnvironmentVariable {
  name: string;
  /** The value as compose reads it before interpolation; undefined for `- KEY` and `KEY:`, which pass the shell's value through. */
  value: string | undefined;
  form: "list" | "map";
  /** The scalar that holds the value: the whole `KEY=value` item in the list form. */
  node: Scalar | undefined;
  /** Source offsets of the value's text (inside quotes, after `=`). */
  valueStart: number;
  valueEnd: number;
  /** The value's source text, `model.text.slice(valueStart, valueEnd)`: interpolation offsets found in it are source offsets. */
  raw: string;
  /** False for block scalars and values spread over several lines: reported, not edited. */
  editable: boolean;
  /** Whether the variable is written in a flow collection, where a plain scalar cannot hold `{`, `}` or `,`. */
  flow: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The source text of a scalar's content: inside its quotes, the whole of a plain or block scalar. */
function scalarSource(text: string, scalar: Scalar): { start: number; end: number; raw: string; editable: boolean } {
  const [rangeStart, rangeEnd] = scalar.range!;
  const quoted = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE";
  const start = quoted ? rangeStart + 1 : rangeStart;
  const end = quoted ? Math.max(start, rangeEnd - 1) : rangeEnd;
  const raw = text.slice(start, end);
  const block = scalar.type === "BLOCK_LITERAL" || scalar.type === "BLOCK_FOLDED";
  return { start, end, raw, editable: !block && !/[\r\n]/.test(raw) };
}

/** Per service, its variables and container variables for the text they were read from (rules read them several times per lint). */
const environments = new WeakMap<Service, { text: string; variables: EnvironmentVariable[]; locals?: Set<string> }>();

function memoizedEnvironment(text: string, service: Service): { text: string; variables: EnvironmentVariable[]; locals?: Set<string> } {
  let memo = environments.get(service);
  if (!memo || memo.text !== text) {
    memo = { text, variables: readEnvironment(text, service) };
    environments.set(service, memo);
  }
  return memo;
}

/** The service's environment variables (computed once per parse: treat as read-only). */
export function serviceEnvironment(text: string, service: Service): EnvironmentVariable[] {
  return memoizedEnvironment(text, service).variables;
}

function readEnvironment(text: string, service: Service): EnvironmentVariable[] {
  const entry = service.get("environment");
  if (!entry?.value) return [];
  const variables: EnvironmentVariable[] = [];
  if (isMap(entry.value)) {
    for (const item of mapEntries(entry.value, service.document)) {
      if (!NAME.test(item.key)) continue;
      const value = item.value;
      if (value === null || (isScalar(value) && (value.value === null || value.value === undefined))) {
        const end = item.keyNode.range![1];
        variables.push({ name: item.key, value: undefined, form: "map", node: undefined, valueStart: end, valueEnd: end, raw: "", editable: false, flow: item.owner.flow === true });
        continue;
      }
      if (!isScalar(value) || !value.range) continue;
      const source = scalarSource(text, value);
      variables.push({ name: item.key, value: scalarText(value) ?? "", form: "map", node: value, valueStart: source.start, valueEnd: source.end, raw: source.raw, editable: source.editable, flow: item.owner.flow === true });
    }
    return variables;
  }
  const flow = isSeq(entry.value) && entry.value.flow === true;
  for (const { item } of seqItems(entry.value, service.document)) {
    if (!isScalar(item) || !item.range || typeof item.value !== "string") continue;
    const equals = item.value.indexOf("=");
    const name = equals < 0 ? item.value : item.value.slice(0, equals);
    if (!NAME.test(name)) continue;
    const source = scalarSource(text, item);
    const rawEquals = source.raw.indexOf("=");
    if (equals < 0 || rawEquals < 0) {
      variables.push({ name, value: undefined, form: "list", node: item, valueStart: source.end, valueEnd: source.end, raw: "", editable: false, flow });
      continue;
    }
    const valueStart = source.start + rawEquals + 1;
    variables.push({ name, value: item.value.slice(equals + 1), form: "list", node: item, valueStart, valueEnd: source.end, raw: text.slice(valueStart, source.end), editable: source.editable, flow });
  }
  return variables;
}

/**
 * Names the service gives a value of its own in `environment`. In a command
 * or healthcheck, `$NAME` is then compose's deploy-time substitution (from the
 * shell and `.env`), not this value. A pass-through (`- NAME`, `NAME:`,
 * `NAME: ${NAME}`) is left out: compose substitutes the very same value.
 */
export function containerVariables(text: string, service: Service, variables?: readonly EnvironmentVariable[]): Set<string> {
  const memo = memoizedEnvironment(text, service);
  if (variables === undefined || variables === memo.variables) return (memo.locals ??= namesWithOwnValue(memo.variables));
  return namesWithOwnValue(variables);
}

function namesWithOwnValue(variables: readonly EnvironmentVariable[]): Set<string> {
  const names = new Set<string>();
  for (const variable of variables) {
    if (variable.value === undefined) continue;
    const only = findInterpolations(variable.value);
    const passThrough = only.length === 1 && only[0].name === variable.name && (only[0].operator === undefined || only[0].operator === ":?" || only[0].operator === "?") && variable.value.trim() === variable.value.slice(only[0].start, only[0].end);
    if (!passThrough) names.add(variable.name);
  }
  return names;
}
