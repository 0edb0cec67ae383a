/**
 * A server that survives what editors and users do to it, over real
 * JSON-RPC: cancelled requests, changes for closed documents, versions out
 * of order, requests for documents it never saw, and a burst of 1,000
 * edits on a large file, after which it publishes the last version's
 * diagnostics and its memory comes back down.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from "vscode-languageserver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCompose } from "../generators/compose.js";
import { LATIGUE_BEFORE, LspClient, expectedRanges, fileUri, rangesOf, tempWorkspace } from "./harness.js";

/** The server's resident memory, from /proc (Linux); undefined elsewhere. */
function rssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const MB = 1024 * 1024;

let client: LspClient;
let dir: string;

beforeAll(async () => {
  dir = tempWorkspace({});
  client = await LspClient.start({ workspaceFolders: [dir], settings: { elestio: {} } });
});

afterAll(async () => {
  await client?.stop();
});

const expectedFor = (text: string, filePath: string) => expectedRanges(text, filePath, dir);

describe("cancellation", () => {
  it("a cancelled fix-all answers RequestCancelled, nothing, or (cancelled too late) the whole fix; the same request uncancelled gets the fix", async () => {
    const uri = fileUri(join(dir, "cancel", "docker-compose.yml"));
    const text = generateCompose({ lines: 6_000, seed: 11, faults: 0.6 });
    client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    expect(diagnostics.length).toBeGreaterThan(50);
    const params = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ["source.fixAll.elestio"] } };

    const source = new CancellationTokenSource();
    const cancelled = client.request("textDocument/codeAction", params, source.token);
    source.cancel();
    const outcome = await cancelled.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const actions = await client.codeActions(uri, params.range, [], ["source.fixAll.elestio"]);
    expect(actions?.map((a) => a.kind)).toEqual(["source.fixAll.elestio"]);
    if ("error" in outcome) {
      expect(outcome.error).toBeInstanceOf(ResponseError);
      expect((outcome.error as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
    } else if ((outcome.result as unknown[]).length > 0) {
      // The LSP lets a server finish a request whose cancellation came too late: then the answer is the whole fix.
      expect(outcome.result).toEqual(actions);
    } else expect(outcome.result).toEqual([]);
    console.info(`[reliability] cancel: fix-all on ${text.split("\n").length} lines with ${diagnostics.length} diagnostics, cancelled: ${"error" in outcome ? "RequestCancelled" : (outcome.result as unknown[]).length > 0 ? "the whole fix (too late)" : "[]"}`);
    client.close(uri);
  });
});

describe("documents the server does not hold", () => {
  it("answers requests for a document it never saw with nothing", async () => {
    const uri = fileUri(join(dir, "never-opened", "docker-compose.yml"));
    expect(await client.hover(uri, { line: 0, character: 0 })).toBeNull();
    expect(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [])).toEqual([]);
    expect(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll.elestio"])).toEqual([]);
    expect(await client.codeLens(uri)).toEqual([]);
    const explained = await client.request<{ problems: unknown[] }>("elestio/explainLog", { text: "Conflict. The container name \"/x\" is already in use", uri });
    expect(explained.problems.length).toBeGreaterThan(0);
  });

  it("ignores changes for a closed document, and publishes nothing for it after its close", async () => {
    const uri = fileUri(join(dir, "closed", "docker-compose.yml"));
    const other = fileUri(join(dir, "other", "docker-compose.yml"));
    client.open(uri, LATIGUE_BEFORE);
    await client.waitForDiagnostics(uri, 1);
    client.open(other, LATIGUE_BEFORE);
    await client.waitForDiagnostics(other, 1);
    client.close(uri);
    const closedAt = client.diagnostics.length;
    // A late change for the closed document, and one never opened: the editor's bug, not the server's crash.
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: 7 },
      contentChanges: [{ text: "services:\n  web:\n    container_name: x\n" }],
    });
    client.notify("textDocument/didChange", {
      textDocument: { uri: fileUri(join(dir, "ghost", "docker-compose.yml")), version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: "x" }],
    });
    // A change of another document, debounced as the ghost's would be, and published after it would have been.
    client.change(other, 2, `${LATIGUE_BEFORE}\n`);
    await client.waitForDiagnostics(other, 2, closedAt);
    const after = client.diagnostics.slice(closedAt).filter((p) => p.uri !== other);
    // The close publishes an empty list; nothing else comes for the closed or the ghost document.
    expect(after.every((p) => p.diagnostics.length === 0)).toBe(true);
    expect(await client.hover(uri, { line: 3, character: 6 })).toBeNull();
    client.close(other);
  });

  it("takes versions out of order as the editor sends them, and publishes for the text it holds", async () => {
    const path = join(dir, "versions", "docker-compose.yml");
    const uri = fileUri(path);
    const older = "services:\n  web:\n    image: nginx\n    container_name: web\n";
    const newer = 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n';
    client.open(uri, LATIGUE_BEFORE, "yaml", 1);
    await client.waitForDiagnostics(uri, 1);
    client.change(uri, 5, newer);
    await client.waitForDiagnostics(uri, 5);
    client.change(uri, 3, older);
    const diagnostics = await client.waitForDiagnostics(uri, 3);
    expect(rangesOf(diagnostics)).toEqual(expectedFor(older, path));
    // An incremental change past the end of the text lands at its end.
    client.edit(uri, 4, { start: { line: 99, character: 0 }, end: { line: 99, character: 0 } }, "    restart: always\n");
    const appended = await client.waitForDiagnostics(uri, 4);
    expect(rangesOf(appended)).toEqual(expectedFor(`${older}    restart: always\n`, path));
    client.close(uri);
  });
});

describe("a burst of edits", () => {
  it("ends with the diagnostics of the last version only, and memory comes back", async () => {
    const path = join(dir, "burst", "docker-compose.yml");
    const uri = fileUri(path);
    const text = generateCompose({ lines: 5_000, seed: 21, faults: true });
    client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);
    // Warm up: the first analyses allocate what the server keeps (rule tables, caches).
    client.change(uri, 2, `${text}\n`);
    await client.waitForDiagnostics(uri, 2);
    const pid = client.pid!;
    const before = rssBytes(pid);

    const start = client.diagnostics.length;
    const lines = text.split("\n");
    const portLine = lines.findIndex((l) => /^ {6}- "?'?172\.17\.0\.1:/.test(l));
    expect(portLine).toBeGreaterThan(0);
    let version = 2;
    // Typing and deleting in a port binding, as a user would: every other version has a public port.
    for (let i = 0; i < 1_000; i++) {
      version++;
      const line = lines.length >> 1;
      if (i % 2 === 0) client.edit(uri, version, { start: { line, character: 0 }, end: { line, character: 0 } }, `# typing ${i}\n`);
      else client.edit(uri, version, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, "");
      if (i === 999) client.edit(uri, ++version, { start: { line: portLine, character: 0 }, end: { line: portLine + 1, character: 0 } }, '      - "9999:9999"\n');
    }
    const last = version;
    const diagnostics = await client.waitForDiagnostics(uri, last, start);
    const finalText = client.text(uri);
    expect(rangesOf(diagnostics)).toEqual(expectedFor(finalText, path));
    expect(diagnostics.some((d) => d.code === "public-port-binding" && JSON.stringify(d.message).includes("9999"))).toBe(true);
    const published = client.diagnostics.slice(start).filter((p) => p.uri === uri);
    const versions = published.map((p) => p.version!);
    // Never an older version after a newer one; the last one is the last edit's.
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[versions.length - 1]).toBe(last);

    // Memory: poll (no fixed sleep) until the server's RSS is back near where it was, or give up after 30 s.
    const after = rssBytes(pid);
    let settled = after;
    if (before !== undefined && after !== undefined) {
      const limit = before + Math.max(64 * MB, before * 0.5);
      const deadline = Date.now() + 30_000;
      while ((settled ?? 0) > limit && Date.now() < deadline) {
        // A request round trip lets the server's event loop turn (and V8's idle GC run) between polls.
        await client.hover(uri, { line: 0, character: 0 });
        settled = rssBytes(pid);
      }
      console.info(
        `[reliability] burst: ${versions.length} publications for 1,001 edits of a 5,000-line file (versions ${versions.join(", ")}); RSS ${(before / MB).toFixed(0)} MB before, ${(after / MB).toFixed(0)} MB right after, ${((settled ?? 0) / MB).toFixed(0)} MB settled`,
      );
      expect(settled).toBeLessThanOrEqual(limit);
    }
    client.close(uri);
  }, 120_000);
});
