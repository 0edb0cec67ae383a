/**
 * The .vsix that `npm run package` builds holds only what runs: the client
 * and server bundles (minified, no source maps), package.json and its nls
 * files, README, CHANGELOG, LICENSE, THIRD_PARTY_NOTICES, the icon, the grammar, the l10n
 * bundles, and the docs (rule pages, deployment docs, walkthrough media;
 * see shipped-docs.ts), whose links lead to files of the .vsix. Built in a copy of the repository's files, as a clean clone has
 * them, so that the bundles of the other tests (dist/) are not rebuilt under
 * their feet.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmInStage, stageRepository } from "../helpers/stage.js";
import { shippedDocs } from "./shipped-docs.js";
import { readZip, type ZipEntry } from "./zip.js";

const EXPECTED = [
  "[Content_Types].xml",
  "extension.vsixmanifest",
  "extension/LICENSE.txt",
  "extension/changelog.md",
  "extension/dist/client.js",
  "extension/dist/server.js",
  "extension/images/icon.png",
  "extension/l10n/bundle.l10n.fr.json",
  "extension/l10n/bundle.l10n.json",
  "extension/package.json",
  "extension/package.nls.fr.json",
  "extension/package.nls.json",
  "extension/readme.md",
  "extension/syntaxes/compose-interpolation.injection.tmLanguage.json",
  "extension/THIRD_PARTY_NOTICES.md",
  ...shippedDocs().map((path) => `extension/${path}`),
];

let stage: string;
let entries: ZipEntry[];
const entry = (name: string): ZipEntry => {
  const found = entries.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${name} is not in the .vsix`);
  return found;
};

beforeAll(() => {
  stage = mkdtempSync(join(tmpdir(), "elestio-vsix-"));
  stageRepository(stage);
  npmInStage(stage, ["run", "--silent", "package", "--", "--out", join(stage, "extension.vsix")]);
  entries = readZip(join(stage, "extension.vsix"));
}, 180_000);

afterAll(() => {
  if (stage) rmSync(stage, { recursive: true, force: true });
});

describe("npm run package", () => {
  it("puts only what runs in the .vsix: no sources, tests, node_modules or source maps", () => {
    expect(entries.map((candidate) => candidate.name).sort()).toEqual([...EXPECTED].sort());
  });

  it("ships minified bundles without source maps, the client needing only vscode and Node", () => {
    for (const name of ["extension/dist/client.js", "extension/dist/server.js"]) {
      const code = entry(name).read().toString("utf8");
      expect(code, name).not.toContain("sourceMappingURL");
      // Minified code runs on lines of thousands of characters; the only short lines left are those of
      // template literals written over several lines (the rules' docs.example compose files).
      const onLongLines = code.split("\n").reduce((sum, line) => sum + (line.length > 2000 ? line.length : 0), 0);
      expect(onLongLines / code.length, `${name} is minified`).toBeGreaterThan(0.8);
    }
    const client = entry("extension/dist/client.js").read().toString("utf8");
    const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]));
    const external = [...required].filter((name) => name !== "vscode" && !builtinModules.includes(name.replace(/^node:/, "")));
    expect(external).toEqual([]);
    expect(required.has("vscode")).toBe(true);
  });

  it("whose manifest points at files that are in it", () => {
    const manifest = JSON.parse(entry("extension/package.json").read().toString("utf8"));
    for (const field of ["bin", "scripts", "devDependencies", "dependencies"]) expect(manifest, field).not.toHaveProperty(field);
    const inside = (path: string) => entries.some((candidate) => candidate.name === `extension/${path.replace(/^\.\//, "")}`);
    expect(inside(manifest.main)).toBe(true);
    expect(inside(manifest.icon)).toBe(true);
    for (const grammar of manifest.contributes.grammars) expect(inside(grammar.path), grammar.path).toBe(true);
    for (const walkthrough of manifest.contributes.walkthroughs)
      for (const step of walkthrough.steps) expect(inside(step.media.image ?? step.media.markdown), step.id).toBe(true);
    for (const language of ["", ".fr"]) expect(inside(`${manifest.l10n}/bundle.l10n${language}.json`)).toBe(true);
  });

  it("whose docs link files that are in it, README included (shipped as readme.md)", () => {
    const names = new Set(entries.map((candidate) => candidate.name));
    const broken: string[] = [];
    for (const name of [...names].filter((path) => path.startsWith("extension/docs/") && path.endsWith(".md"))) {
      const text = entry(name).read().toString("utf8").replace(/^ *(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ *\1[ \t]*$/gm, "").replace(/`[^`\n]*`/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)\s]*)?\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const resolved = posix.normalize(posix.join(posix.dirname(name), target));
        if (!names.has(resolved)) broken.push(`${name}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
    expect(entry("extension/docs/rules/no-container-name.md").read().toString("utf8")).toContain("](../../readme.md#what-it-finds)");
  });

  it("whose language server starts from the minified bundle and answers initialize", async () => {
    const dir = join(stage, "unpacked");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "server.js"), entry("extension/dist/server.js").read());
    const server = spawn(process.execPath, [join(dir, "server.js"), "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const response = await new Promise<{ id: number; result: { capabilities: Record<string, unknown> } }>((resolve, reject) => {
        let buffer = Buffer.alloc(0);
        server.on("error", reject);
        server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
        server.stdout.on("data", (chunk: Buffer) => {
          buffer = Buffer.concat([buffer, chunk]);
          const header = buffer.indexOf("\r\n\r\n");
          if (header < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
          if (buffer.length >= header + 4 + length) resolve(JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString("utf8")));
        });
      });
      expect(response.id).toBe(1);
      expect(Object.keys(response.result.capabilities)).toEqual(
        expect.arrayContaining(["textDocumentSync", "hoverProvider", "codeActionProvider", "codeLensProvider"]),
      );
    } finally {
      server.kill();
    }
  });
});
