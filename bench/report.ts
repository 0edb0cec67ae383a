/** BENCHMARKS.md, written from the results of one run. */
import type { BareParse } from "./engine.js";
import { TYPING_SIZES, type Generator } from "./generate.js";
import type { LspSizeResult, ServerSpec } from "./lsp.js";
import type { Results } from "./run.js";
import { median, percentile } from "./stats.js";

/**
 * The .vsix budget: 400 KB of 1,024 bytes. It was 300 KB until the package
 * shipped its documentation (a page per rule in two languages, the deployment
 * guide, the walkthrough's pages: about 75 KB compressed).
 */
const VSIX_BUDGET_KB = 400;
const VSIX_BUDGET_BYTES = VSIX_BUDGET_KB * 1024;
const ENGINE_RATIO_TARGET = 1.3;
/** log-log slope of time against lines (500 → 20,000); 1 is linear. */
const GROWTH_TARGET = 1.1;
const CLI_SPEEDUP_TARGET = 10;
/** Typing, edit → diagnostics p50: at most this fraction of yaml-language-server's on every typing file. */
const TYPING_PEER_TARGET = 1 / 3;
/** Typing p50 against one bare parse of the file: at about 500 lines (a full analysis per keystroke gets there) and 5,000 (only incremental work does). */
const TYPING_FLOOR_TARGETS: Record<number, number> = { 500: 2, 5_000: 0.5 };
/** Cold start against the run before: no regression, with this much room for run-to-run noise. */
const COLD_START_TOLERANCE = 1.25;
/** A peer figure that moves by more than this factor (within a run, or from the run before) gets a sentence. */
const SPREAD_NOTE = 2;
const GENERATORS: readonly Generator[] = ["anchors", "plain"];

export interface Target {
  name: string;
  holds: boolean | undefined;
  figures: string;
}

/** A measured number, or NaN (JSON writes NaN as null: results read back from bench/results.json have nulls). */
const num = (value: number | null | undefined): number => (typeof value === "number" ? value : Number.NaN);
const fmt = (value: number | null | undefined, digits = 1): string => (Number.isNaN(num(value)) ? "n/a" : num(value).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ms = (value: number | null | undefined): string => (Number.isNaN(num(value)) ? "n/a" : num(value) >= 100 ? fmt(value, 0) : fmt(value, 1));
const mb = (bytes: number | undefined): string => (bytes === undefined ? "n/a" : fmt(bytes / 2 ** 20, 0));
const kb = (bytes: number | undefined): string => (bytes === undefined ? "n/a" : fmt(bytes / 1024, 1));
const int = (value: number): string => value.toLocaleString("en-US");
const mark = (holds: boolean | undefined): string => (holds === undefined ? "not measured" : holds ? "**holds**" : "**does not hold**");

/** Results of runs before there were two generators name none: theirs were the anchors files. */
const generatorOf = (item: { generator?: Generator }): Generator => item.generator ?? "anchors";

function lspOf(results: Results, server: ServerSpec["id"], size: number, generator: Generator = "anchors"): LspSizeResult | undefined {
  return results.lsp?.find((r) => r.server === server && r.size === size && generatorOf(r) === generator);
}

function fixtureOf(results: Results, size: number, generator: Generator): Results["fixtures"][number] | undefined {
  return results.fixtures.find((f) => f.size === size && generatorOf(f) === generator);
}

function floorOf(results: Results, size: number, generator: Generator): BareParse | undefined {
  return results.bareParse?.find((b) => b.size === size && b.generator === generator);
}

/** "5,077 lines anchors", how the tables and targets name a file (the size asked for when the file is not in the results). */
function fileLabel(results: Results, size: number, generator: Generator): string {
  return `${int(fixtureOf(results, size, generator)?.lines ?? size)} lines ${generator}`;
}

/** "the 5,077-line anchors file", how sentences name a file. */
function fileName(results: Results, size: number, generator: Generator): string {
  return `the ${int(fixtureOf(results, size, generator)?.lines ?? size)}-line ${generator} file`;
}

/** The files the typing measurement runs on, in the report's order: both generators at each typing size. */
function typingFiles(): { size: number; generator: Generator }[] {
  return TYPING_SIZES.flatMap((size) => GENERATORS.map((generator) => ({ size, generator })));
}

const typed = (r: LspSizeResult | undefined): r is LspSizeResult => !!r && !r.error && (r.typingMs?.length ?? 0) > 0 && !Number.isNaN(num(r.typingP50));

/**
 * A target over several files: holds when it holds on every file measured
 * (not measured when none was), the figures naming each file.
 */
function overFiles(name: string, rows: { label: string; holds: boolean | undefined; figures: string }[]): Target {
  const measured = rows.filter((r) => r.holds !== undefined);
  return {
    name,
    holds: measured.length === 0 ? undefined : measured.every((r) => r.holds === true),
    figures: rows.map((r) => `${r.label}: ${r.figures}${r.holds === false ? " (**misses**)" : ""}`).join("; ") || "n/a",
  };
}

function targets(results: Results): Target[] {
  const list: Target[] = [];
  const engine = results.engine;
  if (engine) {
    const worst = engine.results.reduce((a, b) => (b.ratio > a.ratio ? b : a), engine.results[0]);
    list.push({
      name: `Engine (parse + every rule) ≤ ${ENGINE_RATIO_TARGET}× a bare \`yaml.parseDocument\` at every size`,
      holds: engine.results.every((r) => r.ratio <= ENGINE_RATIO_TARGET),
      figures: engine.results.map((r) => `${int(r.lines)} lines ${fmt(r.ratio, 2)}×`).join(", ") + ` (worst: ${int(worst.lines)} lines)`,
    });
    // The bare parse is the control: it runs no rule, and its slope shows what the machine does to any code as
    // the heap and the working set grow (from 500 lines, which fit the CPU's caches, to 20,000, which do not).
    // The engine, and the rules alone, must grow no faster than linearly, or than that control (+ 0.05).
    const rules = num(engine.growth.rules);
    const limit = Math.max(GROWTH_TARGET, engine.growth.parse + 0.05);
    list.push({
      name: `Engine time grows linearly with size: from 500 to 20,000 lines (log-log slope, 1 is linear) the engine and the rules alone ≤ ${GROWTH_TARGET}, or no steeper than the bare parse + 0.05`,
      holds: Number.isNaN(num(engine.growth.engine)) || Number.isNaN(rules) ? undefined : rules <= limit && engine.growth.engine <= limit,
      figures: `rules alone ${fmt(rules, 2)}, engine ${fmt(engine.growth.engine, 2)}, bare parse ${fmt(engine.growth.parse, 2)}`,
    });
  }
  if (results.lsp) {
    const files = typingFiles();
    list.push(
      overFiles(
        `Typing (edits back to back), edit → diagnostics p50 ≤ 1/3 of yaml-language-server's on every file (${TYPING_SIZES.map((s) => `~${int(s)}`).join(" and ")} lines, both generators)`,
        files.map(({ size, generator }) => {
          const ours = lspOf(results, "elestio", size, generator);
          const theirs = lspOf(results, "yaml-language-server", size, generator);
          const label = fileLabel(results, size, generator);
          if (!typed(ours) || !typed(theirs)) return { label, holds: undefined, figures: "not measured" };
          const ratio = ours.typingP50! / theirs.typingP50!;
          return { label, holds: ratio <= TYPING_PEER_TARGET, figures: `${ms(ours.typingP50)} against ${ms(theirs.typingP50)} ms (${fmt(ratio, 2)}×)` };
        }),
      ),
    );
    for (const size of TYPING_SIZES) {
      const limit = TYPING_FLOOR_TARGETS[size];
      list.push(
        overFiles(
          `Typing p50 at ~${int(size)} lines ≤ ${fmt(limit, 1)}× a bare \`yaml.parseDocument\` of the file (both generators)`,
          GENERATORS.map((generator) => {
            const ours = lspOf(results, "elestio", size, generator);
            const floor = floorOf(results, size, generator);
            const label = fileLabel(results, size, generator);
            if (!typed(ours) || !floor) return { label, holds: undefined, figures: "not measured" };
            const ratio = ours.typingP50! / floor.medianMs;
            return { label, holds: ratio <= limit, figures: `${ms(ours.typingP50)} ms against ${ms(floor.medianMs)} ms (${fmt(ratio, 2)}×)` };
          }),
        ),
      );
    }
    // The quiet protocol's targets of earlier runs, on the anchors file.
    const ours = lspOf(results, "elestio", 5_000);
    for (const peer of ["yaml-language-server", "compose-language-service"] as const) {
      const theirs = lspOf(results, peer, 5_000);
      const ratio = ours && theirs ? ours.editP50 / theirs.editP50 : undefined;
      list.push({
        name: `Quiet edit → diagnostics p50 on the 5,000-line anchors file ≤ 1/3 of ${peer}'s`,
        holds: ratio === undefined || Number.isNaN(ratio) || ours?.error || theirs?.error ? undefined : ratio <= 1 / 3,
        figures: ours && theirs ? `${ms(ours.editP50)} ms against ${ms(theirs.editP50)} ms: ${fmt(ratio! * 100, 0)} % of it (1/${fmt(1 / ratio!, 1)})` : "n/a",
      });
    }
    list.push(
      overFiles(
        "Server RSS after open ≤ yaml-language-server's at every size, on both generators",
        results.fixtures.map((f) => {
          const generator = generatorOf(f);
          const label = fileLabel(results, f.size, generator);
          const ourRss = lspOf(results, "elestio", f.size, generator)?.rssAfterOpen;
          const yamlRss = lspOf(results, "yaml-language-server", f.size, generator)?.rssAfterOpen;
          if (ourRss === undefined || yamlRss === undefined) return { label, holds: undefined, figures: "not measured" };
          return { label, holds: ourRss <= yamlRss, figures: `${mb(ourRss)} against ${mb(yamlRss)} MB` };
        }),
      ),
    );
  }
  const cold = results.coldStart?.find((c) => c.server === "elestio");
  const before = results.previous?.coldStartMs;
  if (cold) {
    list.push({
      name: `Cold start (spawn → first diagnostics, ${int(results.fixtures.find((f) => f.size === cold.size && generatorOf(f) === "anchors")?.lines ?? cold.size)} lines): no regression, ≤ ${fmt(COLD_START_TOLERANCE, 2)}× the run before's`,
      holds: before === undefined ? undefined : cold.medianMs <= before * COLD_START_TOLERANCE,
      figures: before === undefined ? `${ms(cold.medianMs)} ms (no run before to compare with)` : `${ms(cold.medianMs)} ms against ${ms(before)} ms${results.previous?.commit ? ` (commit ${results.previous.commit})` : ""}`,
    });
  }
  if (results.cli) {
    list.push({
      name: `CLI over the corpus ≥ ${CLI_SPEEDUP_TARGET}× faster than dclint`,
      holds: results.cli.speedup >= CLI_SPEEDUP_TARGET,
      figures: `${ms(results.cli.ours.medianMs)} ms against ${ms(results.cli.dclint.medianMs)} ms: ${fmt(results.cli.speedup, 1)}×`,
    });
  }
  const vsix = results.package?.vsix?.bytes;
  list.push({
    name: `.vsix ≤ ${VSIX_BUDGET_KB} KB`,
    holds: vsix === undefined ? undefined : vsix <= VSIX_BUDGET_BYTES,
    figures: vsix === undefined ? (results.package?.vsixMissing ?? "not measured") : `${kb(vsix)} KB (${int(vsix)} bytes)`,
  });
  return list;
}

export function writeReport(results: Results): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const { machine } = results;
  const serverName = (id: string) => results.servers.find((s) => s.id === id)?.name ?? id;
  push(
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts) from one run; the raw figures are in [bench/results.json](bench/results.json).",
    "Every figure is a median of repeated runs, and every comparison a ratio of figures from the same run, on the same files and the same machine.",
    "",
    `- Command: \`${results.command}\` (${fmt(results.durationS / 60, 1)} minutes), ${results.date.slice(0, 16).replace("T", " ")} UTC${results.commit ? `, commit ${results.commit}` : ""}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${fmt(machine.memoryGiB, 0)} GiB, ${machine.os}, Node ${machine.node}`,
    `- Load average (1, 5, 15 min): ${machine.loadBefore.join(", ")} at the start, ${machine.loadAfter.join(", ")} at the end`,
    `- Files: generated by ${results.generator.name} (seed ${results.generator.seed}): services with build or image, environment lists and maps, ports, volumes, healthchecks, depends_on, comments, and planted Elestio faults (about one service in three). ${GENERATORS.map((g) => {
      const files = results.fixtures.filter((f) => generatorOf(f) === g);
      if (files.length === 0) return "";
      const list = files.map((f) => `${int(f.lines)} lines (${kb(f.bytes)} KB${f.aliases === undefined ? "" : `, ${int(f.aliases)} aliases`})`).join(", ");
      return g === "anchors" ? `**anchors**: \`x-\` blocks merged into services with \`<<: *alias\`: ${list}.` : `**plain**: the same kind of services with no anchor, alias or merge (what the \`x-\` blocks hold written out in each service): ${list}.`;
    })
      .filter((text) => text !== "")
      .join(" ")}`,
    `- Peers (devDependencies): yaml-language-server ${results.peers["yaml-language-server"]}, @microsoft/compose-language-service ${results.peers["@microsoft/compose-language-service"]}, dclint ${results.peers.dclint}; the \`yaml\` library ${results.peers.yaml}`,
    "",
    "## Targets",
    "",
    "| target | status | figures |",
    "|---|---|---|",
    ...targets(results).map((t) => `| ${t.name} | ${mark(t.holds)} | ${t.figures} |`),
    "",
  );

  if (results.engine) {
    push(
      "## Engine",
      "",
      "`parseCompose` + `lint` with every rule (a pipeline file, no project files) against a bare `yaml.parseDocument` of the same text, in the same process, interleaved round by round. The engine is bench/engine-entry.ts bundled with esbuild.mjs's production options, as it ships in dist/server.js and dist/cli.js; the floor is the `yaml` package as any tool loads it. The ratio is the median of the per-round ratios. Rules alone: `lint` again over the same parsed model, whose per-service facts are then already worked out (a lower bound).",
      "",
      "The engine parses with the `yaml` parser's duplicate-key check off and finds duplicate keys itself, with a set per map: the parser's check compares each key with every earlier key of its map, quadratic in the number of services. The findings are the same (test/property/duplicate-keys.property.test.ts); the floor keeps the parser's default.",
      "",
      "| lines | KB | findings | bare parse (ms) | parse + rules (ms) | ratio | rules alone (ms) | its own parse (ms) | ratio to its own parse | µs per line |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      ...results.engine.results.map((r) => `| ${int(r.lines)} | ${kb(r.bytes)} | ${int(r.findings)} | ${ms(r.parseMs)} | ${ms(r.engineMs)} | ${fmt(r.ratio, 2)}× | ${ms(r.rulesMs)} | ${ms(r.ownParseMs)} | ${fmt(r.ownRatio, 2)}× | ${fmt((r.engineMs * 1000) / r.lines, 1)} |`),
      "",
      "Its own parse: the parser called as `parseCompose` calls it, from the same bundle. It is faster than the bare parse for two reasons: no quadratic duplicate-key check, and the `yaml` library linked as an ES module in the bundle, its functions called directly rather than through the getters of a CommonJS module. The ratio to it is what the engine's own code costs: building the model and running the rules.",
      "",
      `Growth from 500 to 20,000 lines (slope of log time against log lines, 1 is linear): engine ${fmt(results.engine.growth.engine, 2)}, bare parse ${fmt(results.engine.growth.parse, 2)}, rules alone ${fmt(results.engine.growth.rules, 2)}.`,
      "",
    );
  }

  if (results.lsp) {
    push(
      "## Language servers",
      "",
      "Each server runs from its own bin over stdio, a fresh process per file, driven by a minimal LSP client (bench/lsp-client.ts, vscode-jsonrpc). Open: didOpen → first publishDiagnostics, each time on a copy of the file no server has seen. Quiet edit: a one-character insertion at the end of a value (at up to 20 places spread through the file: the table gives the counts, fewer where a peer's edit takes seconds or is a fixed delay) → the diagnostics of that edit; the client waits until the server has been quiet for 150 ms before the next edit. Typing: the next section. The diagnostics of an edit are those of the version it made when the server names the version it checked (ours does), else the server's next publication after it (the peers name none: the table under Typing counts the publications each edit got, one when the next publication is the edit's own). Debounces count: they are what the user waits for. Burst: five keystrokes 50 ms apart, from the last one to the diagnostics of the result (the median of three bursts on the 5,000-line anchors file): where a debounce shows.",
      "",
      ...results.servers.map((s) => `- **${s.name}** ${s.version} (languageId \`${s.languageId}\`): ${s.checks}`),
      "",
      "| lines | file | server | open p50 (ms) | quiet edit p50 (ms) | quiet edit p95 (ms) | burst (ms) | opens / quiet edits / typing edits / bursts | diagnostics | RSS after open (MB) |",
      "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const fixture of results.fixtures) {
      for (const r of results.lsp.filter((x) => x.size === fixture.size && generatorOf(x) === generatorOf(fixture))) {
        const note = r.error ? ` (error: ${r.error.slice(0, 80)})` : "";
        push(
          `| ${int(fixture.lines)} | ${generatorOf(fixture)} | ${serverName(r.server)} | ${ms(r.openP50)} | ${ms(r.editP50)} | ${ms(r.editP95)} | ${r.burstMs.length > 0 ? ms(r.burstP50) : ""} | ${r.openMs.length} / ${r.editMs.length} / ${r.typingMs?.length ?? 0} / ${r.burstMs.length} | ${r.diagnostics}${note} | ${mb(r.rssAfterOpen)} |`,
        );
      }
    }
    push("");
    const ours = results.fixtures.map((f) => lspOf(results, "elestio", f.size, generatorOf(f))).filter((r): r is LspSizeResult => !!r);
    if (ours.length > 0) {
      push(
        "Quiet edit → diagnostics, ours as a fraction of each peer's (p50, same run):",
        "",
        "| lines | file | vs yaml-language-server | vs compose-language-service |",
        "|---:|---|---:|---:|",
        ...ours.map((r) => {
          const ratio = (peer: ServerSpec["id"]) => {
            const theirs = lspOf(results, peer, r.size, generatorOf(r));
            return theirs && !Number.isNaN(num(theirs.editP50)) && !Number.isNaN(num(r.editP50)) ? `${fmt((r.editP50 / theirs.editP50) * 100, 0)} %` : "n/a";
          };
          return `| ${int(fixtureOf(results, r.size, generatorOf(r))?.lines ?? r.size)} | ${generatorOf(r)} | ${ratio("yaml-language-server")} | ${ratio("compose-language-service")} |`;
        }),
        "",
      );
    }
    push(...typingSection(results, serverName));
    if (results.coldStart) {
      const size = results.coldStart[0]?.size;
      push(
        `Cold start: spawning the server → initialize → didOpen of the ${int(fixtureOf(results, size ?? 0, "anchors")?.lines ?? 0)}-line anchors file → first diagnostics (median of ${results.coldStart[0]?.ms.length ?? 0}):`,
        "",
        "| server | ms |",
        "|---|---:|",
        ...results.coldStart.map((c) => `| ${serverName(c.server)} | ${ms(c.medianMs)} |`),
        "",
      );
    }
  }

  if (results.cli) {
    const { cli } = results;
    push(
      "## CLI",
      "",
      `Every YAML file of ${cli.corpus ?? "../shared/corpus"} (${int(cli.files)} files, ${kb(cli.bytes)} KB) named on one command line, whole process time (spawn to exit), runs interleaved:`,
      "",
      "| tool | command | runs (ms) | median (ms) |",
      "|---|---|---|---:|",
      `| elestio-compose-lint | \`node dist/cli.js --format json --exit-zero FILES\` | ${cli.ours.ms.map(ms).join(", ")} | ${ms(cli.ours.medianMs)} |`,
      `| dclint ${results.peers.dclint} | \`dclint --formatter json FILES\` | ${cli.dclint.ms.map(ms).join(", ")} | ${ms(cli.dclint.medianMs)} |`,
      "",
      `dclint takes ${fmt(cli.speedup, 1)}× as long.`,
      "",
    );
  }

  if (results.package) {
    const pkg = results.package;
    push(
      "## Package",
      "",
      `Built with ${pkg.build}.${pkg.vsix ? ` The .vsix: **${kb(pkg.vsix.bytes)} KB** (${int(pkg.vsix.bytes)} bytes).` : ` ${pkg.vsixMissing}.`}`,
      "",
      "| bundle | KB | gzip KB |",
      "|---|---:|---:|",
      ...pkg.bundles.map((b) => `| ${b.file} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} |`),
      "",
    );
    if (pkg.vsix && pkg.vsix.entries.length > 0) {
      const entries = [...pkg.vsix.entries].sort((a, b) => b.compressedBytes - a.compressedBytes);
      push(
        "What the .vsix holds, largest first:",
        "",
        "| entry | KB | compressed KB |",
        "|---|---:|---:|",
        ...entries.map((e) => `| ${e.name} | ${kb(e.bytes)} | ${kb(e.compressedBytes)} |`),
        "",
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** "1", or "1–2 (2 on 3 of 20 edits)": how many publications each edit's window held. */
function publicationCounts(windows: readonly number[][] | undefined): string {
  if (!windows || windows.length === 0) return "n/a";
  const counts = windows.map((w) => w.length);
  const low = Math.min(...counts);
  const high = Math.max(...counts);
  if (low === high) return `${low}`;
  return `${low}–${high} (${high} on ${counts.filter((c) => c === high).length} of ${counts.length} edits)`;
}

/**
 * Median of per-edit (wall − CPU): the time an edit waited rather than
 * worked (a debounce, other processes). Never below 0: the CPU time is read
 * after the diagnostics arrive, in 10 ms steps, and may hold work the server
 * did after publishing.
 */
function waitedMs(wall: readonly number[] | undefined, cpu: readonly number[] | undefined): number {
  if (!wall || !cpu || wall.length !== cpu.length || cpu.some((c) => Number.isNaN(num(c)))) return Number.NaN;
  return Math.max(0, median(wall.map((w, i) => w - cpu[i])));
}

const medianOf = (values: readonly (number | null)[] | undefined): number => (values && values.length > 0 && values.every((v) => typeof v === "number") ? median(values) : Number.NaN);
const spreadOf = (values: readonly number[] | undefined): number => (values && values.length >= 2 && Math.min(...values) > 0 ? Math.max(...values) / Math.min(...values) : Number.NaN);

/** The Typing section: edits back to back, against yaml-language-server and the bare parse, then what the peers' figures are made of and how they move. */
function typingSection(results: Results, serverName: (id: string) => string): string[] {
  const files = typingFiles().filter(({ size, generator }) => results.lsp?.some((r) => r.size === size && generatorOf(r) === generator && (r.typingMs?.length ?? 0) > 0));
  if (files.length === 0) return [];
  const rows = (size: number, generator: Generator) => (results.lsp ?? []).filter((r) => r.size === size && generatorOf(r) === generator);
  const out: string[] = [];
  const edits = (results.lsp ?? []).map((r) => r.typingMs?.length ?? 0);
  const most = Math.max(...edits);
  const runCounts = (results.bareParse ?? []).map((b) => b.ms.length);
  const runs = runCounts.length === 0 ? "no" : Math.min(...runCounts) === Math.max(...runCounts) ? int(runCounts[0]) : `${int(Math.min(...runCounts))} to ${int(Math.max(...runCounts))}`;
  out.push(
    "## Typing",
    "",
    `Edits back to back, as a user types: one-character insertions at the end of a value, at ${most} places spread through the file, each sent as soon as the diagnostics of the one before are in (no quiet pause). Bare parse: one \`yaml.parseDocument\` of the whole file (default options, the engine's floor), in the benchmark's process, the median of ${runs} single runs (at least 500 ms of them) after a warm-up, timed just before the servers edit that file: a server that parses the whole file again at every keystroke cannot answer faster.`,
    "",
    "| lines | file | server | typing p50 (ms) | typing p95 (ms) | quiet edit p50 (ms) | RSS after open (MB) | ours / yaml-language-server (typing p50) | ours / bare parse (typing p50) |",
    "|---:|---|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const { size, generator } of files) {
    const lines = int(fixtureOf(results, size, generator)?.lines ?? size);
    const yamlServer = lspOf(results, "yaml-language-server", size, generator);
    const floor = floorOf(results, size, generator);
    for (const r of rows(size, generator)) {
      let peerRatio = "";
      let floorRatio = "";
      if (r.server === "elestio") {
        peerRatio = typed(r) && typed(yamlServer) ? `${fmt(r.typingP50! / yamlServer.typingP50!, 2)}×` : "n/a";
        floorRatio = typed(r) && floor ? `${fmt(r.typingP50! / floor.medianMs, 2)}× (bare parse ${ms(floor.medianMs)} ms)` : "n/a";
      }
      const note = r.error ? ` (error: ${r.error.slice(0, 60)})` : "";
      out.push(`| ${lines} | ${generator} | ${serverName(r.server)} | ${ms(r.typingP50)}${note} | ${ms(r.typingP95)} | ${ms(r.editP50)} | ${mb(r.rssAfterOpen)} | ${peerRatio} | ${floorRatio} |`);
    }
  }
  out.push("");
  const onTypingFiles = (results.lsp ?? []).filter((r) => files.some((f) => f.size === r.size && f.generator === generatorOf(r)));
  const fewer = [...new Set(onTypingFiles.filter((r) => (r.typingMs?.length ?? 0) < most).map((r) => r.server))].map((server) => {
    const mine = onTypingFiles.filter((r) => r.server === server);
    const counts = new Set(mine.map((r) => r.typingMs?.length ?? 0));
    return counts.size === 1 && mine.length === files.length
      ? `${serverName(server)} ${[...counts][0]} on every file`
      : `${serverName(server)} ${mine.map((r) => `${r.typingMs?.length ?? 0} on ${fileName(results, r.size, generatorOf(r))}`).join(", ")}`;
  });
  if (fewer.length > 0) {
    out.push(`Fewer typing edits where one takes seconds or the server waits a fixed delay whatever the file: ${fewer.join("; ")}.`, "");
  }

  out.push(
    "### What an edit is made of",
    "",
    "The server's CPU time (user + system, every thread, from /proc: 10 ms resolution) from an edit's send to its diagnostics, and the rest of the wall time: the time it waited (a debounce, or other processes on the machine's cores). Publications per edit: those of the document between an edit's send and the next edit's, the last one followed by a 150 ms settle (more than one: the server published twice for one edit).",
    "",
    "| lines | file | server | publications per quiet edit | per typing edit | older versions published while typing | CPU p50, quiet / typing (ms) | waited p50, quiet / typing (ms) |",
    "|---:|---|---|---:|---:|---:|---:|---:|",
  );
  for (const { size, generator } of files) {
    for (const r of rows(size, generator)) {
      out.push(
        `| ${int(fixtureOf(results, size, generator)?.lines ?? size)} | ${generator} | ${serverName(r.server)} | ${publicationCounts(r.editPublications)} | ${publicationCounts(r.typingPublications)} | ${r.versioned ? (r.typingStale ?? 0) : "(names no version)"} | ${ms(medianOf(r.editCpuMs))} / ${ms(medianOf(r.typingCpuMs))} | ${ms(waitedMs(r.editMs, r.editCpuMs))} / ${ms(waitedMs(r.typingMs, r.typingCpuMs))} |`,
      );
    }
  }
  out.push("");
  out.push(...yamlServerParagraph(results, files), ...movingFigures(results, serverName));
  return out;
}

/**
 * Why yaml-language-server's edit on the anchors file is slow and moves from
 * run to run, from this run's figures (its publications, its CPU time) and
 * from its source (1.25): its validation resolves each alias by walking the
 * document.
 */
function yamlServerParagraph(results: Results, files: { size: number; generator: Generator }[]): string[] {
  const measured = files.map((f) => ({ ...f, r: lspOf(results, "yaml-language-server", f.size, f.generator) })).filter((x): x is typeof x & { r: LspSizeResult } => !!x.r && !x.r.error && x.r.editMs.length > 0);
  if (measured.length === 0) return [];
  const slowest = measured.reduce((a, b) => (num(b.r.editP50) > num(a.r.editP50) ? b : a));
  const windows = measured.flatMap((m) => m.r.editPublications ?? []);
  const once = windows.length > 0 && windows.every((w) => w.length === 1);
  const { r } = slowest;
  const cpu = medianOf(r.editCpuMs);
  const waited = waitedMs(r.editMs, r.editCpuMs);
  const cpuTimes = [...(r.editCpuMs ?? []), ...(r.typingCpuMs ?? [])].filter((c) => typeof c === "number" && c > 0);
  const anchors = fixtureOf(results, slowest.size, slowest.generator);
  const plain = lspOf(results, "yaml-language-server", slowest.size, "plain");
  const sentences: string[] = [];
  sentences.push(
    once
      ? `yaml-language-server published once per edit in every quiet edit's window (${windows.length} edits): never an early publication and a later one, so the typing client, which takes its next publication for the edit's own, times the edit's own.`
      : `yaml-language-server published more than once for some edits (quiet windows: ${measured.map((m) => `${fileLabel(results, m.size, m.generator)} ${publicationCounts(m.r.editPublications)}`).join("; ")}): its typing figures may take a late publication of one edit for the next one's.`,
  );
  sentences.push(
    "It waits 200 ms after a change (its validationDelayMs; a newer change clears the pending timer), so with one edit in flight it never drops work, and a 150 ms pause between edits changes nothing in what it does:" +
      ` on ${fileName(results, slowest.size, slowest.generator)}, quiet p50 ${ms(r.editP50)} ms and typing p50 ${ms(r.typingP50)} ms in the same process.`,
  );
  if (!Number.isNaN(cpu)) {
    // Beyond its debounce, waiting means other processes held the cores.
    const ownWork = waited <= 200 + Math.max(100, 0.1 * num(r.editP50));
    sentences.push(
      ownWork
        ? `There an edit is its own CPU work: ${ms(cpu)} ms of CPU per quiet edit (median) for ${ms(r.editP50)} ms of wall time, ${ms(waited)} ms waited (its 200 ms debounce).`
        : `There ${ms(cpu)} ms of an edit's ${ms(r.editP50)} ms (medians, quiet edits) were its CPU work and ${ms(waited)} ms waiting: its 200 ms debounce and, beyond it, the machine's other processes holding the cores.`,
    );
    if (cpuTimes.length >= 2 && Math.max(...cpuTimes) / Math.min(...cpuTimes) > 1.5) {
      sentences.push(`The same work took from ${ms(Math.min(...cpuTimes))} to ${ms(Math.max(...cpuTimes))} ms of CPU per edit in this run: the machine's load slows the work itself down, not only delays it.`);
    }
  }
  if (slowest.generator === "anchors" && anchors?.aliases) {
    sentences.push(
      `Its validation resolves aliases with the \`yaml\` library's \`Alias.resolve(doc)\` without the resolution cache, which walks the whole document from its top each time, three times per alias (twice in its unused-anchor check, once building its JSON AST): work that grows with aliases × nodes, ${int(anchors.aliases)} aliases in this file${plain && !plain.error ? `; on the plain file of the same size, with none, its quiet edit takes ${ms(plain.editP50)} ms` : ""}.`,
    );
  }
  return ["### yaml-language-server on the anchors files", "", sentences.join(" "), ""];
}

/**
 * Peer figures that move by more than SPREAD_NOTE×: within one series of
 * edits (max/min), between the quiet and the typing p50 of one process, and
 * from the run before (bench/results.json as it was).
 */
function movingFigures(results: Results, serverName: (id: string) => string): string[] {
  const sentences: string[] = [];
  const previous = results.previous;
  let fromBefore = false;
  for (const r of results.lsp ?? []) {
    if (r.server === "elestio" || r.error) continue;
    const label = `${serverName(r.server)} on ${fileName(results, r.size, generatorOf(r))}`;
    for (const [series, values] of [
      ["quiet", r.editMs],
      ["typing", r.typingMs],
    ] as const) {
      const spread = spreadOf(values);
      if (spread > SPREAD_NOTE) sentences.push(`${label}: its ${series} edits took from ${ms(Math.min(...values!))} to ${ms(Math.max(...values!))} ms (${fmt(spread, 1)}×, p50 ${ms(percentile(values!, 50))} ms).`);
    }
    const between = num(r.editP50) / num(r.typingP50);
    if (between > SPREAD_NOTE || 1 / between > SPREAD_NOTE) sentences.push(`${label}: quiet p50 ${ms(r.editP50)} ms, typing p50 ${ms(r.typingP50)} ms in the same process (${fmt(Math.max(between, 1 / between), 1)}×).`);
    const before = previous?.lsp.find((p) => p.server === r.server && p.size === r.size && p.generator === generatorOf(r));
    if (before) {
      for (const [what, now, then] of [
        ["open p50", r.openP50, before.openP50],
        ["quiet edit p50", r.editP50, before.editP50],
        ["typing p50", r.typingP50, before.typingP50],
      ] as const) {
        const ratio = num(now) / num(then);
        if (ratio > SPREAD_NOTE || 1 / ratio > SPREAD_NOTE) {
          fromBefore = true;
          sentences.push(`${label}: ${what} ${ms(now)} ms in this run, ${ms(then)} ms in the run before (${fmt(Math.max(ratio, 1 / ratio), 1)}×).`);
        }
      }
    }
  }
  const out = ["### Peer figures that move by more than 2×", ""];
  if (sentences.length === 0) {
    out.push(`No peer figure moved by more than ${SPREAD_NOTE}× within this run${previous ? " or from the run before" : ""}.`, "");
    return out;
  }
  out.push(...sentences.map((s) => `- ${s}`), "");
  const why = [
    "Where a peer's edit is its own CPU work (the table above: little waited beyond its debounce), its figures move with the machine, not with the protocol: other processes on the two cores stretch both its wall and its CPU time.",
  ];
  if (fromBefore && previous) {
    why.push(
      `The run before (${previous.date.slice(0, 16).replace("T", " ")} UTC${previous.commit ? `, commit ${previous.commit}` : ""}) ran on ${previous.os} at a load average of ${previous.loadBefore.join(", ")}; this one on ${results.machine.os} at ${results.machine.loadBefore.join(", ")}${previous.os === results.machine.os ? "" : ": another virtual machine"}.`,
    );
  }
  out.push(why.join(" "), "");
  return out;
}
