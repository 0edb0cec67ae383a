import { fileTooLarge } from "../../server/src/engine/rules/file-too-large.js";
import { testRule } from "./rule-tester.js";

const CODE = "services:\n  web:\n    image: nginx\n";
/** Past the language server's limit (server/src/lsp/documents.ts): 2 million characters. */
const LIMIT = 2_000_000;

testRule(fileTooLarge, {
  valid: [
    { name: "no limit: the CLI checks any file", code: CODE },
    { name: "a file within the language server's limit", code: CODE, maxChars: CODE.length },
  ],
  invalid: [
    {
      name: "a file over the limit: one finding for the whole file, at its start",
      code: CODE,
      maxChars: 20,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1, messageId: "tooLarge" }],
      output: null,
    },
    {
      name: "the language server's limit",
      code: `${CODE}# ${"x".repeat(LIMIT)}\n`,
      maxChars: LIMIT,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1, messageId: "tooLarge", message: "This file is too large to check as you type (over 2 million characters): run elestio-compose-lint on it." }],
      output: null,
    },
  ],
});
