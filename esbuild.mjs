// Bundles the language server, the CLI and the VS Code client.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const { version, repository, homepage } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

/**
 * The Compose Specification's schema without its `description` texts: the
 * engine reads keys, types and enums, never the descriptions (English only,
 * where every text the user reads is English and French), which are half of
 * the file.
 */
const schemaWithoutDescriptions = {
  name: "compose-schema-without-descriptions",
  setup(build) {
    build.onLoad({ filter: /[\\/]compose\/schema\/compose-spec\.json$/ }, (args) => {
      const schema = JSON.parse(readFileSync(args.path, "utf8"), (key, value) => (key === "description" && typeof value === "string" ? undefined : value));
      return { contents: JSON.stringify(schema), loader: "json" };
    });
  },
};

/** The options every bundle shares; the benchmark builds the engine with them too, to measure what ships. */
export function commonOptions(production) {
  return {
    plugins: [schemaWithoutDescriptions],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: production,
    sourcemap: production ? false : "linked",
    logLevel: "warning",
    absWorkingDir: root,
    // server/src/ruleDocs.ts links the published docs when package.json names where they are.
    define: { __VERSION__: JSON.stringify(version), __PACKAGE_LINKS__: JSON.stringify({ repository, homepage }) },
    // yaml's ES module build (the same code as its CommonJS one, but for how it warns): linked directly,
    // its functions are called as they are, not through the getters esbuild puts around a CommonJS module.
    alias: { yaml: "./node_modules/yaml/browser/index.js" },
  };
}

const entries = [
  { entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js", banner: { js: "#!/usr/bin/env node" } },
  { entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] },
].filter((entry) => existsSync(new URL(entry.entryPoints[0], import.meta.url)));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const common = commonOptions(process.argv.includes("--production"));
  await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
}
