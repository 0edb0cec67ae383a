/**
 * Which documents are compose files for the language server, and which of
 * them the pipeline deploys, with the same glob rules as the server
 * (`elestio.pipelineFiles`). No vscode import: unit-tested as is.
 */
import { DEFAULT_PIPELINE_FILES, matchesGlobs } from "../../server/src/engine/files.js";

export { DEFAULT_PIPELINE_FILES };

/** VS Code's own language id for `compose*.y(a)ml` and `*docker*compose*.y(a)ml`. */
export const COMPOSE_LANGUAGE_ID = "dockercompose";

/** Schemes of documents the server can read around (a file on disk) or lint alone (unsaved). */
export const DOCUMENT_SCHEMES = ["file", "untitled"] as const;

/** The setting's value, cleaned: strings only, the defaults when nothing is left. */
export function pipelineGlobs(value: unknown): string[] {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const globs = list.filter((glob): glob is string => typeof glob === "string" && glob.trim() !== "").map((glob) => glob.trim());
  return globs.length > 0 ? globs : [...DEFAULT_PIPELINE_FILES];
}

/**
 * A glob for a VS Code DocumentFilter or findFiles, which match whole paths:
 * a glob without `/` names a file anywhere, one with `/` a path under a
 * workspace folder, at any depth like the server's matching.
 */
export function pathPattern(glob: string): string {
  const pattern = glob.replace(/^\.\//, "").replace(/^\/+/, "");
  return pattern.startsWith("**/") ? pattern : `**/${pattern}`;
}

/** Whether the pipeline deploys the file at `fsPath` (`relativePath`: from its workspace folder). */
export function isPipelinePath(fsPath: string, globs: readonly string[], relativePath?: string): boolean {
  return matchesGlobs(fsPath, globs, relativePath);
}
