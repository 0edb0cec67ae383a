import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { knownRuleIds } from "../server/src/engine/lint.js";
import { RULES } from "../server/src/engine/rules/index.js";
import {
  configurationContribution,
  DEPLOYMENT_DOCS,
  DEPLOYMENT_SECTIONS,
  fixExample,
  frenchApostrophes,
  headingSlug,
  lintExample,
  NLS_CONFIG_PREFIX,
  RULE_PAGES_DIR,
  RULE_SECTIONS,
  rulePage,
  rulePagePath,
  ruleTable,
  RULES_END,
  RULES_START,
  settingsNls,
} from "../scripts/docs.js";

describe("what the registry generates is up to date (run `npm run docs` after changing a rule)", () => {
  it("README rule table", () => {
    const readme = readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf(RULES_START) + RULES_START.length, readme.indexOf(RULES_END)).trim();
    expect(table).toBe(ruleTable());
  });

  it("settings schema in package.json", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.contributes.configuration).toEqual(configurationContribution());
  });

  it.each(["en", "fr"] as const)("settings descriptions in package.nls (%s)", (language) => {
    const file = language === "en" ? "package.nls.json" : "package.nls.fr.json";
    const nls: Record<string, string> = JSON.parse(readFileSync(file, "utf8"));
    const generated = Object.fromEntries(Object.entries(nls).filter(([key]) => key.startsWith(NLS_CONFIG_PREFIX)));
    expect(generated).toEqual(settingsNls(language));
  });

  it("every setting has a description, in English and in French", () => {
    const { properties } = configurationContribution();
    const en = settingsNls("en");
    const fr = settingsNls("fr");
    for (const [name, schema] of Object.entries(properties)) {
      const key = /^%(.+)%$/.exec(String(schema.markdownDescription))?.[1];
      expect(key, `${name} has an nls description`).toBeDefined();
      expect(en[key!].length, name).toBeGreaterThan(10);
      expect(fr[key!].length, name).toBeGreaterThan(10);
    }
    expect(properties["elestio.dashboardUrl"]).toMatchObject({ default: "https://dash.elest.io/" });
    expect(properties["elestio.trace.server"]).toMatchObject({ enum: ["off", "messages", "verbose"], default: "off" });
  });

  it("every rule has the metadata the docs and settings need, in both languages", () => {
    const ids = new Set<string>();
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(ids.has(meta.id), `duplicate id ${meta.id}`).toBe(false);
      ids.add(meta.id);
      for (const text of [meta.docs.title, meta.docs.description]) {
        expect(text.en.length).toBeGreaterThan(10);
        expect(text.fr.length).toBeGreaterThan(10);
        expect(text.fr).not.toBe(text.en);
      }
      expect(Boolean(meta.docs.fix), `${meta.id}: fixable rules describe their fix`).toBe(meta.fixable);
    }
  });
});

/**
 * The ids of published releases: settings, configuration files, disable
 * comments and CI scripts name them. Append an id here when a release
 * publishes it; never remove or rename one (a renamed rule keeps its old id).
 */
const PUBLISHED_IDS = [
  "yaml-syntax",
  "env-file-not-dotenv",
  "no-container-name",
  "no-reserved-host-port",
  "no-tls-proxy-service",
  "public-port-binding",
  "loopback-port-binding",
  "healthcheck-required",
  "healthcheck-exec-shell",
  "unescaped-dollar",
  "literal-secret",
  "obsolete-version",
  "unknown-key",
  "undefined-variable",
  "external-network",
];

describe("rule ids are a public contract (settings, disable comments, CLI output)", () => {
  it("every published id is still known: a rule may be added, never removed or renamed", () => {
    expect(knownRuleIds()).toEqual(expect.arrayContaining(PUBLISHED_IDS));
  });
});

const LANGUAGES = ["en", "fr"] as const;

describe("a page per rule, docs/rules/<id>.md and <id>.fr.md (run `npm run docs` after changing a rule)", () => {
  describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))("%s", (id, rule) => {
    it.each(LANGUAGES)("its page in %s exists and is what the registry generates", (language) => {
      const path = rulePagePath(id, language);
      expect(existsSync(path), `${path} is missing: run npm run docs`).toBe(true);
      expect(readFileSync(path, "utf8"), `${path} is stale: run npm run docs`).toBe(rulePage(rule, language));
    });

    it("its docs.example: the invalid file gets a finding of the rule, the valid one none" + (rule.meta.fixable ? ", and fix-all turns one into the other" : ""), () => {
      const { invalid, valid, invalidFiles, validFiles } = rule.meta.docs.example;
      expect(lintExample(rule, invalid, invalidFiles).filter((f) => f.ruleId === id).length, `${id}: docs.example.invalid, as the pipeline file`).toBeGreaterThan(0);
      expect(lintExample(rule, valid, validFiles).map((f) => `${f.ruleId}: ${f.message.en}`), `${id}: docs.example.valid`).toEqual([]);
      if (rule.meta.fixable) expect(fixExample(rule, invalid, invalidFiles), `${id}: fix-all with the rule alone on docs.example.invalid gives docs.example.valid`).toBe(valid);
    });
  });

  it("and no page of a rule the registry lacks", () => {
    const expected = RULES.flatMap(({ meta }) => LANGUAGES.map((language) => rulePagePath(meta.id, language).slice(RULE_PAGES_DIR.length + 1)));
    expect(readdirSync(RULE_PAGES_DIR).sort()).toEqual(expected.sort());
  });

  it("each rule links a section of the deployment docs, which both languages have", () => {
    expect(Object.keys(RULE_SECTIONS).sort()).toEqual(RULES.map(({ meta }) => meta.id).sort());
    for (const [key, heading] of Object.entries(DEPLOYMENT_SECTIONS)) {
      expect(headingSlug(heading.en), `${key} is the English heading's anchor`).toBe(key);
      for (const language of LANGUAGES) expect(headings(DEPLOYMENT_DOCS[language]).map((h) => h.text), `${DEPLOYMENT_DOCS[language]}: ${heading[language]}`).toContain(heading[language]);
    }
  });

  it("French prose has the typographic apostrophe: the generated nls texts, the rule pages, the docs", () => {
    for (const [key, text] of Object.entries(settingsNls("fr"))) expect(frenchApostrophes(text), key).toBe(text);
    for (const file of markdownFiles("docs").filter((path) => /\.(?:nls\.)?fr\.md$/.test(path))) {
      const text = readFileSync(file, "utf8");
      expect(frenchApostrophes(text), file).toBe(text);
    }
  });
});

/** The markdown files under a folder, as paths from the repository's root. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

/** A markdown text's lines outside fenced code blocks. */
function linesOutsideFences(text: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    lines.push(line);
  }
  return lines;
}

/** A markdown file's lines outside fenced code blocks, with their inline code spans blanked. */
function proseLines(text: string): string[] {
  return linesOutsideFences(text).map((line) => line.replace(/(`+)[\s\S]*?(?<!`)\1(?!`)/g, (span) => " ".repeat(span.length)));
}

/** A file's headings and their anchors, numbered as GitHub numbers a repeated one (`-1`, `-2`). */
function headings(file: string): { text: string; anchor: string }[] {
  const seen = new Map<string, number>();
  const found: { text: string; anchor: string }[] = [];
  for (const line of linesOutsideFences(readFileSync(file, "utf8"))) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = headingSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.push({ text: heading, anchor: count === 0 ? slug : `${slug}-${count}` });
  }
  return found;
}

describe("the docs' links", () => {
  const files = ["README.md", ...markdownFiles("docs")];

  it.each(files)("every relative link of %s points to a file that exists, and to a heading it has", (file) => {
    const broken: string[] = [];
    for (const line of proseLines(readFileSync(file, "utf8"))) {
      for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, command:, mailto:
        const [path, fragment] = target.split("#", 2);
        const resolved = path === "" ? file : posix.normalize(posix.join(posix.dirname(file), decodeURI(path)));
        if (!existsSync(resolved)) {
          broken.push(`${target}: no file ${resolved}`);
          continue;
        }
        if (fragment === undefined) continue;
        const anchor = decodeURIComponent(fragment);
        if (!resolved.endsWith(".md") || !headings(resolved).some((heading) => heading.anchor === anchor)) broken.push(`${target}: no heading #${anchor} in ${resolved}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
