/** Builds the bundles once before the tests that run dist/server.js and dist/cli.js. */
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["esbuild.mjs"], { stdio: "inherit" });
}
