/** Runs the CLI as a user would, in a folder of the test's choosing: the bundle as a process, or the sources in-process. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { runCli as runCliSource, type CliIO } from "../../server/src/cli/cli.js";

const CLI = resolve("dist/cli.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", LANG: "en_US.UTF-8", ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * runCli from the sources, in this process, with an English, colourless
 * environment as `runCli` gives the bundle: the same output and exit code as
 * the process (test/cli/in-process.test.ts), and modules a test mocks apply.
 */
export async function runCliInProcess(args: string[], cwd: string, stdin = ""): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    cwd,
    env: { NO_COLOR: "1", LANG: "en_US.UTF-8" },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: () => Promise.resolve(stdin),
  };
  const status = await runCliSource(args, io);
  return { status, stdout, stderr };
}

/** A temporary project folder (a Git checkout, so .gitignore applies) holding the given files; `prefix` names it in the temp folder. */
export function tempProject(files: Record<string, string> = {}, prefix = "elestio-cli-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, ".git"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
