/**
 * A code action or the code lens that throws: the server logs it once, and
 * answers with everything else. The failures are patched into bundles of the
 * server built for this test (the shipped code does not throw on purpose),
 * as rule-error.test.ts adds a failing rule.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { fileUri } from "./harness.js";
import { usePatchedServer } from "./patched-server.js";

const TEXT = "version: '3.8'\nservices:\n  web:\n    image: ghcr.io/acme/web:1.4\n    container_name: web\n";
const ORIGIN = {
  start: { line: 0, character: 0 },
  end: { line: 0, character: 0 },
};

describe("'Disable for this line' that throws on one rule", () => {
  const server = usePatchedServer(
    {
      file: /[\\/]engine[\\/]fixes\.ts$/,
      marker: 'export function disableForLineEdit(model: ComposeModel, finding: Pick<Finding, "ruleId" | "start">): OffsetEdit {',
      insert: 'if (finding.ruleId === "no-container-name") throw new Error("disable exploded");',
    },
    "en",
  );

  it("leaves that action out, offers the others and fix-all, and is logged once", async () => {
    const client = server.client();
    const uri = fileUri(join(server.dir(), "docker-compose.yml"));
    client.open(uri, TEXT);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    const byRule = (id: string) => diagnostics.find((d) => d.code === id) as Diagnostic;
    const containerName = byRule("no-container-name");
    const version = byRule("obsolete-version");

    for (let i = 0; i < 2; i++) {
      const actions = await client.codeActions(uri, containerName.range, [containerName, version]);
      expect(actions?.map((a) => a.title)).toEqual(["Remove container_name", "Remove version", "Disable obsolete-version for this line"]);
    }
    const fixAll = await client.codeActions(uri, ORIGIN, [], ["source.fixAll.elestio"]);
    expect(client.editsFor(fixAll?.[0]?.edit, uri).length).toBeGreaterThan(0);

    const errors = client.logs.filter((l) => l.type === 1);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Code action disable-for-line failed; the other actions are still offered\. Error: disable exploded/);
  });
});

describe("a fix-all that throws", () => {
  const server = usePatchedServer(
    {
      file: /[\\/]engine[\\/]fixes\.ts$/,
      marker: "export function fixAll(text: string, lintText: (text: string) => Finding[]): FixAllResult {",
      insert: 'if (text) throw new Error("fix-all exploded");',
    },
    "en",
  );

  it("offers no fix-all, keeps the quick fixes, and is logged once", async () => {
    const client = server.client();
    const uri = fileUri(join(server.dir(), "docker-compose.yml"));
    client.open(uri, TEXT);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    const containerName = diagnostics.find((d) => d.code === "no-container-name") as Diagnostic;
    expect(await client.codeActions(uri, ORIGIN, [], ["source.fixAll.elestio"])).toEqual([]);
    expect(await client.codeActions(uri, ORIGIN, [], ["source.fixAll.elestio"])).toEqual([]);
    const quickFixes = await client.codeActions(uri, containerName.range, [containerName]);
    expect(quickFixes?.map((a) => a.title)).toEqual(["Remove container_name", "Disable no-container-name for this line"]);
    const errors = client.logs.filter((l) => l.type === 1);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Code action fix-all failed; the other actions are still offered\. Error: fix-all exploded/);
  });
});

describe("a code lens that throws", () => {
  const server = usePatchedServer(
    {
      file: /[\\/]lsp[\\/]server\.ts$/,
      marker: 'if (analysis.info.kind !== "pipeline") return [];',
      insert: 'throw new Error("lens exploded");',
    },
    "en",
  );

  it("shows no lens, keeps diagnostics and hovers, and is logged once", async () => {
    const client = server.client();
    const uri = fileUri(join(server.dir(), "docker-compose.yml"));
    client.open(uri, TEXT);
    const diagnostics = await client.waitForDiagnostics(uri, 1);
    expect(diagnostics.map((d) => d.code)).toContain("no-container-name");
    expect(await client.codeLens(uri)).toEqual([]);
    expect(await client.codeLens(uri)).toEqual([]);
    expect(await client.hover(uri, { line: 4, character: 6 })).not.toBeNull();
    const errors = client.logs.filter((l) => l.type === 1);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Code lens elestio\.openDashboardAndCopyCompose failed; it is not shown\. Error: lens exploded/);
  });
});
