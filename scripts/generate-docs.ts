/**
 * Writes what the rule registry generates into README.md, package.json,
 * package.nls*.json and docs/rules/ (a page per rule and language; pages of
 * rules no longer in the registry are deleted). See scripts/docs.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  configurationContribution,
  replaceBetween,
  RULE_PAGES_DIR,
  rulePages,
  ruleTable,
  RULES_END,
  RULES_START,
  settingsNls,
  withSettingsNls,
} from "./docs.js";

// Every page is made before anything is written: a rule whose example the engine rejects changes nothing.
const pages = rulePages();

const readme = readFileSync("README.md", "utf8");
writeFileSync("README.md", replaceBetween(readme, RULES_START, RULES_END, ruleTable()));

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { contributes?: Record<string, unknown> };
pkg.contributes ??= {};
pkg.contributes.configuration = configurationContribution();
writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");

for (const [file, language] of [["package.nls.json", "en"], ["package.nls.fr.json", "fr"]] as const) {
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  writeFileSync(file, JSON.stringify(withSettingsNls(existing, settingsNls(language)), null, 2) + "\n");
}

mkdirSync(RULE_PAGES_DIR, { recursive: true });
for (const [path, text] of pages) writeFileSync(path, text);
const stale = readdirSync(RULE_PAGES_DIR).filter((name) => name.endsWith(".md") && !pages.has(`${RULE_PAGES_DIR}/${name}`));
for (const name of stale) rmSync(join(RULE_PAGES_DIR, name));

console.log(
  `README.md rule table, package.json settings, their package.nls*.json texts and ${pages.size} rule pages in ${RULE_PAGES_DIR}/ regenerated` +
    (stale.length > 0 ? `; deleted ${stale.join(", ")}.` : "."),
);
