/**
 * compose/interpolation.ts: where compose-go's template package sees an
 * interpolation in a value (`$VAR`, `${VAR}`, `${VAR<op>arg}`, `$$`), and
 * the value the file's own defaults give when no variable is set, read
 * through the facts that use them (the references of interpolatedValues with
 * their spans, `line:column-endLine:endColumn text`, 1-based, and
 * scalarValue's value).
 */
import { describe, expect, it } from "vitest";
import { interpolatedValues } from "../../server/src/engine/compose/interpolatedValues.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { scalarValue } from "../../server/src/engine/compose/scalars.js";
import { spanText } from "../helpers/spans.js";

/** The value of `key` in a one-key document: its references (name, whole span, argument span) and the value without variables. */
function read(yaml: string) {
  const model = parseCompose(`key: ${yaml}\n`);
  const value = scalarValue(model.text, model.top[0].value)!;
  return {
    references: interpolatedValues(model).flatMap((v) => v.references.map((r) => [r.name, spanText(model, r.span), spanText(model, r.argumentSpan)])),
    value: value.value,
    certain: value.certain,
  };
}

describe("interpolation: the names compose reads", () => {
  it("a name takes every letter, `a` to `z` and `A` to `Z`, digits after the first, and `_`", () => {
    expect(read("$zone-${Zz_9}/$a$_Z")).toEqual({
      references: [
        ["zone", "1:6-1:11 $zone", undefined],
        ["Zz_9", "1:12-1:19 ${Zz_9}", undefined],
        ["a", "1:20-1:22 $a", undefined],
        ["_Z", "1:22-1:25 $_Z", undefined],
      ],
      value: "-/",
      certain: false,
    });
  });
});

describe("interpolation: the value without variables", () => {
  it.each([
    { name: "`-`: the default of an unset variable", yaml: "v${A-x}", value: "vx", certain: true },
    { name: "`-` with a nested variable without default: not certain", yaml: "v${A-${B}}", value: "v", certain: false },
    { name: "`-` with a nested default", yaml: "v${A-${B:-y}}", value: "vy", certain: true },
    { name: "`:+`: the alternative applies only when the variable is set", yaml: "v${A:+x}", value: "v", certain: false },
    { name: "`+`: likewise", yaml: "v${A+x}", value: "v", certain: false },
    { name: "`:?`: a variable compose requires", yaml: "v${A:?set A}", value: "v", certain: false },
    { name: "`$$` in a default is a `$`", yaml: "v${A:-$$}", value: "v$", certain: true },
  ])("$name: $yaml", ({ yaml, value, certain }) => {
    expect(read(yaml)).toMatchObject({ value, certain });
  });
});

describe("interpolation: where a braced interpolation ends", () => {
  it("each interpolation of a line ends at its own `}`, a nested one's included", () => {
    expect(read("${A:-${B}}/${C:-y}")).toEqual({
      references: [
        ["A", "1:6-1:16 ${A:-${B}}", "1:11-1:15 ${B}"],
        ["B", "1:11-1:15 ${B}", undefined],
        ["C", "1:17-1:24 ${C:-y}", "1:22-1:23 y"],
      ],
      value: "/y",
      certain: false,
    });
  });

  it("`$$` closing a default is an escaped `$`, and the `}` after it closes the interpolation", () => {
    expect(read("${A:-$$}x")).toEqual({ references: [["A", "1:6-1:14 ${A:-$$}", "1:11-1:13 $$"]], value: "$x", certain: true });
  });

  it("a `$VAR` in a default opens nothing: the first `}` closes", () => {
    expect(read("${A:-$B}x")).toEqual({
      references: [
        ["A", "1:6-1:14 ${A:-$B}", "1:11-1:13 $B"],
        ["B", "1:11-1:13 $B", undefined],
      ],
      value: "x",
      certain: false,
    });
  });

  // compose-go (template.go, getFirstBraceClosingIndex) counts every `{` after `${`, a literal one or one a `$$` escapes,
  // and skips the character after it; its pattern's `(.*)}` reaches the last `}` of the line when the count does not close.
  it("a literal `{` in a default opens a level: `${A:-{x}y}` defaults to `{x}y`", () => {
    expect(read('"${A:-{x}y}/${B}"')).toEqual({
      references: [
        ["A", "1:7-1:17 ${A:-{x}y}", "1:12-1:16 {x}y"],
        ["B", "1:18-1:22 ${B}", undefined],
      ],
      value: "{x}y/",
      certain: false,
    });
  });

  it("so does the `{` of an escaped `$${`: `${A:-$${x}y}` defaults to `${x}y`", () => {
    expect(read('"${A:-$${x}y}"')).toEqual({ references: [["A", "1:7-1:19 ${A:-$${x}y}", "1:12-1:18 $${x}y"]], value: "${x}y", certain: true });
  });

  it("the character after a `{` is skipped, a `}` included: `${A:-{}}x}` ends at its last `}`", () => {
    expect(read('"${A:-{}}x}"')).toEqual({ references: [["A", "1:7-1:17 ${A:-{}}x}", "1:12-1:16 {}}x"]], value: "{}}x", certain: true });
  });

  it("braces that do not balance: the interpolation ends at the line's last `}`", () => {
    expect(read('"${A:-{x{y} z} w"')).toEqual({ references: [["A", "1:7-1:20 ${A:-{x{y} z}", "1:12-1:19 {x{y} z"]], value: "{x{y} z w", certain: true });
  });

  it("an interpolation does not go past the end of its line", () => {
    expect(read("|\n  ${A:-{x}\n  }")).toEqual({ references: [["A", "2:3-2:11 ${A:-{x}", "2:8-2:10 {x"]], value: "{x\n}\n", certain: true });
    // compose-go stops the deploy (an invalid template): no default is read.
    expect(read("|\n  ${A:-x\n  y}")).toEqual({ references: [], value: "${A:-x\ny}\n", certain: true });
  });

  it("a `${` without its `}` is no interpolation", () => {
    expect(read('"${A:-x"')).toEqual({ references: [], value: "${A:-x", certain: true });
  });
});
