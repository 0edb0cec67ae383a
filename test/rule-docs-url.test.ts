import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { publishedDocsBase, ruleDocsLocation, ruleDocsPath } from "../server/src/ruleDocs.js";

describe("where a rule's page is", () => {
  it.each([
    ["github:acme/compose", "https://github.com/acme/compose/blob/main/"],
    ["git+https://github.com/acme/compose.git", "https://github.com/acme/compose/blob/main/"],
    ["https://github.com/acme/compose", "https://github.com/acme/compose/blob/main/"],
    ["git@github.com:acme/compose.git", "https://github.com/acme/compose/blob/main/"],
    ["acme/compose", "https://github.com/acme/compose/blob/main/"],
  ])("repository %s: the published docs on GitHub", (repository, base) => {
    expect(publishedDocsBase({ repository })).toBe(base);
    expect(publishedDocsBase({ repository: { url: repository } })).toBe(base);
  });

  it("a repository's directory, then a homepage without its fragment", () => {
    expect(publishedDocsBase({ repository: { url: "https://github.com/acme/tools", directory: "/compose/" } })).toBe("https://github.com/acme/tools/blob/main/compose/");
    expect(publishedDocsBase({ homepage: "https://docs.example.com/compose#readme" })).toBe("https://docs.example.com/compose/");
    expect(publishedDocsBase({ repository: "https://gitlab.com/a/b.git", homepage: "ftp://x" })).toBeUndefined();
  });

  it("without a repository or homepage: the shipped page as a file: URL, when it exists", () => {
    const root = mkdtempSync(join(tmpdir(), "elestio-docs-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "elestio-compose" }));
    mkdirSync(join(root, "docs", "rules"), { recursive: true });
    writeFileSync(join(root, ruleDocsPath("no-container-name", "fr")), "# no-container-name\n");
    mkdirSync(join(root, "dist"));
    const location = ruleDocsLocation(join(root, "dist"));
    expect(location.root).toBe(root);
    expect(location.url("no-container-name", "fr")).toBe(pathToFileURL(join(root, "docs/rules/no-container-name.fr.md")).href);
    expect(location.url("no-container-name", "en")).toBeUndefined();
  });

  it("with a repository: the published page, whether or not the file is beside", () => {
    const root = mkdtempSync(join(tmpdir(), "elestio-docs-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "elestio-compose", repository: "github:acme/compose" }));
    expect(ruleDocsLocation(root).url("literal-secret", "en")).toBe("https://github.com/acme/compose/blob/main/docs/rules/literal-secret.md");
  });

  it("outside any package of ours: no link", () => {
    const root = mkdtempSync(join(tmpdir(), "elestio-docs-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "someone-else", repository: "github:x/y" }));
    expect(ruleDocsLocation(root).url("literal-secret", "en")).toBeUndefined();
  });
});
