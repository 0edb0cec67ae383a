/**
 * The project configuration (`.elestio-compose.json`, package.json's
 * "elestio") in the language server, over real JSON-RPC: it wins over the
 * editor's settings for the keys it sets, so the editor and CI agree.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clientStarter, fileUri, summary, tempWorkspace } from "./harness.js";

const TEXT = [
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1",
  "    container_name: acme_web",
  "    ports: ['8000:8000']",
  "    environment:",
  "      SITE_URL: ${SITE_URL}",
  "",
].join("\n");

const start = clientStarter(afterEach);
const ERROR = 1;
const WARNING = 2;
const HINT = 4;

describe("project configuration in the language server", () => {
  it("wins over the editor's settings for the rules it sets; the editor's settings apply to the others", async () => {
    const dir = tempWorkspace({ ".elestio-compose.json": JSON.stringify({ rules: { "no-container-name": "warning", "undefined-variable": "off" } }) });
    const client = await start({
      workspaceFolders: [dir],
      settings: { elestio: { rules: { "no-container-name": "off", "public-port-binding": "error" } } },
    });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([
      ["no-container-name", WARNING, 3],
      ["public-port-binding", ERROR, 4],
    ]);
  });

  it("sets the pipeline files, from a package.json's \"elestio\" key", async () => {
    const dir = tempWorkspace({ "package.json": JSON.stringify({ name: "app", elestio: { pipelineFiles: ["deploy/*.yml"] } }) });
    const client = await start({ workspaceFolders: [dir], settings: { elestio: {} } });
    const deployed = fileUri(join(dir, "deploy", "stack.yml"));
    const local = fileUri(join(dir, "docker-compose.yml"));
    client.open(deployed, TEXT);
    client.open(local, TEXT);
    expect(summary(await client.waitForDiagnostics(deployed, 1))).toEqual([
      ["no-container-name", ERROR, 3],
      ["public-port-binding", WARNING, 4],
      ["undefined-variable", HINT, 6],
    ]);
    // A compose file by its name, but not the one this project deploys: generic rules only.
    expect(summary(await client.waitForDiagnostics(local, 1))).toEqual([["undefined-variable", HINT, 6]]);
  });

  it("is read again when it changes on disk, and watched for that", async () => {
    const dir = tempWorkspace({ ".elestio-compose.json": JSON.stringify({ rules: { "undefined-variable": "off" } }) });
    const client = await start({ workspaceFolders: [dir], settings: { elestio: {} } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([
      ["no-container-name", ERROR, 3],
      ["public-port-binding", WARNING, 4],
    ]);
    const watchers = client.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles")?.registerOptions as { watchers: { globPattern: string }[] };
    expect(watchers.watchers.map((w) => w.globPattern)).toEqual(expect.arrayContaining(["**/.elestio-compose.json", "**/package.json"]));

    const mark = client.diagnostics.length;
    const config = join(dir, ".elestio-compose.json");
    writeFileSync(config, JSON.stringify({ rules: { "undefined-variable": "off", "no-container-name": "off", "public-port-binding": "off" } }));
    client.filesChanged([{ uri: fileUri(config), type: 2 }]);
    expect(await client.waitForDiagnostics(uri, 1, mark)).toEqual([]);
  });

  it("with problems: logs them once, applies its valid part, and diagnostics go on", async () => {
    const dir = tempWorkspace({ ".elestio-compose.json": JSON.stringify({ rules: { "no-containers-name": "off", "undefined-variable": "off" } }) });
    const client = await start({ workspaceFolders: [dir], settings: { elestio: {} } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([
      ["no-container-name", ERROR, 3],
      ["public-port-binding", WARNING, 4],
    ]);
    const problem = `Project configuration ${join(dir, ".elestio-compose.json")}: unknown rule "no-containers-name" (did you mean "no-container-name"?). The rest of it applies.`;
    await client.waitFor(() => client.logs.find((l) => l.message === problem), "the configuration's problem in the log");

    // Typing does not log it again.
    client.change(uri, 2, TEXT + "\n");
    await client.waitForDiagnostics(uri, 2);
    expect(client.logs.filter((l) => l.message === problem)).toHaveLength(1);
  });

  it("that is not JSON: the editor's settings apply alone", async () => {
    const dir = tempWorkspace({ ".elestio-compose.json": "{ rules: " });
    const client = await start({ workspaceFolders: [dir], settings: { elestio: { rules: { "undefined-variable": "off" } } } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([
      ["no-container-name", ERROR, 3],
      ["public-port-binding", WARNING, 4],
    ]);
    const log = await client.waitFor(() => client.logs.find((l) => l.message.includes(".elestio-compose.json: not valid JSON")), "the JSON error in the log");
    expect(log.message).toMatch(/\. It is ignored\.$/);
  });
});
