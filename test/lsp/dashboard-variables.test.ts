/**
 * The dashboard's variables in the language server, over real JSON-RPC: the
 * project configuration's `dashboardVariables` turns undefined-variable into
 * a warning for the variables it lacks, it is read again when the file
 * changes on disk, and the editor's settings cannot set it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hover, MarkupContent } from "vscode-languageserver";
import { afterEach, describe, expect, it } from "vitest";
import { clientStarter, fileUri, tempWorkspace } from "./harness.js";

const TEXT = [
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1",
  "    environment:",
  "      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}",
  "      SECRET_KEY_FALLBACKS: ${DJANGO_SECRET_KEY}",
  "      DB_PASSWORD: ${DB_PASSWORD}",
  '    ports: ["172.17.0.1:8000:8000"]',
  "",
].join("\n");

const start = clientStarter(afterEach);
const WARNING = 2;
const HINT = 4;

const summary = (diagnostics: { code?: unknown; severity?: number; range: { start: { line: number; character: number } } }[]) =>
  diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]);

const markdown = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? "";

describe("the dashboard's variables in the language server", () => {
  it("without the list: a hint once per variable; with it, a warning for the unlisted, nothing for the listed", async () => {
    const dir = tempWorkspace({});
    const client = await start({ workspaceFolders: [dir], settings: { elestio: {} } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([
      ["undefined-variable", HINT, 4, 25],
      ["undefined-variable", HINT, 6, 19],
    ]);

    const config = join(dir, ".elestio-compose.json");
    let mark = client.diagnostics.length;
    writeFileSync(config, JSON.stringify({ dashboardVariables: ["DB_PASSWORD"] }));
    client.filesChanged([{ uri: fileUri(config), type: 1 }]);
    const warned = await client.waitForDiagnostics(uri, 1, mark);
    expect(summary(warned)).toEqual([["undefined-variable", WARNING, 4, 25]]);
    expect(warned[0].message).toBe("DJANGO_SECRET_KEY is not set in the dashboard: compose leaves it empty. Set it in Dashboard → Environment variables.");

    // The hover says where each value comes from.
    expect(markdown(await client.hover(uri, { line: 6, character: 24 }))).toContain("Set in **Dashboard → Environment variables** (`.elestio-compose.json` lists it)");
    const unlisted = markdown(await client.hover(uri, { line: 5, character: 30 }));
    expect(unlisted).toContain("Set nowhere: not in the dashboard (`.elestio-compose.json` does not list it)");

    // As the import command writes it: the warning is gone.
    mark = client.diagnostics.length;
    writeFileSync(config, `${JSON.stringify({ dashboardVariables: ["DB_PASSWORD", "DJANGO_SECRET_KEY"] }, null, 2)}\n`);
    client.filesChanged([{ uri: fileUri(config), type: 2 }]);
    expect(await client.waitForDiagnostics(uri, 1, mark)).toEqual([]);
  });

  it("with VS Code's settings, which hold every rule's default: the warning still applies; a severity the user chose wins", async () => {
    const dir = tempWorkspace({ ".elestio-compose.json": JSON.stringify({ dashboardVariables: ["DB_PASSWORD"] }) });
    // What VS Code answers when the user sets nothing: each elestio.rules.<id> at its default.
    const client = await start({ workspaceFolders: [dir], settings: { elestio: { rules: { "undefined-variable": "hint", "no-container-name": "error" } } } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([["undefined-variable", WARNING, 4, 25]]);

    const mark = client.diagnostics.length;
    client.changeSettings({ elestio: { rules: { "undefined-variable": "error" } } });
    expect(summary(await client.waitForDiagnostics(uri, 1, mark))).toEqual([["undefined-variable", 1, 4, 25]]);
  });

  it("the editor's settings cannot set it: it belongs to the project", async () => {
    const dir = tempWorkspace({});
    const client = await start({ workspaceFolders: [dir], settings: { elestio: { dashboardVariables: ["DB_PASSWORD"], "dashboardVariables.0": "DJANGO_SECRET_KEY" } } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([
      ["undefined-variable", HINT, 4, 25],
      ["undefined-variable", HINT, 6, 19],
    ]);
    // The second use, which has no finding: the variable's own hover, as without a list.
    const hover = markdown(await client.hover(uri, { line: 5, character: 30 }));
    expect(hover).toContain("At deploy time, compose takes its value from the `.env` file that the pipeline writes");
    expect(hover).not.toContain(".elestio-compose.json");
  });

  it("a list with a bad entry: its problem is reported without the value, its valid names apply", async () => {
    const dir = tempWorkspace({ ".elestio-compose.json": JSON.stringify({ dashboardVariables: ["DB_PASSWORD", "DJANGO_SECRET_KEY=s3cr3t-value"] }) });
    const client = await start({ workspaceFolders: [dir], settings: { elestio: {} } });
    const uri = fileUri(join(dir, "docker-compose.yml"));
    client.open(uri, TEXT);
    expect(summary(await client.waitForDiagnostics(uri, 1))).toEqual([["undefined-variable", WARNING, 4, 25]]);
    const log = await client.waitFor(() => client.logs.find((l) => l.message.includes('"dashboardVariables" holds names only')), "the configuration's problem");
    expect(log.message).toMatch(/write "DJANGO_SECRET_KEY"\. The rest of it applies\.$/);
    expect(client.logs.map((l) => l.message).join("\n")).not.toContain("s3cr3t-value");
  });
});
