/**
 * Fix-all edit by edit (fixes.ts): which fixes of one pass go together
 * (compatibleFixEdits), the fixed text and edits fix-all returns over one or
 * several passes, how many findings it reports fixed, and the fixes it leaves
 * out. The findings come from small stand-in rules over compose text, so that
 * each case places its edits exactly (touching, nested, shared, at one point).
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { compatibleFixEdits, disableForLineEdit, fixAll } from "../../server/src/engine/fixes.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { applyEdits, type OffsetEdit } from "../../server/src/engine/text.js";

const TEXT = ["services:", "  web:", "    image: nginx", "    ports:", "      - 80:80", ""].join("\n");

/** The offset of `needle` in TEXT, plus `shift`. */
const at = (needle: string, shift = 0) => {
  const index = TEXT.indexOf(needle);
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return index + shift;
};

function finding(ruleId: string, edits: OffsetEdit[]): Finding {
  return {
    ruleId,
    messageId: "m",
    severity: "warning",
    message: { en: ruleId, fr: ruleId },
    start: edits[0]?.start ?? 0,
    end: edits[0]?.end ?? 0,
    fix: { title: { en: ruleId, fr: ruleId }, edits },
  };
}

const insert = (offset: number, newText: string): OffsetEdit => ({ start: offset, end: offset, newText });
const replace = (start: number, end: number, newText: string): OffsetEdit => ({ start, end, newText });

describe("compatibleFixEdits: the fixes applied together in one pass", () => {
  const image = at("nginx");
  const imageEnd = at("nginx", 5);
  const portsLine = at("    ports:");
  it.each<[string, Finding[], string]>([
    [
      // Two lines added at one point: their order would be a guess, the second waits for the next pass.
      "two insertions at the same point",
      [finding("a", [insert(portsLine, "    restart: always\n")]), finding("b", [insert(portsLine, "    init: true\n")])],
      TEXT.replace("    ports:", "    restart: always\n    ports:"),
    ],
    [
      "two insertions at different points",
      [finding("a", [insert(portsLine, "    restart: always\n")]), finding("b", [insert(at("      - 80:80"), "      - 443:443\n")])],
      TEXT.replace("    ports:", "    restart: always\n    ports:").replace("      - 80:80", "      - 443:443\n      - 80:80"),
    ],
    [
      "an insertion inside a replaced value waits",
      [finding("a", [replace(image, imageEnd, "nginx:1.27")]), finding("b", [insert(image + 2, "X")])],
      TEXT.replace("nginx", "nginx:1.27"),
    ],
    [
      "a replacement around an insertion already taken waits",
      [finding("a", [insert(image + 2, "X")]), finding("b", [replace(image, imageEnd, "nginx:1.27")])],
      TEXT.replace("nginx", "ngXinx"),
    ],
    [
      // Text written just before (or just after) a replaced value does not touch what it replaces.
      "insertions at the start and at the end of a replaced value",
      [finding("a", [insert(image, "docker.io/library/")]), finding("b", [replace(image, imageEnd, "nginx:1.27")]), finding("c", [insert(imageEnd, "@sha256:abc")])],
      TEXT.replace("nginx", "docker.io/library/nginx:1.27@sha256:abc"),
    ],
    [
      "touching replacements, the first one first",
      [finding("a", [replace(at("image"), at("image", 5), "IMAGE")]), finding("b", [replace(at("image", 5), image, ":  ")])],
      TEXT.replace("image: ", "IMAGE:  "),
    ],
    [
      "touching replacements, the second one first",
      [finding("b", [replace(at("image", 5), image, ":  ")]), finding("a", [replace(at("image"), at("image", 5), "IMAGE")])],
      TEXT.replace("image: ", "IMAGE:  "),
    ],
    [
      // Two findings on one `ports:` both remove it: the removal is taken once, and the second finding's other edit too.
      "an edit two findings share",
      [
        finding("a", [replace(portsLine, TEXT.length, "")]),
        finding("b", [replace(portsLine, TEXT.length, ""), replace(image, imageEnd, "nginx:1.27")]),
      ],
      ["services:", "  web:", "    image: nginx:1.27", ""].join("\n"),
    ],
    [
      "a removal from the same start that goes further is no shared edit: the whole fix waits",
      [finding("a", [replace(at("      - 80:80"), TEXT.length, "")]), finding("b", [replace(at("      - 80:80"), TEXT.length - 1, ""), replace(image, imageEnd, "nginx:1.27")])],
      ["services:", "  web:", "    image: nginx", "    ports:", ""].join("\n"),
    ],
    [
      "a removal to the same end from another start is no shared edit",
      [finding("a", [replace(portsLine, TEXT.length, "")]), finding("b", [replace(at("      - 80:80"), TEXT.length, ""), replace(image, imageEnd, "nginx:1.27")])],
      ["services:", "  web:", "    image: nginx", ""].join("\n"),
    ],
    [
      "the same range written differently is no shared edit",
      [finding("a", [replace(image, imageEnd, "nginx:1.27")]), finding("b", [replace(image, imageEnd, "nginx:latest"), insert(portsLine, "    init: true\n")])],
      TEXT.replace("nginx", "nginx:1.27"),
    ],
    [
      // One edit of the fix clashes: applying the others alone would leave half a fix.
      "a fix with one clashing edit waits whole",
      [finding("a", [replace(image, imageEnd, "nginx:1.27")]), finding("b", [insert(portsLine, "    init: true\n"), replace(image, imageEnd, "nginx:latest")])],
      TEXT.replace("nginx", "nginx:1.27"),
    ],
  ])("%s", (_, findings, fixed) => {
    expect(applyEdits(TEXT, compatibleFixEdits(findings))).toBe(fixed);
  });
});

/** A stand-in rule: when `when` holds for the text, a finding whose fix is `edits` of it. */
interface StandIn {
  id: string;
  when: (text: string) => boolean;
  edits: (text: string) => OffsetEdit[];
}

/** A rule that replaces the first `from` by `to`, until the text holds `to`. */
const rewrite = (id: string, from: string, to: string): StandIn => ({
  id,
  when: (text) => text.includes(from) && !text.includes(to),
  edits: (text) => [replace(text.indexOf(from), text.indexOf(from) + from.length, to)],
});

const linter = (rules: StandIn[]) => (text: string) => rules.filter((r) => r.when(text)).map((r) => finding(r.id, r.edits(text)));

describe("fixAll", () => {
  it("one pass: the text, the pass's edits as they are, and the findings fixed", () => {
    const result = fixAll(TEXT, linter([rewrite("image-tag", "nginx", "nginx:1.27"), rewrite("quote-ports", "- 80:80", '- "80:80"')]));
    expect(result).toEqual({
      text: TEXT.replace("nginx", "nginx:1.27").replace("- 80:80", '- "80:80"'),
      edits: [replace(at("nginx"), at("nginx", 5), "nginx:1.27"), replace(at("- 80:80"), at("- 80:80", 7), '- "80:80"')],
      fixedCount: 2,
    });
  });

  it.each<[string, StandIn[], string, OffsetEdit]>([
    [
      // The second fix appears once the first is applied: one edit over the part between what both texts share.
      "a change in the middle of the file",
      [rewrite("image-tag", "nginx\n", "nginx:1\n"), rewrite("image-minor", "nginx:1\n", "nginx:1.27\n")],
      TEXT.replace("nginx", "nginx:1.27"),
      insert(at("nginx", 5), ":1.27"),
    ],
    [
      // A line added at the end, after a text that ends with a line break as the new line does: the shared end may not overlap the shared start.
      "lines added at the end of the file",
      [rewrite("port-https", "- 80:80\n", "- 80:80\n      - 443:443\n"), rewrite("port-alt", "- 443:443\n", "- 443:443\n      - 8080:80\n")],
      `${TEXT}      - 443:443\n      - 8080:80\n`,
      insert(TEXT.length, "      - 443:443\n      - 8080:80\n"),
    ],
    [
      // Nothing in common between the old value and the new one but what is around them.
      "a value replaced",
      [rewrite("image-name", "image: nginx\n", "image: caddy\n"), rewrite("image-tag", "image: caddy\n", "image: caddy:2\n")],
      TEXT.replace("nginx", "caddy:2"),
      replace(at("nginx"), at("nginx", 5), "caddy:2"),
    ],
    [
      "a value shortened",
      [rewrite("image-name", "image: nginx\n", "image: ngin\n"), rewrite("image-name-2", "image: ngin\n", "image: ng\n")],
      TEXT.replace("nginx", "ng"),
      replace(at("nginx", 2), at("nginx", 5), ""),
    ],
  ])("several passes, %s: one edit from the original text", (_, rules, fixed, edit) => {
    const result = fixAll(TEXT, linter(rules));
    expect(result).toEqual({ text: fixed, edits: [edit], fixedCount: 2 });
    expect(applyEdits(TEXT, result.edits)).toBe(fixed);
  });

  it("nothing to fix: the text as it is, no edit, nothing fixed", () => {
    expect(fixAll(TEXT, linter([rewrite("image-tag", "alpine", "alpine:3")]))).toEqual({ text: TEXT, edits: [], fixedCount: 0 });
  });

  // A rule whose fix writes the text it replaces (a rule's bug) fixes nothing and must not keep fix-all going.
  const noOp: StandIn = { id: "no-op", when: () => true, edits: (text) => [replace(text.indexOf("ports"), text.indexOf("ports") + 5, "ports")] };

  it("a fix that changes nothing: nothing fixed, no edit", () => {
    expect(fixAll(TEXT, linter([noOp]))).toEqual({ text: TEXT, edits: [], fixedCount: 0 });
  });

  it("a fix that changes nothing after a real one: one pass's edits, and the stop after it", () => {
    const realFix = rewrite("image-tag", "nginx\n", "nginx:1.27\n");
    const result = fixAll(TEXT, linter([realFix, noOp]));
    expect(result.text).toBe(TEXT.replace("nginx", "nginx:1.27"));
    expect(result.edits).toEqual([replace(at("nginx"), at("nginx", 6), "nginx:1.27\n"), replace(at("ports"), at("ports", 5), "ports")]);
    // Each pass counts the findings it fixed: two in the first pass, the no-op one in the second.
    expect(result.fixedCount).toBe(3);
  });

  it("a fix without edits is not counted", () => {
    const empty: StandIn = { id: "empty", when: (text) => text.includes("nginx:1.27"), edits: () => [] };
    const result = fixAll(TEXT, linter([rewrite("image-tag", "nginx\n", "nginx:1.27\n"), empty]));
    expect(result).toEqual({ text: TEXT.replace("nginx", "nginx:1.27"), edits: [replace(at("nginx"), at("nginx", 6), "nginx:1.27\n")], fixedCount: 1 });
  });

  it("fixes that clash: the smallest fix that changes the text and keeps it readable, alone", () => {
    const text = ["services:", "  web:", "    image: nginx", "    (restart: always", ""].join("\n");
    const typo = text.indexOf("(restart");
    const rules: StandIn[] = [
      // Smallest of all: changes nothing.
      { id: "nothing", when: () => true, edits: (t) => [insert(t.indexOf("image"), "")] },
      // As small as the rename and listed first: alone it leaves a quote open.
      { id: "open-quote", when: (t) => t.includes("image: nginx"), edits: (t) => [insert(t.indexOf("nginx"), '"')] },
      // The misspelt key renamed back: one character removed.
      { id: "unknown-key", when: (t) => t.includes("(restart"), edits: (t) => [replace(t.indexOf("(restart"), t.indexOf("(restart") + 1, "")] },
      // The misspelt key's line removed: a larger fix, on the same text as the rename (so it waits in a pass with it).
      { id: "unknown-key-line", when: (t) => t.includes("(restart"), edits: (t) => [replace(t.indexOf("    (restart"), t.indexOf("always\n") + 7, "")] },
      // Together with the rename, `restart` twice; it writes near the start of the file, and more than the rename.
      { id: "restart-policy", when: (t) => !t.includes("\n    restart:"), edits: (t) => [insert(t.indexOf("    image"), "    restart: unless-stopped\n")] },
    ];
    const lintText = linter(rules);
    expect(parseCompose(applyEdits(text, compatibleFixEdits(lintText(text)))).syntaxErrors.length).toBeGreaterThan(0);
    expect(fixAll(text, lintText)).toEqual({ text: text.replace("(restart", "restart"), edits: [replace(typo, typo + 1, "")], fixedCount: 1 });
  });

  it("gives up after ten passes when every pass offers a fix", () => {
    const endless: StandIn = { id: "endless", when: () => true, edits: (text) => [insert(text.length, "#")] };
    const result = fixAll(TEXT, linter([endless]));
    expect(result).toEqual({ text: `${TEXT}##########`, edits: [insert(TEXT.length, "##########")], fixedCount: 10 });
  });
});

describe("disableForLineEdit next to a disable comment", () => {
  const disable = (text: string, ruleId: string) => {
    const model = parseCompose(text);
    const found = lint(model, { isPipeline: true }).find((f) => f.ruleId === ruleId)!;
    return applyEdits(text, [disableForLineEdit(model, found)]);
  };
  const lines = (comment: string) => ["services:", "  web:", "    image: nginx", comment, "    container_name: web", ""].join("\n");

  it.each([
    ["without a space after #", "    #elestio-disable-next-line public-port-binding"],
    ["a comma right after it", "    # elestio-disable-next-line,public-port-binding"],
    // lint reads `:public-port-binding` as an id: the comment names a rule, the new one follows a comma.
    ["a colon right after it", "    # elestio-disable-next-line:public-port-binding"],
  ])("written %s: adds the rule to it", (_, comment) => {
    expect(disable(lines(comment), "no-container-name")).toBe(lines(`${comment}, no-container-name`));
  });

  it("written twice on one line: lint reads the first, so the rule goes on a line of its own, and the finding goes", () => {
    // Before, the rule was added to the second comment, which lint does not read: the finding stayed.
    const text = lines("    # elestio-disable-next-line public-port-binding # elestio-disable-next-line");
    const fixed = disable(text, "no-container-name");
    expect(fixed).toBe(text.replace("    container_name", "    # elestio-disable-next-line no-container-name\n    container_name"));
    expect(lint(parseCompose(fixed), { isPipeline: true }).map((f) => f.ruleId)).not.toContain("no-container-name");
  });
});
