/**
 * compose/environment.ts: a service's `environment` as the one facts layer
 * reads it for rules, hovers and the explainer, with exact values and spans
 * (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { containerVariables, serviceEnvironment } from "../../server/src/engine/compose/environment.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

/** The variables of the first service, each as one row of facts. */
function variables(text: string, service = 0) {
  const model = parseCompose(text);
  return serviceEnvironment(model, model.services[service]).map((v) => ({
    name: v.name,
    value: v.value,
    form: v.form,
    name_: spanText(model, v.nameSpan),
    entry: spanText(model, v.span),
    value_: spanText(model, v.valueSpan),
    raw: v.raw,
    editable: v.editable,
    flow: v.flow,
    merged: v.merged,
  }));
}

const row = (name: string, value: string | undefined, form: "list" | "map", spans: [string, string, string], raw: string, more: { editable?: boolean; flow?: boolean; merged?: boolean } = {}) => ({
  name,
  value,
  form,
  name_: spans[0],
  entry: spans[1],
  value_: spans[2],
  raw,
  editable: more.editable ?? true,
  flow: more.flow ?? false,
  merged: more.merged ?? false,
});

describe("serviceEnvironment", () => {
  it.each([
    {
      name: "list form: KEY=value, quoted, `- KEY` (pass-through), `KEY=` (empty), a default; names compose-go would not split cleanly are left out",
      code: 'services:\n  app:\n    environment:\n      - PLAIN=value\n      - "QUOTED=a b"\n      - PASS\n      - EMPTY=\n      - \'SINGLE=${X:-d}\'\n      - "1BAD=x"\n      - " SPACED=x"\n',
      expected: [
        row("PLAIN", "value", "list", ["4:9-4:14 PLAIN", "4:9-4:20 PLAIN=value", "4:15-4:20 value"], "value"),
        row("QUOTED", "a b", "list", ["5:10-5:16 QUOTED", '5:9-5:21 "QUOTED=a b"', "5:17-5:20 a b"], "a b"),
        row("PASS", undefined, "list", ["6:9-6:13 PASS", "6:9-6:13 PASS", "6:13-6:13 "], "", { editable: false }),
        row("EMPTY", "", "list", ["7:9-7:14 EMPTY", "7:9-7:15 EMPTY=", "7:15-7:15 "], ""),
        row("SINGLE", "${X:-d}", "list", ["8:10-8:16 SINGLE", "8:9-8:25 'SINGLE=${X:-d}'", "8:17-8:24 ${X:-d}"], "${X:-d}"),
      ],
    },
    {
      name: "map form: KEY: value, a quoted key and value, `KEY:` (pass-through), a number, a block scalar (reported, not edited; its span ends with its last line)",
      code: 'services:\n  app:\n    environment:\n      KEY: value\n      "QUOTED_KEY": "quoted value"\n      PASS:\n      NUM: 5\n      BLOCK: |\n        line\n',
      expected: [
        row("KEY", "value", "map", ["4:7-4:10 KEY", "4:7-4:17 KEY: value", "4:12-4:17 value"], "value"),
        row("QUOTED_KEY", "quoted value", "map", ["5:8-5:18 QUOTED_KEY", '5:7-5:35 "QUOTED_KEY": "quoted value"', "5:22-5:34 quoted value"], "quoted value"),
        row("PASS", undefined, "map", ["6:7-6:11 PASS", "6:7-6:12 PASS:", "6:11-6:11 "], "", { editable: false }),
        row("NUM", "5", "map", ["7:7-7:10 NUM", "7:7-7:13 NUM: 5", "7:12-7:13 5"], "5"),
        row("BLOCK", "line\n", "map", ["8:7-8:12 BLOCK", "8:7-9:13 BLOCK: |\n        line", "8:14-9:13 |\n        line"], "|\n        line", { editable: false }),
      ],
    },
    {
      name: "flow map",
      code: 'services:\n  a: {environment: {A: 1, B: "x"}}\n',
      expected: [
        row("A", "1", "map", ["2:21-2:22 A", "2:21-2:25 A: 1", "2:24-2:25 1"], "1", { flow: true }),
        row("B", "x", "map", ["2:27-2:28 B", '2:27-2:33 B: "x"', "2:31-2:32 x"], "x", { flow: true }),
      ],
    },
    {
      name: "flow list",
      code: "services:\n  b:\n    environment: [A=1, B]\n",
      expected: [
        row("A", "1", "list", ["3:19-3:20 A", "3:19-3:22 A=1", "3:21-3:22 1"], "1", { flow: true }),
        row("B", undefined, "list", ["3:24-3:25 B", "3:24-3:25 B", "3:25-3:25 "], "", { editable: false, flow: true }),
      ],
    },
    {
      name: "merged with `<<`: the map's own keys first and winning, merged ones where the anchor writes them",
      code: "x-env: &env\n  SHARED: one\n  OVERRIDDEN: base\nservices:\n  app:\n    environment:\n      <<: *env\n      OVERRIDDEN: mine\n",
      expected: [
        row("OVERRIDDEN", "mine", "map", ["8:7-8:17 OVERRIDDEN", "8:7-8:23 OVERRIDDEN: mine", "8:19-8:23 mine"], "mine"),
        row("SHARED", "one", "map", ["2:3-2:9 SHARED", "2:3-2:14 SHARED: one", "2:11-2:14 one"], "one", { merged: true }),
      ],
    },
    {
      name: "the whole environment through an alias, and a service merging it",
      code: "x-env: &env\n  - TOKEN=abc\nservices:\n  app:\n    environment: *env\n",
      expected: [row("TOKEN", "abc", "list", ["2:5-2:10 TOKEN", "2:5-2:14 TOKEN=abc", "2:11-2:14 abc"], "abc")],
    },
    {
      name: "map form: keys no shell could export are left out; `? KEY`, a key without a value, passes the value through",
      code: 'services:\n  app:\n    environment:\n      "BAD KEY": x\n      "1BAD": x\n      ? QUESTION\n      GOOD: y\n',
      expected: [
        row("QUESTION", undefined, "map", ["6:9-6:17 QUESTION", "6:9-6:17 QUESTION", "6:17-6:17 "], "", { editable: false }),
        row("GOOD", "y", "map", ["7:7-7:11 GOOD", "7:7-7:14 GOOD: y", "7:13-7:14 y"], "y"),
      ],
    },
    {
      name: "flow map: `KEY` without `:` passes the value through",
      code: "services:\n  app:\n    environment: {FLOW, B: x}\n",
      expected: [
        row("FLOW", undefined, "map", ["3:19-3:23 FLOW", "3:19-3:23 FLOW", "3:23-3:23 "], "", { editable: false, flow: true }),
        row("B", "x", "map", ["3:25-3:26 B", "3:25-3:29 B: x", "3:28-3:29 x"], "x", { flow: true }),
      ],
    },
    {
      name: "empty block scalars and a quoted value over two lines: reported, not edited",
      code: 'services:\n  app:\n    environment:\n      LITERAL: |\n      FOLDED: >\n      QUOTED: "one\n        two"\n',
      expected: [
        row("LITERAL", "", "map", ["4:7-4:14 LITERAL", "4:7-4:17 LITERAL: |", "4:16-4:17 |"], "|", { editable: false }),
        row("FOLDED", "", "map", ["5:7-5:13 FOLDED", "5:7-5:16 FOLDED: >", "5:15-5:16 >"], ">", { editable: false }),
        row("QUOTED", "one two", "map", ["6:7-6:13 QUOTED", '6:7-7:13 QUOTED: "one\n        two"', "6:16-7:12 one\n        two"], "one\n        two", { editable: false }),
      ],
    },
    {
      name: "list form: an escaped `=` splits the name from the value all the same, but the value's place is unknown: not edited",
      code: 'services:\n  app:\n    environment:\n      - "TOKEN\\x3Dabc"\n',
      expected: [row("TOKEN", "abc", "list", ["4:10-4:22 TOKEN\\x3Dabc", '4:9-4:23 "TOKEN\\x3Dabc"', "4:22-4:22 "], "", { editable: false })],
    },
  ])("$name", ({ code, expected }) => {
    expect(variables(code)).toEqual(expected);
  });

  it("is read once per parse, and the container variables from it", () => {
    const model = parseCompose("services:\n  app:\n    environment:\n      TOKEN: ${TOKEN}\n      HOME_DIR: /srv\n      PASS:\n");
    const app = model.services[0];
    expect(serviceEnvironment(model, app)).toBe(serviceEnvironment(model, app));
    // `TOKEN: ${TOKEN}` and `PASS:` pass the deploy-time value through: not values of the container's own.
    expect([...containerVariables(model, app)]).toEqual(["HOME_DIR"]);
    expect(containerVariables(model, app)).toBe(containerVariables(model, app));
  });
});
