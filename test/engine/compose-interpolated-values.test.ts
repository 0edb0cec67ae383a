/**
 * compose/interpolatedValues.ts: the value scalars holding `$`, with their
 * references and their kinds, nested ones included, and the `$$` escapes:
 * what undefined-variable, the variable hover and the explainer all read.
 */
import { describe, expect, it } from "vitest";
import { interpolatedValues, interpolationAt, valueReferences } from "../../server/src/engine/compose/interpolatedValues.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hoveredNode } from "../../server/src/engine/compose/position.js";
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

  it("leaves out a value whose `$` neither references a variable nor escapes one (compose keeps it as written)", () => {
    const model = parseCompose('services:\n  app:\n    image: app\n    command: pay 5$ or $1 or ${1}\n    entrypoint: run\n    environment:\n      PRICE: "$"\n      TAG: $TAG\n');
    expect(interpolatedValues(model).map((value) => spanText(model, value.span))).toEqual(["8:12-8:16 $TAG"]);
  });

  it("reads a file whose first character is a `$`", () => {
    const model = parseCompose("$schema: x\nservices:\n  app:\n    image: nginx:${TAG}\n");
    expect(valueReferences(model).map((r) => spanText(model, r.span))).toEqual(["4:18-4:24 ${TAG}"]);
  });
});

describe("interpolationAt", () => {
  const code = "services:\n  app:\n    command: echo $$HOME ${A:-x${B}} $C\n    ${KEY}: x\n";
  const model = parseCompose(code);
  /** What the hover finds at the `at`-th character of `marker` (the first one written). */
  function at(marker: string, at = 0) {
    const offset = code.indexOf(marker) + at;
    const node = hoveredNode(model, offset)!;
    const found = interpolationAt(model, node.span, offset);
    if (!found) return undefined;
    return "reference" in found ? `reference ${spanText(model, found.reference.span)}` : `escape ${spanText(model, found.escape.span)}`;
  }

  it("gives the innermost reference under the offset, from its `$` to its end", () => {
    expect(at("${A")).toBe("reference 3:26-3:37 ${A:-x${B}}");
    expect(at(":-x")).toBe("reference 3:26-3:37 ${A:-x${B}}");
    expect(at("${B}")).toBe("reference 3:32-3:36 ${B}");
    expect(at("${B}", 3)).toBe("reference 3:32-3:36 ${B}");
    expect(at("}} $C", 1)).toBe("reference 3:26-3:37 ${A:-x${B}}");
    expect(at("$C")).toBe("reference 3:38-3:40 $C");
    expect(at("$C", 1)).toBe("reference 3:38-3:40 $C");
  });

  it("gives a `$$` escape, and nothing between them or on a key", () => {
    expect(at("$$HOME")).toBe("escape 3:19-3:25 $$HOME");
    expect(at("$$HOME", 5)).toBe("escape 3:19-3:25 $$HOME");
    expect(at("echo")).toBeUndefined();
    expect(at("} $C", 1)).toBeUndefined();
    expect(at("${KEY}")).toBeUndefined();
  });
});
