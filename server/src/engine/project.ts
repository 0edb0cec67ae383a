/**
 * What the engine may know of the files around a compose file: whether an
 * env file exists, whether Git ignores it, and the variables of the `.env`
 * beside it. Reads stay inside a root folder (the workspace, or the Git
 * checkout): a path such as `../../etc/passwd` or a symlink out of the root is
 * never read, and its existence is reported as unknown.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { trackedPaths } from "./gitIndex.js";

export interface ProjectFiles {
  /** Absolute path of the compose file. */
  readonly filePath: string;
  /** True, false, or undefined when the path is outside the root and is not looked at. */
  exists(path: string): boolean | undefined;
  /** Whether Git ignores the path (per the .gitignore files from the root down); undefined outside the root. */
  isGitIgnored(path: string): boolean | undefined;
  /** Whether the Git checkout tracks the file (its `.git/index` lists it); undefined without a readable index or outside the root. */
  isGitTracked?(path: string): boolean | undefined;
  /** Variables of the `.env` file beside the compose file, or undefined when there is none. */
  dotEnv(): ReadonlyMap<string, string> | undefined;
  /** The text of a small file (a Dockerfile) inside the root; undefined when missing, too large or outside the root. */
  readText(path: string): string | undefined;
}

/** The nearest folder at or above `start` holding `.git`, or undefined. */
function findGitRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  // Only `..` itself leads out: `..data` is a name inside.
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function readSmallText(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > 1_000_000) return undefined;
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Parses a `.env` file: `KEY=value` lines, `export KEY=value`, quotes, comments. */
function parseDotEnv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    // `s`: a U+2028 in a value is part of it, as for compose; the lines are split above.
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/s.exec(rawLine);
    if (!match) continue;
    let value = match[2].trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) value = value.slice(1, value.lastIndexOf(quote));
    else value = value.replace(/\s+#.*$/s, "");
    vars.set(match[1], value);
  }
  return vars;
}

export function fileProject(filePath: string, rootDir?: string): ProjectFiles {
  const absolute = resolve(filePath);
  const dir = dirname(absolute);
  const root = resolve(rootDir ?? findGitRoot(dir) ?? dir);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  let ignoreLevels: { dir: string; rules: Ignore }[] | undefined;
  let dotEnvCache: { value: ReadonlyMap<string, string> | undefined } | undefined;
  let tracked: { root: string; paths: Set<string> | undefined } | undefined;

  /** The real path of `path` when it resolves inside the root, else undefined. */
  const confined = (path: string): string | undefined => {
    const target = resolve(dir, path);
    if (!isInside(root, target)) return undefined;
    try {
      const real = realpathSync(target);
      return isInside(realRoot, real) ? real : undefined;
    } catch {
      return target; // does not exist (yet): its lexical path is inside the root
    }
  };

  const levels = () => {
    if (ignoreLevels) return ignoreLevels;
    ignoreLevels = [];
    if (!isInside(root, dir)) return ignoreLevels;
    const chain: string[] = [];
    for (let d = dir; isInside(root, d); d = dirname(d)) {
      chain.unshift(d);
      if (d === root || dirname(d) === d) break;
    }
    for (const d of chain) {
      const text = readSmallText(join(d, ".gitignore"));
      if (text !== undefined) ignoreLevels.push({ dir: d, rules: ignore().add(text) });
    }
    return ignoreLevels;
  };

  return {
    filePath: absolute,
    exists(path) {
      const target = resolve(dir, path);
      if (!isInside(root, target)) return undefined;
      // Nothing there (a dangling link included): no link to follow. The language server asks after each edit,
      // for every mounted file, and realpath throws on a missing one, which costs more than the stat.
      if (!existsSync(target)) return false;
      const real = confined(path);
      return real === undefined ? undefined : existsSync(real);
    },
    isGitIgnored(path) {
      const target = resolve(dir, path);
      if (!isInside(root, target)) return undefined;
      let ignored = false;
      for (const level of levels()) {
        const rel = relative(level.dir, target).split(sep).join("/");
        if (!rel || rel === ".." || rel.startsWith("../")) continue;
        const result = level.rules.test(rel);
        if (result.ignored) ignored = true;
        else if (result.unignored) ignored = false;
      }
      return ignored;
    },
    isGitTracked(path) {
      const target = resolve(dir, path);
      if (!isInside(root, target)) return undefined;
      if (!tracked) {
        const gitRoot = findGitRoot(dir);
        tracked = { root: gitRoot ?? dir, paths: gitRoot !== undefined && isInside(root, gitRoot) ? trackedPaths(gitRoot) : undefined };
      }
      if (!tracked.paths || !isInside(tracked.root, target)) return undefined;
      return tracked.paths.has(relative(tracked.root, target).split(sep).join("/"));
    },
    readText(path) {
      const real = confined(path);
      return real === undefined ? undefined : readSmallText(real);
    },
    dotEnv() {
      if (!dotEnvCache) {
        const real = confined(".env");
        const text = real === undefined ? undefined : readSmallText(real);
        dotEnvCache = { value: text === undefined ? undefined : parseDotEnv(text) };
      }
      return dotEnvCache.value;
    },
  };
}
