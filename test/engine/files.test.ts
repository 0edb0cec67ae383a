/**
 * Which files are compose files, and which the Elestio pipeline deploys
 * (files.ts): the globs of `pipelineFiles`, as the editor and the CLI match
 * them against real paths.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_FILES, isComposeFileName, isPipelineFile, matchesGlobs } from "../../server/src/engine/files.js";

describe("pipeline files", () => {
  // Each row: the absolute path, its path relative to the workspace, the globs, whether it is a pipeline file.
  it.each<[string, string, string | undefined, readonly string[] | undefined, boolean]>([
    ["the default names, anywhere", "/w/apps/web/docker-compose.yml", "apps/web/docker-compose.yml", undefined, true],
    ["compose.yaml by default", "/w/compose.yaml", "compose.yaml", undefined, true],
    ["an override file is not deployed by default", "/w/docker-compose.override.yml", "docker-compose.override.yml", undefined, false],
    // An empty list (an editor setting cleared) means the defaults.
    ["an empty list of globs", "/w/docker-compose.yml", "docker-compose.yml", [], true],
    ["an empty list, another name", "/w/deploy.yml", "deploy.yml", [], false],
    ["a glob of the project", "/w/deploy.yml", "deploy.yml", ["deploy.yml"], true],
    ["a glob of the project replaces the defaults", "/w/docker-compose.yml", "docker-compose.yml", ["deploy.yml"], false],
    // A glob without a slash matches the name, even of a file outside the workspace.
    ["a name glob, the file outside the workspace", "/other/x/docker-compose.yml", "../x/docker-compose.yml", ["docker-compose.yml"], true],
    // A name glob matches hidden files too, as `docker compose -f` takes any name.
    ["a name glob and a hidden file", "/w/.compose.yml", ".compose.yml", ["*.yml"], true],
    ["a path glob, relative to the workspace", "/w/deploy/compose.yml", "deploy/compose.yml", ["deploy/compose.yml"], true],
    ["a path glob written with ./", "/w/deploy/compose.yml", "deploy/compose.yml", ["./deploy/compose.yml"], true],
    // Failing the whole relative path, its end: a workspace opened above the project.
    ["a path glob matching the end of the path", "/w/apps/deploy/compose.yml", "apps/deploy/compose.yml", ["deploy/compose.yml"], true],
    ["a path glob below a hidden folder", "/w/.elestio/deploy/compose.yml", ".elestio/deploy/compose.yml", ["deploy/compose.yml"], true],
    ["a path glob with a wildcard into a hidden folder", "/w/.deploy/compose.yml", ".deploy/compose.yml", ["*/compose.yml"], true],
    // A negated glob matches every other path; its `*` takes a hidden folder too, so this one is left out.
    ["a negated path glob and a hidden folder", "/w/.elestio/compose.yml", ".elestio/compose.yml", ["!*/compose.yml"], false],
    ["a negated path glob and another path", "/w/deploy.yml", "deploy.yml", ["!*/compose.yml"], true],
    ["a path glob, another folder", "/w/staging/compose.yml", "staging/compose.yml", ["deploy/compose.yml"], false],
    // A path glob is not a name glob: the name alone does not match it.
    ["a path glob and the same name elsewhere", "/w/compose.yml", "compose.yml", ["deploy/compose.yml"], false],
    ["a path glob above the workspace", "/other/compose.yml", "../other/compose.yml", ["../other/compose.yml"], true],
    // The CLI on Windows gives backslashes.
    ["a Windows relative path", "C:\\w\\deploy\\compose.yml", "deploy\\compose.yml", ["deploy/compose.yml"], true],
    ["a Windows path and no relative path", "C:\\w\\deploy\\compose.yml", undefined, ["deploy/compose.yml"], true],
  ])("%s", (_name, path, relativePath, globs, pipeline) => {
    expect(isPipelineFile(path, globs, relativePath)).toBe(pipeline);
  });

  it("the defaults", () => {
    expect(DEFAULT_PIPELINE_FILES).toEqual(["docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml"]);
    expect(matchesGlobs("/w/compose.yml", DEFAULT_PIPELINE_FILES)).toBe(true);
  });
});

describe("compose file names", () => {
  it.each<[string, boolean]>([
    ["/w/compose.yml", true],
    ["/w/compose.prod.yaml", true],
    ["/w/docker-compose.override.yml", true],
    ["/w/prod.docker-compose.yml", true],
    // Neither compose* nor *docker-compose*: the third glob.
    ["/w/docker_compose.yml", true],
    ["/w/my.docker.compose.yaml", true],
    ["C:\\w\\docker_compose.yml", true],
    ["/w/docker-compose.json", false],
    ["/w/mkdocs.yml", false],
    ["/w/.github/workflows/deploy.yml", false],
  ])("%s: %s", (path, compose) => {
    expect(isComposeFileName(path)).toBe(compose);
  });
});
