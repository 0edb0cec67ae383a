import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { overrideFileMerged } from "../../server/src/engine/rules/override-file-merged.js";
import { testRule } from "./rule-tester.js";

const CODE = 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n';
const OVERRIDE = 'services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n    ports:\n      - "8000:8000"\n';
const FIRST_LINE = { line: 1, column: 1, endLine: 1, endColumn: 10 };

testRule(overrideFileMerged, {
  valid: [
    { name: "not on disk: nothing is known of the folder", code: CODE },
    { name: "no override file beside it", code: CODE, files: { ".env": "A=1\n", "compose.dev.yml": OVERRIDE, "docker-compose.prod.yml": OVERRIDE } },
    { name: "an override file in another folder", code: CODE, files: { "dev/docker-compose.override.yml": OVERRIDE } },
    { name: "Git ignores the override file: the pipeline's clone lacks it", code: CODE, files: { ".gitignore": "docker-compose.override.yml\n", "docker-compose.override.yml": OVERRIDE } },
    { name: "COMPOSE_FILE in the dashboard: compose looks up no default file", code: CODE, files: { "docker-compose.override.yml": OVERRIDE }, dashboardVariables: ["COMPOSE_FILE", "SECRET_KEY"] },
    { name: "COMPOSE_FILE in the .env beside it", code: CODE, files: { ".env": "COMPOSE_FILE=docker-compose.yml\n", "compose.override.yaml": OVERRIDE } },
    { name: "a file the pipeline does not deploy", pipeline: false, code: CODE, files: { "docker-compose.override.yml": OVERRIDE } },
  ],
  invalid: [
    {
      name: "docker-compose.override.yml, on the first line",
      code: CODE,
      files: { "docker-compose.override.yml": OVERRIDE },
      errors: [
        {
          ...FIRST_LINE,
          messageId: "merged",
          message: "Compose merges docker-compose.override.yml over this file on the VM, and its values win. Rename it, or move them here.",
          log: null,
        },
      ],
      output: null,
    },
    {
      name: "compose's order: compose.override.yaml before docker-compose.override.yml, whatever the main file's name",
      code: CODE,
      files: { "compose.override.yaml": OVERRIDE, "docker-compose.override.yml": OVERRIDE },
      errors: [{ ...FIRST_LINE, messageId: "merged", message: "Compose merges compose.override.yaml over this file on the VM, and its values win. Rename it, or move them here." }],
    },
    {
      name: "compose.override.yml comes first of all",
      code: CODE,
      files: { "compose.override.yml": OVERRIDE, "compose.override.yaml": OVERRIDE, "docker-compose.override.yaml": OVERRIDE },
      errors: [{ ...FIRST_LINE, messageId: "merged", message: /^Compose merges compose\.override\.yml over/ }],
    },
    {
      name: "the first one Git does not ignore",
      code: CODE,
      files: { ".gitignore": "compose.override.yml\n", "compose.override.yml": OVERRIDE, "docker-compose.override.yaml": OVERRIDE },
      errors: [{ ...FIRST_LINE, messageId: "merged", message: /^Compose merges docker-compose\.override\.yaml over/ }],
    },
    {
      name: "the dashboard lists its variables, without COMPOSE_FILE",
      code: CODE,
      files: { "docker-compose.override.yml": OVERRIDE },
      dashboardVariables: ["COMPOSE_PROFILES"],
      errors: [{ ...FIRST_LINE, messageId: "merged" }],
    },
    {
      name: "a comment on the first line, CRLF: the line without its break",
      code: "# production\r\nservices:\r\n  web:\r\n    build: .\r\n",
      files: { "docker-compose.override.yml": OVERRIDE },
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 13, messageId: "merged" }],
    },
    {
      name: "an empty file: an empty range at its start",
      code: "",
      files: { "docker-compose.override.yml": OVERRIDE },
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 1, messageId: "merged" }],
    },
  ],
});

it("points at the override file (related information), by its absolute path", () => {
  const dir = mkdtempSync(join(tmpdir(), "elestio-override-"));
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, "docker-compose.override.yml"), OVERRIDE);
  const composePath = join(dir, "docker-compose.yml");
  writeFileSync(composePath, CODE);
  const findings = lint(parseCompose(CODE), { isPipeline: true, project: fileProject(composePath, dir), rules: [overrideFileMerged] });
  expect(findings.map((f) => f.related)).toEqual([
    [
      {
        file: join(dir, "docker-compose.override.yml"),
        message: {
          en: "docker compose up merges this file over the pipeline's compose file.",
          fr: "docker compose up fusionne ce fichier par-dessus le compose du pipeline.",
        },
      },
    ],
  ]);
});

it("a compose file with an override file's name is not merged over itself; the next name is", () => {
  // A project that keeps its deployed file as compose.override.yml (set in pipelineFiles): that file is the one read, not one merged over it.
  const dir = mkdtempSync(join(tmpdir(), "elestio-override-"));
  mkdirSync(join(dir, ".git"));
  const composePath = join(dir, "compose.override.yml");
  writeFileSync(composePath, CODE);
  const merged = () => lint(parseCompose(CODE), { isPipeline: true, project: fileProject(composePath, dir), rules: [overrideFileMerged] }).map((f) => f.related?.map((r) => r.file));
  expect(merged()).toEqual([]);
  writeFileSync(join(dir, "docker-compose.override.yml"), OVERRIDE);
  expect(merged()).toEqual([[join(dir, "docker-compose.override.yml")]]);
});
