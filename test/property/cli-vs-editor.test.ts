/**
 * The CLI's `--fix` and the editor's fix-all (the server's
 * `source.fixAll.elestio` code action, over real JSON-RPC) produce the same
 * text, on the project's files in `npm test` (a sample of the corpus folder
 * in `npm run test:corpus`, all of it in `npm run fuzz`) and on generated
 * files with every kind of fault; and the code lens answers on every file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FAULT_KINDS, generateCompose } from "../generators/compose.js";
import { LspClient, applyTextEdits, fileUri, tempWorkspace } from "../lsp/harness.js";
import { corpus, CORPUS_DIR, corpusLabel, floorFor, FUZZ } from "./support.js";

/**
 * The floors for the project's files in `npm test`: when they were set, 29
 * files (26 project files and 3 generated ones) of which 26 were changed by
 * the fixes, and 13 lenses on the 26 project files (one on every other file).
 */
const PROJECT_CHANGED = 15;
const PROJECT_LENSES = 10;

interface Case {
  name: string;
  text: string;
  path: string;
}

let client: LspClient;
let workspace: string;
let cases: Case[];

beforeAll(async () => {
  workspace = tempWorkspace({});
  const files = corpus();
  // Every project file; of a corpus folder, every 8th file, and the shared corpus's CRLF template and latigue's history always.
  const sample = FUZZ || !CORPUS_DIR ? files : files.filter((f, i) => i % 8 === 0 || f.rel.startsWith("latigue/") || f.rel === "elestio/rocket-chat/docker-compose.yml");
  const generated = [
    { name: "generated, every fault", text: generateCompose({ lines: 400, seed: 3, faults: [...FAULT_KINDS] }) },
    { name: "generated, every fault, CRLF", text: generateCompose({ lines: 300, seed: 4, faults: [...FAULT_KINDS], eol: "\r\n" }) },
    { name: "generated, many faults", text: generateCompose({ lines: 1_500, seed: 5, faults: 0.7 }) },
  ];
  cases = [...sample.map((f) => ({ name: f.rel, text: f.text })), ...generated].map((c, i) => {
    const dir = join(workspace, `case-${i}`);
    mkdirSync(dir);
    const path = join(dir, "docker-compose.yml");
    writeFileSync(path, c.text);
    return { ...c, path };
  });
  client = await LspClient.start({ workspaceFolders: [workspace], settings: { elestio: {} } });
}, 60_000);

afterAll(async () => {
  await client?.stop();
});

describe("the CLI and the editor", () => {
  it("--fix and the editor's fix-all produce the same text", async () => {
    const editorTexts: string[] = [];
    for (const c of cases) {
      const uri = fileUri(c.path);
      client.open(uri, c.text);
      await client.waitForDiagnostics(uri, 1);
      const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll.elestio"]);
      const edits = actions?.length ? client.editsFor(actions[0].edit, uri, 1) : [];
      editorTexts.push(applyTextEdits(c.text, edits));
      client.close(uri);
    }
    const result = runCli(["--fix", "--exit-zero", "--format", "json", ...cases.map((c) => c.path)], { cwd: workspace });
    expect(result.status, result.stderr).toBe(0);
    const differing = cases.filter((c, i) => readFileSync(c.path, "utf8") !== editorTexts[i]).map((c) => c.name);
    expect(differing).toEqual([]);
    const changed = cases.filter((c, i) => editorTexts[i] !== c.text).length;
    console.info(`[reliability] CLI --fix = editor fix-all on ${cases.length} files (${changed} of them changed by the fixes)`);
    expect(changed, corpusLabel()).toBeGreaterThan(floorFor({ project: PROJECT_CHANGED, shared: 5 }));
  }, 300_000);

  it("the code lens answers on every file", async () => {
    let lenses = 0;
    for (const [i, file] of corpus().entries()) {
      const uri = fileUri(join(workspace, "lens", String(i), i % 2 === 0 ? "docker-compose.yml" : "docker-compose.dev.yml"));
      client.open(uri, file.text);
      const found = await client.codeLens(uri);
      // The pipeline's file gets the dashboard lens; another compose file gets none.
      expect(found, file.rel).toHaveLength(i % 2 === 0 ? 1 : 0);
      lenses += found?.length ?? 0;
      client.close(uri);
    }
    expect(lenses, corpusLabel()).toBeGreaterThan(floorFor({ project: PROJECT_LENSES, shared: 150 }));
  }, 120_000);
});
