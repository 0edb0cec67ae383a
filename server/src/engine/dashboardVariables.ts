/**
 * The dashboard's variables as the project knows them: their names (never
 * their values), listed under `dashboardVariables` in `.elestio-compose.json`.
 * Plain functions without I/O: the VS Code client's import command reads a
 * block pasted from Dashboard → Environment variables with them, the
 * configuration and undefined-variable check names with them.
 */
import { dirname, isAbsolute, relative } from "node:path";

/** A name compose interpolates: `${NAME}`, `$NAME`. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isVariableName(name: string): boolean {
  return VARIABLE_NAME.test(name);
}

/**
 * Variables that are set without any `.env`: compose-go's loader sets
 * COMPOSE_PROJECT_NAME to the project's name before it interpolates, and the
 * shell that runs compose always exports PWD and HOME.
 */
export const ALWAYS_SET_VARIABLES: ReadonlySet<string> = new Set(["COMPOSE_PROJECT_NAME", "PWD", "HOME"]);

/** The configuration's key. */
export const DASHBOARD_VARIABLES_KEY = "dashboardVariables";

/** What a pasted block holds: the names it sets, and how many pieces of text were not `KEY=value`. */
export interface DashboardBlock {
  /** Each name once, in the order the block first sets it. */
  names: string[];
  /** Pieces of text (words) that are neither an assignment, a comment nor blank. */
  skipped: number;
}

/** `KEY=`, `export KEY=`, `KEY =` at a token's start. */
const ASSIGNMENT = /(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=/y;
/** Where an unquoted value ends: a line's end, an inline comment, or the next `KEY=` after blanks (an input box flattens lines). */
const UNQUOTED_END = /\r\n|\r|\n|[ \t]+#|[ \t]+(?=(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*=)/g;

/**
 * Reads the `KEY=value` block copied from Dashboard → Environment variables
 * (or a `.env`), and keeps the names only: the values are skipped as they
 * are read, never returned. Lines may be CRLF, or flattened into one line
 * separated by blanks, as an input box does with a pasted block; `#`
 * comments, blank lines and `export ` are ignored; a quoted value may hold
 * blanks, `#`, `=` and newlines.
 */
export function parseDashboardBlock(text: string): DashboardBlock {
  const names = new Set<string>();
  let skipped = 0;
  let position = 0;
  const length = text.length;
  const skipBlanks = () => {
    while (position < length && /\s/.test(text[position])) position++;
  };
  const skipToLineEnd = () => {
    while (position < length && text[position] !== "\n" && text[position] !== "\r") position++;
  };
  while ((skipBlanks(), position < length)) {
    if (text[position] === "#") {
      skipToLineEnd();
      continue;
    }
    ASSIGNMENT.lastIndex = position;
    const assignment = ASSIGNMENT.exec(text);
    if (!assignment) {
      skipped++;
      while (position < length && !/\s/.test(text[position])) position++;
      continue;
    }
    names.add(assignment[1]);
    position = ASSIGNMENT.lastIndex;
    // `KEY = "a b"`: blanks before a quote; otherwise blanks after `=` may come before the next `KEY=`.
    let quoted = position;
    while (quoted < length && (text[quoted] === " " || text[quoted] === "\t")) quoted++;
    position = valueEnd(text, /["'`]/.test(text[quoted] ?? "") ? quoted : position);
  }
  return { names: [...names], skipped };
}

/** The names of a pasted `KEY=value` block, each once (see parseDashboardBlock). */
export function namesFromDashboardBlock(text: string): string[] {
  return parseDashboardBlock(text).names;
}

/** Where the value starting at `start` ends: after its closing quote, or where an unquoted value stops. */
function valueEnd(text: string, start: number): number {
  const quote = text[start];
  if (quote === '"' || quote === "'" || quote === "`") {
    for (let i = start + 1; i < text.length; i++) {
      if (quote === '"' && text[i] === "\\") i++;
      else if (text[i] === quote) return i + 1;
    }
    // No closing quote: read it as an unquoted value.
  }
  UNQUOTED_END.lastIndex = start;
  const end = UNQUOTED_END.exec(text);
  if (!end) return text.length;
  // Before an inline comment too: the caller skips a comment to the end of its line.
  return end.index;
}

/** Names sorted as a list in a file is (by code unit: `DB_HOST` before `DB_PASSWORD`), each once. */
export function sortedNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Why a configuration's text cannot take the names: it never quotes the text, which may hold anything. */
export class ConfigurationTextError extends Error {
  constructor(
    /** `json`: not JSON; `object`: not an object; `section`: its `section` key is not an object. */
    readonly reason: "json" | "object" | "section",
    message: string,
  ) {
    super(message);
    this.name = "ConfigurationTextError";
  }
}

/** The indentation of a JSON text's first indented line; two spaces when it has none. */
function indentationOf(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  return match ? match[1] : "  ";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The configuration's text with `names` merged into its `dashboardVariables`
 * (the names already there that are valid, and the new ones, sorted, each
 * once); the other keys keep their values and order. `jsonText` undefined or
 * blank: a new `.elestio-compose.json`. `section` names the object that holds
 * the configuration inside the file (`"elestio"` in a package.json).
 * Written as JSON indented like the file (two spaces for a new one), with a
 * final newline. Throws a ConfigurationTextError when the text is not a JSON
 * object.
 */
export function withDashboardVariables(jsonText: string | undefined, names: readonly string[], options: { section?: string } = {}): string {
  const text = jsonText?.replace(/^\uFEFF/, "");
  let root: unknown = {};
  if (text !== undefined && text.trim() !== "") {
    try {
      root = JSON.parse(text);
    } catch {
      throw new ConfigurationTextError("json", "it is not valid JSON");
    }
  }
  if (!isObject(root)) throw new ConfigurationTextError("object", "it is not a JSON object");
  let config = root;
  if (options.section !== undefined) {
    const section = root[options.section] ?? {};
    if (!isObject(section)) throw new ConfigurationTextError("section", `its "${options.section}" key is not an object`);
    config = root[options.section] = section;
  }
  const existing = Array.isArray(config[DASHBOARD_VARIABLES_KEY]) ? (config[DASHBOARD_VARIABLES_KEY] as unknown[]) : [];
  const kept = existing.filter((name): name is string => typeof name === "string" && isVariableName(name));
  config[DASHBOARD_VARIABLES_KEY] = sortedNames([...kept, ...names.filter(isVariableName)]);
  return `${JSON.stringify(root, null, text && text.trim() !== "" ? indentationOf(text) : 2)}\n`;
}

/**
 * The folder a new `.elestio-compose.json` goes in for a compose file in
 * `composeDir`: the nearest folder holding `.git` from there up to the
 * workspace folder (where the configuration search stops), else the
 * workspace folder, else (a file in no workspace folder) its own folder.
 */
export function newConfigurationFolder(composeDir: string, workspaceFolder: string | undefined, hasGit: (dir: string) => boolean): string {
  if (workspaceFolder === undefined) return composeDir;
  const inside = relative(workspaceFolder, composeDir);
  if (inside.startsWith("..") || isAbsolute(inside)) return composeDir;
  for (let dir = composeDir; ; dir = dirname(dir)) {
    if (hasGit(dir)) return dir;
    if (relative(workspaceFolder, dir) === "" || dirname(dir) === dir) return workspaceFolder;
  }
}
