/**
 * `# elestio-disable-next-line` comments, as the README documents them: a
 * list of rule ids (commas and/or spaces) or none for every rule, for the next
 * line only; and "Disable X for this line" (disableForLineEdit), which adds a
 * comment or appends the rule to the one already there.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { disableForLineEdit } from "../../server/src/engine/fixes.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { applyEdits } from "../../server/src/engine/text.js";

/** One line, three rules: public-port-binding, literal-secret and no-container-name. */
const LINE = '  web: {image: app, container_name: web, ports: ["8000:8000"], environment: {DB_PASSWORD: admin}}';
const withComment = (comment: string, eol = "\n") => ["services:", ...(comment ? [comment] : []), LINE, ""].join(eol);
const rulesOn = (text: string, line: number) => {
  const model = parseCompose(text);
  return lint(model, { isPipeline: true })
    .filter((f) => model.lines.positionAt(f.start).line === line)
    .map((f) => f.ruleId)
    .sort();
};

describe("disable comments", () => {
  it("without one, the line has three findings", () => {
    expect(rulesOn(withComment(""), 1)).toEqual(["literal-secret", "no-container-name", "public-port-binding"]);
  });

  it.each([
    ["the README's comma-separated list", "  # elestio-disable-next-line public-port-binding, literal-secret"],
    ["commas without spaces", "  # elestio-disable-next-line public-port-binding,literal-secret"],
    ["spaces only", "  # elestio-disable-next-line public-port-binding literal-secret"],
    ["extra spaces, a space before the comma, trailing spaces", "  #elestio-disable-next-line  public-port-binding ,literal-secret   "],
  ])("%s disables exactly the listed rules on the next line", (_, comment) => {
    expect(rulesOn(withComment(comment), 2)).toEqual(["no-container-name"]);
  });

  it("with no id, every rule on the next line", () => {
    expect(rulesOn(withComment("  # elestio-disable-next-line"), 2)).toEqual([]);
  });

  it("only the next line: a blank line between means the comment disables nothing", () => {
    const text = ["services:", "  # elestio-disable-next-line public-port-binding, literal-secret", "", LINE, ""].join("\n");
    expect(rulesOn(text, 3)).toEqual(["literal-secret", "no-container-name", "public-port-binding"]);
  });

  it("an unknown id disables nothing else", () => {
    expect(rulesOn(withComment("  # elestio-disable-next-line public-port-bindings"), 2)).toEqual(["literal-secret", "no-container-name", "public-port-binding"]);
  });
});

describe("disable for this line (disableForLineEdit)", () => {
  const disable = (text: string, ruleId: string) => {
    const model = parseCompose(text);
    const finding = lint(model, { isPipeline: true }).find((f: Finding) => f.ruleId === ruleId)!;
    return applyEdits(text, [disableForLineEdit(model, finding)]);
  };

  it("writes a comment above the line, at its indentation", () => {
    expect(disable(withComment(""), "literal-secret")).toBe(withComment("  # elestio-disable-next-line literal-secret"));
  });

  it("appends the rule to the comment already above, comma-separated", () => {
    const once = disable(withComment("  # elestio-disable-next-line public-port-binding"), "literal-secret");
    expect(once).toBe(withComment("  # elestio-disable-next-line public-port-binding, literal-secret"));
    expect(rulesOn(once, 2)).toEqual(["no-container-name"]);
  });

  it("appends after the last id, not after trailing spaces, and keeps CRLF", () => {
    const text = withComment("  # elestio-disable-next-line public-port-binding   ", "\r\n");
    expect(disable(text, "no-container-name")).toBe(withComment("  # elestio-disable-next-line public-port-binding, no-container-name   ", "\r\n"));
  });

  it("used on every finding of a line in turn: one comment that lists them all, and the line is silent", () => {
    let text = withComment("");
    for (let i = 0; i < 3; i++) {
      const model = parseCompose(text);
      const finding = lint(model, { isPipeline: true }).find((f) => model.lines.positionAt(f.start).line === model.lines.lineCount - 2);
      if (!finding) break;
      text = applyEdits(text, [disableForLineEdit(model, finding)]);
    }
    expect(text).toBe(withComment("  # elestio-disable-next-line no-container-name, public-port-binding, literal-secret"));
    expect(rulesOn(text, 2)).toEqual([]);
  });
});
