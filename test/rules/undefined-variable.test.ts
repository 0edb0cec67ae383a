import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import type { Rule } from "../../server/src/engine/rules/types.js";
import { undefinedVariable } from "../../server/src/engine/rules/undefined-variable.js";
import { testRule } from "./rule-tester.js";

const DB_PASSWORD_LOG = 'The "DB_PASSWORD" variable is not set. Defaulting to a blank string.';

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
    {
      name: "every variable listed among the dashboard's",
      dashboardVariables: ["DJANGO_SECRET_KEY", "DB_PASSWORD"],
      code: "services:\n  web:\n    image: x\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}\n      DATABASE_URL: postgres://app:$DB_PASSWORD@db/app\n",
    },
    {
      name: "with the dashboard's list: the .env beside the file, and the variables always set, still count",
      dashboardVariables: [],
      files: { ".env": "LOCAL_ONLY=1\n" },
      code: "services:\n  web:\n    image: \"app:${LOCAL_ONLY}\"\n    working_dir: $PWD\n    container_name: ${COMPOSE_PROJECT_NAME}-web\n",
    },
  ],
  invalid: [
    {
      name: "the guide's DB_PASSWORD, no .env",
      code: "services:\n  web:\n    image: x\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n",
      errors: [
        {
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 35,
          messageId: "unsetPipeline",
          log: DB_PASSWORD_LOG,
          message: "DB_PASSWORD has no default: it is empty unless set in Dashboard → Environment variables.",
        },
      ],
      output: null,
    },
    {
      name: "a .env that does not define it",
      files: { ".env": "OTHER=1\n" },
      code: "services:\n  web:\n    image: x\n    environment:\n      DB_PASSWORD: $DB_PASSWORD\n",
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 32, messageId: "unsetPipeline" }],
    },
    {
      name: "several in one value, unbraced and braced, after an escape",
      code: "services:\n  web:\n    image: x\n    environment:\n      URL: \"postgresql://${DB_USER:-app}:${DB_PASSWORD}@$DB_HOST/$$$DB_NAME\"\n",
      errors: [
        { line: 5, column: 42, endLine: 5, endColumn: 56, messageId: "unsetPipeline", log: DB_PASSWORD_LOG },
        { line: 5, column: 57, endLine: 5, endColumn: 65, messageId: "unsetPipeline", log: 'The "DB_HOST" variable is not set. Defaulting to a blank string.' },
        { line: 5, column: 68, endLine: 5, endColumn: 76, messageId: "unsetPipeline", message: /^DB_NAME has no default/ },
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
        { line: 4, column: 31, endLine: 4, endColumn: 39, messageId: "unsetPipeline", message: /^TOKEN / },
        { line: 7, column: 22, endLine: 7, endColumn: 26, messageId: "unsetPipeline", message: /^KEY / },
        { line: 10, column: 14, endLine: 10, endColumn: 21, messageId: "unsetPipeline", message: /^NOTE / },
      ],
    },
    {
      name: "a variable inside another's default: compose evaluates it even when the outer one is set",
      code: "services:\n  web:\n    image: \"app:${TAG:-${DEFAULT_TAG}}\"\n",
      errors: [{ line: 3, column: 24, endLine: 3, endColumn: 38, messageId: "unsetPipeline", message: /^DEFAULT_TAG / }],
    },
    {
      name: "in an anchor used twice: reported once, where it is written",
      code: "x-env: &env\n  SECRET: ${SECRET}\nservices:\n  a:\n    image: x\n    environment: *env\n  b:\n    image: y\n    environment:\n      <<: *env\n",
      errors: [{ line: 2, column: 11, endLine: 2, endColumn: 20, messageId: "unsetPipeline" }],
    },
    {
      name: "used in three places: reported once, at its first use; another variable has its own finding",
      code: "services:\n  web:\n    image: \"app:${TAG}\"\n    environment:\n      - VERSION=$TAG\n  worker:\n    image: \"worker:${TAG}\"\n    command: run --region ${REGION}\n",
      errors: [
        { line: 3, column: 17, endLine: 3, endColumn: 23, messageId: "unsetPipeline", message: /^TAG / },
        { line: 8, column: 27, endLine: 8, endColumn: 36, messageId: "unsetPipeline", message: /^REGION / },
      ],
    },
    {
      name: "multi-document, CRLF",
      code: "services:\r\n  a:\r\n    image: x\r\n---\r\nservices:\r\n  b:\r\n    image: \"y:${B_TAG}\"\r\n",
      errors: [{ line: 7, column: 15, endLine: 7, endColumn: 23, messageId: "unsetPipeline", message: /^B_TAG / }],
    },
    {
      name: "a healthcheck variable the service does not set",
      code: "services:\n  web:\n    image: x\n    healthcheck:\n      test: [\"CMD-SHELL\", \"curl -f http://localhost:$PORT/\"]\n",
      errors: [{ line: 5, column: 53, endLine: 5, endColumn: 58, messageId: "unsetPipeline", message: /^PORT / }],
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
          messageId: "unsetLocal",
          message: "TAG has no default and the .env beside this file lacks it: empty unless the shell sets it.",
        },
      ],
    },
    {
      name: "with the dashboard's list: the variables it lacks, once each; the listed ones are silent",
      dashboardVariables: ["DB_PASSWORD", "ALLOWED_HOSTS"],
      code: [
        "services:",
        "  web:",
        "    image: x",
        "    environment:",
        "      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}",
        "      SECRET_KEY_FALLBACKS: $DJANGO_SECRET_KEY",
        "      DB_PASSWORD: ${DB_PASSWORD}",
        "      ALLOWED_HOSTS: ${ALLOWED_HOSTS}",
        "      SENTRY_DSN: ${SENTRY_DSN}",
        "",
      ].join("\n"),
      errors: [
        {
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 46,
          messageId: "notInDashboard",
          log: 'The "DJANGO_SECRET_KEY" variable is not set. Defaulting to a blank string.',
          message: "DJANGO_SECRET_KEY is not set in the dashboard: compose leaves it empty. Set it in Dashboard → Environment variables.",
        },
        { line: 9, column: 19, endLine: 9, endColumn: 32, messageId: "notInDashboard", message: /^SENTRY_DSN is not set in the dashboard/ },
      ],
    },
    {
      name: "with the dashboard's list and a .env beside the file: either one sets it",
      dashboardVariables: ["DB_PASSWORD"],
      files: { ".env": "DB_USER=app\n" },
      code: "services:\n  web:\n    image: x\n    environment:\n      URL: postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app\n",
      errors: [{ line: 5, column: 49, endLine: 5, endColumn: 59, messageId: "notInDashboard", message: /^DB_HOST / }],
    },
    {
      name: "with the dashboard's list, a file the pipeline does not deploy: the dashboard does not feed it",
      pipeline: false,
      dashboardVariables: ["TAG"],
      code: "services:\n  web:\n    image: \"app:${TAG}\"\n",
      errors: [{ line: 3, column: 17, endLine: 3, endColumn: 23, messageId: "unsetLocal" }],
    },
  ],
});

describe("undefined-variable's severity", () => {
  const TEXT = "services:\n  web:\n    image: x\n    environment:\n      KEY: ${DJANGO_SECRET_KEY}\n      DB: ${DB_PASSWORD}\n";
  const severities = (options: { dashboardVariables?: string[]; severity?: "error" | "hint" | "off"; isPipeline?: boolean }) =>
    lint(parseCompose(TEXT), {
      isPipeline: options.isPipeline ?? true,
      rules: [undefinedVariable],
      dashboardVariables: options.dashboardVariables,
      severities: options.severity ? { "undefined-variable": options.severity } : undefined,
    }).map((f) => `${f.messageId}:${f.severity}`);

  it("is a hint without the dashboard's list, a warning with it, on the pipeline's file", () => {
    expect(severities({})).toEqual(["unsetPipeline:hint", "unsetPipeline:hint"]);
    expect(severities({ dashboardVariables: ["DB_PASSWORD"] })).toEqual(["notInDashboard:warning"]);
    expect(severities({ dashboardVariables: ["DB_PASSWORD"], isPipeline: false })).toEqual(["unsetLocal:hint", "unsetLocal:hint"]);
  });

  it("follows the severity the user sets for the rule, with the list too", () => {
    expect(severities({ dashboardVariables: [], severity: "error" })).toEqual(["notInDashboard:error", "notInDashboard:error"]);
    expect(severities({ dashboardVariables: [], severity: "hint" })).toEqual(["notInDashboard:hint", "notInDashboard:hint"]);
    expect(severities({ dashboardVariables: [], severity: "off" })).toEqual([]);
  });
});

describe("undefined-variable once per variable, beside a rule that supersedes it", () => {
  // A stand-in for unescaped-dollar: it owns the `$A` of the first command, a container variable.
  const owner: Rule = {
    meta: { ...undefinedVariable.meta, id: "owner", severity: "warning", supersedes: ["undefined-variable"], messages: { own: { en: "own", fr: "propre" } } },
    check({ model, report }) {
      const start = model.text.indexOf("$A");
      report({ start, end: start + 2, messageId: "own" });
    },
  };
  const TEXT = 'services:\n  one:\n    image: x\n    command: ["sh", "-c", "echo $A"]\n  two:\n    image: "app:$A"\n    working_dir: /$A\n';

  it("is reported at its first use that the other rule does not own", () => {
    const model = parseCompose(TEXT);
    const findings = lint(model, { isPipeline: true, rules: [undefinedVariable, owner] });
    expect(findings.map((f) => `${f.ruleId} ${model.lines.positionAt(f.start).line + 1}`)).toEqual(["owner 4", "undefined-variable 6"]);
  });

  it("and a disable comment on that use hides the variable, not only this use", () => {
    const text = TEXT.replace('    image: "app:$A"', '    # elestio-disable-next-line undefined-variable\n    image: "app:$A"');
    expect(lint(parseCompose(text), { isPipeline: true, rules: [undefinedVariable, owner] }).map((f) => f.ruleId)).toEqual(["owner"]);
  });
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

  it("reports a variable used on 10,000 lines once, at its first use", () => {
    const lines = ["services:", "  web:", "    image: x", "    environment:"];
    for (let i = 0; i < 10_000; i++) lines.push(`      V${i}: \${SHARED}`);
    const model = parseCompose(lines.join("\n") + "\n");
    const findings = lint(model, { isPipeline: true, rules: [undefinedVariable], dashboardVariables: [] });
    expect(findings.map((f) => [model.lines.positionAt(f.start).line, f.severity])).toEqual([[4, "warning"]]);
  });
});
