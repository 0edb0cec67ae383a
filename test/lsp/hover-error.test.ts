/**
 * A hover provider that throws: the server logs it once, and the hover still
 * shows what the other providers say. The failing provider is added to a
 * bundle of the server built for this test (the shipped providers do not
 * throw on purpose), as rule-error.test.ts adds a failing rule.
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { LATIGUE_BEFORE, fileUri } from "./harness.js";
import { usePatchedServer } from "./patched-server.js";

const FAILING_PROVIDER = `{ id: "always-throws", where: [{ path: "**" }], provide() { throw new Error("provider exploded"); } },`;

/** On `restart:` of the django service, a key with nothing wrong. */
const ON_RESTART = { line: 22, character: 6 };

const server = usePatchedServer(
  {
    file: /[\\/]engine[\\/]hover[\\/]index\.ts$/,
    marker: "export const HOVER_PROVIDERS: readonly HoverProvider[] = [",
    insert: FAILING_PROVIDER,
  },
  "en",
);

it("logs a failing hover provider once, and the other providers still answer", async () => {
  const client = server.client();
  const uri = fileUri(join(server.dir(), "docker-compose.yml"));
  client.open(uri, LATIGUE_BEFORE);
  await client.waitForDiagnostics(uri, 1);
  for (let i = 0; i < 3; i++) {
    const result = await client.hover(uri, ON_RESTART);
    expect((result?.contents as { value: string } | undefined)?.value).toMatch(/^\*\*`restart`\*\*: what Docker does when the container stops/);
  }
  const errors = client.logs.filter((l) => l.type === 1);
  expect(errors).toHaveLength(1);
  expect(errors[0].message).toMatch(/^Hover always-throws failed; hovers leave it out\. Error: provider exploded/);
});
