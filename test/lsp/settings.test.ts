/** Settings over JSON-RPC: read per document, re-applied on change; and the node-ipc transport. */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clientStarter, fileUri, summary, tempWorkspace } from "./harness.js";

const TEXT = [
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1",
  "    container_name: acme_web",
  "    environment:",
  "      SITE_URL: ${SITE_URL}",
  '    ports: ["172.17.0.1:8000:8000"]',
  "",
].join("\n");

const start = clientStarter(afterEach);

describe("settings", () => {
  it("re-publishes every open document when a rule is turned off or its severity changed", async () => {
    const dir = tempWorkspace({});
    const client = await start({ workspaceFolders: [dir], settings: { elestio: {} } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    const dev = fileUri(join(dir, "docker-compose.dev.yml"));
    client.open(uri, TEXT);
    client.open(dev, "version: '3'\nservices:\n  web:\n    image: ghcr.io/acme/web:1\n");
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([
      ["no-container-name", 1, 3],
      ["undefined-variable", 4, 5],
    ]);
    expect(summary(await client.waitForDiagnostics(dev, 1))).toEqual([["obsolete-version", 2, 0]]);

    let mark = client.diagnostics.length;
    client.changeSettings({ elestio: { rules: { "no-container-name": "warning", "undefined-variable": "off", "obsolete-version": "error" } } });
    expect(summary(await client.waitForDiagnostics(uri, 1, mark))).toEqual([["no-container-name", 2, 3]]);
    expect(summary(await client.waitForDiagnostics(dev, 1, mark))).toEqual([["obsolete-version", 1, 0]]);

    // The settings were asked for again, per document.
    expect(client.configurationRequests.filter((r) => r.scopeUri === uri)).toHaveLength(2);

    mark = client.diagnostics.length;
    client.changeSettings({ elestio: { rules: { "no-container-name": "off", "undefined-variable": "off", "obsolete-version": "off" } } });
    expect(await client.waitForDiagnostics(uri, 1, mark)).toEqual([]);
    expect(await client.waitForDiagnostics(dev, 1, mark)).toEqual([]);
  });

  it("accepts flat `rules.<id>` keys, as some editors' configs write them", async () => {
    const dir = tempWorkspace({});
    const client = await start({ workspaceFolders: [dir], settings: { elestio: { "rules.no-container-name": "hint", "rules.undefined-variable": "off" } } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([["no-container-name", 4, 3]]);
  });

  it("applies elestio.pipelineFiles, with globs relative to the workspace folder", async () => {
    const dir = tempWorkspace({});
    const settings = { elestio: { pipelineFiles: ["deploy/*.yml"], rules: { "undefined-variable": "off" } } };
    const client = await start({ workspaceFolders: [dir], settings });
    const deployed = fileUri(join(dir, "deploy", "stack.yml"));
    const notDeployed = fileUri(join(dir, "docker-compose.yml"));
    client.open(deployed, TEXT);
    client.open(notDeployed, TEXT);
    expect(summary(await client.waitForDiagnostics(deployed, 1))).toEqual([["no-container-name", 1, 3]]);
    // A compose file by name, but not the pipeline's: generic rules only.
    expect(await client.waitForDiagnostics(notDeployed, 1)).toEqual([]);
    expect(await client.codeLens(notDeployed)).toEqual([]);
    expect(await client.codeLens(deployed)).toHaveLength(1);
  });

  it("reads each document's own settings (multi-root workspaces)", async () => {
    const a = tempWorkspace({});
    const b = tempWorkspace({});
    const settings = (scopeUri: string | undefined) =>
      scopeUri?.startsWith(fileUri(b)) ? { elestio: { rules: { "no-container-name": "off" } } } : { elestio: {} };
    const client = await start({ workspaceFolders: [a, b], settings });
    const inA = fileUri(join(a, "docker-compose.yml"));
    const inB = fileUri(join(b, "docker-compose.yml"));
    client.open(inA, TEXT);
    client.open(inB, TEXT);
    expect((await client.waitForDiagnostics(inA, 1)).map((d) => d.code)).toContain("no-container-name");
    expect((await client.waitForDiagnostics(inB, 1)).map((d) => d.code)).not.toContain("no-container-name");
  });

  it("uses initializationOptions and didChangeConfiguration with a client that cannot answer workspace/configuration", async () => {
    const dir = tempWorkspace({});
    const client = await start({
      workspaceFolders: [dir],
      configuration: false,
      initializationOptions: { elestio: { rules: { "no-container-name": "off" } } },
    });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([["undefined-variable", 4, 5]]);
    const mark = client.diagnostics.length;
    client.changeSettings({ elestio: { rules: { "undefined-variable": "off" }, language: "fr" } });
    const after = await client.waitForDiagnostics(uri, 1, mark);
    expect(summary(after)).toEqual([["no-container-name", 1, 3]]);
    expect(after[0].message).toContain("un redéploiement échoue tant qu");
    expect(client.configurationRequests).toEqual([]);
  });

  it("lints again when a .env beside the file appears or goes (the client's file watcher)", async () => {
    const dir = tempWorkspace({});
    const client = await start({ workspaceFolders: [dir], settings: { elestio: { rules: { "no-container-name": "off" } } } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([["undefined-variable", 4, 5]]);

    const dotEnv = join(dir, ".env");
    writeFileSync(dotEnv, "SITE_URL=https://example.com\n");
    let mark = client.diagnostics.length;
    client.filesChanged([{ uri: fileUri(dotEnv), type: 1 }]);
    expect(await client.waitForDiagnostics(uri, 1, mark)).toEqual([]);

    rmSync(dotEnv);
    mark = client.diagnostics.length;
    client.filesChanged([{ uri: fileUri(dotEnv), type: 3 }]);
    expect(summary(await client.waitForDiagnostics(uri, 1, mark))).toEqual([["undefined-variable", 4, 5]]);
  });
});

describe("transports", () => {
  it("starts with --node-ipc", async () => {
    const dir = tempWorkspace({});
    const client = await start({ workspaceFolders: [dir], transport: "node-ipc", settings: { elestio: {} } });
    expect(client.initializeResult.capabilities.hoverProvider).toBe(true);
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect((await client.waitForDiagnostics(uri, 1)).map((d) => d.code)).toContain("no-container-name");
  });
});
