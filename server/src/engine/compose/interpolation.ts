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
  operator?: InterpolationOperator;
  /** The raw text after the operator (a default, an error message or an alternative). */
  argument?: string;
  argumentStart?: number;
}

const OPERATORS: InterpolationOperator[] = [":-", ":?", ":+", "-", "?", "+"];

/** `[A-Za-z_]`, by char code: this runs on every `$` of every value. */
function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** `[A-Za-z0-9_]`. */
function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

const DOLLAR = 36;
const OPEN_BRACE = 123;

/** Finds the top-level interpolations of a string; `$$` escapes are skipped. */
export function findInterpolations(text: string): Interpolation[] {
  const found: Interpolation[] = [];
  let i = 0;
  for (let dollar = text.indexOf("$", i); dollar >= 0; dollar = text.indexOf("$", i)) {
    const next = text.charCodeAt(dollar + 1);
    if (next === DOLLAR) {
      i = dollar + 2;
      continue;
    }
    if (next === OPEN_BRACE) {
      const parsed = parseBraced(text, dollar);
      if (parsed) {
        found.push(parsed);
        i = parsed.end;
      } else {
        i = dollar + 2;
      }
      continue;
    }
    if (isNameStart(next)) {
      let end = dollar + 2;
      // Past the end, charCodeAt is NaN: no name character.
      while (isNameChar(text.charCodeAt(end))) end++;
      found.push({ start: dollar, end, name: text.slice(dollar + 1, end), nameStart: dollar + 1, nameEnd: end });
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
  if (!isNameStart(text.charCodeAt(nameStart))) return undefined;
  while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  const closing = findClosingBrace(text, nameEnd);
  if (closing < nameEnd) return undefined;
  const name = text.slice(nameStart, nameEnd);
  if (closing === nameEnd) return { start: dollar, end: closing + 1, name, nameStart, nameEnd };
  const operator = OPERATORS.find((op) => text.startsWith(op, nameEnd));
  if (!operator) return undefined;
  const argumentStart = nameEnd + operator.length;
  return { start: dollar, end: closing + 1, name, nameStart, nameEnd, operator, argument: text.slice(argumentStart, closing), argumentStart };
}

/**
 * The `}` closing a `${` whose name ends at `from`, as compose-go finds it
 * (template.go, getFirstBraceClosingIndex): every `{` opens a level, that of a
 * nested `${...}`, a literal one, or one after a `$$` alike, and the
 * character after a `{` is skipped. When the count does not close, compose-go
 * keeps its pattern's whole match, whose `(.*)}` ends at the last `}` before
 * a line break. Below `from` when the line holds no `}`.
 */
function findClosingBrace(text: string, from: number): number {
  const line = text.slice(from).split("\n", 1)[0];
  const braces = /[{}]/g;
  let depth = 0;
  for (let brace = braces.exec(line); brace; brace = braces.exec(line)) {
    if (brace[0] === "{") {
      depth++;
      braces.lastIndex++;
    } else if (depth === 0) return from + brace.index;
    else depth--;
  }
  return from + line.lastIndexOf("}");
}

/**
 * The value compose would produce when no variable is set (the pipeline's
 * `.env` may set them, but the file's own defaults are what it falls back to).
 * `certain` is false when some part depends on a variable with no default.
 */
export function resolveDefaults(text: string): { value: string; certain: boolean } {
  let certain = true;
  let value = "";
  let cursor = 0;
  for (const item of findInterpolations(text)) {
    value += unescape(text.slice(cursor, item.start));
    cursor = item.end;
    if (item.operator === ":-" || item.operator === "-") {
      // The variable unset, its default applies, itself interpolated.
      const nested = resolveDefaults(item.argument!);
      value += nested.value;
      certain &&= nested.certain;
    } else {
      // Only a set variable gives a value: unset, it is empty (or the deploy stops, `:?` and `?`), and an alternative (`:+`, `+`) applies only when it is set.
      certain = false;
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
