/**
 * compose/envFiles.ts: a service's `env_file` in its three forms, `required`
 * with compose's boolean cast, the path as compose reads it and normalizes it
 * for the `.env` test, with exact spans (`line:column-endLine:endColumn text`).
 */
import { describe, expect, it } from "vitest";
import { DOTENV, normalizeEnvFilePath, serviceEnvFiles } from "../../server/src/engine/compose/envFiles.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

function envFiles(text: string) {
  const model = parseCompose(text);
  return serviceEnvFiles(model, model.services[0]).map((ref) => ({
    path: ref.path,
    certain: ref.certain,
    normalized: ref.normalized,
    required: ref.required,
    pathSpan: spanText(model, ref.pathSpan),
    span: spanText(model, ref.span),
    listItem: ref.item !== undefined,
    requiredKey: ref.requiredEntry ? spanText(model, { start: ref.requiredEntry.keyNode.range![0], end: ref.requiredEntry.keyNode.range![1] }) : undefined,
  }));
}

const ref = (path: string, normalized: string, required: boolean, pathSpan: string, more: { span?: string; certain?: boolean; listItem?: boolean; requiredKey?: string } = {}) => ({
  path,
  certain: more.certain ?? true,
  normalized,
  required,
  pathSpan,
  span: more.span ?? pathSpan,
  listItem: more.listItem ?? true,
  requiredKey: more.requiredKey,
});

describe("serviceEnvFiles", () => {
  it.each([
    {
      name: "env_file: <string>",
      code: "services:\n  app:\n    env_file: ./.env\n",
      expected: [ref("./.env", ".env", true, "3:15-3:21 ./.env", { listItem: false })],
    },
    {
      name: "a list: quoted, normalized, a default applied, a variable without one",
      code: 'services:\n  app:\n    env_file:\n      - .env\n      - "config/../.env.local"\n      - ${ENV_FILE:-.env.prod}\n      - ${ENV_FILE}\n',
      expected: [
        ref(".env", ".env", true, "4:9-4:13 .env"),
        ref("config/../.env.local", ".env.local", true, '5:9-5:31 "config/../.env.local"'),
        ref(".env.prod", ".env.prod", true, "6:9-6:31 ${ENV_FILE:-.env.prod}"),
        ref("", "", true, "7:9-7:20 ${ENV_FILE}", { certain: false }),
      ],
    },
    {
      name: "{path, required}: false, False, \"no\" (compose's cast), true, a default, a variable without one (the default, true), a `Required` key compose does not know",
      code:
        "services:\n  app:\n    env_file:\n      - path: .env.a\n        required: false\n      - path: .env.b\n        required: False\n      - {path: .env.c, required: \"no\"}\n      - {path: .env.d, required: true}\n" +
        "      - path: .env.e\n        required: ${OPT:-off}\n      - path: .env.f\n        required: ${OPT}\n      - path: .env.g\n        Required: false\n",
      expected: [
        ref(".env.a", ".env.a", false, "4:15-4:21 .env.a", { span: "4:9-5:24 path: .env.a\n        required: false", requiredKey: "5:9-5:17 required" }),
        ref(".env.b", ".env.b", false, "6:15-6:21 .env.b", { span: "6:9-7:24 path: .env.b\n        required: False", requiredKey: "7:9-7:17 required" }),
        ref(".env.c", ".env.c", false, "8:16-8:22 .env.c", { span: '8:9-8:39 {path: .env.c, required: "no"}', requiredKey: "8:24-8:32 required" }),
        ref(".env.d", ".env.d", true, "9:16-9:22 .env.d", { span: "9:9-9:39 {path: .env.d, required: true}", requiredKey: "9:24-9:32 required" }),
        ref(".env.e", ".env.e", false, "10:15-10:21 .env.e", { span: "10:9-11:30 path: .env.e\n        required: ${OPT:-off}", requiredKey: "11:9-11:17 required" }),
        ref(".env.f", ".env.f", true, "12:15-12:21 .env.f", { span: "12:9-13:25 path: .env.f\n        required: ${OPT}", requiredKey: "13:9-13:17 required" }),
        ref(".env.g", ".env.g", true, "14:15-14:21 .env.g", { span: "14:9-15:24 path: .env.g\n        Required: false" }),
      ],
    },
    {
      name: "merged with `<<`: where the anchor writes it",
      code: "x-files: &files\n  env_file:\n    - path: .env.shared\n      required: false\nservices:\n  app:\n    <<: *files\n",
      expected: [ref(".env.shared", ".env.shared", false, "3:13-3:24 .env.shared", { span: "3:7-4:22 path: .env.shared\n      required: false", requiredKey: "4:7-4:15 required" })],
    },
    {
      name: "a single {path} map is not a form compose accepts",
      code: "services:\n  app:\n    env_file: {path: .env}\n",
      expected: [],
    },
  ])("$name", ({ code, expected }) => {
    expect(envFiles(code)).toEqual(expected);
  });

  it("normalizes paths one way for the rule, the hover and the explainer", () => {
    expect(["./.env", ".//.env", "config/../.env", " .env ", ".env/", "", ".\\.env", "/opt/app/.env"].map((p) => [p, normalizeEnvFilePath(p), normalizeEnvFilePath(p) === DOTENV])).toEqual([
      ["./.env", ".env", true],
      [".//.env", ".env", true],
      ["config/../.env", ".env", true],
      [" .env ", ".env", true],
      [".env/", ".env/", false],
      ["", "", false],
      // On the Linux VM a backslash is part of the name.
      [".\\.env", ".\\.env", false],
      ["/opt/app/.env", "/opt/app/.env", false],
    ]);
  });
});
