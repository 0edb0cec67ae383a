/**
 * compose/healthcheck.ts: whether a service has a healthcheck, as compose and
 * Docker decide it (keys are case-sensitive; boolean values are cast by
 * compose in any case), and its `test` in each form with the span of every
 * word (`line:column-endLine:endColumn text`).
 */
import { describe, expect, it } from "vitest";
import { healthcheckState, serviceHealthcheck } from "../../server/src/engine/compose/healthcheck.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import type { ProjectFiles } from "../../server/src/engine/project.js";
import { spanText } from "../helpers/spans.js";

const db = (healthcheck: string) => `services:\n  db:\n    image: postgres\n    healthcheck:\n${healthcheck}`;

function facts(text: string, project?: ProjectFiles) {
  const model = parseCompose(text);
  const service = model.services[0];
  const { state, test, disable } = serviceHealthcheck(model, service);
  return {
    state,
    missing: healthcheckState(model, service, project).missing,
    disable: disable?.key,
    test: test && {
      form: test.form,
      span: spanText(model, test.span),
      command: test.command,
      flow: test.flow,
      merged: test.entry.merged,
      words: test.words.map((w) => [w.text, spanText(model, w.span)]),
    },
  };
}

describe("serviceHealthcheck and healthcheckState", () => {
  it.each([
    {
      name: "a string: compose runs it with CMD-SHELL",
      code: db('      test: pg_isready -U "$$POSTGRES_USER"\n'),
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "string", span: '5:13-5:44 pg_isready -U "$$POSTGRES_USER"', command: 'pg_isready -U "$$POSTGRES_USER"', flow: false, merged: false, words: [['pg_isready -U "$$POSTGRES_USER"', '5:13-5:44 pg_isready -U "$$POSTGRES_USER"']] } },
    },
    {
      name: "CMD, flow list",
      code: db('      test: ["CMD", "redis-cli", "ping"]\n'),
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "CMD", span: '5:13-5:41 ["CMD", "redis-cli", "ping"]', command: "redis-cli ping", flow: true, merged: false, words: [["CMD", '5:14-5:19 "CMD"'], ["redis-cli", '5:21-5:32 "redis-cli"'], ["ping", '5:34-5:40 "ping"']] } },
    },
    {
      name: "CMD-SHELL, block list: from the first dash to the end of the last item",
      code: db("      test:\n        - CMD-SHELL\n        - pg_isready -U $$POSTGRES_USER\n"),
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "CMD-SHELL", span: "6:9-7:40 - CMD-SHELL\n        - pg_isready -U $$POSTGRES_USER", command: "pg_isready -U $$POSTGRES_USER", flow: false, merged: false, words: [["CMD-SHELL", "6:11-6:20 CMD-SHELL"], ["pg_isready -U $$POSTGRES_USER", "7:11-7:40 pg_isready -U $$POSTGRES_USER"]] } },
    },
    {
      name: 'test: ["NONE"] disables it',
      code: db('      test: ["NONE"]\n'),
      expected: { state: "disabled", missing: true, disable: undefined, test: { form: "NONE", span: '5:13-5:21 ["NONE"]', command: "NONE", flow: true, merged: false, words: [["NONE", '5:14-5:20 "NONE"']] } },
    },
    {
      name: 'test: ["none"]: Docker reads the type case-sensitively, "none" is not NONE',
      code: db('      test: ["none"]\n'),
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "other", span: '5:13-5:21 ["none"]', command: "none", flow: true, merged: false, words: [["none", '5:14-5:20 "none"']] } },
    },
    {
      name: "test: [] inherits the image's test",
      code: db("      test: []\n"),
      expected: { state: "inherited", missing: false, disable: undefined, test: { form: "empty", span: "5:13-5:15 []", command: "", flow: true, merged: false, words: [] } },
    },
    {
      name: "test: left empty inherits the image's test",
      code: db("      test:\n      interval: 5s\n"),
      expected: { state: "inherited", missing: false, disable: undefined, test: undefined },
    },
    {
      name: "options without a test inherit the image's test",
      code: db("      interval: 5s\n"),
      expected: { state: "inherited", missing: false, disable: undefined, test: undefined },
    },
    {
      name: "disable: true wins over a test",
      code: db('      disable: true\n      test: ["CMD", "true"]\n'),
      expected: { state: "disabled", missing: true, disable: "disable", test: { form: "CMD", span: '6:13-6:28 ["CMD", "true"]', command: "true", flow: true, merged: false, words: [["CMD", '6:14-6:19 "CMD"'], ["true", '6:21-6:27 "true"']] } },
    },
    {
      name: "disable: TRUE (a YAML boolean in any case)",
      code: db("      disable: TRUE\n"),
      expected: { state: "disabled", missing: true, disable: "disable", test: undefined },
    },
    {
      name: 'disable: "yes" (compose casts the string)',
      code: db('      disable: "yes"\n'),
      expected: { state: "disabled", missing: true, disable: "disable", test: undefined },
    },
    {
      name: "disable: ${NO_HC:-true} (the default applied)",
      code: db("      disable: ${NO_HC:-true}\n"),
      expected: { state: "disabled", missing: true, disable: "disable", test: undefined },
    },
    {
      name: "disable: false keeps the test",
      code: db('      disable: false\n      test: ["CMD", "true"]\n'),
      expected: { state: "defined", missing: false, disable: "disable", test: { form: "CMD", span: '6:13-6:28 ["CMD", "true"]', command: "true", flow: true, merged: false, words: [["CMD", '6:14-6:19 "CMD"'], ["true", '6:21-6:27 "true"']] } },
    },
    {
      name: "Disable: true is not compose's key (case-sensitive): nothing is disabled",
      code: db('      Disable: true\n      test: ["CMD", "true"]\n'),
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "CMD", span: '6:13-6:28 ["CMD", "true"]', command: "true", flow: true, merged: false, words: [["CMD", '6:14-6:19 "CMD"'], ["true", '6:21-6:27 "true"']] } },
    },
    {
      name: "no healthcheck",
      code: "services:\n  db:\n    image: postgres\n",
      expected: { state: "none", missing: true, disable: undefined, test: undefined },
    },
    {
      name: "healthcheck: left empty",
      code: "services:\n  db:\n    image: postgres\n    healthcheck:\n",
      expected: { state: "none", missing: true, disable: undefined, test: undefined },
    },
    {
      name: "a test merged with `<<` into the healthcheck: where the anchor writes it",
      code: 'x-hc: &hc\n  test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]\nservices:\n  db:\n    environment: { POSTGRES_USER: app }\n    healthcheck: { <<: *hc, interval: 5s }\n',
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "CMD-SHELL", span: '2:9-2:54 ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]', command: "pg_isready -U $POSTGRES_USER", flow: true, merged: true, words: [["CMD-SHELL", '2:10-2:21 "CMD-SHELL"'], ["pg_isready -U $POSTGRES_USER", '2:23-2:53 "pg_isready -U $POSTGRES_USER"']] } },
    },
    {
      name: "a word through an alias: written as the alias, read as the anchored text",
      code: 'x-cmd: &cmd curl\nservices:\n  web:\n    healthcheck:\n      test: ["CMD", *cmd, "-f", "http://localhost/"]\n',
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "CMD", span: '5:13-5:53 ["CMD", *cmd, "-f", "http://localhost/"]', command: "curl -f http://localhost/", flow: true, merged: false, words: [["CMD", '5:14-5:19 "CMD"'], ["curl", "5:21-5:25 *cmd"], ["-f", '5:27-5:31 "-f"'], ["http://localhost/", '5:33-5:52 "http://localhost/"']] } },
    },
    {
      name: "a build with a HEALTHCHECK in dockerfile_inline",
      code: "services:\n  db:\n    build:\n      dockerfile_inline: |\n        FROM redis\n        HEALTHCHECK CMD redis-cli ping\n",
      expected: { state: "none", missing: false, disable: undefined, test: undefined },
    },
    {
      name: "a build whose Dockerfile cannot be read: not known to be missing",
      code: "services:\n  db:\n    build: ./db\n",
      expected: { state: "none", missing: false, disable: undefined, test: undefined },
    },
  ])("$name", ({ code, expected }) => {
    expect(facts(code)).toEqual(expected);
  });

  it("reads the Dockerfile a service builds through the project", () => {
    const files: Record<string, string> = { "db/Dockerfile": "FROM postgres:16\n", "api/Dockerfile": "FROM node:20\nHEALTHCHECK CMD node check.js\n" };
    const project: ProjectFiles = { filePath: "/srv/app/compose.yml", exists: (p) => p in files, isGitIgnored: () => false, dotEnv: () => undefined, readText: (p) => files[p.replace(/^\.\//, "")] };
    const model = parseCompose("services:\n  db:\n    build: ./db\n  api:\n    build:\n      context: ./api\n");
    expect(model.services.map((s) => healthcheckState(model, s, project))).toEqual([
      { state: "none", builds: true, dockerfile: false, missing: true },
      { state: "none", builds: true, dockerfile: true, missing: false },
    ]);
  });
});
