import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { yamlSyntax } from "../../server/src/engine/rules/yaml-syntax.js";
import { testRule } from "./rule-tester.js";

testRule(yamlSyntax, {
  valid: [
    { name: "a file that parses", code: "services:\n  web:\n    image: nginx\n" },
    { name: "an empty file, a comment, a lone ---", code: "# nothing yet\n---\n" },
  ],
  invalid: [
    {
      name: "a duplicate plain key holding quotes: shown as written",
      code: 'services:\n  web:\n    labels:\n      tier"1": a\n      tier"1": b\n',
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 14, messageId: "duplicateKey", log: null, message: 'Duplicate key "tier"1"": compose refuses the file. Remove or rename the repeat.' }],
    },
    {
      name: "an unclosed string: on its opening quote, not at the end of the file",
      code: 'services:\n  web:\n    image: "nginx\n  db:\n    image: postgres\n',
      errors: [{ line: 3, column: 12, endLine: 3, endColumn: 18, messageId: "unclosedQuote", message: 'Unclosed string: its closing " is missing, so compose cannot read the file and the deploy stops. Add it.' }],
    },
    {
      name: "an unclosed single-quoted string",
      code: "services:\n  web:\n    command: 'echo hi\n",
      errors: [{ line: 3, column: 14, endLine: 3, endColumn: 22, messageId: "unclosedQuote", message: "Unclosed string: its closing ' is missing, so compose cannot read the file and the deploy stops. Add it." }],
    },
    {
      name: "an unclosed list: on its opening bracket, not at the end of the file",
      code: 'services:\n  web:\n    ports: ["80:80"\n    container_name: web\n',
      errors: [{ line: 3, column: 12, endLine: 3, endColumn: 20, messageId: "unclosedFlow", message: "This [ is not closed or not indented enough: compose cannot read the file. Add the ] or indent the lines." }],
    },
    {
      name: "an unclosed flow map",
      code: "services:\n  web: {image: x\n  db: {}\n",
      errors: [{ line: 2, column: 8, endLine: 2, endColumn: 17, messageId: "unclosedFlow", message: "This { is not closed or not indented enough: compose cannot read the file. Add the } or indent the lines." }],
    },
    {
      name: "a duplicate key: the whole second key",
      code: "services:\n  web:\n    image: x\n    image: y\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 10, messageId: "duplicateKey", message: 'Duplicate key "image": compose refuses the file. Remove or rename the repeat.' }],
    },
    {
      name: "a duplicate key after a key with no value, CRLF",
      code: "services:\r\n  web:\r\n    image: x\r\n    build:\r\n    image: y\r\n",
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 10, messageId: "duplicateKey" }],
    },
    {
      name: "a duplicate quoted key: named without its quotes",
      code: 'services:\n  web:\n    "image": x\n    "image": y\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 12, messageId: "duplicateKey", message: 'Duplicate key "image": compose refuses the file. Remove or rename the repeat.' }],
    },
    {
      name: "a tab in the indentation",
      code: "services:\n\tweb:\n    image: x\n",
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 2, messageId: "tabIndent", message: "Tab in the indentation: YAML allows only spaces, so compose cannot read the file. Indent with spaces." }],
    },
    {
      name: "a second colon in a plain value",
      code: "services:\n  web:\n    command: echo a: b\n",
      errors: [{ line: 3, column: 14, endLine: 3, endColumn: 18, messageId: "nestedMapping", message: 'A second ": " in this value: compose cannot read the file and the deploy stops. Put the value in quotes.' }],
    },
    {
      name: "a key without its colon",
      code: "services:\n  web\n    image: x\n",
      errors: [{ line: 2, column: 3, endLine: 3, endColumn: 10, messageId: "missingColon", message: 'A key without its ":", or a line indented wrongly: compose cannot read the file. Add the ":" or fix the indentation.' }],
    },
    {
      name: "a key of a mapping out of line",
      code: "services:\n  web:\n    image: x\n   restart: always\n",
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 2, messageId: "column", message: "This line is not aligned with the other items of its mapping or list: compose cannot read the file. Align it." }],
    },
    {
      name: "a list at the top level: compose's own error, on the whole list",
      code: '[{"services": {"web": {"image": "nginx"}}}]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 44, messageId: "notMapping", log: "Top-level object must be a mapping", message: 'Top-level object must be a mapping: compose refuses a list or a single value. Write keys such as "services:".' }],
      output: null,
    },
    {
      name: "nesting deeper than the parser's stack: on the line where it ran out, whatever the stack's size",
      code: `services:\n  web:\n    command: ${"[".repeat(10_000)}x${"]".repeat(10_000)}\n  db:\n    image: postgres\n`,
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 20015, messageId: "tooDeep", message: "Collections nested too deeply to be read: compose cannot load this file either. Flatten the nesting." }],
    },
    {
      name: "another parser error: its own words, quoted",
      code: 'services:\n  web:\n    image: "a\\q"\n',
      errors: [{ line: 3, column: 14, endLine: 3, endColumn: 17, messageId: "other", message: 'YAML error "Invalid escape sequence \\q": compose cannot read the file, so the deploy stops. Correct the YAML here.' }],
    },
    {
      name: "a long parser error is shortened",
      code: "services:\n  web:\n    image: @nginx\n",
      errors: [{ line: 3, column: 12, endLine: 3, endColumn: 18, messageId: "other", detail: "Plain value cannot start with reserved character @", message: 'YAML error "Plain value cannot start with r…": compose cannot read the file, so the deploy stops. Correct the YAML here.' }],
    },
  ],
});

describe("what a known parser error carries besides its message", () => {
  // The hover quotes the parser's words only for an error without a message of its own, and shows compose's line only for the top-level one.
  it.each([
    ["a duplicate key", "services:\n  web:\n    image: x\n    image: y\n", undefined, undefined],
    ["an unclosed quote", 'services:\n  web:\n    image: "x\n', undefined, undefined],
    ["a list at the top", "- services\n", undefined, "Top-level object must be a mapping"],
  ])("%s", (_, code, detail, log) => {
    const [finding] = lint(parseCompose(code), { isPipeline: true, rules: [yamlSyntax] });
    expect([finding.detail, finding.log]).toEqual([detail, log]);
  });
});
