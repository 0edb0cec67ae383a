/**
 * A hover provider that throws: the server logs it once, and the hover still
 * shows what the other providers say. The failing provider is added to a
 * bundle of the server built for this test (the shipped providers do not
 * throw on purpose), as rule-error.test.ts adds a failing rule.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LATIGUE_BEFORE, LspClient, fileUri, tempWorkspace } from "./harness.js";

const FAILING_PROVIDER = `{ id: "always-throws", where: [{ path: "**" }], provide() { throw new Error("provider exploded"); } },`;

/** On `restart:` of the django service, a key with nothing wrong. */
const ON_RESTART = { line: 22, character: 6 };

let client: LspClient;
let dir: string;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), "elestio-lsp-bundle-")), "server.js");
  await build({
    entryPoints: [resolve(__dirname, "../../server/src/lsp/main.ts")],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "cjs",
    logLevel: "error",
    define: { __VERSION__: '"0.0.0-test"' },
    plugins: [
      {
        name: "failing-hover-provider",
        setup(pluginBuild) {
          pluginBuild.onLoad({ filter: /[\\/]engine[\\/]hover[\\/]index\.ts$/ }, (args) => {
            const source = readFileSync(args.path, "utf8");
            const marker = "export const HOVER_PROVIDERS: readonly HoverProvider[] = [";
            if (!source.includes(marker)) throw new Error("hover/index.ts no longer declares HOVER_PROVIDERS as expected");
            return { contents: source.replace(marker, marker + FAILING_PROVIDER), loader: "ts", resolveDir: resolve(args.path, "..") };
          });
        },
      },
    ],
  });
  dir = tempWorkspace({});
  client = await LspClient.start({ serverPath: out, workspaceFolders: [dir], settings: { elestio: {} }, locale: "en" });
});

afterAll(async () => {
  await client?.stop();
});

it("logs a failing hover provider once, and the other providers still answer", async () => {
  const uri = fileUri(join(dir, "docker-compose.yml"));
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
