import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { undefinedVariable } from "../../server/src/engine/rules/undefined-variable.js";
import { testRule } from "./rule-tester.js";

const PIPELINE_MESSAGE =
  'Variable "DB_PASSWORD" has no default and no .env beside this file defines it: the Elestio pipeline takes its value from the dashboard\'s environment variables (written to .env); if it is not set there, compose substitutes an empty string and warns: The "DB_PASSWORD" variable is not set. Defaulting to a blank string.';

testRule(undefinedVariable, {
  valid: [
    {
      name: "defaults, required forms and alternatives",
      code: "services:\n  web:\n    image: \"app:${TAG:-latest}\"\n    environment:\n      A: ${A-x}\n      B: ${B:?set B in the dashboard}\n      C: ${C?}\n      D: ${D:+on}\n      E: ${E+on}\n",
    },
    { name: "$$ is an escape", code: "services:\n  db:\n    image: postgres\n    command: [\"sh\", \"-c\", \"echo $$HOME $${USER} $$$$\"]\n" },
    {
      name: "defined in the .env beside the file (export, quotes, empty value)",
      files: { ".env": "DB_PASSWORD=secret\nexport TAG='1.0'\nEMPTY=\n# COMMENTED=1\n" },
      code: "services:\n  web:\n    image: app:${TAG}\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n      - E=$EMPTY\n",
    },
    { name: "keys and comments are not interpolated", code: "services:\n  web:\n    image: x # uses ${IMAGE}\n    labels:\n      ${LABEL}: x\n" },
    { name: "variables compose or the shell always set", code: "services:\n  web:\n    image: x\n    container_name: ${COMPOSE_PROJECT_NAME}-web\n    volumes:\n      - ${PWD}/data:/data\n      - $HOME/.cache:/cache\n" },
    { name: "no $ at all", code: "services:\n  web:\n    image: x\n" },
  ],
  invalid: [
    {
      name: "the guide's DB_PASSWORD, no .env",
      code: "services:\n  web:\n    image: x\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n",
      errors: [{ line: 5, column: 21, endLine: 5, endColumn: 35, log: "The \"DB_PASSWORD\" variable is not set. Defaulting to a blank string.", message: PIPELINE_MESSAGE }],
      output: null,
    },
    {
      name: "a .env that does not define it",
      files: { ".env": "OTHER=1\n" },
      code: "services:\n  web:\n    image: x\n    environment:\n      DB_PASSWORD: $DB_PASSWORD\n",
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 32, message: PIPELINE_MESSAGE }],
    },
    {
      name: "several in one value, unbraced and braced, after an escape",
      code: "services:\n  web:\n    image: x\n    environment:\n      URL: \"postgresql://${DB_USER:-app}:${DB_PASSWORD}@$DB_HOST/$$$DB_NAME\"\n",
      errors: [
        { line: 5, column: 42, endLine: 5, endColumn: 56, log: "The \"DB_PASSWORD\" variable is not set. Defaulting to a blank string.", message: '"DB_PASSWORD"' },
        { line: 5, column: 57, endLine: 5, endColumn: 65, log: "The \"DB_HOST\" variable is not set. Defaulting to a blank string.", message: '"DB_HOST"' },
        { line: 5, column: 68, endLine: 5, endColumn: 76, log: "The \"DB_NAME\" variable is not set. Defaulting to a blank string.", message: '"DB_NAME"' },
      ],
    },
    {
      name: "flow sequences, single quotes, block scalars and plain multi-line scalars",
      code: [
        "services:",
        "  web:",
        "    image: x",
        "    command: [\"run\", '--token=${TOKEN}']",
        "    entrypoint: |",
        "      #!/bin/sh",
        "      exec app --key $KEY",
        "    labels:",
        "      note: first line",
        "        then ${NOTE}",
        "",
      ].join("\n"),
      errors: [
        { line: 4, column: 31, endLine: 4, endColumn: 39, message: '"TOKEN"' },
        { line: 7, column: 22, endLine: 7, endColumn: 26, message: '"KEY"' },
        { line: 10, column: 14, endLine: 10, endColumn: 21, message: '"NOTE"' },
      ],
    },
    {
      name: "a variable inside another's default: compose evaluates it even when the outer one is set",
      code: "services:\n  web:\n    image: \"app:${TAG:-${DEFAULT_TAG}}\"\n",
      errors: [
        {
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 38,
          message: 'Variable "DEFAULT_TAG" has no default and no .env beside this file defines it: the Elestio pipeline takes its value from the dashboard\'s environment variables (written to .env); if it is not set there, compose substitutes an empty string and warns: The "DEFAULT_TAG" variable is not set. Defaulting to a blank string. Compose evaluates it even where it is only another variable\'s default.',
        },
      ],
    },
    {
      name: "in an anchor used twice: reported once, where it is written",
      code: "x-env: &env\n  SECRET: ${SECRET}\nservices:\n  a:\n    image: x\n    environment: *env\n  b:\n    image: y\n    environment:\n      <<: *env\n",
      errors: [{ line: 2, column: 11, endLine: 2, endColumn: 20 }],
    },
    {
      name: "multi-document, CRLF",
      code: "services:\r\n  a:\r\n    image: x\r\n---\r\nservices:\r\n  b:\r\n    image: \"y:${B_TAG}\"\r\n",
      errors: [{ line: 7, column: 15, endLine: 7, endColumn: 23, message: '"B_TAG"' }],
    },
    {
      name: "a healthcheck variable the service does not set",
      code: "services:\n  web:\n    image: x\n    healthcheck:\n      test: [\"CMD-SHELL\", \"curl -f http://localhost:$PORT/\"]\n",
      errors: [{ line: 5, column: 53, endLine: 5, endColumn: 58, message: '"PORT"' }],
    },
    {
      name: "a file the pipeline does not deploy: the shell or the .env",
      pipeline: false,
      code: "services:\n  web:\n    image: \"app:${TAG}\"\n",
      errors: [
        {
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 23,
          message: 'Variable "TAG" has no default and no .env beside this file defines it: compose takes its value from the shell or the .env beside the file; if it is set in neither, compose substitutes an empty string and warns: The "TAG" variable is not set. Defaulting to a blank string.',
        },
      ],
    },
  ],
});

describe("undefined-variable on a large file", () => {
  it("reports every variable of 20,000 lines in one pass", () => {
    const services: string[] = ["services:"];
    for (let i = 0; services.length < 20_000; i++) {
      services.push(`  s${i}:`, `    image: "app:\${TAG_${i}}"`, `    environment:`, `      - A=\${A:-x}`, `      - B=$$B`);
    }
    const model = parseCompose(services.join("\n") + "\n");
    const findings = lint(model, { isPipeline: true, rules: [undefinedVariable] });
    expect(findings).toHaveLength(4000);
    expect(model.text.slice(findings[3999].start, findings[3999].end)).toBe("${TAG_3999}");
  });
});
