/**
 * compose/model.ts, the one reader of YAML: the syntax errors of a text
 * (the parser's and the duplicate keys, in source order, each where the user
 * needs it: `line:column-endLine:endColumn text`, 1-based), its anchors and
 * aliases as YAML resolves them, and the document each entry belongs to.
 */
import { parseDocument, type YAMLMap } from "yaml";
import { describe, expect, it } from "vitest";
import { viewWithServices } from "../../server/src/engine/compose/incremental.js";
import { mapEntries, parseCompose, PARSE_OPTIONS, type ComposeModel, type Entry } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

/** The syntax errors of a text: message and where. */
function syntaxErrors(text: string): [string, string | undefined][] {
  const model = parseCompose(text);
  return model.syntaxErrors.map((e) => [e.message, spanText(model, e)]);
}

/** Where the value of an entry is written. */
function valueSpan(model: ComposeModel, entry: Entry | undefined): string | undefined {
  const range = entry?.value?.range;
  return range ? spanText(model, { start: range[0], end: range[1] }) : undefined;
}

describe("syntax errors", () => {
  it("a text over the limit is not parsed: no document, no error, no service, only its lines", () => {
    const text = 'services:\n  web:\n    image: "nginx\n';
    const model = parseCompose(text, { maxChars: 10 });
    expect(model.tooLarge).toEqual({ limit: 10 });
    expect({ documents: model.documents.length, syntaxErrors: model.syntaxErrors, top: model.top, services: model.services }).toEqual({ documents: 0, syntaxErrors: [], top: [], services: [] });
    expect(model.text).toBe(text);
    expect(model.lines.positionAt(text.length)).toEqual({ line: 3, character: 0 });
  });

  it("come in source order, the duplicate keys among the parser's errors", () => {
    expect(syntaxErrors('a: 1\na: 2\nb: [1\nb: 2\nc: "x\n')).toEqual([
      ["Map keys must be unique", "2:1-2:2 a"],
      ["Flow sequence in block collection must be sufficiently indented and end with a ]", "3:4-3:6 [1"],
      ["Map keys must be unique", "4:1-4:2 b"],
      ['Missing closing "quote', "5:4-5:6 \"x"],
    ]);
  });

  it("keep the parser's words whole, even when they quote text that reads like a position", () => {
    expect(syntaxErrors("a: |2 at line 1, column 5\n  b\n")).toEqual([["Not a YAML token: at line 1, column 5", "1:7-1:26 at line 1, column 5"]]);
  });

  it.each(["end with a ]", "Flow sequence", "Flow map", 'Missing closing "quote', "Missing closing 'quote"])("a message quoting the user's text (%s) stays where the parser put it", (words) => {
    // Every opener stands above, in a comment: a search for one would find it.
    const text = `# [ { " '\na: |2 ${words}\n  b\n`;
    const model = parseCompose(text);
    expect(model.syntaxErrors.map((e) => [e.message, text.slice(e.start, e.end)])).toEqual([[`Not a YAML token: ${words}`, words]]);
  });

  it("an unclosed list is found on its own line, though the next line opens another", () => {
    expect(syntaxErrors("a: [1\n[2]\n")).toEqual([
      ["Flow sequence in block collection must be sufficiently indented and end with a ]", "1:4-1:6 [1"],
      ["Implicit map keys need to be followed by map values", "2:1-2:4 [2]"],
    ]);
  });

  it("an unclosed string at the file's first character", () => {
    expect(syntaxErrors('"abc\n')).toEqual([['Missing closing "quote', '1:1-1:5 "abc']]);
  });

  it("a list at the top level is refused, but only when it parsed: a YAML error comes first", () => {
    expect(syntaxErrors("- image: nginx\n")).toEqual([["Top-level object must be a mapping: compose expects keys such as services: at the top of the file", "1:1-1:15 - image: nginx"]]);
    expect(syntaxErrors("- {a: 1, a: 2}\n")).toEqual([["Map keys must be unique", "1:10-1:11 a"]]);
  });
});

describe("duplicate keys", () => {
  it("are the whole key as written: spaces, quotes, a leading colon", () => {
    expect(syntaxErrors('a b: 1\na b: 2\n"my key": 1\n"my key": 2\n:x: 1\n:x: 2\n')).toEqual([
      ["Map keys must be unique", "2:1-2:4 a b"],
      ["Map keys must be unique", '4:1-4:9 "my key"'],
      ["Map keys must be unique", "6:1-6:3 :x"],
    ]);
  });

  it("compare values as the parser does: 1 twice is one, 1 and \"1\" are two, .nan is never the same, in small and large maps", () => {
    expect(syntaxErrors('1: a\n"1": b\n1: c\n')).toEqual([["Map keys must be unique", "3:1-3:2 1"]]);
    expect(syntaxErrors(".nan: a\n.nan: b\n")).toEqual([]);
    const large = Array.from({ length: 9 }, (_, i) => `k${i}: x\n`).join("");
    expect(syntaxErrors(`${large}.nan: a\n.nan: b\n1: a\n1: b\n`)).toEqual([["Map keys must be unique", "13:1-13:2 1"]]);
  });

  it("are found in the maps of a !!pairs list", () => {
    expect(syntaxErrors("x: !!pairs\n  - a: {k: 1, k: 2}\n")).toEqual([["Map keys must be unique", "2:15-2:16 k"]]);
  });
});

describe("anchors and aliases", () => {
  it("an alias names the last anchor of its name before it, not one defined later", () => {
    const before = "x-1:\n  k: &base {image: one}\nservices:\n  web:\n    <<: *base\nx-2:\n  k: &base {image: two}\n";
    const model = parseCompose(before);
    expect(valueSpan(model, model.service("web")?.get("image"))).toBe("2:20-2:23 one");
    const after = "x-1:\n  k: &base {image: one}\nx-2:\n  k: &base {image: two}\nservices:\n  web:\n    <<: *base\n";
    const redefined = parseCompose(after);
    expect(valueSpan(redefined, redefined.service("web")?.get("image"))).toBe("4:20-4:23 two");
  });

  it("anchors inside a !!pairs list are found", () => {
    const model = parseCompose("x-pairs: !!pairs\n  - base: &base {image: nginx}\nservices:\n  web:\n    <<: *base\n");
    expect(valueSpan(model, model.service("web")?.get("image"))).toBe("2:25-2:30 nginx");
  });

  it("a document parsed elsewhere has its anchors indexed when first needed", () => {
    const doc = parseDocument("x: &b {image: nginx}\ny:\n  <<: *b\n", PARSE_OPTIONS);
    const y = (doc.contents as YAMLMap).items[1].value as YAMLMap;
    expect(mapEntries(y, doc).map((e) => [e.key, e.merged, e.keyNode.range?.[0]])).toEqual([["image", true, 7]]);
  });

  it("a view of one service resolves aliases to anchors of the services it leaves out", () => {
    const model = parseCompose("services:\n  web:\n    image: nginx\n    x-resources: &resources\n      limits: {memory: 1g}\n  db:\n    image: postgres\n    deploy:\n      resources: *resources\n");
    const view = viewWithServices(model, [model.service("db")!])!;
    expect(view.services.map((s) => s.name)).toEqual(["db"]);
    // The service's own entries were worked out with the model; the maps below them are read first through the view, as rules read them.
    const db = view.service("db")!;
    const deploy = db.get("deploy")!.value as YAMLMap;
    expect(mapEntries(deploy, db.document).map((e) => [e.key, valueSpan(view, e)])).toEqual([["resources", "5:7-6:1 limits: {memory: 1g}\n"]]);
  });
});

describe("documents", () => {
  it.each([
    ["after a `---`", "---"],
    ["the first key after a `...`", "..."],
  ])("%s belongs to the next document: its aliases resolve there", (_name, separator) => {
    const model = parseCompose(`name: first\n${separator}\nvolumes:\n  data: &data {name: shared}\n  more: *data\n`);
    expect(model.documents).toHaveLength(2);
    expect(model.section("volumes").map((e) => [e.key, valueSpan(model, e)])).toEqual([
      ["data", "4:15-4:29 {name: shared}"],
      ["more", "4:15-4:29 {name: shared}"],
    ]);
  });
});
