/**
 * A bundle of the language server with one source file patched: what the
 * tests of internal errors use to add a rule or a hover provider that throws
 * (the shipped ones do not, on purpose), then start it with LspClient.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll } from "vitest";
import { LspClient, tempWorkspace } from "./harness.js";

export interface Patch {
  /** The source file to patch, by path. */
  file: RegExp;
  /** A line of that file; `insert` goes right after it. It must be there: a refactoring that drops it fails the test loudly. */
  marker: string;
  insert: string;
}

/** Builds server/src/lsp/main.ts with `patch` applied; resolves to the bundle's path. */
export async function buildPatchedServer(patch: Patch): Promise<string> {
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
        name: "patch",
        setup(pluginBuild) {
          pluginBuild.onLoad({ filter: patch.file }, (args) => {
            const source = readFileSync(args.path, "utf8");
            if (!source.includes(patch.marker)) throw new Error(`${args.path} no longer holds ${JSON.stringify(patch.marker)}`);
            return {
              contents: source.replace(patch.marker, patch.marker + patch.insert),
              loader: "ts",
              resolveDir: resolve(args.path, ".."),
            };
          });
        },
      },
    ],
  });
  return out;
}

/**
 * A client of a patched server for the tests of one describe (or file): built
 * and started before them, stopped after them, over an empty workspace.
 */
export function usePatchedServer(patch: Patch, locale?: string): { client: () => LspClient; dir: () => string } {
  let client: LspClient | undefined;
  let dir = "";
  beforeAll(async () => {
    const out = await buildPatchedServer(patch);
    dir = tempWorkspace({});
    client = await LspClient.start({
      serverPath: out,
      workspaceFolders: [dir],
      settings: { elestio: {} },
      locale,
    });
  });
  afterAll(async () => {
    await client?.stop();
  });
  return { client: () => client!, dir: () => dir };
}
