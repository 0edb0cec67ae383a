/**
 * A copy of the repository where a test packages it (`npm pack` and its
 * prepack build, `npm run package`), so that the bundles the other tests run
 * (dist/) are not rebuilt under their feet.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "../..");

/** Copies into `stage` the repository's files as a clean clone has them (tracked and new, not ignored), and links its node_modules. */
export function stageRepository(stage: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(stage, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; // deleted in the work tree
    }
  }
  symlinkSync(join(ROOT, "node_modules"), join(stage, "node_modules"), "dir");
}

/** Runs npm in a staged copy; its output is kept out of the test's and shows in the error when it fails. */
export function npmInStage(stage: string, args: string[]): void {
  execFileSync("npm", args, { cwd: stage, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });
}
