/**
 * FAILURE_VERDICT's contract, which hover-consistency.property.test.ts relies
 * on: the hover texts that state "this deploy fails" hold its words in both
 * languages, and no other hover text holds them in either (a general
 * explanation says what would happen conditionally, in other words).
 */
import { describe, expect, it } from "vitest";
import * as TEXTS from "../../server/src/engine/i18n/hover-texts.js";
import { FAILURE_VERDICT } from "../../server/src/engine/i18n/hover-texts.js";
import type { Localized } from "../../server/src/engine/i18n/index.js";

const isLocalized = (value: unknown): value is Localized =>
  typeof value === "object" && value !== null && typeof (value as Localized).en === "string" && typeof (value as Localized).fr === "string";

/** Every text of the module, by its path: functions called with sample arguments, once per boolean. */
function allTexts(): Map<string, Localized> {
  const texts = new Map<string, Localized>();
  const visit = (path: string, value: unknown) => {
    if (isLocalized(value)) texts.set(path, value);
    else if (typeof value === "function") {
      for (const flag of [true, false]) {
        // Names, then the flag last (`pipeline`, `orEmpty`); PORT_ITEM.publishes' last is a Localized.
        const last = path.endsWith("publishes") ? { en: "on every interface", fr: "sur toutes les interfaces" } : flag;
        const args = Array.from({ length: value.length }, (_, i) => (i > 0 && i === value.length - 1 ? last : "db"));
        const result: unknown = (value as (...a: unknown[]) => unknown)(...args);
        visit(`${path}(${flag})`, result);
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(`${path}.${key}`, child);
    }
  };
  for (const [name, value] of Object.entries(TEXTS)) if (name !== "FAILURE_VERDICT") visit(name, value);
  return texts;
}

describe("FAILURE_VERDICT", () => {
  const texts = allTexts();

  it("reads the texts (against a vacuous pass)", () => {
    expect(texts.size).toBeGreaterThan(60);
  });

  it("is held by the verdicts only, in both languages", () => {
    const verdicts = [...texts].filter(([, text]) => text.en.includes(FAILURE_VERDICT.en)).map(([path]) => path.replace(/\((true|false)\)$/, ""));
    expect([...new Set(verdicts)]).toEqual(["PORT_ITEM.reserved", "CONDITION.noHealthcheck", "CONDITION.disabled"]);
    for (const [path, text] of texts) {
      expect(text.fr.includes(FAILURE_VERDICT.fr), `${path}: a verdict in one language is one in the other`).toBe(text.en.includes(FAILURE_VERDICT.en));
    }
  });

  it("is not how a general explanation says what happens otherwise", () => {
    // The texts that say what compose or the pipeline does in some case: in other words than a verdict's.
    const conditional = ["ENV_FILE.pipeline", "DEPENDS_ON.key", "NETWORKS.external(true)", "NETWORKS.external(false)", "CONTAINER_NAME.pipeline(true)", "VARIABLE.required(true)"];
    for (const path of conditional) {
      const text = texts.get(path);
      expect(text, path).toBeDefined();
      expect(text!.en, path).not.toContain(FAILURE_VERDICT.en);
      expect(text!.fr, path).not.toContain(FAILURE_VERDICT.fr);
    }
  });
});
