/**
 * The CLIs over the whole corpus, as a CI job runs them: one process each,
 * every compose file of the corpus folder (../shared/corpus unless run.ts is
 * given another) named on its command line, timed from spawn to exit.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { median, now, round } from "./stats.js";

function corpusFiles(corpus: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/i.test(name)) files.push(path);
    }
  };
  walk(corpus);
  return files;
}

export interface CliRun {
  ms: number[];
  medianMs: number;
  exitCode: number | null;
  outputBytes: number;
}

export interface CliResult {
  /** How the report names the folder ("../shared/corpus", or the variable or option that gave it). */
  corpus?: string;
  files: number;
  bytes: number;
  ours: CliRun;
  dclint: CliRun;
  /** dclint median / ours median. */
  speedup: number;
}

function run(command: string[], cwd: string): { ms: number; exitCode: number | null; outputBytes: number } {
  const start = now();
  const result = spawnSync(command[0], command.slice(1), { cwd, encoding: "buffer", maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: "", FORCE_COLOR: "0" } });
  const ms = now() - start;
  if (result.error) throw result.error;
  return { ms, exitCode: result.status, outputBytes: (result.stdout?.length ?? 0) + (result.stderr?.length ?? 0) };
}

export function benchCli(options: {
  repoRoot: string;
  corpus: string;
  corpusLabel: string;
  dclintBin: string;
  oursRuns: number;
  dclintRuns: number;
  /** dclint takes minutes over the corpus: no further run is started past this much of its time. */
  dclintBudgetMs: number;
  log: (line: string) => void;
}): CliResult {
  const files = corpusFiles(options.corpus);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const ours = [process.execPath, join(options.repoRoot, "dist", "cli.js"), "--format", "json", "--exit-zero", ...files];
  const dclint = [process.execPath, options.dclintBin, "--formatter", "json", ...files];
  const runs: Record<"ours" | "dclint", ReturnType<typeof run>[]> = { ours: [], dclint: [] };
  let dclintMs = 0;
  // Interleaved, so that a change of load hits both.
  for (let i = 0; i < Math.max(options.oursRuns, options.dclintRuns); i++) {
    if (i < options.oursRuns) runs.ours.push(run(ours, options.repoRoot));
    if (i < options.dclintRuns && (i === 0 || dclintMs < options.dclintBudgetMs)) {
      const result = run(dclint, options.repoRoot);
      dclintMs += result.ms;
      runs.dclint.push(result);
    }
  }
  const summary = (list: ReturnType<typeof run>[]): CliRun => ({
    ms: list.map((r) => round(r.ms, 1)),
    medianMs: round(median(list.map((r) => r.ms)), 1),
    exitCode: list[0]?.exitCode ?? null,
    outputBytes: list[0]?.outputBytes ?? 0,
  });
  const result: CliResult = { corpus: options.corpusLabel, files: files.length, bytes, ours: summary(runs.ours), dclint: summary(runs.dclint), speedup: 0 };
  result.speedup = round(result.dclint.medianMs / result.ours.medianMs, 1);
  options.log(`cli over ${files.length} files: ours ${result.ours.medianMs} ms, dclint ${result.dclint.medianMs} ms (${result.speedup}x)`);
  return result;
}
