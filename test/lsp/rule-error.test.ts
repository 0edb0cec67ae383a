/**
 * A rule that throws: the server logs it once and the other rules still
 * report. The failing rule is added to a bundle of the server built for this
 * test (the shipped rules do not throw on purpose).
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { LATIGUE_BEFORE, fileUri } from "./harness.js";
import { usePatchedServer } from "./patched-server.js";

const FAILING_RULE = `{ meta: { id: "always-throws", severity: "error", scope: "all", fixable: false, docs: { title: { en: "", fr: "" }, description: { en: "", fr: "" } } }, check() { throw new Error("rule exploded"); } },`;

const server = usePatchedServer({
  file: /[\\/]engine[\\/]rules[\\/]index\.ts$/,
  marker: "export const RULES: readonly Rule[] = [",
  insert: FAILING_RULE,
});

it("logs a failing rule once, and the other rules still report", async () => {
  const client = server.client();
  const uri = fileUri(join(server.dir(), "docker-compose.yml"));
  client.open(uri, LATIGUE_BEFORE);
  const first = await client.waitForDiagnostics(uri, 1);
  client.change(uri, 2, `${LATIGUE_BEFORE}\n`);
  const second = await client.waitForDiagnostics(uri, 2);
  expect(first.filter((d) => d.code === "no-container-name")).toHaveLength(4);
  expect(second).toEqual(first);
  const errors = client.logs.filter((l) => l.type === 1);
  expect(errors).toHaveLength(1);
  expect(errors[0].message).toMatch(/^Rule always-throws failed; its findings are missing until the server restarts\. Error: rule exploded/);
});

it("keeps hover, quick fixes and fix-all working while the rule fails, and still logs it once", async () => {
  const client = server.client();
  const uri = fileUri(join(server.dir(), "other", "docker-compose.yml"));
  client.open(uri, LATIGUE_BEFORE);
  const diagnostics = await client.waitForDiagnostics(uri, 1);
  const containerName = diagnostics.find((d) => d.code === "no-container-name")!;
  expect(await client.hover(uri, containerName.range.start)).not.toBeNull();
  const quickFixes = await client.codeActions(uri, containerName.range, [containerName]);
  expect(quickFixes?.map((a) => a.title)).toEqual(["Remove container_name", "Disable no-container-name for this line"]);
  // Fix-all lints each intermediate text: the failing rule throws on every one of them.
  const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll.elestio"]);
  expect(fixAll?.map((a) => a.kind)).toEqual(["source.fixAll.elestio"]);
  expect(client.logs.filter((l) => l.type === 1)).toHaveLength(1);
});
