/**
 * The language servers as the user waits for them, over stdio: didOpen →
 * first publishDiagnostics, a one-character edit → the diagnostics of the
 * edited version (debounces included: they are part of the wait), after a
 * quiet pause (the quiet edits) and back to back (typing: each edit sent as
 * soon as the previous one's diagnostics are in), and the server's RSS after
 * opening each file. Each server gets a fresh process per file and the same
 * files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Fixture, Generator } from "./generate.js";
import { writeCopies } from "./generate.js";
import { RULES } from "../server/src/engine/rules/index.js";
import { LspClient } from "./lsp-client.js";
import { median, now, percentile, round } from "./stats.js";

export interface ServerSpec {
  id: "elestio" | "yaml-language-server" | "compose-language-service";
  name: string;
  version: string;
  command: string[];
  languageId: string;
  settings: Record<string, unknown>;
  initializationOptions?: unknown;
  /** What it checks, for the report. */
  checks: string;
}

/** A devDependency's folder (some peers export no package.json, so no require.resolve). */
export function packageDir(name: string): string {
  return join(__dirname, "..", "node_modules", ...name.split("/"));
}

export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;
}

/** The Compose JSON schema dclint ships (the compose-spec schema). */
function composeSchemaPath(): string {
  return join(packageDir("dclint"), "schemas", "compose.schema.json");
}

export function servers(repoRoot: string, ourVersion: string): ServerSpec[] {
  const yamlServer = join(packageDir("yaml-language-server"), "bin", "yaml-language-server");
  const composeServer = join(packageDir("@microsoft/compose-language-service"), "bin", "docker-compose-langserver");
  const schemaUri = pathToFileURL(composeSchemaPath()).href;
  return [
    {
      id: "elestio",
      name: "elestio-compose (this project)",
      version: ourVersion,
      command: [process.execPath, join(repoRoot, "dist", "server.js"), "--stdio"],
      languageId: "dockercompose",
      settings: { elestio: {} },
      checks: `YAML syntax + ${RULES.length} Elestio rules, project files (.env, .gitignore, .git/index)`,
    },
    {
      id: "yaml-language-server",
      name: "yaml-language-server",
      version: packageVersion("yaml-language-server"),
      command: [process.execPath, yamlServer, "--stdio"],
      languageId: "yaml",
      settings: {
        yaml: {
          validate: true,
          hover: true,
          completion: true,
          format: { enable: false },
          // No network here, and the comparison is with the Compose schema alone.
          schemaStore: { enable: false },
          schemas: { [schemaUri]: ["docker-compose.yml", "*/docker-compose.yml", "**/docker-compose.yml"] },
        },
        "[yaml]": {},
        http: {},
        editor: {},
        files: {},
      },
      checks: "YAML syntax + the Compose JSON schema shipped by dclint",
    },
    {
      id: "compose-language-service",
      name: "@microsoft/compose-language-service",
      version: packageVersion("@microsoft/compose-language-service"),
      command: [process.execPath, composeServer, "--stdio"],
      languageId: "dockercompose",
      settings: {},
      checks: "YAML syntax (its default 1,000 ms diagnostic delay)",
    },
  ];
}

export interface LspSizeResult {
  server: ServerSpec["id"];
  size: number;
  /** Which generator made the file (results of runs before there were two have none: the anchors one). */
  generator?: Generator;
  /** didOpen → first diagnostics, one per fresh copy of the file. */
  openMs: number[];
  openP50: number;
  /** Quiet edits: one-character edit → its diagnostics, the server quiet for settleMs before each. */
  editMs: number[];
  editP50: number;
  editP95: number;
  /** The server's CPU time (ms, 10 ms resolution) from each quiet edit's send to its diagnostics. */
  editCpuMs?: number[];
  /** For each quiet edit, when each publication of the document came (ms after the send, up to the next edit's send). */
  editPublications?: number[][];
  /** Typing: the same edits back to back, each sent as soon as the previous one's diagnostics are in. */
  typingMs?: number[];
  typingP50?: number;
  typingP95?: number;
  typingCpuMs?: number[];
  /** For each typing edit, its publications as above (a late one of an edit falls in the next edit's window). */
  typingPublications?: number[][];
  /** Publications of an older version than the one awaited, while typing (superseded work the server still published). */
  typingStale?: number;
  /** Whether the server's publications named the version they checked (then the client waited for its own). */
  versioned?: boolean;
  /** A burst of typing (5 keystrokes 50 ms apart) → the diagnostics of its end, from its last keystroke. */
  burstMs: number[];
  burstP50: number;
  /** Diagnostics the server gave the unedited file. */
  diagnostics: number;
  /** RSS right after the first diagnostics of the first open of this size, in a fresh process. */
  rssAfterOpen?: number;
  error?: string;
}

/**
 * Where to type: lines ending in a plain scalar (`image: nginx:1.27`,
 * `- NODE_ENV=production`), spread evenly through the file. Appending a
 * letter there changes a value and keeps the YAML valid.
 */
function editPositions(text: string, count: number): { line: number; character: number }[] {
  const lines = text.split("\n");
  const candidates: number[] = [];
  lines.forEach((line, i) => {
    if (/^\s+(?:- )?[A-Za-z_][\w.-]*(?::\s+|=)[\w./-]*[A-Za-z0-9]$/.test(line)) candidates.push(i);
  });
  const positions: { line: number; character: number }[] = [];
  for (let k = 0; k < count && candidates.length > 0; k++) {
    const target = Math.floor(((k + 0.5) * lines.length) / count);
    // The first candidate at or after the target (the last one near the end).
    const line = candidates.find((c) => c >= target) ?? candidates[candidates.length - 1];
    positions.push({ line, character: lines[line].length });
  }
  return positions;
}

export interface LspOptions {
  opens: number;
  /** Quiet edits. */
  edits: number;
  /** Typing edits (back to back). */
  typing: number;
  bursts: number;
  /** Quiet time after diagnostics before the next step, so that late publications are not taken for the next one. */
  settleMs: number;
  timeoutMs: number;
  log: (line: string) => void;
}

/** Per-edit times of a series of edits, with the server's CPU time and the publications each edit saw. */
interface EditSeries {
  ms: number[];
  cpuMs: number[];
  publications: number[][];
  stale: number;
}

/**
 * One edit at each position, each waiting for its own diagnostics; with
 * `settleMs`, the server quiet that long after each (the quiet edits),
 * without, the next edit sent at once (typing). A last settle lets late
 * publications in, so that each edit's window counts them.
 */
async function editSeries(client: LspClient, path: string, positions: readonly { line: number; character: number }[], settleMs: number | undefined, timeoutMs: number): Promise<EditSeries> {
  const uri = pathToFileURL(path).href;
  const series: EditSeries = { ms: [], cpuMs: [], publications: [], stale: 0 };
  const staleBefore = client.stale;
  const sentAt: number[] = [];
  for (const position of positions) {
    const cpuBefore = client.cpuMs();
    const { ms, diagnostics } = await client.type(path, position.line, position.character, "x", timeoutMs);
    const cpuAfter = client.cpuMs();
    sentAt.push(diagnostics.at - ms);
    series.ms.push(round(ms, 2));
    series.cpuMs.push(cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : round(cpuAfter - cpuBefore, 0));
    if (settleMs !== undefined) await client.settle(settleMs);
  }
  await client.settle(settleMs ?? 150);
  series.stale = client.stale - staleBefore;
  const ofDocument = client.published.filter((p) => p.uri === uri);
  series.publications = sentAt.map((sent, k) => {
    const until = sentAt[k + 1] ?? Number.POSITIVE_INFINITY;
    return ofDocument.filter((p) => p.at >= sent && p.at < until).map((p) => round(p.at - sent, 1));
  });
  return series;
}

export async function benchServer(spec: ServerSpec, fixture: Fixture, workDir: string, options: LspOptions): Promise<LspSizeResult> {
  const root = join(workDir, spec.id);
  const paths = writeCopies(root, fixture, options.opens);
  const client = new LspClient(spec.command, spec.settings, root);
  const result: LspSizeResult = {
    server: spec.id,
    size: fixture.size,
    generator: fixture.generator,
    openMs: [],
    openP50: NaN,
    editMs: [],
    editP50: NaN,
    editP95: NaN,
    editCpuMs: [],
    editPublications: [],
    typingMs: [],
    typingP50: NaN,
    typingP95: NaN,
    typingCpuMs: [],
    typingPublications: [],
    typingStale: 0,
    burstMs: [],
    burstP50: NaN,
    diagnostics: 0,
  };
  try {
    await client.initialize(root, spec.initializationOptions);
    await client.settle(200);
    for (const [i, path] of paths.entries()) {
      const { ms, diagnostics } = await client.open(path, spec.languageId, options.timeoutMs);
      result.openMs.push(round(ms, 2));
      if (i === 0) {
        result.diagnostics = diagnostics.count;
        result.rssAfterOpen = client.rss();
      }
      await client.settle(options.settleMs);
      // Every copy but the last is closed: the edits go to the last one.
      if (i < paths.length - 1) {
        await client.close(path);
        await client.settle(options.settleMs);
      }
    }
    const last = paths[paths.length - 1];
    const quiet = await editSeries(client, last, editPositions(fixture.text, options.edits), options.settleMs, options.timeoutMs);
    result.editMs = quiet.ms;
    result.editCpuMs = quiet.cpuMs;
    result.editPublications = quiet.publications;
    const typing = await editSeries(client, last, editPositions(fixture.text, options.typing), undefined, options.timeoutMs);
    result.typingMs = typing.ms;
    result.typingCpuMs = typing.cpuMs;
    result.typingPublications = typing.publications;
    result.typingStale = typing.stale;
    // Bursts: the debounce at work. Quiet for 1.5 s means the burst's last diagnostics are in (a debounce of 1 s included).
    for (const position of editPositions(fixture.text, options.bursts)) {
      const ms = await client.burst(last, position.line, position.character, 5, 50, 1_500);
      result.burstMs.push(round(ms, 2));
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    options.log(`  ${spec.id} ${fixture.size} ${fixture.generator}: ${result.error}`);
  } finally {
    await client.shutdown();
  }
  result.versioned = client.published.some((p) => p.version !== undefined);
  result.openP50 = round(median(result.openMs), 2);
  result.editP50 = round(percentile(result.editMs, 50), 2);
  result.editP95 = round(percentile(result.editMs, 95), 2);
  result.typingP50 = round(percentile(result.typingMs ?? [], 50), 2);
  result.typingP95 = round(percentile(result.typingMs ?? [], 95), 2);
  result.burstP50 = round(median(result.burstMs), 2);
  options.log(
    `lsp ${spec.id} ${fixture.size} lines ${fixture.generator}: open p50 ${result.openP50} ms, quiet edit p50 ${result.editP50} ms, p95 ${result.editP95} ms, typing p50 ${result.typingP50} ms, p95 ${result.typingP95} ms, burst ${result.burstP50} ms, ${result.diagnostics} diagnostics, rss ${result.rssAfterOpen ? Math.round(result.rssAfterOpen / 1048576) : "?"} MB`,
  );
  return result;
}

/** Spawn → initialize → didOpen → first diagnostics: what a user waits for when the editor starts the server. */
export async function coldStart(spec: ServerSpec, fixture: Fixture, workDir: string, runs: number, timeoutMs: number): Promise<number[]> {
  const root = join(workDir, `${spec.id}-cold`);
  const paths = writeCopies(root, fixture, runs);
  const times: number[] = [];
  for (const path of paths) {
    const start = now();
    const client = new LspClient(spec.command, spec.settings, root);
    try {
      await client.initialize(root, spec.initializationOptions);
      const { diagnostics } = await client.open(path, spec.languageId, timeoutMs);
      times.push(round(diagnostics.at - start, 2));
    } finally {
      await client.shutdown();
    }
  }
  return times;
}
