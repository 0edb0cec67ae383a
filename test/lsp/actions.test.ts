/** Quick fixes, disable-for-line, fix-all and the code lens, applied as an editor would apply them. */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { LATIGUE_BEFORE, LspClient, applyTextEdits, fileUri, tempWorkspace } from "./harness.js";

let client: LspClient;
let dir: string;

beforeAll(async () => {
  dir = tempWorkspace({ "docker-compose.yml": LATIGUE_BEFORE, "docker-compose.dev.yml": LATIGUE_BEFORE });
  client = await LspClient.start({ workspaceFolders: [dir], settings: { elestio: {} } });
});

afterAll(async () => {
  await client?.stop();
});

let opened = 0;
/** Opens a fresh pipeline file in its own folder and waits for its diagnostics. */
async function openPipelineFile(text: string, name = "docker-compose.yml"): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = fileUri(join(dir, `case-${++opened}`, name));
  client.open(uri, text);
  return { uri, diagnostics: await client.waitForDiagnostics(uri, 1) };
}

const FIX_ALL_INPUT = [
  "version: '3.8'",
  "",
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1.2  # the app",
  "    container_name: acme_web",
  "    ports:",
  '      - "80:80"',
  '      - "172.17.0.1:8000:8000"',
  "  worker:",
  "    image: ghcr.io/acme/worker:1.2",
  "    container_name: acme_worker",
  "",
].join("\n");

const FIX_ALL_OUTPUT = [
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1.2  # the app",
  "    ports:",
  '      - "172.17.0.1:8000:8000"',
  "  worker:",
  "    image: ghcr.io/acme/worker:1.2",
  "",
].join("\n");

describe("quick fix", () => {
  it("offers the rule's fix as the preferred quick fix, and applying it gives the exact text", async () => {
    const { uri, diagnostics } = await openPipelineFile(LATIGUE_BEFORE);
    const diagnostic = diagnostics.find((d) => d.code === "no-container-name" && d.range.start.line === 21)!;
    const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic]))!;
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ["Remove container_name", "quickfix", true],
      ["Disable no-container-name for this line", "quickfix", false],
      ["Show documentation for no-container-name", "quickfix", false],
    ]);
    expect(actions[0].diagnostics).toEqual([diagnostic]);
    const fixed = applyTextEdits(LATIGUE_BEFORE, client.editsFor(actions[0].edit, uri, 1));
    expect(fixed).toBe(LATIGUE_BEFORE.replace("    container_name: latigue_web\n", ""));

    // The editor applies it: the new version no longer has that finding, the others stay.
    client.change(uri, 2, fixed);
    const after = await client.waitForDiagnostics(uri, 2);
    expect(after.filter((d) => d.code === "no-container-name").map((d) => d.range.start.line)).toEqual([8, 43, 58]);
  });

  it("disables a rule for one line with a comment above it", async () => {
    const { uri, diagnostics } = await openPipelineFile(LATIGUE_BEFORE);
    const diagnostic = diagnostics.find((d) => d.code === "no-container-name" && d.range.start.line === 8)!;
    const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic]))!;
    const disable = actions.find((a) => a.title === "Disable no-container-name for this line")!;
    const disabled = applyTextEdits(LATIGUE_BEFORE, client.editsFor(disable.edit, uri, 1));
    expect(disabled).toBe(
      LATIGUE_BEFORE.replace("    container_name: latigue_postgres\n", "    # elestio-disable-next-line no-container-name\n    container_name: latigue_postgres\n"),
    );
    client.change(uri, 2, disabled);
    const after = await client.waitForDiagnostics(uri, 2);
    expect(after.filter((d) => d.code === "no-container-name").map((d) => d.range.start.line)).toEqual([22, 45, 60]);
  });

  it("offers only disable-for-line on a finding without a fix, and nothing for diagnostics that are not ours", async () => {
    const text = "services:\n  web:\n    image: ghcr.io/acme/web:1\n    container_name: web\n    command: [a\n";
    const { uri, diagnostics } = await openPipelineFile(text);
    const syntax = diagnostics.find((d) => d.code === "yaml-syntax")!;
    const actions = (await client.codeActions(uri, syntax.range, [syntax]))!;
    expect(actions.map((a) => a.title)).toEqual(["Disable yaml-syntax for this line", "Show documentation for yaml-syntax"]);

    const containerName = diagnostics.find((d) => d.code === "no-container-name")!;
    const foreign: Diagnostic = { ...containerName, source: "yaml" };
    const stale: Diagnostic = { ...containerName, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    expect(await client.codeActions(uri, containerName.range, [foreign, stale])).toEqual([]);
  });

  it("titles its actions in the client's language", async () => {
    const french = await LspClient.start({ workspaceFolders: [dir], locale: "fr-FR", settings: { elestio: {} } });
    try {
      const uri = fileUri(join(dir, "french", "docker-compose.yml"));
      french.open(uri, LATIGUE_BEFORE);
      const diagnostic = (await french.waitForDiagnostics(uri, 1)).find((d) => d.code === "no-container-name")!;
      const actions = (await french.codeActions(uri, diagnostic.range, [diagnostic]))!;
      expect(actions.map((a) => a.title)).toEqual(["Supprimer container_name", "Désactiver no-container-name pour cette ligne", "Afficher la documentation de no-container-name"]);
    } finally {
      await french.stop();
    }
  });
});

describe("source.fixAll.elestio", () => {
  it("is offered only when asked for, and fixes everything fixable into the exact text", async () => {
    const { uri } = await openPipelineFile(FIX_ALL_INPUT);
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const unasked = (await client.codeActions(uri, whole, []))!;
    expect(unasked.filter((a) => a.kind === "source.fixAll.elestio")).toEqual([]);

    for (const only of [["source.fixAll.elestio"], ["source.fixAll"], ["source"]]) {
      const actions = (await client.codeActions(uri, whole, [], only))!;
      expect(actions.map((a) => [a.title, a.kind])).toEqual([["Fix all Elestio problems", "source.fixAll.elestio"]]);
      expect(applyTextEdits(FIX_ALL_INPUT, client.editsFor(actions[0].edit, uri, 1))).toBe(FIX_ALL_OUTPUT);
    }

    // A second fix-all has nothing left to do.
    client.change(uri, 2, FIX_ALL_OUTPUT);
    const after = await client.waitForDiagnostics(uri, 2);
    expect(after.filter((d) => d.code !== "undefined-variable")).toEqual([]);
    expect(await client.codeActions(uri, whole, [], ["source.fixAll.elestio"])).toEqual([]);
  });

  it("leaves a dev compose file's container_name and ports alone", async () => {
    const { uri } = await openPipelineFile(FIX_ALL_INPUT, "docker-compose.dev.yml");
    const actions = (await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll"]))!;
    expect(applyTextEdits(FIX_ALL_INPUT, client.editsFor(actions[0].edit, uri, 1))).toBe(FIX_ALL_INPUT.replace("version: '3.8'\n\n", ""));
  });
});

describe("code lens", () => {
  it("offers to copy the file to the dashboard on line 0 of a pipeline file only", async () => {
    const { uri } = await openPipelineFile(LATIGUE_BEFORE);
    expect(await client.codeLens(uri)).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        command: {
          title: "Copy to the Elestio dashboard (the pipeline deploys its copy)",
          command: "elestio.openDashboardAndCopyCompose",
          arguments: [uri],
        },
      },
    ]);
    const dev = await openPipelineFile(LATIGUE_BEFORE, "docker-compose.dev.yml");
    expect(await client.codeLens(dev.uri)).toEqual([]);
  });
});

describe("unknown documents", () => {
  it("answers requests about a document that is not open with nothing", async () => {
    const uri = fileUri(join(dir, "never-opened", "docker-compose.yml"));
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    expect(await client.hover(uri, range.start)).toBeNull();
    expect(await client.codeActions(uri, range, [], ["source.fixAll"])).toEqual([]);
    expect(await client.codeLens(uri)).toEqual([]);
  });
});
