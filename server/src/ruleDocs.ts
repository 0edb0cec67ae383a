/**
 * Where each rule's documentation page is, for `codeDescription.href`, the
 * hover's link, SARIF's `helpUri` and "Show documentation": the published
 * page when package.json names a repository or homepage, else the page the
 * .vsix and the npm package ship (`docs/rules/<id>.md`, `<id>.fr.md` in
 * French) as a file: URL. The server and the CLI share it.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Language } from "./engine/i18n/index.js";

/** The page of a rule inside the package: `docs/rules/<id>.md`, or `<id>.fr.md` in French. */
export function ruleDocsPath(id: string, language: Language): string {
  return `docs/rules/${id}${language === "fr" ? ".fr" : ""}.md`;
}

export interface RuleDocsLocation {
  /** The package's folder (where docs/ is), when found. */
  readonly root: string | undefined;
  /** The published docs' base (ending in `/`), when package.json names a repository or homepage. */
  readonly publishedBase: string | undefined;
  /** The page to link for a rule, in a language (a function property: callers pass it around). */
  readonly url: (id: string, language: Language) => string | undefined;
}

interface PackageJson {
  name?: string;
  repository?: string | { url?: string; directory?: string };
  homepage?: string;
}

const PACKAGE_NAME = "elestio-compose";

/** The folder of our package.json, searched upward from `start` (dist/ in the bundles, server/src/ from source). */
function packageRoot(start: string): { root: string; pkg: PackageJson } | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as PackageJson;
        if (pkg.name === PACKAGE_NAME) return { root: dir, pkg };
      } catch {
        // Not ours, or broken: keep looking upward.
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The published docs' base: a GitHub repository's `blob/main/` view of the
 * docs (`github:owner/repo`, `git+https://github.com/owner/repo.git`, ...),
 * else the homepage (without its `#fragment`).
 */
export function publishedDocsBase(pkg: PackageJson): string | undefined {
  const repository = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  if (repository) {
    const github = /^(?:github:|(?:git\+)?https?:\/\/github\.com\/|git@github\.com:|git:\/\/github\.com\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(repository);
    if (github) {
      const directory = typeof pkg.repository === "object" && pkg.repository.directory ? `${pkg.repository.directory.replace(/^\/|\/$/g, "")}/` : "";
      return `https://github.com/${github[1]}/${github[2]}/blob/main/${directory}`;
    }
  }
  if (pkg.homepage && /^https?:\/\//.test(pkg.homepage)) return pkg.homepage.replace(/#.*$/, "").replace(/\/?$/, "/");
  return undefined;
}

/**
 * What the bundles know of package.json from their build (esbuild.mjs): its `repository` and
 * `homepage`. The bundles sit in dist/, one folder below the package, and read no package.json at
 * run time (the server opens no file but the workspace's and its own pages).
 */
declare const __PACKAGE_LINKS__: PackageJson | undefined;

export function ruleDocsLocation(start: string = __dirname): RuleDocsLocation {
  const bundled = typeof __PACKAGE_LINKS__ === "object" && start === __dirname;
  const found = bundled ? { root: dirname(start), pkg: __PACKAGE_LINKS__ } : packageRoot(start);
  const publishedBase = found ? publishedDocsBase(found.pkg) : undefined;
  // Asked for every diagnostic of every publication: each page is looked up on disk once.
  const urls = new Map<string, string | undefined>();
  const lookUp = (id: string, language: Language): string | undefined => {
    const path = ruleDocsPath(id, language);
    if (publishedBase) return publishedBase + path;
    if (!found) return undefined;
    const file = join(found.root, path);
    return existsSync(file) ? pathToFileURL(file).href : undefined;
  };
  return {
    root: found?.root,
    publishedBase,
    url: (id, language) => {
      const key = `${id}\0${language}`;
      if (!urls.has(key)) urls.set(key, lookUp(id, language));
      return urls.get(key);
    },
  };
}
