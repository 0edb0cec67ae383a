/**
 * A finding about another file carries it as LSP relatedInformation: the
 * override file compose merges over the pipeline's compose file, at its start.
 * Until override-file-merged is in the registry, the server under test is a
 * bundle with the rule added to it; once registered, the shipped bundle.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RULES } from "../../server/src/engine/rules/index.js";
import { LspClient, SERVER_PATH, fileUri, tempWorkspace } from "./harness.js";
import { buildPatchedServer } from "./patched-server.js";

const RULE_ID = "override-file-merged";
const CODE = 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n';
const OVERRIDE = 'services:\n  web:\n    ports:\n      - "8000:8000"\n';

let client: LspClient;
let dir: string;

beforeAll(async () => {
  const registered = RULES.some((rule) => rule.meta.id === RULE_ID);
  const serverPath = registered
    ? SERVER_PATH
    : await buildPatchedServer({
        file: /[\\/]engine[\\/]rules[\\/]index\.ts$/,
        marker: "export const RULES: readonly Rule[] = [",
        insert: 'require("./override-file-merged.js").overrideFileMerged,',
      });
  dir = tempWorkspace({ "docker-compose.yml": CODE, "docker-compose.override.yml": OVERRIDE });
  client = await LspClient.start({ serverPath, workspaceFolders: [dir], settings: { elestio: {} } });
});

afterAll(async () => {
  await client?.stop();
});

it("the override finding points at the override file, at its start; the other diagnostics point nowhere", async () => {
  const uri = fileUri(join(dir, "docker-compose.yml"));
  client.open(uri, CODE);
  const diagnostics = await client.waitForDiagnostics(uri, 1);
  const override = diagnostics.filter((d) => d.code === RULE_ID);
  expect(override.map((d) => ({ range: d.range, relatedInformation: d.relatedInformation }))).toEqual([
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
      relatedInformation: [
        {
          location: { uri: fileUri(join(dir, "docker-compose.override.yml")), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
          message: "docker compose up merges this file over the pipeline's compose file.",
        },
      ],
    },
  ]);
  expect(diagnostics.filter((d) => d.code !== RULE_ID && d.relatedInformation !== undefined)).toEqual([]);
});
