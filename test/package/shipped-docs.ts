/**
 * The docs the .vsix and the npm package ship, from the repository's root:
 * each rule's page in both languages (diagnostics, hovers, SARIF and "Show
 * documentation" link them), the deployment docs they link to, and the
 * walkthrough's step media with their French version (VS Code reads
 * `<name>.nls.fr.md` beside `<name>.md`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../../server/src/engine/rules/index.js";
import { ruleDocsPath } from "../../server/src/ruleDocs.js";
import { DEPLOYMENT_DOCS } from "../../scripts/docs.js";

const ROOT = join(__dirname, "../..");

interface WalkthroughStep {
  media: { image?: string; markdown?: string };
}

/** The walkthrough steps' markdown media, and the French file VS Code shows in their place. */
export function walkthroughMedia(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { contributes: { walkthroughs: { steps: WalkthroughStep[] }[] } };
  return pkg.contributes.walkthroughs
    .flatMap((walkthrough) => walkthrough.steps)
    .flatMap((step) => (step.media.markdown ? [step.media.markdown, step.media.markdown.replace(/\.md$/, ".nls.fr.md")] : []));
}

export function shippedDocs(): string[] {
  return [
    ...RULES.flatMap(({ meta }) => [ruleDocsPath(meta.id, "en"), ruleDocsPath(meta.id, "fr")]),
    DEPLOYMENT_DOCS.en,
    DEPLOYMENT_DOCS.fr,
    ...walkthroughMedia(),
  ].sort();
}
