/**
 * The engine against its floor: `parseCompose` + every rule (`lint`, as the
 * language server and the CLI run it on a pipeline file) against a bare
 * `yaml.parseDocument` of the same text, interleaved in the same rounds so
 * that a load change hits both alike.
 *
 * The engine measured is the one that ships: bench/engine-entry.ts bundled
 * with esbuild.mjs's production options, as in dist/server.js and dist/cli.js.
 * (Run from the TypeScript sources through tsx, every function of ours would
 * also pay for the names tsx keeps, and the yaml library would not.) The floor
 * is the `yaml` package itself, as any tool loads it.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { parseDocument } from "yaml";
import type { parseCompose as ParseCompose } from "../server/src/engine/compose/model.js";
import type { lint as Lint } from "../server/src/engine/lint.js";
import type { Fixture } from "./generate.js";
import { median, now, round } from "./stats.js";

interface Engine {
  parseCompose: typeof ParseCompose;
  lint: typeof Lint;
  ownParse: (text: string) => unknown;
}

/** Bundles the engine into `dir` as the production build bundles it, and loads it. */
async function shippedEngine(repoRoot: string, dir: string): Promise<Engine> {
  const { commonOptions } = (await import(join(repoRoot, "esbuild.mjs"))) as { commonOptions: (production: boolean) => object };
  const outfile = join(dir, "engine.cjs");
  await build({ ...commonOptions(true), entryPoints: [join(repoRoot, "bench", "engine-entry.ts")], outfile });
  return createRequire(outfile)(outfile) as Engine;
}

export interface EngineResult {
  size: number;
  lines: number;
  bytes: number;
  findings: number;
  rounds: number;
  /** Median ms of one bare parse. */
  parseMs: number;
  /** Median ms of parse + every rule. */
  engineMs: number;
  /** Median of the per-round ratios engine / parse. */
  ratio: number;
  /** Median ms of the rules alone (lint over an already parsed model). */
  rulesMs: number;
  /** Median ms of the engine's own parse (the parser called as parseCompose calls it, from the same bundle). */
  ownParseMs: number;
  /** Median of the per-round ratios engine / its own parse: what the model and the rules add. */
  ownRatio: number;
}

export interface EngineSummary {
  results: EngineResult[];
  /** Slope of log(time) against log(lines) from the 500- to the 20,000-line file: 1 is linear. */
  growth: { engine: number; parse: number; rules: number };
}

/** Runs `fn` `times` times and returns the mean ms of one call. */
function timed(fn: () => unknown, times: number): number {
  const start = now();
  for (let i = 0; i < times; i++) fn();
  return (now() - start) / times;
}

export async function benchEngine(fixtures: readonly Fixture[], options: { budgetMs: number; repoRoot: string; workDir: string; log: (line: string) => void }): Promise<EngineSummary> {
  const { parseCompose, lint, ownParse } = await shippedEngine(options.repoRoot, options.workDir);
  const engine = (text: string) => lint(parseCompose(text), { isPipeline: true }).length;
  const results: EngineResult[] = [];
  for (const fixture of fixtures) {
    const { text } = fixture;
    const parse = () => parseDocument(text);
    const own = () => ownParse(text);
    const full = () => engine(text);
    const model = parseCompose(text);
    const rules = () => lint(model, { isPipeline: true });
    // Warm up the JIT on this size, then size the batches so one takes ~40 ms.
    const findings = engine(text);
    for (let i = 0; i < 3; i++) {
      parse();
      full();
    }
    const single = timed(full, 1);
    const batch = Math.max(1, Math.round(40 / Math.max(single, 0.01)));
    const rounds = Math.max(7, Math.min(41, Math.floor(options.budgetMs / ((single * 3.5 + 0.1) * batch))));
    const parseTimes: number[] = [];
    const engineTimes: number[] = [];
    const ruleTimes: number[] = [];
    const ownTimes: number[] = [];
    const ratios: number[] = [];
    const ownRatios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate the order: neither side always runs right after a GC the other caused.
      let p: number;
      let e: number;
      if (round % 2 === 0) {
        p = timed(parse, batch);
        e = timed(full, batch);
      } else {
        e = timed(full, batch);
        p = timed(parse, batch);
      }
      parseTimes.push(p);
      engineTimes.push(e);
      ratios.push(e / p);
      ruleTimes.push(timed(rules, batch));
      const o = timed(own, batch);
      ownTimes.push(o);
      ownRatios.push(e / o);
    }
    const result: EngineResult = {
      size: fixture.size,
      lines: fixture.lines,
      bytes: fixture.bytes,
      findings,
      rounds,
      parseMs: round(median(parseTimes), 3),
      engineMs: round(median(engineTimes), 3),
      ratio: round(median(ratios), 3),
      rulesMs: round(median(ruleTimes), 3),
      ownParseMs: round(median(ownTimes), 3),
      ownRatio: round(median(ownRatios), 3),
    };
    options.log(`engine ${fixture.size} lines: parse ${result.parseMs} ms, parse + rules ${result.engineMs} ms (${result.ratio}x), rules ${result.rulesMs} ms, its own parse ${result.ownParseMs} ms (${result.ownRatio}x), ${findings} findings, ${rounds} rounds of ${batch}`);
    results.push(result);
  }
  const slope = (key: "engineMs" | "parseMs" | "rulesMs") => {
    const small = results.find((r) => r.size === 500);
    const large = results.find((r) => r.size === 20_000);
    if (!small || !large) return Number.NaN;
    return round(Math.log(large[key] / small[key]) / Math.log(large.lines / small.lines), 3);
  };
  return { results, growth: { engine: slope("engineMs"), parse: slope("parseMs"), rules: slope("rulesMs") } };
}

export interface BareParse {
  size: number;
  generator: Fixture["generator"];
  lines: number;
  /** ms of each timed `yaml.parseDocument` (after warm-up runs). */
  ms: number[];
  medianMs: number;
}

/**
 * The floor of an edit's latency: one bare `yaml.parseDocument` of the whole
 * file (default options, as the engine's floor), in this process, the median
 * of `runs` single calls after a warm-up. A server that parses the file again
 * for every keystroke cannot answer faster; one that re-checks only the
 * edited entry can.
 */
export function bareParse(fixture: Fixture, runs: number): BareParse {
  // Warm-up by time, not by count: the first parses of a process run before the JIT has optimised the parser
  // (a server answering edits is long past them), and 3 parses of a small file are over in a few ms.
  const warmUntil = now() + 300;
  for (let i = 0; i < 3 || now() < warmUntil; i++) parseDocument(fixture.text);
  // At least `runs`, and for at least 500 ms: the median of a small file's 15 parses (75 ms in all) is one burst of another process away from double.
  const ms: number[] = [];
  const timeUntil = now() + 500;
  for (let i = 0; i < runs || now() < timeUntil; i++) ms.push(round(timed(() => parseDocument(fixture.text), 1), 3));
  return { size: fixture.size, generator: fixture.generator, lines: fixture.lines, ms, medianMs: round(median(ms), 3) };
}
