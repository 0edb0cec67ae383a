/**
 * Writes what the rule registry generates into README.md, package.json and
 * package.nls*.json (see scripts/docs.ts).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { configurationContribution, replaceBetween, ruleTable, RULES_END, RULES_START, settingsNls, withSettingsNls } from "./docs.js";

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
console.log("README.md rule table, package.json settings and their package.nls*.json texts regenerated.");
