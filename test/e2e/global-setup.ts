/**
 * Once per e2e run: code-server installed (cached under ~/.cache), and the
 * extension packaged by `npm run package` as a user would install it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { cleanUp, ensureCodeServer, ROOT } from "./codeServer.js";

declare module "vitest" {
  export interface ProvidedContext {
    vsix: string;
  }
}

export default function setup(project: TestProject): () => void {
  ensureCodeServer();
  const dir = mkdtempSync(join(tmpdir(), "elestio-e2e-vsix-"));
  const vsix = join(dir, "elestio-compose.vsix");
  execFileSync("npm", ["run", "--silent", "package", "--", "--out", vsix], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  project.provide("vsix", vsix);
  return () => cleanUp(dir);
}
