/**
 * `npm run bench`: the engine against a bare YAML parse, the language
 * servers against yaml-language-server and compose-language-service, the CLI
 * against dclint, and the packaged extension. Writes bench/results.json and
 * BENCHMARKS.md.
 *
 *   npm run bench                 the full run (about 10 minutes on 2 cores)
 *   npm run bench -- --quick      a smoke run: small files, few repetitions, nothing written
 *   npm run bench -- --only engine,lsp,cli,package
 *   npm run bench -- --quick --out /tmp/bench   writes the results there
 *   npm run bench -- --report-only   BENCHMARKS.md again from bench/results.json
 *   npm run bench -- --corpus DIR    the CLI runs over DIR's compose files
 *
 * The CLI measurement runs over a folder of real compose files: `--corpus
 * DIR`, else COMPOSE_CORPUS, else ../shared/corpus beside the repository;
 * without one it is skipped, with a line saying so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { benchCli, type CliResult } from "./cli.js";
import { benchEngine, type EngineSummary } from "./engine.js";
import { fixtures, generatorName, SEED, SIZES, type Fixture } from "./generate.js";
import { benchServer, coldStart, packageDir, packageVersion, servers, type LspSizeResult, type ServerSpec } from "./lsp.js";
import { buildPackage, type PackageResult } from "./package.js";
import { writeReport } from "./report.js";
import { median, round } from "./stats.js";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-, 5- and 15-minute load averages when the run started and when it ended. */
  loadBefore: number[];
  loadAfter: number[];
}

export interface ColdStart {
  server: ServerSpec["id"];
  size: number;
  ms: number[];
  medianMs: number;
}

export interface Results {
  date: string;
  command: string;
  /** The commit measured, and whether the work tree differed from it. */
  commit?: string;
  durationS: number;
  machine: Machine;
  generator: { name: string; seed: number };
  fixtures: { size: number; lines: number; bytes: number }[];
  peers: Record<string, string>;
  servers: { id: ServerSpec["id"]; name: string; version: string; checks: string; languageId: string }[];
  engine?: EngineSummary;
  lsp?: LspSizeResult[];
  coldStart?: ColdStart[];
  cli?: CliResult;
  package?: PackageResult;
}

const repoRoot = resolve(__dirname, "..");

/** `git describe` of the checkout: the commit, with `-dirty` when files differ from it (undefined outside a checkout). */
function commitOf(root: string): string | undefined {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty", "--abbrev=12"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function parseArgs(argv: string[]): { quick: boolean; only: Set<string>; out?: string; corpus?: string } {
  const quick = argv.includes("--quick");
  const onlyIndex = argv.indexOf("--only");
  const only = new Set(onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? "").split(",") : ["package", "engine", "lsp", "cli"]);
  const outIndex = argv.indexOf("--out");
  const corpusIndex = argv.indexOf("--corpus");
  return { quick, only, out: outIndex >= 0 ? resolve(argv[outIndex + 1] ?? ".") : undefined, corpus: corpusIndex >= 0 ? (argv[corpusIndex + 1] ?? "") : undefined };
}

/**
 * The folder of compose files the CLI runs over, with how the report names it
 * (never by a path of this machine), or why there is none.
 */
function findCorpus(option: string | undefined): { dir: string; label: string } | { missing: string } {
  const given = option ?? process.env.COMPOSE_CORPUS;
  if (!given) {
    const shared = resolve(repoRoot, "..", "shared", "corpus");
    return existsSync(shared) ? { dir: shared, label: "../shared/corpus" } : { missing: "no ../shared/corpus beside the repository (give a folder with COMPOSE_CORPUS=DIR or --corpus DIR)" };
  }
  const from = option !== undefined ? "--corpus" : "COMPOSE_CORPUS";
  const dir = resolve(process.env.INIT_CWD ?? process.cwd(), given);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { missing: `${given} (${from}) is not a folder` };
  return { dir, label: `the corpus folder given in ${from}` };
}

/** How many opens, edits and bursts each server gets per size: the slow peers get fewer on the largest file (see BENCHMARKS.md). */
function plan(spec: ServerSpec, size: number, quick: boolean): { opens: number; edits: number; bursts: number } {
  if (quick) return { opens: 2, edits: 4, bursts: 1 };
  // yaml-language-server takes a minute or more per validation of the largest file: it is opened once, for its time and memory.
  if (size >= 20_000) return spec.id === "elestio" ? { opens: 3, edits: 20, bursts: 0 } : { opens: 1, edits: spec.id === "yaml-language-server" ? 0 : 10, bursts: 0 };
  const bursts = size === 5_000 ? 3 : 0;
  if (size >= 5_000 && spec.id === "yaml-language-server") return { opens: 3, edits: 20, bursts };
  return { opens: 5, edits: 20, bursts };
}

async function main(): Promise<void> {
  if (process.argv.includes("--report-only")) {
    // BENCHMARKS.md again from bench/results.json (after a change of the report's wording), without measuring.
    const results = JSON.parse(readFileSync(join(repoRoot, "bench", "results.json"), "utf8")) as Results;
    writeFileSync(join(repoRoot, "BENCHMARKS.md"), writeReport(results));
    return;
  }
  const { quick, only, out, corpus: corpusOption } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const machine: Machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    os: `${process.platform} ${release()}`,
    node: process.version,
    loadBefore: loadavg().map((l) => round(l, 2)),
    loadAfter: [],
  };
  log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadBefore.join(" ")}`);

  const sizes = quick ? [50, 500] : [...SIZES];
  const files: Fixture[] = fixtures(sizes);
  log(`files (${generatorName}, seed ${SEED}): ${files.map((f) => `${f.lines} lines`).join(", ")}`);
  const ourVersion = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
  const specs = servers(repoRoot, ourVersion);
  const results: Results = {
    date: new Date().toISOString(),
    command: `npm run bench${quick ? " -- --quick" : ""}`,
    commit: commitOf(repoRoot),
    durationS: 0,
    machine,
    generator: { name: generatorName, seed: SEED },
    fixtures: files.map(({ size, lines, bytes }) => ({ size, lines, bytes })),
    peers: {
      "yaml-language-server": packageVersion("yaml-language-server"),
      "@microsoft/compose-language-service": packageVersion("@microsoft/compose-language-service"),
      dclint: packageVersion("dclint"),
      yaml: packageVersion("yaml"),
    },
    servers: specs.map(({ id, name, version, checks, languageId }) => ({ id, name, version, checks, languageId })),
  };
  const workDir = mkdtempSync(join(tmpdir(), "elestio-bench-"));
  try {
    // The production bundles first: the servers and the CLI below run them.
    if (only.has("package") || only.has("lsp") || only.has("cli")) results.package = buildPackage(repoRoot, join(workDir, "package"), log);

    if (only.has("engine")) results.engine = await benchEngine(files, { budgetMs: quick ? 500 : 12_000, repoRoot, workDir, log });

    if (only.has("lsp")) {
      results.lsp = [];
      for (const fixture of files) {
        for (const spec of specs) {
          results.lsp.push(await benchServer(spec, fixture, workDir, { ...plan(spec, fixture.size, quick), settleMs: 150, timeoutMs: 600_000, log }));
        }
      }
      // Loading dist/server.js (and the peers) to their first diagnostics, on a 500-line file.
      const coldFile = files.find((f) => f.size === 500) ?? files[0];
      results.coldStart = [];
      for (const spec of specs) {
        const ms = await coldStart(spec, coldFile, workDir, quick ? 2 : 5, 120_000);
        results.coldStart.push({ server: spec.id, size: coldFile.size, ms, medianMs: round(median(ms), 1) });
        log(`cold start ${spec.id} (${coldFile.size} lines): ${round(median(ms), 1)} ms`);
      }
    }

    if (only.has("cli")) {
      const corpus = findCorpus(corpusOption);
      if ("dir" in corpus) {
        results.cli = benchCli({
          repoRoot,
          corpus: corpus.dir,
          corpusLabel: corpus.label,
          dclintBin: join(packageDir("dclint"), "bin", "dclint.cjs"),
          oursRuns: quick ? 1 : 5,
          dclintRuns: quick ? 1 : 3,
          dclintBudgetMs: 120_000,
          log,
        });
      } else log(`cli: skipped: ${corpus.missing}`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  machine.loadAfter = loadavg().map((l) => round(l, 2));
  results.durationS = round((Date.now() - started) / 1000, 1);
  log(`done in ${results.durationS} s, load ${machine.loadAfter.join(" ")}`);
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(out, "BENCHMARKS.md"), writeReport(results));
    log(`wrote ${join(out, "results.json")} and ${join(out, "BENCHMARKS.md")}`);
  } else if (quick || only.size < 4) {
    log("(a partial run: bench/results.json and BENCHMARKS.md are left as they are; --out DIR writes them there)");
  } else {
    writeFileSync(join(repoRoot, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(repoRoot, "BENCHMARKS.md"), writeReport(results));
    log("wrote bench/results.json and BENCHMARKS.md");
  }
  const failures = failedMeasurements(results);
  if (failures.length > 0) {
    for (const failure of failures) process.stderr.write(`bench: ${failure}\n`);
    process.exitCode = 1;
  }
}

/** What did not measure what it should have: a server that failed, our CLI failing, a server finding nothing in files with planted faults. */
function failedMeasurements(results: Results): string[] {
  const failures: string[] = [];
  for (const result of results.lsp ?? []) {
    if (result.error) failures.push(`${result.server} on the ${result.size}-line file: ${result.error}`);
    else if (result.server === "elestio" && result.diagnostics === 0) failures.push(`elestio reported nothing on the ${result.size}-line file, which has planted faults`);
  }
  if (results.cli && results.cli.ours.exitCode !== 0) failures.push(`elestio-compose-lint exited with ${results.cli.ours.exitCode} over the corpus`);
  if (results.engine?.results.some((r) => r.findings === 0)) failures.push("the engine found nothing in a generated file, which has planted faults");
  return failures;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
