/** Code blocks of README.md that tests run, so that the README and the tests cannot drift apart. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const README = join(__dirname, "../../README.md");

/**
 * The fenced code block that follows the comment `<!-- KIND: NAME (...) -->`
 * in README.md, e.g. `readmeBlock("editor", "neovim-0.7")`.
 */
export function readmeBlock(kind: string, name: string): { language: string; code: string } {
  const text = readFileSync(README, "utf8");
  const marker = `<!-- ${kind}: ${name} `;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no "${marker.trim()}" comment`);
  const fence = /^```(\w*)\n([\s\S]*?)^```$/m.exec(text.slice(at));
  if (!fence) throw new Error(`no code block after "${marker.trim()}" in README.md`);
  return { language: fence[1], code: fence[2] };
}
