/** Real folders of files for the tests that read them (config, project files), removed after the test file. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

/**
 * A maker of temporary folders named `<prefix>…`, each holding `files` (a
 * path ending in `/` is an empty folder); it returns the folder's real path
 * (macOS's /tmp is a link). Call it at the top of a test file or describe.
 */
export function temporaryTrees(prefix: string): (files: Record<string, string>) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (files) => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
    made.push(root);
    for (const [path, text] of Object.entries(files)) {
      if (path.endsWith("/")) mkdirSync(join(root, path), { recursive: true });
      else {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
    }
    return root;
  };
}
