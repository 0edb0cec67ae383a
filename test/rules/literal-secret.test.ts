import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { isSecretName, literalSecret } from "../../server/src/engine/rules/literal-secret.js";
import { testRule } from "./rule-tester.js";

const app = (environment: string) => `services:\n  app:\n    image: app\n    environment:\n${environment}`;

testRule(literalSecret, {
  valid: [
    { name: "a reference, list form", code: app("      - DB_PASSWORD=${DB_PASSWORD}\n") },
    { name: "a reference to another name", code: app("      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?set it in the dashboard}\n") },
    { name: "empty values", code: app('      - SMTP_PASSWORD=\n      - SMTP_TOKEN=""\n      - API_KEY=${API_KEY:-}\n') },
    { name: "pass-through", code: app("      - DB_PASSWORD\n      - SECRET\n") },
    { name: "not secrets: files, key ids, flags, settings, public halves", code: app('      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      AWS_ACCESS_KEY_ID: AKIAEXAMPLE\n      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n      MYSQL_RANDOM_ROOT_PASSWORD: 1\n      ACCESS_TOKEN_EXPIRE_MINUTES: 30\n      PASSWORD_MIN_LENGTH: 12\n      REDIS_KEY_PREFIX: app\n      S3_ACCESS_KEY: minio\n      STRIPE_PUBLISHABLE_KEY: pk_test_1\n      DB_USER: admin\n      DATABASE_PASSWORD: /run/secrets/db-password\n') },
    { name: "a default that is not literal", code: app("      - DB_PASSWORD=${DB_PASSWORD:-${POSTGRES_PASSWORD}}\n") },
    { name: "a local dev file may hold dev passwords (scope pipeline)", pipeline: false, code: app("      - DB_PASSWORD=latigue\n") },
  ],
  invalid: [
    {
      name: "list form, comment kept",
      code: app("      - DB_PASSWORD=admin # dev\n      - DB_USER=admin\n"),
      errors: [{ line: 5, column: 21, endLine: 5, endColumn: 26, messageId: "plainValue", message: "Secret in plain text, committed to Git: write ${DB_PASSWORD} and set it in the dashboard." }],
      output: app("      - DB_PASSWORD=${DB_PASSWORD} # dev\n      - DB_USER=admin\n"),
    },
    {
      name: "map form, a number too",
      code: app("      POSTGRES_PASSWORD: admin\n      REDIS_PASSWORD: 123456\n"),
      errors: [{ line: 5, column: 26, endLine: 5, endColumn: 31, messageId: "plainValue", fixOutput: "services:\n  app:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      REDIS_PASSWORD: 123456\n" }, { line: 6, column: 23, endLine: 6, endColumn: 29, messageId: "plainValue", fixOutput: "services:\n  app:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: admin\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n" }],
      output: app("      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n"),
    },
    {
      name: "quoted values keep their quotes",
      code: app("      - \"DJANGO_SECRET_KEY=abc def\"\n") + "  worker:\n    image: app\n    environment:\n      STRIPE_API_KEY: 'sk_live_1'\n",
      errors: [{ line: 5, column: 28, endLine: 5, endColumn: 35, messageId: "plainValue" }, { line: 9, column: 24, endLine: 9, endColumn: 33, messageId: "plainValue" }],
      output: app("      - \"DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY}\"\n") + "  worker:\n    image: app\n    environment:\n      STRIPE_API_KEY: '${STRIPE_API_KEY}'\n",
    },
    {
      name: "a literal default (latigue's MinIO password)",
      code: app("      - MINIO_ROOT_PASSWORD=${MINIO_ROOT_PASSWORD:-minioadmin123}\n"),
      errors: [{ line: 5, column: 52, endLine: 5, endColumn: 65, messageId: "plainDefault", message: "Secret in plain text as a default, committed to Git: write ${MINIO_ROOT_PASSWORD} and set it in the dashboard." }],
      output: app("      - MINIO_ROOT_PASSWORD=${MINIO_ROOT_PASSWORD}\n"),
    },
    {
      name: "a default keeps the interpolated variable's name",
      code: app("      POSTGRES_PASSWORD: \"${DB_PASSWORD-admin123}\"\n"),
      errors: [{ line: 5, column: 41, endLine: 5, endColumn: 49, messageId: "plainDefault", message: "Secret in plain text as a default, committed to Git: write ${DB_PASSWORD} and set it in the dashboard." }],
      output: app("      POSTGRES_PASSWORD: \"${DB_PASSWORD}\"\n"),
    },
    {
      name: "a default inside a URL",
      code: app("      - DATABASE_URL=postgres://app:${DB_PASSWORD:-secret}@db:5432/app\n"),
      errors: [{ line: 5, column: 52, endLine: 5, endColumn: 58, messageId: "plainDefault" }],
      output: app("      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\n"),
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-env: &env\n  DB_PASSWORD: admin\n  MODE: prod\nservices:\n  a:\n    image: app\n    environment:\n      <<: *env\n  b:\n    image: app\n    environment:\n      <<: *env\n",
      errors: [{ line: 2, column: 16, endLine: 2, endColumn: 21, messageId: "plainValue" }],
      output: "x-env: &env\n  DB_PASSWORD: ${DB_PASSWORD}\n  MODE: prod\nservices:\n  a:\n    image: app\n    environment:\n      <<: *env\n  b:\n    image: app\n    environment:\n      <<: *env\n",
    },
    {
      name: "flow style: the new value is quoted",
      code: "services:\n  a: {image: app, environment: {GITHUB_TOKEN: ghp_x, MODE: dev}}\n  b: {image: app, environment: [JWT_SECRET=s3cr3t, MODE=dev]}\n",
      errors: [{ line: 2, column: 47, endLine: 2, endColumn: 52, messageId: "plainValue" }, { line: 3, column: 44, endLine: 3, endColumn: 50, messageId: "plainValue" }],
      output: 'services:\n  a: {image: app, environment: {GITHUB_TOKEN: "${GITHUB_TOKEN}", MODE: dev}}\n  b: {image: app, environment: ["JWT_SECRET=${JWT_SECRET}", MODE=dev]}\n',
    },
    {
      name: "a block scalar is reported, not edited",
      code: app("      SSH_PRIVATE_KEY: |\n        -----BEGIN OPENSSH PRIVATE KEY-----\n        abc\n"),
      errors: [{ line: 5, column: 24, endLine: 7, endColumn: 12, messageId: "plainValue" }],
      output: null,
    },
    {
      name: "long names: the messages still fit",
      code: app("      GF_SECURITY_ADMIN_PASSWORD: wJalrXUtnFEMIK7MDENG\n      DATABASE_URL: postgres://app:${POSTGRES_REPLICA_PASSWORD:-secret}@db/app\n"),
      errors: [
        { line: 5, column: 35, endLine: 5, endColumn: 55, messageId: "plainValue", message: "Secret in plain text, committed to Git: write ${GF_SECURITY_ADMIN_PASSWORD} and set it in the dashboard." },
        { line: 6, column: 65, endLine: 6, endColumn: 71, messageId: "plainDefault", message: "Secret in plain text as a default, committed to Git: write ${POSTGRES_REPLICA_PASSWORD} and set it in the dashboard." },
      ],
      output: app("      GF_SECURITY_ADMIN_PASSWORD: ${GF_SECURITY_ADMIN_PASSWORD}\n      DATABASE_URL: postgres://app:${POSTGRES_REPLICA_PASSWORD}@db/app\n"),
    },
    {
      name: "CRLF",
      code: "services:\r\n  db:\r\n    image: postgres\r\n    environment:\r\n      - POSTGRES_PASSWORD=latigue\r\n",
      errors: [{ line: 5, column: 27, endLine: 5, endColumn: 34, messageId: "plainValue" }],
      output: "services:\r\n  db:\r\n    image: postgres\r\n    environment:\r\n      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\r\n",
    },
  ],
});

describe("the quick fixes' titles", () => {
  it("name the reference they write", () => {
    const text = app("      DB_PASSWORD: admin\n      POSTGRES_PASSWORD: ${DB_PASS:-admin123}\n");
    const titles = lint(parseCompose(text), { isPipeline: true, rules: [literalSecret] }).map((f) => f.fix?.title);
    expect(titles).toEqual([
      { en: "Reference ${DB_PASSWORD}", fr: "Référencer ${DB_PASSWORD}" },
      { en: "Remove the default: ${DB_PASS}", fr: "Supprimer la valeur par défaut : ${DB_PASS}" },
    ]);
  });
});

describe("isSecretName", () => {
  it("knows secrets by name", () => {
    for (const name of ["DB_PASSWORD", "DB_PASSWD", "JWT_SECRET", "GITHUB_TOKEN", "API_KEY", "OPENAI_APIKEY", "SSH_PRIVATE_KEY", "APP_KEY", "SECRET_KEY_BASE", "AWS_SECRET_ACCESS_KEY", "api_key"]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ["DB_USER", "DB_PASSWORD_FILE", "AWS_ACCESS_KEY_ID", "MYSQL_ALLOW_EMPTY_PASSWORD", "PASSWORD_MIN_LENGTH", "TOKEN_TTL", "KEY", "KEY_PREFIX", "MINIO_ACCESS_KEY", "SUPABASE_PUBLIC_KEY"]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});
