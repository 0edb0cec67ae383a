/**
 * Hostile and broken inputs, over real JSON-RPC to dist/server.js and
 * through the CLI: each gets its diagnostics (or, for a file too large to
 * analyse as you type, one diagnostic that says so) within a bounded time,
 * hover, code actions and code lens still answer on it, and the server goes
 * on serving another document. The times are printed for RELIABILITY.md;
 * nothing asserts on them but the generous bound.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { runCli } from "../helpers/cli.js";
import { LATIGUE_BEFORE, LspClient, fileUri, tempWorkspace } from "./harness.js";
import { hostileInputs, textOf, type HostileInput } from "./hostile-inputs.js";

/** Generous: the slowest input takes well under a second on a laptop; a loaded CI machine may take many times that. */
const BOUND_MS = 60_000;

const inputs = hostileInputs();
const times: string[] = [];

function checkDiagnostics(input: HostileInput, codes: string[], messages: string[]): void {
  if (input.exactCodes) expect([...new Set(codes)].sort()).toEqual([...input.exactCodes].sort());
  for (const code of input.expectCodes ?? []) expect(codes).toContain(code);
  if (input.expectMessage) expect(messages.some((m) => input.expectMessage!.test(m)), messages.join("\n")).toBe(true);
}

describe("the language server, on hostile inputs", () => {
  let client: LspClient;
  let dir: string;
  let canary: string;
  let canaryVersion = 1;
  let canaryDiagnostics: Diagnostic[];

  beforeAll(async () => {
    dir = tempWorkspace({});
    client = await LspClient.start({ workspaceFolders: [dir], settings: { elestio: {} } });
    canary = fileUri(join(dir, "canary", "docker-compose.yml"));
    client.open(canary, LATIGUE_BEFORE);
    canaryDiagnostics = await client.waitForDiagnostics(canary, 1);
    expect(canaryDiagnostics.length).toBeGreaterThan(5);
  });

  afterAll(async () => {
    await client?.stop();
    console.info(`[reliability] hostile inputs, server (open to diagnostics):\n${times.join("\n")}`);
  });

  it.each(inputs.map((input, index) => [input.name, index] as const))("%s", async (name, index) => {
    const input = inputs[index];
    const text = textOf(input);
    const uri = fileUri(join(dir, `hostile-${index}`, "docker-compose.yml"));
    const started = performance.now();
    client.open(uri, text);
    const diagnostics = await client.waitFor(() => client.publicationsFor(uri).find((p) => p.version === 1)?.diagnostics, `diagnostics of ${name}`, BOUND_MS);
    const elapsed = performance.now() - started;
    checkDiagnostics(input, diagnostics.map((d) => String(d.code)), diagnostics.map((d) => (typeof d.message === "string" ? d.message : d.message.value)));

    // Hover, code actions and code lens answer on it, past its end included.
    const lines = text.split(/\r\n|\r|\n/);
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    for (const position of [{ line: 0, character: 0 }, { line: lines.length >> 1, character: 3 }, end, { line: lines.length + 5, character: 2 }]) {
      await client.hover(uri, position);
      await client.codeActions(uri, { start: position, end: position }, diagnostics);
    }
    await client.codeActions(uri, { start: { line: 0, character: 0 }, end }, [], ["source.fixAll.elestio"]);
    expect(await client.codeLens(uri)).toHaveLength(1);
    const answered = performance.now() - started;

    // And the server goes on serving another document.
    canaryVersion++;
    client.change(canary, canaryVersion, `${LATIGUE_BEFORE}\n`);
    expect(await client.waitForDiagnostics(canary, canaryVersion)).toEqual(canaryDiagnostics);
    client.close(uri);
    times.push(`  ${name} (${text.length.toLocaleString("en")} characters): diagnostics in ${elapsed.toFixed(0)} ms, hovers, actions and lens answered by ${answered.toFixed(0)} ms`);
  });

  it("is still running, and logged no error", () => {
    expect(client.hasExited).toBe(false);
    expect(client.logs.filter((l) => l.type === 1)).toEqual([]);
  });
});

describe("the CLI, on hostile files", () => {
  let dir: string;
  const cliTimes: string[] = [];

  beforeAll(() => {
    dir = tempWorkspace({});
  });

  afterAll(() => {
    console.info(`[reliability] hostile inputs, CLI (whole run):\n${cliTimes.join("\n")}`);
  });

  it.each(inputs.filter((i) => i.cli).map((input) => [input.name, input] as const))("%s", (name, input) => {
    const file = join(dir, `${inputs.indexOf(input)}-docker-compose.yml`);
    writeFileSync(file, input.bytes);
    const started = performance.now();
    const result = runCli(["--format", "json", "--pipeline", "*docker-compose.yml", file]);
    const elapsed = performance.now() - started;
    expect(result.stderr).toBe("");
    expect([0, 1]).toContain(result.status);
    const findings = flatten(JSON.parse(result.stdout));
    // The CLI has no size limit: what the server refuses as too large, it analyses.
    checkDiagnostics({ ...input, exactCodes: input.exactCodes?.filter((c) => c !== "file-too-large") }, findings.map((f) => f.ruleId), findings.map((f) => f.message));
    cliTimes.push(`  ${name} (${input.bytes.length.toLocaleString("en")} bytes): ${elapsed.toFixed(0)} ms`);
  });
});

/** The findings of the CLI's JSON report: one entry per file, with its diagnostics. */
function flatten(report: { file: string; diagnostics: { ruleId: string; message: string }[] }[]): { ruleId: string; message: string }[] {
  return report.flatMap((file) => file.diagnostics);
}
