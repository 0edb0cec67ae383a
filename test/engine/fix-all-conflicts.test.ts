/**
 * Fix-all never leaves a file less readable than it found it: fixes that are
 * each safe may clash together (found by `npm run fuzz`, FUZZ_SEED=865353656).
 */
import { expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { fixAll } from "../../server/src/engine/fixes.js";
import { lint } from "../../server/src/engine/lint.js";

const TEXT = [
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1.4",
  "    depends_on:",
  "      redis:",
  "        condition: service_healthy",
  "  redis:",
  "    image: redis:7",
  "    (healthcheck:",
  '      test: ["CMD", "redis-cli", "ping"]',
  "",
].join("\n");

const lintText = (text: string) => lint(parseCompose(text), { isPipeline: true });

it("a misspelt key renamed back and the key it seemed to lack added: the rename alone, the file still parses", () => {
  // Both fixes are offered on the same text, each safe on its own.
  expect(lintText(TEXT).filter((f) => f.fix).map((f) => f.ruleId)).toEqual(["healthcheck-required", "unknown-key"]);
  const fixed = fixAll(TEXT, lintText);
  expect(fixed.text).toBe(TEXT.replace("(healthcheck:", "healthcheck:"));
  expect(parseCompose(fixed.text).syntaxErrors).toEqual([]);
  expect(fixAll(fixed.text, lintText).text).toBe(fixed.text);
});
