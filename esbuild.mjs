// Bundles the language server and the CLI (and, once it exists, the VS Code client).
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

const production = process.argv.includes("--production");
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: production,
  sourcemap: production ? false : "linked",
  logLevel: "warning",
  define: { __VERSION__: JSON.stringify(version) },
};

const entries = [
  { entryPoints: ["server/src/server.ts"], outfile: "dist/server.js", banner: { js: "#!/usr/bin/env node" } },
  { entryPoints: ["server/src/cli.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] },
].filter((entry) => existsSync(entry.entryPoints[0]));

await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
