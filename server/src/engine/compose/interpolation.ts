/**
 * Compose variable interpolation, as `docker compose` performs it on every
 * string of the file before anything else reads it:
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alt}`, `${VAR+alt}`, `$VAR`, and `$$` for a literal `$`.
 */

export type InterpolationOperator = ":-" | "-" | ":?" | "?" | ":+" | "+";

export interface Interpolation {
  /** Offsets in the scanned string: the whole `${...}` or `$VAR`. */
  start: number;
  end: number;
  name: string;
  /** Offsets of the variable name. */
  nameStart: number;
  nameEnd: number;
  braced: boolean;
  operator?: InterpolationOperator;
  /** The raw text after the operator (a default, an error message or an alternative). */
  argument?: string;
  argumentStart?: number;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATORS: InterpolationOperator[] = [":-", ":?", ":+", "-", "?", "+"];

/** Finds the top-level interpolations of a string; `$$` escapes are skipped. */
export function findInterpolations(text: string): Interpolation[] {
  const found: Interpolation[] = [];
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf("$", i);
    if (dollar < 0) break;
    const next = text[dollar + 1];
    if (next === "$") {
      i = dollar + 2;
      continue;
    }
    if (next === "{") {
      const parsed = parseBraced(text, dollar);
      if (parsed) {
        found.push(parsed);
        i = parsed.end;
      } else {
        i = dollar + 2;
      }
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < text.length && NAME_CHAR.test(text[end])) end++;
      found.push({ start: dollar, end, name: text.slice(dollar + 1, end), nameStart: dollar + 1, nameEnd: end, braced: false });
      i = end;
      continue;
    }
    i = dollar + 1;
  }
  return found;
}

function parseBraced(text: string, dollar: number): Interpolation | undefined {
  const nameStart = dollar + 2;
  let nameEnd = nameStart;
  if (!NAME_START.test(text[nameStart] ?? "")) return undefined;
  while (nameEnd < text.length && NAME_CHAR.test(text[nameEnd])) nameEnd++;
  const closing = findClosingBrace(text, nameEnd);
  if (closing < 0) return undefined;
  const base = { start: dollar, end: closing + 1, name: text.slice(nameStart, nameEnd), nameStart, nameEnd, braced: true };
  if (closing === nameEnd) return base;
  const operator = OPERATORS.find((op) => text.startsWith(op, nameEnd));
  if (!operator) return undefined;
  const argumentStart = nameEnd + operator.length;
  return { ...base, operator, argument: text.slice(argumentStart, closing), argumentStart };
}

/** The `}` closing a `${` whose name ends at `from`, allowing nested `${...}` in defaults. */
function findClosingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "$" && text[i + 1] === "$") {
      i++;
    } else if (c === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * The value compose would produce when no variable is set (the pipeline's
 * `.env` may set them, but the file's own defaults are what it falls back to).
 * `known` holds variables whose values are known (a local `.env`).
 * `certain` is false when some part depends on a variable with no default.
 */
export function resolveDefaults(text: string, known: ReadonlyMap<string, string> = new Map()): { value: string; certain: boolean } {
  let certain = true;
  let value = "";
  let cursor = 0;
  for (const item of findInterpolations(text)) {
    value += unescape(text.slice(cursor, item.start));
    cursor = item.end;
    const set = known.get(item.name);
    const nested = item.argument !== undefined ? resolveDefaults(item.argument, known) : { value: "", certain: true };
    switch (item.operator) {
      case ":-":
        if (set) value += set;
        else {
          value += nested.value;
          certain &&= nested.certain;
        }
        break;
      case "-":
        if (set !== undefined) value += set;
        else {
          value += nested.value;
          certain &&= nested.certain;
        }
        break;
      case ":+":
      case "+":
        // The alternative applies only when the variable is set.
        if (set !== undefined && (item.operator === "+" || set !== "")) value += nested.value;
        else if (set === undefined) certain = false;
        break;
      default:
        if (set !== undefined) value += set;
        else certain = false;
    }
  }
  value += unescape(text.slice(cursor));
  return { value, certain };
}

function unescape(text: string): string {
  return text.replace(/\$\$/g, "$");
}

/** True when the string contains any interpolation at all. */
export function hasInterpolation(text: string): boolean {
  return findInterpolations(text).length > 0;
}
