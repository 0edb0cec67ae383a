import { obsoleteVersion } from "../../server/src/engine/rules/obsolete-version.js";
import { testRule } from "./rule-tester.js";

const SERVICES = "services:\n  web:\n    image: app\n";

testRule(obsoleteVersion, {
  valid: [
    { code: SERVICES },
    { name: "a service named version is not the attribute", code: "services:\n  version:\n    image: app\n" },
    { name: "a version label inside a service", code: "services:\n  web:\n    image: app\n    labels:\n      version: '3.8'\n" },
  ],
  invalid: [
    {
      name: "the first line, with the blank line after it",
      code: `version: '3.8'\n\n${SERVICES}`,
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 15,
          // On the pipeline, compose reads the dashboard's copy, written as docker-compose.yml in the app's folder.
          messageId: "obsolete",
          log: "/opt/app/<pipeline>/docker-compose.yml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion",
          message: 'Obsolete "version" key: Compose v2 ignores it and prints a warning on every run. Remove it.',
        },
      ],
      output: SERVICES,
    },
    {
      name: "after a header comment, with its own comment",
      code: `# My app\nversion: "3" # compose v1\n\n${SERVICES}`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 13, messageId: "obsolete" }],
      output: `# My app\n\n${SERVICES}`,
    },
    {
      name: "after the services, a number",
      code: `${SERVICES}version: 3.8\nvolumes:\n  data:\n`,
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 13, messageId: "obsolete" }],
      output: `${SERVICES}volumes:\n  data:\n`,
    },
    {
      name: "flow style",
      code: '{version: "3", services: {web: {image: app}}}\n',
      errors: [{ line: 1, column: 2, endLine: 1, endColumn: 14, messageId: "obsolete" }],
      output: "{services: {web: {image: app}}}\n",
    },
    {
      name: "CRLF",
      code: 'version: "3"\r\nservices:\r\n  web:\r\n    image: app\r\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 13, messageId: "obsolete" }],
      output: "services:\r\n  web:\r\n    image: app\r\n",
    },
    {
      name: "every document of a multi-document file; a dev file too (scope all)",
      pipeline: false,
      code: `version: "3"\n${SERVICES}---\nversion: "3"\n${SERVICES}`,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 13, messageId: "obsolete", log: "docker-compose.yml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion", fixOutput: "services:\n  web:\n    image: app\n---\nversion: \"3\"\nservices:\n  web:\n    image: app\n" }, { line: 6, column: 1, endLine: 6, endColumn: 13, messageId: "obsolete", fixOutput: "version: \"3\"\nservices:\n  web:\n    image: app\n---\nservices:\n  web:\n    image: app\n" }],
      output: `${SERVICES}---\n${SERVICES}`,
    },
    {
      name: "after a blank first line: the blank line after it goes, the first stays",
      code: `\nversion: "3"\n\n${SERVICES}`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 13, messageId: "obsolete" }],
      output: `\n${SERVICES}`,
    },
    {
      name: "the only key of the file",
      code: 'version: "3"\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 13, messageId: "obsolete" }],
      output: "",
    },
    {
      name: "the only key of the file, blank lines after it: they go too",
      code: 'version: "3"\n\n  \n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 13, messageId: "obsolete" }],
      output: "",
    },
  ],
});
