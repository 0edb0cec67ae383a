/**
 * compose/interpolatedValues.ts: the value scalars holding `$`, with their
 * references and their kinds, nested ones included, and the `$$` escapes:
 * what undefined-variable, the variable hover and the explainer all read.
 */
import { describe, expect, it } from "vitest";
import { interpolatedValues, valueReferences } from "../../server/src/engine/compose/interpolatedValues.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

describe("interpolatedValues", () => {
  it("lists each value's references with their kind and spans, and its escapes", () => {
    const model = parseCompose('services:\n  app:\n    image: "app:${TAG:-latest}"\n    command: echo $$HOME ${A:-${B}} $C ${D:?set D} ${E:+x}\n    environment:\n      PLAIN: no dollar here\n');
    expect(
      interpolatedValues(model).map((value) => ({
        scalar: spanText(model, value.span),
        references: value.references.map((r) => [r.name, r.kind, r.operator, r.nested, spanText(model, r.span), spanText(model, r.nameSpan), spanText(model, r.argumentSpan)]),
        escapes: value.escapes.map((e) => [e.name, spanText(model, e.span)]),
      })),
    ).toEqual([
      { scalar: '3:12-3:32 "app:${TAG:-latest}"', references: [["TAG", "default", ":-", false, "3:17-3:31 ${TAG:-latest}", "3:19-3:22 TAG", "3:24-3:30 latest"]], escapes: [] },
      {
        scalar: "4:14-4:59 echo $$HOME ${A:-${B}} $C ${D:?set D} ${E:+x}",
        references: [
          ["A", "default", ":-", false, "4:26-4:36 ${A:-${B}}", "4:28-4:29 A", "4:31-4:35 ${B}"],
          ["B", "bare", undefined, true, "4:31-4:35 ${B}", "4:33-4:34 B", undefined],
          ["C", "bare", undefined, false, "4:37-4:39 $C", "4:38-4:39 C", undefined],
          ["D", "required", ":?", false, "4:40-4:51 ${D:?set D}", "4:42-4:43 D", "4:45-4:50 set D"],
          ["E", "alternative", ":+", false, "4:52-4:59 ${E:+x}", "4:54-4:55 E", "4:57-4:58 x"],
        ],
        escapes: [["HOME", "4:19-4:25 $$HOME"]],
      },
    ]);
    expect(interpolatedValues(model)).toBe(interpolatedValues(model));
  });

  it("reads values, not keys: a scalar key is not interpolated by compose, a collection written as a key is walked", () => {
    const model = parseCompose('x:\n  ${NOT_A_VALUE}: x\n  ? ["${IN_KEY}"]\n  : y\n');
    expect(valueReferences(model).map((r) => [r.name, spanText(model, r.span)])).toEqual([["IN_KEY", "3:7-3:16 ${IN_KEY}"]]);
  });

  it("a file without `$` has none", () => {
    expect(interpolatedValues(parseCompose("services:\n  app:\n    image: nginx\n"))).toEqual([]);
  });
});
