/**
 * parseCompose parses with the `yaml` parser's duplicate-key check off (it
 * compares each key with every earlier key of its map: quadratic in a large
 * `services:`) and finds duplicates itself with a set per map. Its findings
 * must be the parser's own: the same keys, with the same message, on every
 * file (the project's in `npm test`, the corpus folder's in
 * `npm run test:corpus`) and on random mutations (a duplicated line is the
 * usual way a key gets written twice). Where the parser places one before its key (after
 * the end of the previous line, when a key above has no value), the engine
 * places it on the key itself: only blanks and comments lie between the two.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { DUPLICATE_KEY, parseCompose } from "../../server/src/engine/compose/model.js";
import { generateCompose } from "../generators/compose.js";
import { corpus, excerpt, FUZZ, mutateAll, mutationsArb, SEED } from "./support.js";

/** The parser's own duplicate-key errors, each moved past the blanks and comments before its key: offset and message. */
function parserDuplicates(text: string): string[] {
  const source = text.replace(/\r(?!\n)/g, "\n");
  const parsed = parseAllDocuments(source, { prettyErrors: false });
  const documents = Array.isArray(parsed) ? parsed : [];
  return documents.flatMap((doc) =>
    doc.errors
      .filter((e) => e.code === "DUPLICATE_KEY")
      .map((e) => `${e.pos[0] + /^(?:\s|#[^\n]*)*/.exec(source.slice(e.pos[0]))![0].length} ${e.message}`),
  );
}

function engineDuplicates(text: string): string[] {
  return parseCompose(text)
    .syntaxErrors.filter((e) => e.message === DUPLICATE_KEY)
    .map((e) => `${e.start} ${e.message}`);
}

describe("duplicate keys", () => {
  it("are the parser's own on every file, and on a map large enough for the set", () => {
    for (const file of corpus()) expect(engineDuplicates(file.text), file.rel).toEqual(parserDuplicates(file.text));
    const services = Array.from({ length: 40 }, (_, i) => `  s${i % 30}:\n    image: x\n`).join("");
    const text = `services:\n${services}`;
    expect(engineDuplicates(text)).toHaveLength(10);
    expect(engineDuplicates(text)).toEqual(parserDuplicates(text));
  });

  it("are told apart as the parser tells them: by type and value, in block and flow maps", () => {
    const text = [
      "a: {x: 1, x: 2, 1: a, '1': b, ~: c, null: d, .nan: e, .nan: f}",
      "b:",
      "  true: 1",
      "  yes: 2",
      "  True: 3",
      "  0x10: 4",
      "  16: 5",
      "  ? [k]",
      "  : 6",
      "  ? [k]",
      "  : 7",
      "  &anchor key: 8",
      "  key: 9",
      "  !!str 10: 10",
      "  '10': 11",
      "",
    ].join("\n");
    // x, null, True (= true), 16 (= 0x10), key (after its anchor), '10' (= !!str 10).
    expect(engineDuplicates(text)).toHaveLength(6);
    expect(engineDuplicates(text)).toEqual(parserDuplicates(text));
  });

  it("are the parser's own on random mutations of those files and of generated ones", () => {
    const files = corpus();
    const source = fc.oneof(
      fc.constantFrom(...files.map((f) => f.text)),
      fc.record({ lines: fc.integer({ min: 5, max: 200 }), seed: fc.integer(), faults: fc.boolean(), eol: fc.constantFrom("\n" as const, "\r\n" as const) }).map(generateCompose),
    );
    fc.assert(
      fc.property(source, mutationsArb, (text, mutations) => {
        const mutated = mutateAll(text, mutations);
        expect(engineDuplicates(mutated), excerpt(mutated)).toEqual(parserDuplicates(mutated));
      }),
      { numRuns: FUZZ ? 20_000 : 500, seed: SEED },
    );
  });
});
