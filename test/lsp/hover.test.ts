/**
 * Hovers and elestio/explainLog over JSON-RPC, in the client's language. The
 * texts themselves are the engine's (tested with it): here, that the server
 * hands over the engine's answer for the right language, range and file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hover, Position } from "vscode-languageserver";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { hover } from "../../server/src/engine/hover/index.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import { lint } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { ruleDocsLocation } from "../../server/src/ruleDocs.js";
import { LATIGUE_BEFORE, LspClient, clientStarter, fileUri, tempWorkspace, type StartOptions } from "./harness.js";

const CONFLICT_LOG = [
  "Running clone script.",
  "Creating .env file",
  "Creating docker compose file",
  'Error response from daemon: Conflict. The container name "/latigue_web" is already in use by container "4f2a". You have to remove (or rename) that container to be able to reuse that name.',
].join("\n");

let dir: string;
let path: string;
let uri: string;
const startClient = clientStarter(afterAll);

beforeAll(() => {
  dir = tempWorkspace({ "docker-compose.yml": LATIGUE_BEFORE });
  path = join(dir, "docker-compose.yml");
  uri = fileUri(path);
});

/** Writes the guide's "before" file at a path inside the test's workspace and returns its uri. */
function tempWorkspaceFile(relativePath: string): string {
  const path = join(dir, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, LATIGUE_BEFORE);
  return fileUri(path);
}

async function start(options: Omit<StartOptions, "workspaceFolders">): Promise<LspClient> {
  const client = await startClient({ workspaceFolders: [dir], ...options });
  client.open(uri, LATIGUE_BEFORE);
  await client.waitForDiagnostics(uri, 1);
  return client;
}

/** What the engine answers for this hover, as the server should send it. */
function expectedHover(position: Position, language: Language): Hover | null {
  const model = parseCompose(LATIGUE_BEFORE);
  const project = fileProject(path, dir);
  const findings = lint(model, { isPipeline: true, project });
  const offset = model.lines.offsetAt(position);
  const result = hover(model, findings, offset, language, { isPipeline: true, project, docsUrl: ruleDocsLocation().url });
  if (!result) return null;
  return { contents: { kind: "markdown", value: result.markdown }, range: model.lines.range(result.start, result.end) };
}

/** On `container_name: latigue_web`, a diagnostic's range. */
const ON_CONTAINER_NAME = { line: 21, character: 8 };
/** On `restart:` of the django service, a key with nothing wrong. */
const ON_RESTART = { line: 22, character: 6 };

describe("hover", () => {
  it("answers in English for an English client", async () => {
    const client = await start({ locale: "en-US", settings: { elestio: {} } });
    const onDiagnostic = await client.hover(uri, ON_CONTAINER_NAME);
    expect(onDiagnostic).not.toBeNull();
    expect(onDiagnostic).toEqual(expectedHover(ON_CONTAINER_NAME, "en"));
    expect((onDiagnostic!.contents as { value: string }).value).toContain('Conflict. The container name "/');
    expect(onDiagnostic!.range!.start.line).toBe(21);
    const onKey = await client.hover(uri, ON_RESTART);
    expect(onKey).not.toBeNull();
    expect(onKey).toEqual(expectedHover(ON_RESTART, "en"));
  });

  it("answers in French for a French client, diagnostics included", async () => {
    const client = await start({ locale: "fr", settings: { elestio: {} } });
    const french = await client.hover(uri, ON_CONTAINER_NAME);
    expect(french).toEqual(expectedHover(ON_CONTAINER_NAME, "fr"));
    expect(french).not.toEqual(expectedHover(ON_CONTAINER_NAME, "en"));
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    expect(diagnostics.find((d) => d.code === "no-container-name" && d.range.start.line === ON_CONTAINER_NAME.line)?.message).toBe(
      "container_name « latigue_web » fixe : un redéploiement échoue tant qu'un autre conteneur porte ce nom. Supprimez-le.",
    );
  });

  it("follows elestio.language over the client's locale", async () => {
    const english = await start({ locale: "fr-FR", settings: { elestio: { language: "en" } } });
    expect(await english.hover(uri, ON_CONTAINER_NAME)).toEqual(expectedHover(ON_CONTAINER_NAME, "en"));
    const french = await start({ locale: "en", settings: { elestio: { language: "fr" } } });
    expect(await french.hover(uri, ON_RESTART)).toEqual(expectedHover(ON_RESTART, "fr"));
  });
});

describe("elestio/explainLog", () => {
  /** The engine's explanation with its ranges in `uri`, as the server should send it. */
  function expectedProblems(language: Language, withFile: boolean) {
    const model = parseCompose(LATIGUE_BEFORE);
    return explainLog(CONFLICT_LOG, language, withFile ? model : undefined).map((p) => ({
      id: p.id,
      title: p.title,
      explanation: p.explanation,
      ranges: withFile ? p.ranges.map((r) => ({ uri, range: model.lines.range(r.start, r.end) })) : [],
    }));
  }

  it("explains a pasted log and points at the container_name line that causes the conflict", async () => {
    const client = await start({ locale: "en", settings: { elestio: {} } });
    const result = await client.request<{ problems: { id: string; ranges: { uri: string; range: { start: Position; end: Position } }[] }[] }>(
      "elestio/explainLog",
      { text: CONFLICT_LOG, uri },
    );
    expect(result).toEqual({ problems: expectedProblems("en", true) });
    const conflict = result.problems.find((p) => p.ranges.some((r) => r.range.start.line === 21 && r.range.end.line === 21));
    expect(conflict).toBeDefined();
    expect(conflict!.ranges.every((r) => r.uri === uri)).toBe(true);
  });

  it("explains in French, and without a uri gives no ranges", async () => {
    const client = await start({ locale: "fr", settings: { elestio: {} } });
    expect(await client.request("elestio/explainLog", { text: CONFLICT_LOG })).toEqual({ problems: expectedProblems("fr", false) });
    expect(expectedProblems("fr", false).length).toBeGreaterThan(0);
  });

  it("reads a workspace compose file on disk that is not open, and never a file outside the workspace", async () => {
    const client = await start({ locale: "en", settings: { elestio: {} } });
    const inside = tempWorkspaceFile("closed/docker-compose.yml");
    const insideResult = await client.request<{ problems: { ranges: { uri: string }[] }[] }>("elestio/explainLog", { text: CONFLICT_LOG, uri: inside });
    const insideRanges = insideResult.problems.flatMap((p) => p.ranges);
    expect(insideRanges.length).toBeGreaterThan(0);
    expect(insideRanges.every((r) => r.uri === inside)).toBe(true);

    const other = tempWorkspace({ "docker-compose.yml": LATIGUE_BEFORE });
    const outside = fileUri(join(other, "docker-compose.yml"));
    const outsideResult = await client.request<{ problems: { ranges: unknown[] }[] }>("elestio/explainLog", { text: CONFLICT_LOG, uri: outside });
    expect(outsideResult.problems.length).toBeGreaterThan(0);
    expect(outsideResult.problems.flatMap((p) => p.ranges)).toEqual([]);
  });

  it("links the findings the file has: the open document's, and a closed file's as its project configuration lints it", async () => {
    const conflictLinks = (result: { problems: { id: string; ranges: unknown[] }[] }) => result.problems.find((p) => p.id === "no-container-name")!.ranges;
    // The open document, with no-container-name turned off in the editor: no finding, so no link (the explanation stays).
    const off = await start({ locale: "en", settings: { elestio: { rules: { "no-container-name": "off" } } } });
    expect(conflictLinks(await off.request("elestio/explainLog", { text: CONFLICT_LOG, uri }))).toEqual([]);

    // A closed file whose project configuration turns it off, beside one linted with the defaults.
    const client = await start({ locale: "en", settings: { elestio: {} } });
    const silenced = tempWorkspaceFile("silenced/docker-compose.yml");
    writeFileSync(join(dir, "silenced", ".elestio-compose.json"), JSON.stringify({ rules: { "no-container-name": "off" } }));
    expect(conflictLinks(await client.request("elestio/explainLog", { text: CONFLICT_LOG, uri: silenced }))).toEqual([]);
    const closed = tempWorkspaceFile("defaults/docker-compose.yml");
    const model = parseCompose(LATIGUE_BEFORE);
    const finding = lint(model, { isPipeline: true }).find((f) => f.ruleId === "no-container-name" && f.log!.includes('"/latigue_web"'))!;
    expect(conflictLinks(await client.request("elestio/explainLog", { text: CONFLICT_LOG, uri: closed }))).toEqual([{ uri: closed, range: model.lines.range(finding.start, finding.end) }]);
  });

  it("rejects a request without text", async () => {
    const client = await start({ locale: "en", settings: { elestio: {} } });
    await expect(client.request("elestio/explainLog", { uri })).rejects.toMatchObject({ code: -32602 });
  });
});
