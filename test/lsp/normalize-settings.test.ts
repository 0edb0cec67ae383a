/** The shapes of `elestio` settings clients send, read into what the server uses. */
import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_FILES } from "../../server/src/engine/files.js";
import { DEFAULT_SETTINGS, normalizeSettings } from "../../server/src/lsp/settings.js";

describe("normalizeSettings", () => {
  it("reads the section itself (a workspace/configuration answer)", () => {
    expect(normalizeSettings({ pipelineFiles: ["deploy/*.yml"], rules: { "no-container-name": "off" }, language: "fr" })).toEqual({
      pipelineFiles: ["deploy/*.yml"],
      severities: { "no-container-name": "off" },
      language: "fr",
    });
  });

  it("reads the section under `elestio` and flat dotted keys (didChangeConfiguration, initializationOptions)", () => {
    expect(normalizeSettings({ elestio: { rules: { a: "hint" } }, "elestio.rules.b": "info", "elestio.language": "en", other: { x: 1 } })).toEqual({
      pipelineFiles: DEFAULT_PIPELINE_FILES,
      severities: { a: "hint", b: "info" },
      language: "en",
    });
    expect(normalizeSettings({ "rules.a": "error", rules: { b: "warning" } }).severities).toEqual({ a: "error", b: "warning" });
  });

  it("keeps valid severities only, with ESLint's and VS Code's spellings", () => {
    expect(normalizeSettings({ rules: { a: "warn", b: "Information", c: "loud", d: 2, e: " OFF " } }).severities).toEqual({ a: "warning", b: "info", e: "off" });
  });

  it("falls back to the defaults for missing or malformed values", () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ pipelineFiles: [], language: "de", rules: "off" })).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ pipelineFiles: "stack.yml" }).pipelineFiles).toEqual(["stack.yml"]);
    expect(normalizeSettings({ pipelineFiles: ["", 3, "a.yml"] }).pipelineFiles).toEqual(["a.yml"]);
  });
});
