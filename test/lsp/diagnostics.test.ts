/** The server over real JSON-RPC: initialize, which files get which diagnostics, and when they are published. */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { RULES } from "../../server/src/engine/rules/index.js";
import { LATIGUE_BEFORE, LspClient, fileUri, tempWorkspace } from "./harness.js";

const at = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

const codes = (diagnostics: Diagnostic[]) => [...new Set(diagnostics.map((d) => d.code))].sort();

let client: LspClient;
let dir: string;

beforeAll(async () => {
  dir = tempWorkspace({ "docker-compose.yml": LATIGUE_BEFORE, "docker-compose.dev.yml": LATIGUE_BEFORE });
  client = await LspClient.start({ workspaceFolders: [dir], settings: { elestio: {} } });
});

afterAll(async () => {
  await client?.stop();
});

describe("initialize", () => {
  it("advertises incremental sync, hover, code actions with fix-all, code lens, and the command that shows a rule's page", () => {
    expect(client.initializeResult.capabilities).toEqual({
      textDocumentSync: { openClose: true, change: 2 },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ["quickfix", "source.fixAll.elestio"] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: ["elestio.showRuleDocumentation"] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
    expect(client.initializeResult.serverInfo?.name).toBe("elestio-compose-language-server");
    expect(client.initializeResult.serverInfo?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("logs one line on start with its version and locale, and registers for settings and project files", async () => {
    const line = await client.waitFor(() => client.logs.find((l) => l.message.startsWith("Elestio Compose language server")), "start log");
    expect(line.message).toBe(`Elestio Compose language server ${client.initializeResult.serverInfo?.version} (locale en)`);
    await client.waitFor(() => (client.registrations.length >= 2 ? true : undefined), "registrations");
    expect(client.registrations.map((r) => r.method).sort()).toEqual(["workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles"]);
  });
});

describe("didOpen", () => {
  it("publishes the pipeline file's diagnostics with exact ranges, codes, source and severity", async () => {
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, LATIGUE_BEFORE);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    const web = diagnostics.find((d) => d.code === "no-container-name" && d.range.start.line === 21);
    expect(web).toEqual({
      range: at(21, 4, 21, 31),
      severity: 1,
      source: "elestio",
      code: "no-container-name",
      codeDescription: { href: pathToFileURL(resolve("docs/rules/no-container-name.md")).href },
      message: 'Fixed container_name "latigue_web": redeploys fail while another container has that name. Remove it.',
    });
    const summary = diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range }));
    expect(summary).toEqual([
      { code: "obsolete-version", severity: 2, range: at(3, 0, 3, 14) },
      // The database: a fixed name, a variable without default, a password with a literal default, its port public.
      { code: "no-container-name", severity: 1, range: at(8, 4, 8, 36) },
      { code: "undefined-variable", severity: 4, range: at(12, 21, 12, 39) },
      { code: "literal-secret", severity: 2, range: at(13, 48, 13, 59) },
      { code: "public-port-binding", severity: 2, range: at(15, 8, 15, 17) },
      // The Django app.
      { code: "no-container-name", severity: 1, range: at(21, 4, 21, 31) },
      { code: "env-file-not-dotenv", severity: 1, range: at(24, 14, 24, 29) },
      { code: "undefined-variable", severity: 4, range: at(28, 26, 28, 46) },
      // LATIGUE_DB_USER again: each variable is reported once per file, at its first use (line 13).
      { code: "undefined-variable", severity: 4, range: at(29, 51, 29, 73) },
      { code: "public-port-binding", severity: 2, range: at(31, 8, 31, 19) },
      // It waits for a healthy database that has no healthcheck.
      { code: "healthcheck-required", severity: 1, range: at(33, 6, 33, 14) },
      // $GUNICORN_PORT in its healthcheck: compose substitutes it, not the container's shell.
      { code: "unescaped-dollar", severity: 2, range: at(36, 54, 36, 68) },
      // The nginx service ("proxy") publishing 80/443, and certbot: the whole service goes (its "80:80" is not reported twice).
      { code: "no-tls-proxy-service", severity: 1, range: at(42, 2, 42, 7) },
      { code: "no-container-name", severity: 1, range: at(44, 4, 44, 33) },
      { code: "no-tls-proxy-service", severity: 1, range: at(57, 2, 57, 9) },
      { code: "no-container-name", severity: 1, range: at(59, 4, 59, 35) },
    ]);
    expect(diagnostics.every((d) => d.source === "elestio")).toBe(true);
    // obsolete-version is dead text: the editor fades it.
    expect(diagnostics.find((d) => d.code === "obsolete-version")?.tags).toEqual([1]);
    expect(diagnostics.filter((d) => d.code !== "obsolete-version").every((d) => d.tags === undefined)).toBe(true);
    // Settings were read for this document.
    expect(client.configurationRequests).toContainEqual({ scopeUri: uri, section: "elestio" });
  });

  it("gives another compose file (docker-compose.dev.yml) none of the pipeline rules", async () => {
    const uri = fileUri(join(dir, "docker-compose.dev.yml"));
    client.open(uri, LATIGUE_BEFORE);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    const pipelineOnly = RULES.filter((rule) => rule.meta.scope === "pipeline").map((rule) => rule.meta.id);
    expect(pipelineOnly).toContain("no-container-name");
    expect(codes(diagnostics).filter((code) => pipelineOnly.includes(code as string))).toEqual([]);
    // The rules of scope `all` still apply.
    expect(codes(diagnostics)).toContain("obsolete-version");
  });

  it("publishes nothing for a YAML file that is not a compose file, and answers its requests with nothing", async () => {
    const uri = fileUri(join(dir, ".github", "workflows", "ci.yml"));
    client.open(uri, LATIGUE_BEFORE);
    // The hover is answered after the document's validation (both wait on its settings, in order).
    expect(await client.hover(uri, { line: 5, character: 6 })).toBeNull();
    expect(await client.codeLens(uri)).toEqual([]);
    expect(client.publicationsFor(uri)).toEqual([]);
    client.close(uri);
  });

  it("lints an untitled compose document (languageId dockercompose) without project files", async () => {
    const uri = "untitled:Untitled-1";
    client.open(uri, "services:\n  web:\n    image: ghcr.io/acme/web:1\n    enviroment:\n      A: \"1\"\n", "dockercompose");
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    // Not a pipeline file by name: the generic rules only.
    expect(diagnostics.map((d) => ({ code: d.code, range: d.range }))).toEqual([{ code: "unknown-key", range: at(3, 4, 3, 14) }]);
    client.close(uri);
  });
});

describe("didChange", () => {
  it("publishes the new version's diagnostics, never an older version's", async () => {
    const uri = fileUri(join(dir, "sub", "compose.yaml"));
    const v1 = "services:\n  web:\n    image: ghcr.io/acme/web:1\n    container_name: web\n    ports: [\"172.17.0.1:8000:8000\"]\n";
    client.open(uri, v1);
    expect((await client.waitForDiagnostics(uri, 1)).map((d) => d.range)).toEqual([at(3, 4, 3, 23)]);

    // Typing: two incremental changes in a row, then a third one that removes the faults.
    client.edit(uri, 2, at(5, 0, 5, 0), "  api:\n    container_name: api\n");
    client.edit(uri, 3, at(0, 0, 0, 0), "# app\n");
    const v3 = await client.waitForDiagnostics(uri, 3);
    expect(v3.map((d) => [d.code, d.range])).toEqual([
      ["no-container-name", at(4, 4, 4, 23)],
      ["no-container-name", at(7, 4, 7, 23)],
    ]);
    client.change(uri, 4, "services:\n  web:\n    image: ghcr.io/acme/web:1\n    ports: [\"172.17.0.1:8000:8000\"]\n");
    expect(await client.waitForDiagnostics(uri, 4)).toEqual([]);

    const versions = client.publicationsFor(uri).map((p) => p.version!);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(4);
  });

  it("drops the diagnostics of a version changed before its settings arrived", async () => {
    const uri = fileUri(join(dir, "fast", "docker-compose.yml"));
    client.open(uri, "services:\n  web:\n    container_name: app\n");
    // Sent before the server's workspace/configuration request can be answered: version 1 is stale when they arrive.
    client.change(uri, 2, "services:\n  web:\n    image: ghcr.io/acme/web:1\n    ports: [\"172.17.0.1:8000:8000\"]\n");
    expect(await client.waitForDiagnostics(uri, 2)).toEqual([]);
    expect(client.publicationsFor(uri).map((p) => p.version)).toEqual([2]);
  });

  it("reports a syntax error with its exact range and still lints the part that parsed", async () => {
    const uri = fileUri(join(dir, "broken", "docker-compose.yml"));
    const text = "services:\n  web:\n    image: ghcr.io/acme/web:1\n    container_name: web\n    ports: [\"172.17.0.1:8000:8000\"]\n  db:\n    image: postgres:16\n    environment: [A\n";
    client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    expect(diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range }))).toEqual([
      { code: "no-container-name", severity: 1, range: at(3, 4, 3, 23) },
      // From the unclosed bracket to the end of its line (the parser itself points at the end of the text).
      { code: "yaml-syntax", severity: 1, range: at(7, 17, 7, 19) },
    ]);
  });
});

describe("didClose", () => {
  it("clears the document's diagnostics", async () => {
    const uri = fileUri(join(dir, "closing", "docker-compose.yml"));
    client.open(uri, "services:\n  web:\n    container_name: app\n    ports: [\"172.17.0.1:8000:8000\"]\n");
    expect(await client.waitForDiagnostics(uri, 1)).toHaveLength(1);
    client.close(uri);
    const cleared = await client.waitFor(() => client.publicationsFor(uri).find((p) => p.version === undefined), "cleared diagnostics");
    expect(cleared.diagnostics).toEqual([]);
  });
});
