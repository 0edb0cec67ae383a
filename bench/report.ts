/** BENCHMARKS.md, written from the results of one run. */
import type { Results } from "./run.js";
import type { LspSizeResult, ServerSpec } from "./lsp.js";

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

function lspOf(results: Results, server: ServerSpec["id"], size: number): LspSizeResult | undefined {
  return results.lsp?.find((r) => r.server === server && r.size === size);
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
  const ours = lspOf(results, "elestio", 5_000);
  for (const peer of ["yaml-language-server", "compose-language-service"] as const) {
    const theirs = lspOf(results, peer, 5_000);
    const ratio = ours && theirs ? ours.editP50 / theirs.editP50 : undefined;
    list.push({
      name: `Edit → diagnostics p50 on the 5,000-line file ≤ 1/3 of ${peer}'s`,
      holds: ratio === undefined || ours?.error || theirs?.error ? undefined : ratio <= 1 / 3,
      figures: ours && theirs ? `${ms(ours.editP50)} ms against ${ms(theirs.editP50)} ms: ${fmt(ratio! * 100, 0)} % of it (1/${fmt(1 / ratio!, 1)})` : "n/a",
    });
  }
  if (results.cli) {
    list.push({
      name: `CLI over the corpus ≥ ${CLI_SPEEDUP_TARGET}× faster than dclint`,
      holds: results.cli.speedup >= CLI_SPEEDUP_TARGET,
      figures: `${ms(results.cli.ours.medianMs)} ms against ${ms(results.cli.dclint.medianMs)} ms: ${fmt(results.cli.speedup, 1)}×`,
    });
  }
  const largest = Math.max(...results.fixtures.map((f) => f.size));
  const ourRss = lspOf(results, "elestio", largest)?.rssAfterOpen;
  const yamlRss = lspOf(results, "yaml-language-server", largest)?.rssAfterOpen;
  list.push({
    name: `Server RSS after opening the ${int(largest)}-line file ≤ yaml-language-server's`,
    holds: ourRss === undefined || yamlRss === undefined ? undefined : ourRss <= yamlRss,
    figures: `${mb(ourRss)} MB against ${mb(yamlRss)} MB`,
  });
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
    `- Files: generated by ${results.generator.name} (seed ${results.generator.seed}): ${results.fixtures.map((f) => `${int(f.lines)} lines (${kb(f.bytes)} KB)`).join(", ")}; services with build or image, environment lists and maps, ports, volumes, healthchecks, depends_on, \`x-\` anchors merged with \`<<\`, comments, and planted Elestio faults (about one service in three)`,
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
      "Each server runs from its own bin over stdio, a fresh process per file size, driven by a minimal LSP client (bench/lsp-client.ts, vscode-jsonrpc). Open: didOpen → first publishDiagnostics, each time on a copy of the file no server has seen. Edit: a one-character insertion at the end of a value (20 places spread through the file) → the next publishDiagnostics; the client waits until the server has been quiet for 150 ms before the next edit. Debounces count: they are what the user waits for. Burst: five keystrokes 50 ms apart, from the last one to the diagnostics of the result (the median of three bursts on the 5,000-line file): where a debounce shows.",
      "",
      ...results.servers.map((s) => `- **${s.name}** ${s.version} (languageId \`${s.languageId}\`): ${s.checks}`),
      "",
      "| lines | server | open p50 (ms) | edit p50 (ms) | edit p95 (ms) | burst (ms) | opens / edits / bursts | diagnostics | RSS after open (MB) |",
      "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const fixture of results.fixtures) {
      for (const r of results.lsp.filter((x) => x.size === fixture.size)) {
        const note = r.error ? ` (error: ${r.error.slice(0, 80)})` : "";
        push(`| ${int(fixture.lines)} | ${serverName(r.server)} | ${ms(r.openP50)} | ${ms(r.editP50)} | ${ms(r.editP95)} | ${r.burstMs.length > 0 ? ms(r.burstP50) : ""} | ${r.openMs.length} / ${r.editMs.length} / ${r.burstMs.length} | ${r.diagnostics}${note} | ${mb(r.rssAfterOpen)} |`);
      }
    }
    push("");
    const ours = results.fixtures.map((f) => lspOf(results, "elestio", f.size)).filter((r): r is LspSizeResult => !!r);
    if (ours.length > 0) {
      push(
        "Edit → diagnostics, ours as a fraction of each peer's (p50, same run):",
        "",
        "| lines | vs yaml-language-server | vs compose-language-service |",
        "|---:|---:|---:|",
        ...ours.map((r) => {
          const ratio = (peer: ServerSpec["id"]) => {
            const theirs = lspOf(results, peer, r.size);
            return theirs && !Number.isNaN(num(theirs.editP50)) && !Number.isNaN(num(r.editP50)) ? `${fmt((r.editP50 / theirs.editP50) * 100, 0)} %` : "n/a";
          };
          return `| ${int(results.fixtures.find((f) => f.size === r.size)!.lines)} | ${ratio("yaml-language-server")} | ${ratio("compose-language-service")} |`;
        }),
        "",
      );
    }
    if (results.coldStart) {
      const size = results.coldStart[0]?.size;
      push(
        `Cold start: spawning the server → initialize → didOpen of the ${int(results.fixtures.find((f) => f.size === size)?.lines ?? 0)}-line file → first diagnostics (median of ${results.coldStart[0]?.ms.length ?? 0}):`,
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
