// `npm run mutation` (after `stryker run`), or `npx tsx scripts/mutation-score.ts [REPORT]`:
// the mutation score of each part of the engine, from the incremental report
// (stryker-incremental.json, which holds every file's last verdicts, also
// those a `--mutate` run left alone), and whether each reaches its target:
// 90 % in engine/compose and engine/rules, 80 % in the rest of the engine.
//
// As Stryker counts it: killed and timed-out mutants over killed, timed-out,
// surviving and uncovered ones (a mutant no test runs is a survivor);
// mutants that do not compile are left out. Then every survivor must be
// listed in RELIABILITY.md's "Equivalent mutants" as `- FILE:LINE:COLUMN
// Mutator "original" -> "replacement": reason`, at the position the report
// gives, and every listed one must still survive. Exit 1 when a part misses
// its target, an engine file has no verdict yet or the list and the report
// disagree, 2 when there is no report.
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
  files: Record<string, { mutants: ReportedMutant[] }>;
}

export interface ReportedMutant {
  status: string;
  mutatorName?: string;
  replacement?: string;
  location?: { start: { line: number; column: number } };
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

/** A mutant as RELIABILITY.md lists it and as the survivors are compared with the list: file, position, mutator, replacement. */
const mutantKey = (file: string, line: number, column: number, mutator: string, replacement: string): string => `${file}:${line}:${column} ${mutator} -> ${JSON.stringify(replacement)}`;

const LISTED = /^- (server\/src\/engine\/\S+\.ts):(\d+):(\d+) (\w+) "(?:[^"\\]|\\.)*" -> ("(?:[^"\\]|\\.)*")/;

/**
 * The survivors the list of equivalent mutants does not name, and the listed
 * mutants that no longer survive (killed since, or moved: the list gives the
 * report's positions).
 */
export function unlisted(report: MutationReport, equivalents: string): { unlisted: string[]; stale: string[] } {
  const listed = new Set<string>();
  for (const line of equivalents.split("\n")) {
    const match = LISTED.exec(line);
    if (match) listed.add(mutantKey(match[1], Number(match[2]), Number(match[3]), match[4], JSON.parse(match[5]) as string));
  }
  const surviving = new Set<string>();
  for (const [name, file] of Object.entries(report.files)) {
    const rel = relative(root, resolve(root, name)).split("\\").join("/");
    if (!rel.startsWith(`${ENGINE}/`)) continue;
    for (const m of file.mutants) {
      if (UNDETECTED.has(m.status) && m.location) surviving.add(mutantKey(rel, m.location.start.line, m.location.start.column, m.mutatorName ?? "", m.replacement ?? ""));
    }
  }
  return { unlisted: [...surviving].filter((key) => !listed.has(key)), stale: [...listed].filter((key) => !surviving.has(key)) };
}

/** The "Equivalent mutants" section of RELIABILITY.md, up to the next heading of its level or above. */
export function equivalentsSection(markdown: string): string {
  const start = markdown.search(/^### Equivalent mutants$/m);
  if (start < 0) return "";
  const body = markdown.indexOf("\n", start);
  if (body < 0) return "";
  const rest = markdown.slice(body + 1);
  const end = rest.search(/^#{1,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

export const percent = (part: PartScore): number => (part.detected + part.undetected === 0 ? 100 : (100 * part.detected) / (part.detected + part.undetected));

function main(argv: string[]): number {
  const path = resolve(root, argv[0] ?? "stryker-incremental.json");
  if (!existsSync(path)) {
    process.stderr.write(`mutation-score: no report at ${relative(process.cwd(), path)}; run npm run mutation first\n`);
    return 2;
  }
  const report = JSON.parse(readFileSync(path, "utf8")) as MutationReport;
  const { parts, missing } = scores(report);
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
  const list = unlisted(report, equivalentsSection(readFileSync(join(root, "RELIABILITY.md"), "utf8")));
  if (list.unlisted.length > 0) {
    failed = true;
    process.stdout.write(`MISS ${list.unlisted.length} surviving mutant(s) neither killed nor listed as equivalent in RELIABILITY.md:\n`);
    for (const key of list.unlisted.slice(0, 10)) process.stdout.write(`       ${key}\n`);
  }
  if (list.stale.length > 0) {
    failed = true;
    process.stdout.write(`MISS ${list.stale.length} mutant(s) listed as equivalent in RELIABILITY.md that the report does not show surviving there:\n`);
    for (const key of list.stale.slice(0, 10)) process.stdout.write(`       ${key}\n`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
