/**
 * compose/model.ts: the effective entries of a mapping (`<<` merges, their
 * order, cycles and the depth limit, worked out once per map), aliases
 * resolved, and the scalar text and spans every fact is read from. Entries
 * are shown as `line:column-endLine:endColumn text` (1-based) of where they
 * are written, "(merged)" when they came through `<<`.
 */
import { describe, expect, it } from "vitest";
import { serviceEnvironment } from "../../server/src/engine/compose/environment.js";
import { entrySpan, mapEntries, parseCompose, scalarText, type ComposeModel, type Entry } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

const written = (model: ComposeModel, entries: readonly Entry[]) => entries.map((e) => `${spanText(model, entrySpan(model.text, e))}${e.merged ? " (merged)" : ""}`);

/** The map that the top-level key `name` holds. */
function topMap(model: ComposeModel, name: string) {
  const value = model.top.find((e) => e.key === name)!.value;
  if (value?.constructor.name !== "YAMLMap") throw new Error(`${name} is not a map`);
  return value as Parameters<typeof mapEntries>[0];
}

describe("`<<` merge keys", () => {
  it("a quoted `\"<<\"` is a key like any other, not a merge (as in compose-go, where only the plain `<<` is the merge key)", () => {
    const model = parseCompose('x-base: &base\n  restart: always\nservices:\n  web:\n    "<<": *base\n    image: app\n');
    expect(written(model, model.service("web")!.entries)).toEqual(['5:5-5:16 "<<": *base', "6:5-6:15 image: app"]);
    expect(model.service("web")!.get("restart")).toBeUndefined();
  });

  it("follows sixteen levels of merges and cuts the seventeenth; a map along the chain, asked for by itself, still merges all the way down", () => {
    const lines = ["x-m0: &m0 {k0: v}"];
    for (let level = 1; level <= 16; level++) lines.push(`x-m${level}: &m${level} {<<: *m${level - 1}, k${level}: v}`);
    lines.push("services:", "  web:", "    <<: *m16", "    image: app");
    const model = parseCompose(lines.join("\n") + "\n");
    // web merges m16 (one level down), ..., m1 (sixteen levels down): m1's merge of m0 is not followed.
    const keys = ["image", ...Array.from({ length: 16 }, (_, i) => `k${16 - i}`)];
    expect(model.service("web")!.entries.map((e) => e.key)).toEqual(keys);
    // Asked for by themselves, the maps along the chain merge all the way down: the cut entries were not kept as theirs.
    expect(written(model, mapEntries(topMap(model, "x-m2"), model.documents[0]))).toEqual(["3:21-3:26 k2: v", "2:21-2:26 k1: v (merged)", "1:12-1:17 k0: v (merged)"]);
  });

  it("in a merge cycle, a map contributes nothing to itself, and what it lacked there is not kept as the entries of the other map", () => {
    const text = [
      "x-c: &c {x: from-c}",
      "x-d: &d {x: from-d}",
      "x-a: &a",
      "  sub: &b",
      "    <<: [*a, *d]",
      "  <<: [*b, *c]",
      "services:",
      "  web:",
      "    <<: *a",
      "    image: app",
      "",
    ].join("\n");
    const model = parseCompose(text);
    // web merges a, which merges b then c; inside a, b merges a (nothing: a is being worked out) then d, whose x comes first.
    expect(written(model, model.service("web")!.entries)).toEqual(["10:5-10:15 image: app", "4:3-5:17 sub: &b\n    <<: [*a, *d] (merged)", "2:10-2:19 x: from-d (merged)"]);
    // b by itself merges a first, and a's x is c's.
    const b = topMap(model, "x-a").items[0].value as Parameters<typeof mapEntries>[0];
    expect(written(model, mapEntries(b, model.documents[0]))).toEqual(["4:3-5:17 sub: &b\n    <<: [*a, *d] (merged)", "1:10-1:19 x: from-c (merged)"]);
  });

  it("works out each map's entries once, also for the second service merging an anchor already worked out", () => {
    const model = parseCompose("x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx\n  api:\n    <<: *base\n    image: app\n");
    for (const service of model.services) {
      expect(written(model, service.entries)).toEqual([expect.stringContaining(" image: "), "2:3-2:18 restart: always (merged)"]);
      // The list the model built is the one every rule asking again gets: nothing is merged again.
      expect(mapEntries(service.map!, service.document)).toBe(service.entries);
    }
  });
});

describe("aliases", () => {
  it("an alias to no anchor is no value: `KEY: *missing` in environment passes the shell's value through, like `KEY:`", () => {
    const model = parseCompose("services:\n  app:\n    environment:\n      KEY: *missing\n      SET: x\n");
    expect(serviceEnvironment(model, model.services[0]).map((v) => [v.name, v.value, spanText(model, v.span), spanText(model, v.valueSpan)])).toEqual([
      ["KEY", undefined, "4:7-4:20 KEY: *missing", "4:10-4:10 "],
      ["SET", "x", "5:7-5:13 SET: x", "5:12-5:13 x"],
    ]);
  });
});

describe("scalar text", () => {
  it("is a plain scalar as written, and a tagged quoted one as its tag reads it (compose-go decodes `!!int \"0x1F\"` to 31)", () => {
    const model = parseCompose('services:\n  app:\n    environment:\n      PLAIN: 0x1F\n      TAGGED: !!int "0x1F"\n      QUOTED: "0x1F"\n      FLOAT: !!float \'1.50\'\n');
    expect(serviceEnvironment(model, model.services[0]).map((v) => [v.name, v.value])).toEqual([
      ["PLAIN", "0x1F"],
      ["TAGGED", "31"],
      ["QUOTED", "0x1F"],
      ["FLOAT", "1.5"],
    ]);
    expect(scalarText(model.services[0].get("environment")!.value)).toBeUndefined();
  });

  it("an empty tagged scalar (`KEY: !!str `) is an empty value, its span empty where the scalar starts (after the space), never ending before it", () => {
    const model = parseCompose("services:\n  app:\n    environment:\n      KEY: !!str \n      NEXT: ! \n");
    expect(serviceEnvironment(model, model.services[0]).map((v) => [v.name, v.value, spanText(model, v.span), spanText(model, v.valueSpan), v.raw])).toEqual([
      ["KEY", "", "4:7-4:18 KEY: !!str ", "4:18-4:18 ", ""],
      ["NEXT", "", "5:7-5:15 NEXT: ! ", "5:15-5:15 ", ""],
    ]);
  });
});
