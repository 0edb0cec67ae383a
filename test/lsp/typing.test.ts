/**
 * Typing, over real JSON-RPC: each keystroke's diagnostics carry the version
 * just sent and match its text; keystrokes sent faster than the server
 * analyses end with the last version's diagnostics and never go back to an
 * older version; a large document's analysis, superseded by an edit, is not
 * published over the edit's.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishDiagnosticsParams, Range } from "vscode-languageserver";
import { generateCompose } from "../generators/compose.js";
import { LspClient, expectedRanges, fileUri, rangesOf, tempWorkspace } from "./harness.js";

let client: LspClient;
let dir: string;
/** Called with the scope of each workspace/configuration item the server asks for: a test's hook into when an analysis starts. */
let onSettingsRequest: ((scopeUri: string | undefined) => void) | undefined;

beforeAll(async () => {
  dir = tempWorkspace({});
  client = await LspClient.start({
    workspaceFolders: [dir],
    settings: (scopeUri) => {
      onSettingsRequest?.(scopeUri);
      return { elestio: {} };
    },
  });
});

afterAll(async () => {
  await client?.stop();
});

const expectedFor = (text: string, filePath: string) => expectedRanges(text, filePath, dir);

const point = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });

/** The versions of the publications, checking that each names one: versionSupport was announced. */
function versionsOf(publications: PublishDiagnosticsParams[]): number[] {
  return publications.map((p) => {
    expect(p.version).toBeTypeOf("number");
    return p.version!;
  });
}

describe("typing back to back", () => {
  it("publishes each keystroke's diagnostics for the version just sent, matching its text", async () => {
    const path = join(dir, "typed", "docker-compose.yml");
    const uri = fileUri(path);
    client.open(uri, "services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n");
    await client.waitForDiagnostics(uri, 1);

    const start = client.diagnostics.length;
    let version = 1;
    // A new line under the image, then `container_name: web` typed into it one character at a time,
    // each keystroke sent as soon as the previous one's diagnostics arrive.
    const keystrokes: { range: Range; text: string }[] = [{ range: point(3, 0), text: "\n" }];
    const typed = "    container_name: web";
    for (let i = 0; i < typed.length; i++) keystrokes.push({ range: point(3, i), text: typed[i] });
    for (const keystroke of keystrokes) {
      const before = client.diagnostics.length;
      client.edit(uri, ++version, keystroke.range, keystroke.text);
      const diagnostics = await client.waitForDiagnostics(uri, version, before);
      expect(rangesOf(diagnostics), `version ${version}: ${JSON.stringify(client.text(uri).split("\n")[3])}`).toEqual(expectedFor(client.text(uri), path));
    }

    // One publication per keystroke, each for the version just sent.
    const publications = client.diagnostics.slice(start).filter((p) => p.uri === uri);
    expect(versionsOf(publications)).toEqual(Array.from({ length: keystrokes.length }, (_, i) => i + 2));
    expect(publications.at(-1)?.diagnostics.find((d) => d.code === "no-container-name")?.range).toEqual({
      start: { line: 3, character: 4 },
      end: { line: 3, character: typed.length },
    });
    client.close(uri);
  });
});

describe("typing faster than the server analyses", () => {
  it("ends with the last version's diagnostics, never going back to an older version", async () => {
    const path = join(dir, "fast", "docker-compose.yml");
    const uri = fileUri(path);
    const text = generateCompose({ lines: 3_000, seed: 7, faults: true });
    client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);

    const start = client.diagnostics.length;
    const line = text.split("\n").findIndex((l, i) => i > 1_500 && /^ {4}image: /.test(l));
    expect(line).toBeGreaterThan(0);
    // A container_name typed into a service in the middle of the file, without waiting for anything.
    let version = 1;
    client.edit(uri, ++version, point(line, 0), "\n");
    const typed = "    container_name: typed";
    for (let i = 0; i < typed.length; i++) client.edit(uri, ++version, point(line, i), typed[i]);
    const last = version;

    const diagnostics = await client.waitForDiagnostics(uri, last, start);
    expect(rangesOf(diagnostics)).toEqual(expectedFor(client.text(uri), path));
    expect(diagnostics.find((d) => d.code === "no-container-name" && d.range.start.line === line)?.range).toEqual({
      start: { line, character: 4 },
      end: { line, character: typed.length },
    });
    const versions = versionsOf(client.diagnostics.slice(start).filter((p) => p.uri === uri));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(last);
    client.close(uri);
  });
});

describe("a large document superseded by an edit", () => {
  it("drops the analysis of the opened version and publishes the edit's", async () => {
    const path = join(dir, "large", "docker-compose.yml");
    const uri = fileUri(path);
    const text = generateCompose({ lines: 20_000, seed: 3, faults: true });
    const line = text.split("\n").findIndex((l) => /^ {4}image: /.test(l));
    expect(line).toBeGreaterThan(0);
    // The edit goes out as the server asks for the settings of the opened version: it reaches the
    // server right behind their answer, while the 20,000 lines are being analysed.
    onSettingsRequest = (scopeUri) => {
      if (scopeUri !== uri) return;
      onSettingsRequest = undefined;
      setImmediate(() => client.edit(uri, 2, point(line, 0), "    container_name: late\n"));
    };
    const start = client.diagnostics.length;
    client.open(uri, text);

    const diagnostics = await client.waitForDiagnostics(uri, 2, start);
    expect(rangesOf(diagnostics)).toEqual(expectedFor(client.text(uri), path));
    expect(diagnostics.some((d) => d.code === "no-container-name" && d.range.start.line === line)).toBe(true);
    // A round trip more, for a late publication of the opened version to show up if there were one.
    await client.hover(uri, { line: 0, character: 0 });
    const versions = versionsOf(client.diagnostics.slice(start).filter((p) => p.uri === uri));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(2);
    // Not published at all: its analysis stopped at the first yield after the edit arrived.
    expect(versions).not.toContain(1);
    client.close(uri);
  }, 60_000);
});
