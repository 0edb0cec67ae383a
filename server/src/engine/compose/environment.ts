/**
 * A service's `environment`, in both forms compose accepts: a list of
 * `KEY=value` strings and a map (with `<<` merges and aliases resolved), each
 * variable with the source spans of its name, its entry and its value, so
 * that rules can report on it and edit it and hovers and the log explainer
 * point where it is written. The only reader of `environment`.
 */
import { isMap, isScalar, isSeq, type Scalar } from "yaml";
import { findInterpolations } from "./interpolation.js";
import { entrySpan, mapEntries, scalarText, seqItems, serviceModelFact, trimmedSpan, type ComposeModel, type Service, type Span } from "./model.js";

export interface EnvironmentVariable {
  name: string;
  /** The value as compose reads it before interpolation; undefined for `- KEY` and `KEY:`, which pass the shell's value through. */
  value: string | undefined;
  form: "list" | "map";
  /** The scalar that holds the value: the whole `KEY=value` item in the list form. */
  node: Scalar | undefined;
  /** The name as written, inside quotes. */
  nameSpan: Span;
  /** The whole entry: `KEY: value` (map form) or the list item `KEY=value` (its quotes included). */
  span: Span;
  /** The value's text (inside quotes, after `=`); empty, at the end of the name, for a pass-through and after an escaped `=` (`"KEY\x3Dvalue"`). */
  valueSpan: Span;
  /** The value's source text, `model.text.slice(valueSpan.start, valueSpan.end)`: interpolation offsets found in it are source offsets. */
  raw: string;
  /** False for block scalars and values spread over several lines: reported, not edited. */
  editable: boolean;
  /** Whether the variable is written in a flow collection, where a plain scalar cannot hold `{`, `}` or `,`. */
  flow: boolean;
  /** True when the variable came through a `<<` merge key of the environment map. */
  merged: boolean;
}

/** The variable names the rules, hovers and the explainer know: what a shell could export. */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The source text of a scalar's content: inside its quotes, the whole of a plain or block scalar (its indicator included, its last line break not). */
function scalarSource(text: string, scalar: Scalar): { start: number; end: number; raw: string; editable: boolean } {
  const [rangeStart, rangeEnd] = scalar.range!;
  const quoted = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE";
  const start = quoted ? rangeStart + 1 : rangeStart;
  // A block scalar's range runs to the line break after its last line.
  const end = quoted ? Math.max(start, rangeEnd - 1) : trimmedSpan(text, scalar).end;
  const raw = text.slice(start, end);
  const block = scalar.type === "BLOCK_LITERAL" || scalar.type === "BLOCK_FOLDED";
  return { start, end, raw, editable: !block && !/[\r\n]/.test(raw) };
}

/** The service's environment variables, merges and aliases resolved (computed once per parse: treat as read-only). */
export function serviceEnvironment(model: ComposeModel, service: Service): readonly EnvironmentVariable[] {
  return serviceModelFact(model, service, readEnvironment);
}

function readEnvironment(model: ComposeModel, service: Service): EnvironmentVariable[] {
  const text = model.text;
  const entry = service.get("environment");
  if (!entry?.value) return [];
  const variables: EnvironmentVariable[] = [];
  if (isMap(entry.value)) {
    for (const item of mapEntries(entry.value, service.document)) {
      if (!NAME.test(item.key)) continue;
      const keySource = scalarSource(text, item.keyNode);
      const nameSpan = { start: keySource.start, end: keySource.end };
      const span = entrySpan(text, item);
      const flow = item.owner.flow === true;
      const value = item.value;
      // `KEY:` and `KEY: ~` (a null scalar; the core schema gives no scalar an undefined value), `{KEY}` and `? KEY` (no value node).
      if (value === null || (isScalar(value) && value.value === null)) {
        const end = item.keyNode.range![1];
        variables.push({ name: item.key, value: undefined, form: "map", node: undefined, nameSpan, span, valueSpan: { start: end, end }, raw: "", editable: false, flow, merged: item.merged });
        continue;
      }
      if (!isScalar(value) || !value.range) continue;
      const source = scalarSource(text, value);
      variables.push({
        name: item.key,
        value: scalarText(value) ?? "",
        form: "map",
        node: value,
        nameSpan,
        span,
        valueSpan: { start: source.start, end: source.end },
        raw: source.raw,
        editable: source.editable,
        flow,
        merged: item.merged,
      });
    }
    return variables;
  }
  const flow = isSeq(entry.value) && entry.value.flow === true;
  for (const { item } of seqItems(entry.value, service.document)) {
    if (!isScalar(item) || !item.range || typeof item.value !== "string") continue;
    const equals = item.value.indexOf("=");
    const name = item.value.split("=", 1)[0];
    if (!NAME.test(name)) continue;
    const source = scalarSource(text, item);
    const span = { start: item.range[0], end: item.range[1] };
    const value = equals < 0 ? undefined : item.value.slice(equals + 1);
    // No `=` in the source (a value without one has none there either): a pass-through (`KEY`), or `"KEY\x3Dvalue"`, which
    // compose reads as `KEY=value` while the `=` is an escape, so where the name ends and the value starts is not known: not edited.
    const rawEquals = source.raw.indexOf("=");
    if (rawEquals < 0) {
      variables.push({ name, value, form: "list", node: item, nameSpan: { start: source.start, end: source.end }, span, valueSpan: { start: source.end, end: source.end }, raw: "", editable: false, flow, merged: false });
      continue;
    }
    const valueStart = source.start + rawEquals + 1;
    variables.push({
      name,
      value,
      form: "list",
      node: item,
      nameSpan: { start: source.start, end: source.start + rawEquals },
      span,
      valueSpan: { start: valueStart, end: source.end },
      raw: text.slice(valueStart, source.end),
      editable: source.editable,
      flow,
      merged: false,
    });
  }
  return variables;
}

/**
 * The variable a hovered scalar names: in the map form, the variable whose
 * name is the hovered key; in the list form, the variable the hovered item
 * holds (`KEY=value`, the whole item).
 */
export function environmentVariableAt(model: ComposeModel, service: Service, hovered: { span: Span; onKey: boolean }): EnvironmentVariable | undefined {
  const { span, onKey } = hovered;
  return serviceEnvironment(model, service).find((v) =>
    v.form === "map"
      ? onKey && span.start <= v.nameSpan.start && v.nameSpan.end <= span.end
      : !onKey && !!v.node?.range && v.node.range[0] === span.start && v.node.range[1] === span.end,
  );
}

/**
 * Names the service gives a value of its own in `environment`. In a command
 * or healthcheck, `$NAME` is then compose's deploy-time substitution (from the
 * shell and `.env`), not this value. A pass-through (`- NAME`, `NAME:`,
 * `NAME: ${NAME}`) is left out: compose substitutes the very same value.
 */
export function containerVariables(model: ComposeModel, service: Service): ReadonlySet<string> {
  return serviceModelFact(model, service, readContainerVariables);
}

function readContainerVariables(model: ComposeModel, service: Service): ReadonlySet<string> {
  return namesWithOwnValue(serviceEnvironment(model, service));
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
