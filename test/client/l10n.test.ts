import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { l10nCalls, placeholders } from "./l10n-strings.js";

const bundle = (file: string): Record<string, string> => JSON.parse(readFileSync(`l10n/${file}`, "utf8"));

/** French typography: a space before : ; ? ! (URLs and times aside). */
function typographyFaults(text: string): string[] {
  return [...text.matchAll(/(\S)([:;?!])(?=\s|$)/g)].filter((match) => !/\d/.test(match[1])).map((match) => match[0]);
}

describe("the client's messages are translated (l10n bundles)", () => {
  const calls = l10nCalls();
  const messages = [...new Set(calls.map((call) => call.message))];

  it("every vscode.l10n.t call has a literal message", () => {
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.filter((call) => call.message === undefined)).toEqual([]);
  });

  it("bundle.l10n.json holds exactly the client's messages", () => {
    const english = bundle("bundle.l10n.json");
    expect(Object.keys(english).sort()).toEqual([...(messages as string[])].sort());
    for (const [key, value] of Object.entries(english)) expect(value).toBe(key);
  });

  it("bundle.l10n.fr.json translates each of them, with the same placeholders and French typography", () => {
    const french = bundle("bundle.l10n.fr.json");
    expect(Object.keys(french).sort()).toEqual([...(messages as string[])].sort());
    for (const [english, translation] of Object.entries(french)) {
      expect(translation, english).not.toBe(english);
      expect(placeholders(translation), english).toEqual(placeholders(english));
      expect(typographyFaults(translation), translation).toEqual([]);
    }
  });
});
