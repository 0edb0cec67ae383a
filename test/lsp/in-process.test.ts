/**
 * The server started in-process: startServer over an in-memory connection
 * answers as dist/server.js does over stdio (same diagnostics, same hover),
 * so a test or an embedding tool can choose either.
 */
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from "vscode-jsonrpc/node";
import type { Hover, PublishDiagnosticsParams } from "vscode-languageserver";
import { createConnection } from "vscode-languageserver/node";
import { startServer } from "../../server/src/lsp/server.js";
import { DIAGNOSTIC_SOURCE } from "../../server/src/protocol.js";
import { LspClient, fileUri, tempWorkspace } from "./harness.js";

const TEXT = "services:\n  web:\n    image: nginx\n    container_name: web\n";

let client: MessageConnection;
let workspace: string;
const published: PublishDiagnosticsParams[] = [];

beforeAll(async () => {
  workspace = tempWorkspace({ "docker-compose.yml": TEXT });
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
  client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => void published.push(params));
  client.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => null));
  client.onRequest("client/registerCapability", () => null);
  client.listen();
  await client.sendRequest("initialize", { processId: null, rootUri: fileUri(workspace), workspaceFolders: [{ uri: fileUri(workspace), name: "w" }], capabilities: {} });
  await client.sendNotification("initialized", {});
});

afterAll(async () => {
  await client.sendRequest("shutdown");
  client.dispose();
});

async function diagnosticsFor(uri: string): Promise<PublishDiagnosticsParams> {
  await expect.poll(() => published.some((p) => p.uri === uri), { timeout: 10_000 }).toBe(true);
  return published.find((p) => p.uri === uri)!;
}

it("publishes the diagnostics and hovers of dist/server.js over an in-memory connection", async () => {
  const uri = fileUri(join(workspace, "docker-compose.yml"));
  await client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "dockercompose", version: 1, text: TEXT } });
  const inProcess = await diagnosticsFor(uri);
  const containerName = inProcess.diagnostics.find((d) => d.code === "no-container-name");
  expect(containerName?.source).toBe(DIAGNOSTIC_SOURCE);
  expect(containerName?.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 23 } });
  const hover = await client.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 3, character: 8 } });

  const spawned = await LspClient.start({ workspaceFolders: [workspace] });
  try {
    spawned.open(uri, TEXT);
    const overStdio = await spawned.waitForDiagnostics(uri, 1);
    expect(inProcess.diagnostics).toEqual(overStdio);
    expect(hover).toEqual(await spawned.hover(uri, { line: 3, character: 8 }));
  } finally {
    await spawned.stop();
  }
});
