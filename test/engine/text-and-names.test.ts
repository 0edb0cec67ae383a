import { describe, expect, it } from "vitest";
import { applyEdits, LineIndex, type OffsetEdit } from "../../server/src/engine/text.js";
import { editDistance, maxSuggestionDistance, normalizeName } from "../../server/src/engine/suggest.js";
import { placeOf, shortList } from "../../server/src/engine/i18n/schema-places.js";
import { fillTemplate, MAX_VALUE_CHARS } from "../../server/src/engine/i18n/format.js";
import { fence } from "../../server/src/engine/markdown.js";
import { languageFromLocale, resolveLanguage } from "../../server/src/engine/i18n/index.js";

describe("LineIndex", () => {
  // offsetAt is how an editor position (a hover, a code action's range) becomes an offset: lines outside the file clamp to its ends.
  it.each([
    ["a line before the file", { line: -1, character: 3 }, 0],
    ["the first line, not its start", { line: 0, character: 5 }, 5],
    ["a character past the line's end stops before the CRLF", { line: 0, character: 99 }, 9],
    ["the second line", { line: 1, character: 2 }, 13],
    ["the last line (empty, after the final CRLF)", { line: 2, character: 4 }, 19],
    ["a line past the last", { line: 3, character: 0 }, 19],
    ["far past the last line", { line: 9, character: 1 }, 19],
  ])("offsetAt: %s", (_, position, offset) => {
    const lines = new LineIndex("services:\r\n  web:\r\n");
    expect(lines.offsetAt(position)).toBe(offset);
  });

  // Lines ending in a lone \r (old Mac files) end before it; an empty one between two \r ends where it starts.
  it.each([
    ["a\r\rb", [1, 2, 4]],
    ["a\n\rb", [1, 2, 4]],
    ["ab\r\ncd", [2, 6]],
  ])("lineEnd of each line of %j", (text, ends) => {
    const lines = new LineIndex(text);
    expect(lines.lineStarts.map((_, line) => lines.lineEnd(line))).toEqual(ends);
  });

  // The line break a fix inserts: the file's own.
  it.each([
    ["services:\r\n  web: {}\r\n", "\r\n"],
    ["\r\nservices: {}\n", "\r\n"], // CRLF at the very start
    ["services:\n  web: {}\n", "\n"],
    ["services:\r  web: {}\r", "\r"],
    ["\rservices: {}", "\r"], // a lone \r at the very start
    ["\nservices:\r  web: {}", "\n"], // LF first: LF wins over a later lone \r
    ["services: {}", "\n"], // one line: LF by default
    ["", "\n"],
  ])("eol of %j is %j", (text, eol) => {
    expect(new LineIndex(text).eol).toBe(eol);
  });
});

describe("applyEdits", () => {
  const text = "image: nginx:latest";
  const insert: OffsetEdit = { start: 13, end: 13, newText: "1.27-" };
  const replace: OffsetEdit = { start: 13, end: 19, newText: "stable" };
  // An insertion at the start of a replaced span goes before the replacement, whatever order the fixes come in.
  it.each([
    ["insertion first", [insert, replace]],
    ["replacement first", [replace, insert]],
  ])("an insertion and a replacement at one offset: %s", (_, edits) => {
    expect(applyEdits(text, edits)).toBe("image: nginx:1.27-stable");
  });

  it("refuses overlapping edits", () => {
    expect(() =>
      applyEdits(text, [
        { start: 7, end: 15, newText: "httpd" },
        { start: 13, end: 19, newText: "stable" },
      ]),
    ).toThrow(new Error("overlapping edits"));
  });
});

describe("did-you-mean distances", () => {
  it.each([
    ["ax", "ya", 2], // the second letters differ: no swap
    ["xa", "ay", 2], // the first letters differ: no swap
    ["ab", "ba", 1], // a swap of neighbours is one edit
    ["enviroment", "environment", 1],
    ["", "ports", 5],
  ])("editDistance(%j, %j) = %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it.each([
    [4, 1],
    [5, 2],
    [9, 2],
    [10, 3],
  ])("a name of %i characters may be %i edits away", (length, distance) => {
    expect(maxSuggestionDistance(length)).toBe(distance);
  });

  it("normalizeName reads case, dashes, dots and spaces as one spelling", () => {
    expect(normalizeName("Depends-On")).toBe("depends_on");
    expect(normalizeName("env.File name")).toBe("env_file_name");
  });
});

describe("places and lists in messages", () => {
  const long = "x".repeat(MAX_VALUE_CHARS);
  it.each([
    ["empty path", [], ""],
    ["short path, whole", ["services", "web", "ports", 0], "services.web.ports[0]"],
    // 31 characters after the "…": exactly the limit.
    ["a suffix of exactly the limit", ["services", "web", "x".repeat(MAX_VALUE_CHARS - 1)], `…${"x".repeat(MAX_VALUE_CHARS - 1)}`],
    ["a key no suffix fits: the key alone", ["services", "web", long], long],
  ])("placeOf: %s", (_, segments, place) => {
    expect(placeOf(segments)).toBe(place);
  });

  it.each([
    ["all fit", ["always", "never"], 32, "always, never"],
    ["at most three", ["a", "b", "c", "d"], 32, "a, b, c, …"],
    // "abcde, fghij" is 12 characters: the last word needs no ", …" after it.
    ["the last word fits exactly", ["abcde", "fghij"], 12, "abcde, fghij"],
    ["the last word would pass the limit", ["abcde", "fghijk"], 12, "abcde, …"],
    // "abcde, fghij, …" is 15: with a word after it, the second fits at exactly 15 and not at 14.
    ["a middle word, with its ellipsis, exactly", ["abcde", "fghij", "klmno"], 15, "abcde, fghij, …"],
    ["a first word too long: cut", ["abcdefghij", "k"], 5, "abcd…"],
  ])("shortList: %s", (_, words, max, list) => {
    expect(shortList(words, max)).toBe(list);
  });
});

describe("message templates", () => {
  it("fills a placeholder with spaces inside the braces", () => {
    expect(fillTemplate("Service {{ name }} has no image", { name: "web" })).toBe("Service web has no image");
  });

  it("refuses a placeholder without data", () => {
    expect(() => fillTemplate("Service {{name}}", {})).toThrow(new Error("message placeholder {{name}} has no data"));
  });
});

describe("fence", () => {
  it("fences a log line with a longer run of backticks than it holds", () => {
    expect(fence("echo ``` done")).toBe("````text\necho ``` done\n````");
  });
});

describe("languages", () => {
  it.each([
    ["fr", "fr"],
    ["fr-CA", "fr"],
    ["fr_FR.UTF-8", "fr"],
    ["FR", "fr"],
    ["fra", "en"], // not a French locale tag
    ["en-fr", "en"],
    ["en", "en"],
    ["", "en"],
    [undefined, "en"],
  ])("languageFromLocale(%j) = %j", (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });

  it.each([
    ["en", "fr-FR", "en"],
    ["fr", "en-US", "fr"],
    ["auto", "fr-FR", "fr"],
    [undefined, "en-US", "en"],
  ])("resolveLanguage(%j, %j) = %j", (setting, locale, language) => {
    expect(resolveLanguage(setting, locale)).toBe(language);
  });
});
