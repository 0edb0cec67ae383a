// `npm run package [-- --out FILE]`: the VS Code extension as a .vsix holding only what runs.
//
// package.json serves two packages: the npm one (CLI and language server, its
// "files") and the extension. vsce reads "files" too and refuses a
// .vscodeignore beside it, so the extension is assembled in out/vsix from the
// list below, with a manifest for it alone, and packaged there.
// test/package/vsix.test.ts checks the result.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const stage = join(root, "out", "vsix");

/** The markdown files under `dir` (relative to the root), sorted: the docs the extension ships. */
function markdownFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return markdownFiles(path);
      return entry.isFile() && entry.name.endsWith(".md") ? [path] : [];
    })
    .sort();
}

/**
 * What the extension runs on and shows, and nothing else: no sources, tests,
 * node_modules or source maps. docs/ holds the rule pages that diagnostics,
 * hovers and "Show documentation" open, the deployment docs they link to, and
 * the walkthrough's step media.
 */
const FILES = [
  "package.nls.json",
  "package.nls.fr.json",
  "README.md",
  "CHANGELOG.md",
  "LICENSE",
  "THIRD_PARTY_NOTICES.md",
  "images/icon.png",
  "dist/client.js",
  "dist/server.js",
  ...readdirSync(join(root, "syntaxes"))
    .filter((name) => name.endsWith(".tmLanguage.json"))
    .map((name) => `syntaxes/${name}`),
  "l10n/bundle.l10n.json",
  "l10n/bundle.l10n.fr.json",
  ...markdownFiles("docs"),
];

/** Fields of package.json that belong to the npm package or to development, not to the extension. */
const NOT_FOR_THE_EXTENSION = ["bin", "files", "scripts", "devDependencies", "dependencies", "allowScripts"];

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

execFileSync(process.execPath, [join(root, "esbuild.mjs"), "--production"], { cwd: root, stdio: "inherit" });

rmSync(stage, { recursive: true, force: true });
for (const file of FILES) {
  mkdirSync(dirname(join(stage, file)), { recursive: true });
  copyFileSync(join(root, file), join(stage, file));
}
// vsce ships README.md as readme.md: the docs' links to it follow, or they would break on a case-sensitive disk.
for (const file of FILES.filter((name) => name.startsWith("docs/"))) {
  const text = readFileSync(join(stage, file), "utf8");
  const linked = text.replace(/(\]\()([^)#\s]*README\.md)(?=[#)])/g, (match, open, target) =>
    posix.join(posix.dirname(file), target) === "README.md" ? `${open}${target.slice(0, -"README.md".length)}readme.md` : match,
  );
  if (linked !== text) writeFileSync(join(stage, file), linked);
}
// The README's screenshots stay in the repository: a README image that is not packaged would show broken.
const readme = readFileSync(join(stage, "README.md"), "utf8");
writeFileSync(join(stage, "README.md"), readme.replace(/^!\[[^\]]*\]\((?!https:)[^)]*\)\n\n?/gm, ""));

const extensionManifest = Object.fromEntries(Object.entries(manifest).filter(([key]) => !NOT_FOR_THE_EXTENSION.includes(key)));
// vsce packs exactly these (package.json, README, CHANGELOG and LICENSE always), and fails if one is missing.
extensionManifest.files = FILES;
writeFileSync(join(stage, "package.json"), JSON.stringify(extensionManifest, null, 2) + "\n");

execFileSync(
  process.execPath,
  // The README links the rule pages (docs/rules/<id>.md), which the .vsix ships: relative links stay
  // relative, instead of vsce requiring a repository to turn them into web addresses.
  [join(root, "node_modules/@vscode/vsce/vsce"), "package", "--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links", "--out", out],
  { cwd: stage, stdio: "inherit" },
);
