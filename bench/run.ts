/**
 * `npm run bench`: the engine against a bare YAML parse, the language
 * servers against yaml-language-server and compose-language-service, the CLI
 * against dclint, and the packaged extension. Writes bench/results.json and
 * BENCHMARKS.md.
 *
 *   npm run bench                 the full run (about 15 minutes on 2 cores)
 *   npm run bench -- --quick      a smoke run: small files, few repetitions, nothing written
 *   npm run bench -- --only engine,lsp,cli,package
 *   npm run bench -- --quick --out /tmp/bench   writes the results there
 *   npm run bench -- --report-only   BENCHMARKS.md again from bench/results.json
 *   npm run bench -- --corpus DIR    the CLI runs over DIR's compose files
 *   npm run bench -- --sizes 500,5000 --servers elestio,yaml-language-server   fewer files or servers (a partial run)
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
import { bareParse, benchEngine, type BareParse, type EngineSummary } from "./engine.js";
import { fixtures, generatorName, PLAIN_SIZES, SEED, SIZES, TYPING_SIZES, type Fixture, type Generator } from "./generate.js";
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

export interface PreviousRun {
  date: string;
  commit?: string;
  os: string;
  loadBefore: number[];
  coldStartMs?: number;
  lsp: { server: ServerSpec["id"]; size: number; generator: Generator; openP50: number; editP50: number; typingP50?: number }[];
}

export interface Results {
  date: string;
  command: string;
  /** The commit measured, and whether the work tree differed from it. */
  commit?: string;
  durationS: number;
  machine: Machine;
  generator: { name: string; seed: number };
  /** The files (results of runs before there were two generators have no `generator`: the anchors one). */
  fixtures: { size: number; generator?: Generator; lines: number; bytes: number; aliases?: number }[];
  peers: Record<string, string>;
  servers: { id: ServerSpec["id"]; name: string; version: string; checks: string; languageId: string }[];
  engine?: EngineSummary;
  lsp?: LspSizeResult[];
  /** A bare `yaml.parseDocument` of each file the typing measurement edits: the floor of an edit's latency. */
  bareParse?: BareParse[];
  coldStart?: ColdStart[];
  /** Figures of the run before this one (bench/results.json as it was), for the no-regression targets and the run-to-run comparison. */
  previous?: PreviousRun;
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

interface Args {
  quick: boolean;
  only: Set<string>;
  out?: string;
  corpus?: string;
  /** `--sizes 500,5000`: only the files of these sizes (both generators). */
  sizes?: number[];
  /** `--servers elestio,yaml-language-server`: only these servers. */
  servers?: string[];
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? (argv[index + 1] ?? "") : undefined;
  };
  const list = (flag: string) => value(flag)?.split(",").filter((item) => item !== "");
  const out = value("--out");
  return {
    quick: argv.includes("--quick"),
    only: new Set(list("--only") ?? ["package", "engine", "lsp", "cli"]),
    out: out === undefined ? undefined : resolve(out || "."),
    corpus: value("--corpus"),
    sizes: list("--sizes")?.map(Number),
    servers: list("--servers"),
  };
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

/** Typing edits on a file: at 30 places spread through it (a p50 of fewer moves with the machine). */
const TYPING_EDITS = 30;
/** Quiet edits where one of the peer's takes seconds (yaml-language-server on the 5,000-line anchors file): the typing ones are the target's. */
const SLOW_QUIET_EDITS = 10;

/**
 * How many opens, quiet edits, typing edits and bursts each server gets per
 * file: the slow peers get fewer where one edit takes seconds (BENCHMARKS.md
 * says so under its tables).
 */
function plan(spec: ServerSpec, fixture: Fixture, quick: boolean): { opens: number; edits: number; typing: number; bursts: number } {
  const { size, generator } = fixture;
  const typed = (TYPING_SIZES as readonly number[]).includes(size);
  // compose-language-service waits 1,000 ms after every change whatever the file: a few typing edits show it.
  const composeTyping = 5;
  if (quick) return { opens: 2, edits: 4, typing: typed ? (spec.id === "compose-language-service" ? 2 : 3) : 0, bursts: generator === "anchors" ? 1 : 0 };
  // yaml-language-server takes a minute or more per validation of the largest file: it is opened once, for its time and memory.
  if (size >= 20_000) return spec.id === "elestio" ? { opens: 3, edits: 20, typing: 0, bursts: 0 } : { opens: 1, edits: spec.id === "yaml-language-server" ? 0 : 10, typing: 0, bursts: 0 };
  const bursts = size === 5_000 && generator === "anchors" ? 3 : 0;
  const typing = typed ? TYPING_EDITS : 0;
  // The plain files are for typing: their quiet rows need fewer repetitions.
  const opens = generator === "plain" ? 3 : 5;
  const edits = generator === "plain" && spec.id !== "elestio" ? 10 : 20;
  if (spec.id === "compose-language-service") return { opens, edits, typing: typed ? composeTyping : 0, bursts };
  // Seconds per validation of the anchors file: fewer opens and quiet edits (all 15 typing edits: the target is theirs).
  if (size >= 5_000 && generator === "anchors" && spec.id === "yaml-language-server") return { opens: 3, edits: SLOW_QUIET_EDITS, typing, bursts };
  return { opens, edits, typing, bursts };
}

async function main(): Promise<void> {
  if (process.argv.includes("--report-only")) {
    // BENCHMARKS.md again from bench/results.json (after a change of the report's wording), without measuring.
    const results = JSON.parse(readFileSync(join(repoRoot, "bench", "results.json"), "utf8")) as Results;
    writeFileSync(join(repoRoot, "BENCHMARKS.md"), writeReport(results));
    return;
  }
  const { quick, only, out, corpus: corpusOption, sizes: sizesOption, servers: serversOption } = parseArgs(process.argv.slice(2));
  const previous = previousRun();
  const partial = only.size < 4 || sizesOption !== undefined || serversOption !== undefined;
  // What the report names of the command: the options that change what is measured (no paths of this machine).
  const commandOptions = [
    ...(quick ? ["--quick"] : []),
    ...(only.size < 4 ? [`--only ${[...only].join(",")}`] : []),
    ...(sizesOption ? [`--sizes ${sizesOption.join(",")}`] : []),
    ...(serversOption ? [`--servers ${serversOption.join(",")}`] : []),
  ];
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

  const wanted = (sizes: readonly number[]) => sizes.filter((size) => !sizesOption || sizesOption.includes(size));
  // Anchors and plain files of a size side by side, smallest first.
  const files: Fixture[] = [...fixtures(wanted(quick ? [50, 500] : SIZES), "anchors"), ...fixtures(wanted(quick ? [500] : PLAIN_SIZES), "plain")].sort((a, b) => a.size - b.size || a.generator.localeCompare(b.generator));
  log(`files (${generatorName}, seed ${SEED}): ${files.map((f) => `${f.lines} lines ${f.generator}`).join(", ")}`);
  const ourVersion = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
  const specs = servers(repoRoot, ourVersion).filter((spec) => !serversOption || serversOption.includes(spec.id));
  const results: Results = {
    date: new Date().toISOString(),
    command: `npm run bench${commandOptions.length > 0 ? ` -- ${commandOptions.join(" ")}` : ""}`,
    commit: commitOf(repoRoot),
    durationS: 0,
    machine,
    generator: { name: generatorName, seed: SEED },
    fixtures: files.map(({ size, generator, lines, bytes, aliases }) => ({ size, generator, lines, bytes, aliases })),
    peers: {
      "yaml-language-server": packageVersion("yaml-language-server"),
      "@microsoft/compose-language-service": packageVersion("@microsoft/compose-language-service"),
      dclint: packageVersion("dclint"),
      yaml: packageVersion("yaml"),
    },
    servers: specs.map(({ id, name, version, checks, languageId }) => ({ id, name, version, checks, languageId })),
    previous,
  };
  const workDir = mkdtempSync(join(tmpdir(), "elestio-bench-"));
  try {
    // The production bundles first: the servers and the CLI below run them.
    if (only.has("package") || only.has("lsp") || only.has("cli")) results.package = buildPackage(repoRoot, join(workDir, "package"), log);

    // The engine's ratio to the bare parse is measured on the anchors files, as in every earlier run.
    const anchorFiles = files.filter((f) => f.generator === "anchors");
    if (only.has("engine") && anchorFiles.length > 0) results.engine = await benchEngine(anchorFiles, { budgetMs: quick ? 500 : 12_000, repoRoot, workDir, log });

    if (only.has("lsp")) {
      results.lsp = [];
      results.bareParse = [];
      for (const fixture of files) {
        // The floor of the typing edits, timed in this process while no server runs, just before the servers edit the file.
        if ((TYPING_SIZES as readonly number[]).includes(fixture.size)) {
          const floor = bareParse(fixture, quick ? 5 : 15);
          results.bareParse.push(floor);
          log(`bare parse ${fixture.size} lines ${fixture.generator}: ${floor.medianMs} ms`);
        }
        for (const spec of specs) {
          results.lsp.push(await benchServer(spec, fixture, workDir, { ...plan(spec, fixture, quick), settleMs: 150, timeoutMs: 600_000, log }));
        }
      }
      // Loading dist/server.js (and the peers) to their first diagnostics, on a 500-line file.
      const coldFile = anchorFiles.find((f) => f.size === 500) ?? files[0];
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
  } else if (quick || partial) {
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

/** The figures of bench/results.json before this run writes it (none when it is missing or unreadable). */
function previousRun(): Results["previous"] {
  try {
    const before = JSON.parse(readFileSync(join(repoRoot, "bench", "results.json"), "utf8")) as Results;
    return {
      date: before.date,
      commit: before.commit,
      os: before.machine.os,
      loadBefore: before.machine.loadBefore,
      coldStartMs: before.coldStart?.find((c) => c.server === "elestio")?.medianMs,
      lsp: (before.lsp ?? []).map((r) => ({ server: r.server, size: r.size, generator: r.generator ?? "anchors", openP50: r.openP50, editP50: r.editP50, typingP50: r.typingP50 })),
    };
  } catch {
    return undefined;
  }
}

/** What did not measure what it should have: a server that failed, our CLI failing, a server finding nothing in files with planted faults. */
function failedMeasurements(results: Results): string[] {
  const failures: string[] = [];
  for (const result of results.lsp ?? []) {
    const file = `the ${result.size}-line ${result.generator ?? "anchors"} file`;
    if (result.error) failures.push(`${result.server} on ${file}: ${result.error}`);
    else if (result.server === "elestio" && result.diagnostics === 0) failures.push(`elestio reported nothing on ${file}, which has planted faults`);
  }
  if (results.cli && results.cli.ours.exitCode !== 0) failures.push(`elestio-compose-lint exited with ${results.cli.ours.exitCode} over the corpus`);
  if (results.engine?.results.some((r) => r.findings === 0)) failures.push("the engine found nothing in a generated file, which has planted faults");
  return failures;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
