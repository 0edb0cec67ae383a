import { yamlSyntax } from "../../server/src/engine/rules/yaml-syntax.js";
import { testRule } from "./rule-tester.js";

testRule(yamlSyntax, {
  valid: [
    { name: "a file that parses", code: "services:\n  web:\n    image: nginx\n" },
    { name: "an empty file, a comment, a lone ---", code: "# nothing yet\n---\n" },
  ],
  invalid: [
    {
      name: "an unclosed string: on its opening quote, not at the end of the file",
      code: 'services:\n  web:\n    image: "nginx\n  db:\n    image: postgres\n',
      errors: [{ line: 3, column: 12, endLine: 3, endColumn: 18, message: 'Missing closing "quote' }],
    },
    {
      name: "an unclosed list: on its opening bracket, not at the end of the file",
      code: 'services:\n  web:\n    ports: ["80:80"\n    container_name: web\n',
      errors: [{ line: 3, column: 12, endLine: 3, endColumn: 20, message: "must be sufficiently indented and end with a ]" }],
    },
    {
      name: "a duplicate key: the whole second key",
      code: "services:\n  web:\n    image: x\n    image: y\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 10, message: "Map keys must be unique" }],
    },
    {
      name: "a duplicate key after a key with no value, CRLF",
      code: "services:\r\n  web:\r\n    image: x\r\n    build:\r\n    image: y\r\n",
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 10, message: "Map keys must be unique" }],
    },
    {
      name: "a list at the top level: compose's own error, on the whole list",
      code: '[{"services": {"web": {"image": "nginx"}}}]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 44, message: "Top-level object must be a mapping" }],
      output: null,
    },
  ],
});
