/**
 * compose/healthcheck.ts: whether a service has a healthcheck, as compose and
 * Docker decide it (keys are case-sensitive; boolean values are cast by
 * compose in any case), and its `test` in each form with the span of every
 * word (`line:column-endLine:endColumn text`).
 */
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerfileHasHealthcheck, healthcheckState, serviceHealthcheck } from "../../server/src/engine/compose/healthcheck.js";
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
    {
      name: "healthcheck with no value in a flow map: no healthcheck",
      code: "services:\n  db: {image: postgres, healthcheck}\n",
      expected: { state: "none", missing: true, disable: undefined, test: undefined },
    },
    {
      name: "test with no value in a flow map: the image's test applies",
      code: db("      {test, interval: 5s}\n").replace("healthcheck:\n      ", "healthcheck: "),
      expected: { state: "inherited", missing: false, disable: undefined, test: undefined },
    },
    {
      name: "a list without CMD: Docker runs no probe, the hover shows every word",
      code: db('      test: ["curl", "-f", "http://localhost/"]\n'),
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "other", span: '5:13-5:48 ["curl", "-f", "http://localhost/"]', command: "curl -f http://localhost/", flow: true, merged: false, words: [["curl", '5:14-5:20 "curl"'], ["-f", '5:22-5:26 "-f"'], ["http://localhost/", '5:28-5:47 "http://localhost/"']] } },
    },
    {
      name: "an item that is not a string (compose refuses it) shows no word in the command",
      code: db('      test: ["CMD", "curl", {}, "-f"]\n'),
      expected: { state: "defined", missing: false, disable: undefined, test: { form: "CMD", span: '5:13-5:38 ["CMD", "curl", {}, "-f"]', command: "curl -f", flow: true, merged: false, words: [["CMD", '5:14-5:19 "CMD"'], ["curl", '5:21-5:27 "curl"'], [undefined, "5:29-5:31 {}"], ["-f", '5:33-5:37 "-f"']] } },
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

describe("dockerfileHasHealthcheck: the Dockerfile as Docker reads it", () => {
  it.each<{ name: string; text: string; target?: string; expected: boolean }>([
    { name: "a comment line between continued lines is dropped: the RUN goes on", text: "FROM alpine\nRUN echo hi \\\n# note\nHEALTHCHECK CMD true\n", expected: false },
    { name: "an indented comment line too", text: "FROM alpine\nRUN echo hi \\\n    # note\nHEALTHCHECK CMD true\n", expected: false },
    { name: "a # inside an instruction is no comment", text: "FROM alpine\nHEALTHCHECK CMD curl -f http://localhost/#ready\n", expected: true },
    { name: "HEALTHCHECK NONE continued onto the next line", text: "FROM alpine\nHEALTHCHECK CMD true\nHEALTHCHECK \\\n  NONE\n", expected: false },
    { name: "spaces after the backslash still continue the line", text: "FROM alpine\nHEALTHCHECK CMD true\nHEALTHCHECK \\  \n  NONE\n", expected: false },
    { name: "a backslash inside a line does not continue it", text: "FROM alpine\nRUN printf 'a\\tb' > /f\nHEALTHCHECK CMD true\n", expected: true },
    { name: "a continued line joins the next with no space between", text: "FROM alpine AS st\\\nage\nHEALTHCHECK CMD true\nFROM alpine AS other\n", target: "stage", expected: true },
    { name: "the file ends with a continued line", text: "FROM alpine\nHEALTHCHECK CMD true \\", expected: true },
    { name: "a line of spaces", text: "FROM alpine\n   \nHEALTHCHECK CMD true\n", expected: true },
    { name: "indented instructions", text: "  FROM alpine\n  HEALTHCHECK CMD true\n", expected: true },
    { name: "a line separator (U+2028) inside an instruction", text: "FROM alpine\nLABEL description=\"one\u2028two\"\nHEALTHCHECK CMD true\n", expected: true },
    { name: "a heredoc's lines, a bare EOF among them", text: "FROM alpine\nRUN <<EOF\nset -e\nEOF\nHEALTHCHECK CMD true\n", expected: true },
    { name: "FROM --platform=... <stage> follows the stage", text: "FROM alpine AS base\nHEALTHCHECK CMD true\nFROM --platform=linux/amd64 base AS app\n", expected: true },
    { name: "the stage on a continued line after --platform", text: "FROM alpine AS base\nHEALTHCHECK CMD true\nFROM --platform=$BUILDPLATFORM \\\n    base AS app\n", expected: true },
    { name: "FROM <image> twice: the second is the image, not the first stage", text: "FROM alpine\nHEALTHCHECK CMD true\nFROM alpine\n", expected: false },
    { name: "a stage is named by AS only (a typo names none)", text: "FROM node:20 TO build\nHEALTHCHECK CMD true\nFROM build\n", expected: false },
    { name: "an unfinished FROM <stage> AS: the stage is still followed", text: "FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base AS\n", expected: true },
    { name: "a HEALTHCHECK before any FROM belongs to no stage", text: "HEALTHCHECK CMD true\nFROM alpine\n", expected: false },
    { name: "NONE only as HEALTHCHECK's first word disables it", text: "FROM alpine\nHEALTHCHECK CMD check --fallback NONE\n", expected: true },
    { name: "the target is a middle stage", text: "FROM alpine AS one\nFROM alpine AS two\nHEALTHCHECK CMD true\nFROM alpine AS three\n", target: "two", expected: true },
    { name: "a target no stage has: the last stage", text: "FROM alpine AS one\nFROM alpine AS two\nHEALTHCHECK CMD true\n", target: "nope", expected: true },
    { name: "FROM <name> names an earlier stage only", text: "FROM app AS web\nFROM alpine AS app\nHEALTHCHECK CMD true\n", target: "web", expected: false },
    { name: "a stage named after its own image", text: "FROM golang AS golang\nRUN go build\n", expected: false },
  ])("$name", ({ text, target, expected }) => {
    expect(dockerfileHasHealthcheck(text, target)).toBe(expected);
  });
});

describe("healthcheckState: the Dockerfile of a build", () => {
  /** A project where every path holds a Dockerfile: `files` for the listed paths, else one without HEALTHCHECK. Records what is read (normalized). */
  function anyFileProject(files: Record<string, string> = {}) {
    const read: string[] = [];
    const project: ProjectFiles = {
      filePath: "/srv/app/compose.yml",
      exists: () => true,
      isGitIgnored: () => false,
      dotEnv: () => undefined,
      readText: (p) => {
        const path = posix.normalize(p);
        read.push(path);
        return files[path] ?? "FROM alpine\n";
      },
    };
    return { project, read };
  }
  const status = (code: string, project: ProjectFiles) => {
    const model = parseCompose(code);
    return healthcheckState(model, model.services[0], project);
  };

  it.each([
    { name: "a Git URL context: nothing on disk is read", code: "services:\n  db:\n    build: https://github.com/org/db.git#main\n" },
    { name: "an SSH Git context", code: "services:\n  db:\n    build: git@github.com:org/db.git\n" },
    { name: "a context from a variable with no default", code: "services:\n  db:\n    build: ./${APP}\n" },
    { name: "a dockerfile from a variable with no default", code: "services:\n  db:\n    build:\n      context: .\n      dockerfile: Dockerfile${SUFFIX}\n" },
  ])("$name: not known", ({ code }) => {
    const { project, read } = anyFileProject();
    expect(status(code, project)).toEqual({ state: "none", builds: true, dockerfile: undefined, missing: false });
    expect(read).toEqual([]);
  });

  it.each([
    { name: "a local folder whose name holds git@", code: "services:\n  db:\n    build: ./tools/git@2.45\n", path: "tools/git@2.45/Dockerfile" },
    { name: "a context with a default", code: "services:\n  db:\n    build: ${CTX:-./db}\n", path: "db/Dockerfile" },
    { name: "an absolute dockerfile is read as it is", code: "services:\n  db:\n    build:\n      context: ./db\n      dockerfile: /srv/app/docker/db.Dockerfile\n", path: "/srv/app/docker/db.Dockerfile" },
  ])("$name: reads $path", ({ code, path }) => {
    const { project, read } = anyFileProject({ [path]: "FROM postgres\nHEALTHCHECK CMD pg_isready\n" });
    expect(status(code, project)).toEqual({ state: "none", builds: true, dockerfile: true, missing: false });
    expect(read).toEqual([path]);
  });

  it("a test in the compose file: the Dockerfile is not read", () => {
    const { project, read } = anyFileProject();
    expect(status('services:\n  db:\n    build: .\n    healthcheck:\n      test: ["CMD", "true"]\n', project)).toEqual({ state: "defined", builds: true, dockerfile: undefined, missing: false });
    expect(read).toEqual([]);
  });
});
