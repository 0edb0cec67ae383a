/** What the CLI reads and writes: the files to lint, standard input, fixed files. */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isComposeFileName } from "../engine/files.js";

/** A usage or input error: one line on stderr, exit 2. */
export class UsageError extends Error {}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git", "dist", "vendor"]);

function findComposeFiles(dir: string, cwd: string, found: string[]): void {
  for (const entry of readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) findComposeFiles(join(dir, entry.name), cwd, found);
    } else if (entry.isFile() && isComposeFileName(entry.name)) {
      found.push(join(dir, entry.name));
    }
  }
}

/** The files to lint, as the user named them (relative to `cwd`): named files as given, folders searched; a missing path is a usage error. */
export function collectFiles(paths: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(resolve(cwd, path));
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      findComposeFiles(path, cwd, found);
      files.push(...found);
    } else files.push(path);
  }
  if (files.length === 0) throw new UsageError(`no compose files found in ${paths.join(", ")}`);
  return [...new Set(files)];
}

export function readText(path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}


/**
 * --fix writes the file only where it is: a symlink is left alone, so that a
 * link in a repository can never make the CLI write outside it.
 */
export function writeFixed(path: string, text: string, cwd: string): void {
  const absolute = resolve(cwd, path);
  if (lstatSync(absolute).isSymbolicLink()) throw new UsageError(`not fixing ${path}: it is a symbolic link (${realpathSync(absolute)})`);
  writeFileSync(absolute, text);
}
