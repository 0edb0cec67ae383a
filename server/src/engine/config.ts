/**
 * The project's own configuration: `.elestio-compose.json`, or the
 * `"elestio"` key of a package.json, the nearest one found upward from a
 * compose file. It says what the editor settings say (`pipelineFiles`, rule
 * severities), so that the CLI in CI and every editor on the project agree,
 * and what only the project knows: the names of the variables set under
 * Dashboard → Environment variables (`dashboardVariables`, never their values),
 * and the host ports the dashboard's reverse proxy forwards to (`proxyTargetPorts`).
 *
 *   { "pipelineFiles": ["deploy/compose.yml"], "rules": { "literal-secret": "error" }, "dashboardVariables": ["DB_PASSWORD"], "proxyTargetPorts": [8000] }
 *
 * The search stops at the folder holding `.git` (the checkout's root) or at
 * the filesystem root; the nearest file wins, there is no merging of several.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { editDistance } from "./suggest.js";
import { isVariableName } from "./dashboardVariables.js";
import { SEVERITY_SETTINGS, type SeveritySetting } from "./rules/types.js";

// For the VS Code client's import command, which takes from the engine this module and files.ts only.
export { ConfigurationTextError, newConfigurationFolder, parseDashboardBlock, withDashboardVariables } from "./dashboardVariables.js";

export const CONFIG_FILE_NAME = ".elestio-compose.json";
const PACKAGE_JSON_KEY = "elestio";

export interface ProjectConfig {
  /** Absolute path of the file it was read from. */
  readonly file: string;
  /** Replaces the default (or the editor's) pipeline file globs when set. */
  readonly pipelineFiles?: readonly string[];
  /** Severity per rule id, over the defaults (or the editor's) for the ids it names. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /**
   * The names of the variables set under Dashboard → Environment variables,
   * which the pipeline writes to `.env`: names only, never values. Unset: the
   * project does not say, and undefined-variable cannot tell what is set.
   */
  readonly dashboardVariables?: readonly string[];
  /**
   * The host ports Elestio's reverse proxy forwards to (`http://172.17.0.1:<port>/`),
   * as set in the dashboard. Unset: the project does not say, and
   * proxy-target-port can only tell when nothing is published for the proxy.
   */
  readonly proxyTargetPorts?: readonly number[];
}

export interface ConfigLookup {
  /** The valid part of the nearest configuration; undefined when there is none. */
  readonly config?: ProjectConfig;
  /** What is wrong with it, one phrase each; the parts in error are left out of `config`. */
  readonly problems: readonly string[];
  /** The configuration's name in messages: its path, with `("elestio")` for a package.json. */
  readonly shownAs?: string;
}

/** The problems of a configuration as one line: `.elestio-compose.json: unknown rule "x"; …`. */
export function describeProblems(lookup: ConfigLookup): string {
  return `${lookup.shownAs ?? "configuration"}: ${lookup.problems.join("; ")}`;
}

/** The configuration's keys, for "unknown key" problems. */
const KEYS = ["pipelineFiles", "rules", "dashboardVariables", "proxyTargetPorts"];

const NO_CONFIG: ConfigLookup = Object.freeze({ problems: Object.freeze([]) });

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}


/** ` (did you mean "x"?)` for the closest candidate a few edits away, else nothing. */
function didYouMean(value: string, candidates: readonly string[]): string {
  const wanted = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(wanted) && wanted.length >= 3 ? 1 : editDistance(wanted, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? "" : ` (did you mean "${best}"?)`;
}

/**
 * Reads a configuration from a file's text: a `.elestio-compose.json`, or a
 * package.json whose `"elestio"` key holds it (one without the key is no
 * configuration). `file` names it in the problems.
 */
function parseConfig(text: string, file: string, shownAs: string = file, ruleIds?: readonly string[]): ConfigLookup {
  const isPackageJson = basename(file) === "package.json";
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // A broken package.json is npm's problem, not a configuration of ours.
    if (isPackageJson) return NO_CONFIG;
    return { config: { file }, shownAs, problems: [`not valid JSON (${(error as Error).message})`] };
  }
  let section = json;
  let where = shownAs;
  if (isPackageJson) {
    if (!isObject(json) || !(PACKAGE_JSON_KEY in json)) return NO_CONFIG;
    section = json[PACKAGE_JSON_KEY];
    where = `${shownAs} ("${PACKAGE_JSON_KEY}")`;
  }
  if (!isObject(section)) return { config: { file }, shownAs: where, problems: [`expected an object such as {"rules": {"no-container-name": "warning"}}`] };

  const problems: string[] = [];
  const config: { file: string; pipelineFiles?: string[]; rules?: Record<string, SeveritySetting>; dashboardVariables?: string[]; proxyTargetPorts?: number[] } = { file };
  for (const [key, value] of Object.entries(section)) {
    if (key === "$schema") continue;
    if (key === "pipelineFiles") {
      const globs = typeof value === "string" ? [value] : value;
      if (Array.isArray(globs) && globs.length > 0 && globs.every((glob) => typeof glob === "string" && glob.trim() !== "")) config.pipelineFiles = globs as string[];
      else problems.push(`"pipelineFiles" must be a non-empty list of globs, such as ["docker-compose.yml"]`);
    } else if (key === "rules") {
      if (!isObject(value)) {
        problems.push(`"rules" must be an object of rule ids to off, hint, info, warning or error`);
        continue;
      }
      const rules: Record<string, SeveritySetting> = {};
      for (const [id, severity] of Object.entries(value)) {
        if (ruleIds && !ruleIds.includes(id)) {
          problems.push(`unknown rule "${id}"${didYouMean(id, ruleIds)}`);
        } else if (typeof severity !== "string" || !(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
          // As JSON: quoted, and a stray tab or newline pasted with the setting shows.
          const shown = JSON.stringify(severity);
          const hint = typeof severity === "string" ? didYouMean(severity, SEVERITY_SETTINGS) : "";
          problems.push(`rule "${id}" takes off, hint, info, warning or error, not ${shown}${hint}`);
        } else rules[id] = severity as SeveritySetting;
      }
      config.rules = rules;
    } else if (key === "dashboardVariables") {
      const names = dashboardVariables(value, problems);
      if (names) config.dashboardVariables = names;
    } else if (key === "proxyTargetPorts") {
      const ports = proxyTargetPorts(value, problems);
      if (ports) config.proxyTargetPorts = ports;
    } else {
      problems.push(`unknown key "${key}"${didYouMean(key, KEYS) || " (the keys are pipelineFiles, rules, dashboardVariables and proxyTargetPorts)"}`);
    }
  }
  return { config, problems, shownAs: where };
}

/**
 * `dashboardVariables`: the valid names of the list, a problem for each entry
 * that is not one. A problem never quotes what follows an `=`: an entry
 * pasted as `KEY=value` holds a value, which must not reach a log.
 */
function dashboardVariables(value: unknown, problems: string[]): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.push(`"dashboardVariables" must be a list of variable names, such as ["DJANGO_SECRET_KEY", "DB_PASSWORD"]`);
    return undefined;
  }
  const names: string[] = [];
  for (const entry of value) {
    if (typeof entry === "string" && isVariableName(entry)) {
      names.push(entry);
      continue;
    }
    if (typeof entry !== "string") {
      problems.push(`"dashboardVariables" holds variable names (strings), not ${entry === null ? "null" : Array.isArray(entry) ? "a list" : typeof entry}`);
      continue;
    }
    const equals = entry.indexOf("=");
    const name = (equals >= 0 ? entry.slice(0, equals) : entry).trim().replace(/^export\s+/, "");
    if (equals >= 0 && isVariableName(name)) problems.push(`"dashboardVariables" holds names only, without values: write "${name}"`);
    else problems.push(`"dashboardVariables": ${JSON.stringify(shortEntry(equals >= 0 ? `${name}=…` : entry))} is not a variable name (letters, digits and _, not starting with a digit)`);
  }
  return names;
}

/**
 * `proxyTargetPorts`: the valid ports of the list (integers from 1 to 65535),
 * or the one port written alone; a problem for each entry that is not one.
 */
function proxyTargetPorts(value: unknown, problems: string[]): number[] | undefined {
  const isPort = (entry: unknown): entry is number => typeof entry === "number" && Number.isInteger(entry) && entry >= 1 && entry <= 65535;
  // One port may be written alone, as one glob may be for pipelineFiles.
  if (isPort(value)) return [value];
  if (!Array.isArray(value)) {
    problems.push(`"proxyTargetPorts" must be a list of ports, such as [8000]`);
    return undefined;
  }
  const ports: number[] = [];
  for (const entry of value) {
    if (isPort(entry)) ports.push(entry);
    else if (typeof entry === "number") problems.push(`"proxyTargetPorts": ${String(entry)} is not a port (an integer from 1 to 65535)`);
    else if (typeof entry === "string" && /^\s*\d+\s*$/.test(entry)) problems.push(`"proxyTargetPorts" holds numbers, not strings: write ${Number(entry)}`);
    else {
      const shown = typeof entry === "string" ? `the string ${JSON.stringify(shortEntry(entry))}` : entry === null ? "null" : Array.isArray(entry) ? "a list" : typeof entry;
      problems.push(`"proxyTargetPorts" holds port numbers, not ${shown}`);
    }
  }
  return ports;
}

/** An entry as a problem quotes it: at most 40 characters. */
function shortEntry(entry: string): string {
  return entry.length <= 40 ? entry : `${entry.slice(0, 39)}…`;
}

interface CachedFile {
  stamp: string;
  lookup: ConfigLookup;
}

function stampOf(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the configuration of compose files. Each candidate is read again only
 * when its size or modification time changed, so a long-running server sees
 * edits without a file watcher, and a CLI run over many files reads each
 * configuration once.
 */
export class ConfigFinder {
  private readonly files = new Map<string, CachedFile>();

  /**
   * `display` turns a configuration's absolute path into the name its problems
   * give it; `ruleIds` are the ids a configuration may name (the CLI and the
   * server pass the registry's; the VS Code client, which only needs
   * `pipelineFiles`, passes none and stays small).
   */
  constructor(
    private readonly display: (path: string) => string = (path) => path,
    private readonly ruleIds?: readonly string[],
  ) {}

  /** The configuration that applies to the compose file at `filePath` (or would, for a name given to standard input). */
  find(filePath: string): ConfigLookup {
    for (let dir = dirname(resolve(filePath)); ; dir = dirname(dir)) {
      for (const name of [CONFIG_FILE_NAME, "package.json"]) {
        const found = this.read(join(dir, name));
        if (found) return found;
      }
      // `.git` is a folder in a checkout, a file in a worktree or submodule: either way the root.
      if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return NO_CONFIG;
    }
  }

  /** The lookup of one candidate file: undefined when it does not exist or configures nothing. */
  private read(path: string): ConfigLookup | undefined {
    const stamp = stampOf(path);
    if (stamp === undefined) {
      this.files.delete(path);
      return undefined;
    }
    let cached = this.files.get(path);
    if (!cached || cached.stamp !== stamp) {
      let lookup: ConfigLookup;
      try {
        lookup = parseConfig(readFileSync(path, "utf8"), path, this.display(path), this.ruleIds);
      } catch (error) {
        lookup = { config: { file: path }, shownAs: this.display(path), problems: [`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`] };
      }
      cached = { stamp, lookup };
      this.files.set(path, cached);
    }
    return cached.lookup.config || cached.lookup.problems.length > 0 ? cached.lookup : undefined;
  }
}
