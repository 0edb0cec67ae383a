/**
 * compose/scalars.ts: a scalar's value after interpolation and its parts
 * with where each is written (`line:column-endLine:endColumn text`,
 * 1-based): split after interpolation, as compose splits, offsets known only
 * when no escape and no interpolation holding a separator is in the way.
 */
import { describe, expect, it } from "vitest";
import { parseCompose, scalarText } from "../../server/src/engine/compose/model.js";
import { contentSpan, cutOn, scalarValue, splitOn, splitValue } from "../../server/src/engine/compose/scalars.js";
import { spanText } from "../helpers/spans.js";

/** The value of `key` in a one-key document. */
function valueOf(yaml: string) {
  const model = parseCompose(`key: ${yaml}\n`);
  const entry = model.top[0];
  return { model, value: scalarValue(model.text, entry.value)! };
}

describe("scalarValue and splitValue", () => {
  it.each([
    { name: "plain", yaml: "db:alias", value: "db:alias", certain: true, content: "1:6-1:14 db:alias", parts: [["db", true, "1:6-1:8 db"], ["alias", true, "1:9-1:14 alias"]] },
    { name: "quoted", yaml: '"db:alias"', value: "db:alias", certain: true, content: "1:7-1:15 db:alias", parts: [["db", true, "1:7-1:9 db"], ["alias", true, "1:10-1:15 alias"]] },
    { name: "a default", yaml: "${A:-db}:x", value: "db:x", certain: true, content: "1:6-1:16 ${A:-db}:x", parts: [["db", true, "1:6-1:14 ${A:-db}"], ["x", true, "1:15-1:16 x"]] },
    { name: "a variable without a default", yaml: "${A}:x", value: ":x", certain: false, content: "1:6-1:12 ${A}:x", parts: [["", false, "1:6-1:10 ${A}"], ["x", true, "1:11-1:12 x"]] },
    { name: "a default holding the separator: compose's parts, no offsets", yaml: "${A:-a:b}", value: "a:b", certain: true, content: "1:6-1:15 ${A:-a:b}", parts: [["a", true, undefined], ["b", true, undefined]] },
    { name: "`$$`: a literal `$`, the offsets still known", yaml: "a$$b:c", value: "a$b:c", certain: true, content: "1:6-1:12 a$$b:c", parts: [["a$b", true, "1:6-1:10 a$$b"], ["c", true, "1:11-1:12 c"]] },
    { name: "an escape: no offsets", yaml: '"\\x61:b"', value: "a:b", certain: true, content: undefined, parts: [["a", true, undefined], ["b", true, undefined]] },
    { name: "a number, as written", yaml: "0440", value: "0440", certain: true, content: "1:6-1:10 0440", parts: [["0440", true, "1:6-1:10 0440"]] },
  ])("$name: $yaml", ({ yaml, value, certain, content, parts }) => {
    const { model, value: scalar } = valueOf(yaml);
    expect({ value: scalar.value, certain: scalar.certain, content: spanText(model, contentSpan(scalar)) }).toEqual({ value, certain, content });
    expect(splitValue(scalar, splitOn(":")).map((p) => [p.value, p.certain, spanText(model, p.span)])).toEqual(parts);
  });

  it("cuts at the first separator only; without one, the whole value is the one part (Go's strings.Cut)", () => {
    const cut = (yaml: string) => {
      const { model, value } = valueOf(yaml);
      return splitValue(value, cutOn(":")).map((p) => [p.value, spanText(model, p.span)]);
    };
    expect(cut("service:a:b")).toEqual([
      ["service", "1:6-1:13 service"],
      ["a:b", "1:14-1:17 a:b"],
    ]);
    expect(cut("bridge")).toEqual([["bridge", "1:6-1:12 bridge"]]);
  });

  it("is undefined for a collection and an empty value", () => {
    const model = parseCompose("a: [x]\nb:\n");
    expect(model.top.map((e) => scalarValue(model.text, e.value))).toEqual([undefined, undefined]);
  });
});

describe("scalarText of a YAML 1.1 document's tagged values", () => {
  // `!!binary` and `!!timestamp` read as a byte array and a date there: no text a rule could read as a name or a port.
  it.each([
    ["image: !!binary \"SGVsbG8=\"", undefined],
    ["image: !!timestamp \"2001-12-14\"", undefined],
    ["image: \"nginx:1.27\"", "nginx:1.27"],
  ])("%s", (line, expected) => {
    const model = parseCompose(`%YAML 1.1\n---\nservices:\n  web:\n    ${line}\n`);
    const image = model.services[0].get("image");
    expect(scalarText(image?.value)).toBe(expected);
  });
});
