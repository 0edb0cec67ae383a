import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { knownRuleIds } from "../server/src/engine/lint.js";
import { RULES } from "../server/src/engine/rules/index.js";
import { configurationContribution, NLS_CONFIG_PREFIX, ruleTable, RULES_END, RULES_START, settingsNls } from "../scripts/docs.js";

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
