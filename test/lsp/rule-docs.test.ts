/**
 * Each diagnostic links its rule's page (codeDescription.href), its hover
 * adds to the message instead of repeating it, and "Show documentation for
 * <id>" opens the page: over JSON-RPC, on the guide's example, in both
 * languages.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, MarkupContent } from "vscode-languageserver";
import { ServerCommands } from "../../server/src/protocol.js";
import { LATIGUE_BEFORE, clientStarter, fileUri, tempWorkspace, type LspClient } from "./harness.js";
import { join } from "node:path";

const startClient = clientStarter(afterAll);
let dir: string;
let uri: string;

beforeAll(() => {
  dir = tempWorkspace({ "docker-compose.yml": LATIGUE_BEFORE });
  uri = fileUri(join(dir, "docker-compose.yml"));
});

async function opened(locale: string): Promise<{ client: LspClient; diagnostics: Diagnostic[] }> {
  const client = await startClient({ workspaceFolders: [dir], locale });
  client.open(uri, LATIGUE_BEFORE);
  const diagnostics = await client.waitForDiagnostics(uri, 1);
  return { client, diagnostics };
}

describe.each([
  ["en", ""],
  ["fr", ".fr"],
] as const)("the guide's example, locale %s", (locale, suffix) => {
  let client: LspClient;
  let diagnostics: Diagnostic[];
  beforeAll(async () => {
    ({ client, diagnostics } = await opened(locale));
  });

  it("has findings of several rules to check", () => {
    expect(new Set(diagnostics.map((d) => d.code)).size).toBeGreaterThanOrEqual(8);
  });

  it("links every diagnostic to its rule's shipped page, in the client's language", () => {
    for (const diagnostic of diagnostics) {
      const href = diagnostic.codeDescription?.href;
      expect(href, `${diagnostic.code} has a link`).toBeDefined();
      expect(href!.startsWith("file://"), href).toBe(true);
      expect(href!.endsWith(`/docs/rules/${diagnostic.code}${suffix}.md`), href).toBe(true);
      expect(existsSync(fileURLToPath(href!)), `${href} exists`).toBe(true);
    }
  });

  it("hovers on each diagnostic with what its message lacks, never the message again", async () => {
    for (const diagnostic of diagnostics) {
      const hover = await client.hover(uri, diagnostic.range.start);
      const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? "";
      const where = `${diagnostic.code} at ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
      expect(markdown, `${where}: a hover`).not.toBe("");
      expect(markdown, `${where}: the hover does not repeat the message`).not.toContain(diagnostic.message);
      expect(markdown, `${where}: the hover links the rule's page`).toContain(`](${diagnostic.codeDescription!.href})`);
      expect(markdown.length, `${where}: the hover says more than the link`).toBeGreaterThan(200);
    }
  });

  it("offers \"Show documentation\" once per rule, which opens the page", async () => {
    const first = diagnostics[0];
    const actions = (await client.codeActions(uri, first.range, [first])) ?? [];
    const documentation = actions.filter((a) => a.command?.command === ServerCommands.showRuleDocumentation);
    expect(documentation.map((a) => a.title)).toEqual([locale === "fr" ? `Afficher la documentation de ${first.code}` : `Show documentation for ${first.code}`]);
    // Last, after the fix and the disable comment, as vscode-eslint orders them.
    expect(actions.at(-1)).toBe(documentation[0]);
    const command = documentation[0].command!;
    expect(command.arguments).toEqual([first.code, first.codeDescription!.href]);
    const shownBefore = client.shownDocuments.length;
    await client.request("workspace/executeCommand", { command: command.command, arguments: command.arguments });
    expect(client.shownDocuments.slice(shownBefore)).toEqual([{ uri: first.codeDescription!.href, external: false }]);
  });
});

it("refuses to show a page it did not name", async () => {
  const { client } = await opened("en");
  await expect(client.request("workspace/executeCommand", { command: ServerCommands.showRuleDocumentation, arguments: ["no-container-name", "javascript:alert(1)"] })).rejects.toThrow(/no documentation page for no-container-name/);
  expect(client.shownDocuments).toEqual([]);
});
