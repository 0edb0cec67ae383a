/** What the CLI reads and writes: the files to lint, standard input, fixed files. */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isComposeFileName } from "./engine/files.js";

/** A usage or input error: one line on stderr, exit 2. */
export class UsageError extends Error {}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git", "dist", "vendor"]);

function findComposeFiles(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) findComposeFiles(join(dir, entry.name), found);
    } else if (entry.isFile() && isComposeFileName(entry.name)) {
      found.push(join(dir, entry.name));
    }
  }
}

/** The files to lint: named files as given, folders searched; a missing path is a usage error. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      findComposeFiles(path, found);
      files.push(...found);
    } else files.push(path);
  }
  if (files.length === 0) throw new UsageError(`no compose files found in ${paths.join(", ")}`);
  return [...new Set(files)];
}

export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * --fix writes the file only where it is: a symlink is left alone, so that a
 * link in a repository can never make the CLI write outside it.
 */
export function writeFixed(path: string, text: string): void {
  if (lstatSync(path).isSymbolicLink()) throw new UsageError(`not fixing ${path}: it is a symbolic link (${realpathSync(path)})`);
  writeFileSync(path, text);
}
