// `npm run mutation` (after `stryker run`), or `npx tsx scripts/mutation-score.ts [REPORT]`:
// the mutation score of each part of the engine, from the incremental report
// (stryker-incremental.json, which holds every file's last verdicts, also
// those a `--mutate` run left alone), and whether each reaches its target:
// 90 % in engine/compose and engine/rules, 80 % in the rest of the engine.
//
// As Stryker counts it: killed and timed-out mutants over killed, timed-out,
// surviving and uncovered ones (a mutant no test runs is a survivor);
// mutants that do not compile are left out. Exit 1 when a part misses its
// target or an engine file has no verdict yet, 2 when there is no report.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ENGINE = "server/src/engine";

/** The parts the targets apply to, first match wins. */
export interface Part {
  name: string;
  prefix: string;
  /** The lowest score it may have, in percent. */
  target: number;
}

export interface PartScore extends Part {
  detected: number;
  undetected: number;
  /** Surviving and uncovered mutants, by file. */
  survivors: Map<string, number>;
}

/** What scores() reads of Stryker's report (mutation-testing-report-schema). */
export interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

export const PARTS: readonly Part[] = [
  { name: "engine/compose", prefix: `${ENGINE}/compose/`, target: 90 },
  { name: "engine/rules", prefix: `${ENGINE}/rules/`, target: 90 },
  { name: "engine (the rest)", prefix: `${ENGINE}/`, target: 80 },
];

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

function engineFiles(dir = join(root, ENGINE)): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...engineFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(relative(root, path).split("\\").join("/"));
  }
  return files.sort();
}

/** Per part: detected, undetected, survivors by file; and the engine files without a verdict. */
export function scores(report: MutationReport, files: readonly string[] = engineFiles()): { parts: PartScore[]; missing: string[] } {
  const parts: PartScore[] = PARTS.map((part) => ({ ...part, detected: 0, undetected: 0, survivors: new Map<string, number>() }));
  const reported = new Set<string>();
  for (const [name, file] of Object.entries(report.files)) {
    const rel = relative(root, resolve(root, name)).split("\\").join("/");
    const part = parts.find((p) => rel.startsWith(p.prefix));
    if (!part) continue;
    reported.add(rel);
    for (const mutant of file.mutants) {
      if (DETECTED.has(mutant.status)) part.detected++;
      else if (UNDETECTED.has(mutant.status)) {
        part.undetected++;
        part.survivors.set(rel, (part.survivors.get(rel) ?? 0) + 1);
      }
    }
  }
  // A file whose every mutant fails to compile, or that has none, has no entry: only files that hold code count as missing.
  const missing = files.filter((file) => !reported.has(file) && /\b(function|=>|if|return)\b/.test(readFileSync(join(root, file), "utf8")));
  return { parts, missing };
}

export const percent = (part: PartScore): number => (part.detected + part.undetected === 0 ? 100 : (100 * part.detected) / (part.detected + part.undetected));

function main(argv: string[]): number {
  const path = resolve(root, argv[0] ?? "stryker-incremental.json");
  if (!existsSync(path)) {
    process.stderr.write(`mutation-score: no report at ${relative(process.cwd(), path)}; run npm run mutation first\n`);
    return 2;
  }
  const { parts, missing } = scores(JSON.parse(readFileSync(path, "utf8")) as MutationReport);
  let failed = false;
  for (const part of parts) {
    const score = percent(part);
    const ok = score >= part.target;
    failed ||= !ok;
    const total = part.detected + part.undetected;
    process.stdout.write(`${ok ? "ok  " : "MISS"} ${part.name.padEnd(18)} ${score.toFixed(2).padStart(6)} % killed (${part.detected} of ${total}; target ${part.target} %)\n`);
    const worst = [...part.survivors].sort((a, b) => b[1] - a[1]).slice(0, ok ? 0 : 5);
    for (const [file, count] of worst) process.stdout.write(`       ${count} surviving in ${file}\n`);
  }
  if (missing.length > 0) {
    failed = true;
    const shown = missing.slice(0, 5).join(", ");
    process.stdout.write(`MISS ${missing.length} engine file(s) not mutated yet: ${shown}${missing.length > 5 ? ", …" : ""}\n`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
