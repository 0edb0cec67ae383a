/** Which files are compose files, and which of them the Elestio pipeline deploys. */
import picomatch from "picomatch";

export const DEFAULT_PIPELINE_FILES = ["docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml"];

/** Names VS Code (and `docker compose`) treat as compose files; the CLI searches folders for these. */
export const COMPOSE_FILE_GLOBS = ["compose*.y?(a)ml", "*docker-compose*.y?(a)ml", "*docker*compose*.y?(a)ml"];

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function toSlashes(path: string): string {
  return path.replace(/\\/g, "/");
}

/**
 * Whether `path` matches one of the globs. A glob without a slash matches the
 * file's name anywhere (`docker-compose.yml`); one with a slash matches the
 * path relative to the workspace (`deploy/*.yml`) or, failing that, its end.
 */
export function matchesGlobs(path: string, globs: readonly string[], relativePath?: string): boolean {
  const name = baseName(path);
  const slashed = toSlashes(relativePath ?? path);
  return globs.some((glob) => {
    if (!glob.includes("/")) return picomatch.isMatch(name, glob, { dot: true });
    const pattern = glob.replace(/^\.\//, "");
    return picomatch.isMatch(slashed, pattern, { dot: true }) || picomatch.isMatch(slashed, `**/${pattern}`, { dot: true });
  });
}

export function isPipelineFile(path: string, globs: readonly string[] = DEFAULT_PIPELINE_FILES, relativePath?: string): boolean {
  return matchesGlobs(path, globs.length > 0 ? globs : DEFAULT_PIPELINE_FILES, relativePath);
}

export function isComposeFileName(path: string): boolean {
  return matchesGlobs(path, COMPOSE_FILE_GLOBS);
}
