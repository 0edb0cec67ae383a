import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_FILES, isPipelinePath, pathPattern, pipelineGlobs } from "../../client/src/pipelineFiles.js";

describe("the client's view of elestio.pipelineFiles", () => {
  it("cleans the setting, falling back to the defaults", () => {
    expect(pipelineGlobs(undefined)).toEqual(DEFAULT_PIPELINE_FILES);
    expect(pipelineGlobs([])).toEqual(DEFAULT_PIPELINE_FILES);
    expect(pipelineGlobs(["", 3, " deploy/stack.yml "])).toEqual(["deploy/stack.yml"]);
    expect(pipelineGlobs("compose.prod.yml")).toEqual(["compose.prod.yml"]);
  });

  it.each([
    ["docker-compose.yml", "**/docker-compose.yml"],
    ["./deploy/stack.yml", "**/deploy/stack.yml"],
    ["/deploy/*.yml", "**/deploy/*.yml"],
    ["**/compose.yaml", "**/compose.yaml"],
  ])("document selector pattern of %s is %s", (glob, pattern) => {
    expect(pathPattern(glob)).toBe(pattern);
  });

  it("matches like the server: file names anywhere, paths from the workspace folder", () => {
    const globs = pipelineGlobs(undefined);
    expect(isPipelinePath("/w/app/docker-compose.yml", globs, "app/docker-compose.yml")).toBe(true);
    expect(isPipelinePath("/w/compose.yaml", globs, "compose.yaml")).toBe(true);
    expect(isPipelinePath("/w/docker-compose.dev.yml", globs, "docker-compose.dev.yml")).toBe(false);
    expect(isPipelinePath("/w/compose.override.yaml", globs, "compose.override.yaml")).toBe(false);
    expect(isPipelinePath("/w/deploy/stack.yml", ["deploy/*.yml"], "deploy/stack.yml")).toBe(true);
    expect(isPipelinePath("/w/other/stack.yml", ["deploy/*.yml"], "other/stack.yml")).toBe(false);
  });
});
