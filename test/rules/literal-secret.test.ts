import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { isPlaceholder, isSecretName, literalSecret, passwordVariableName, urlPasswords } from "../../server/src/engine/rules/literal-secret.js";
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
    {
      name: "placeholders that hold no secret: none (elx-loanbot's default), null, 0, a $$ escape, a secret file",
      code: app("      EXTERNAL_CHATWOOT_TOKEN: ${EXTERNAL_CHATWOOT_TOKEN:-none}\n      API_TOKEN: none\n      SMTP_PASS: null\n      GPG_PASSPHRASE: 0\n      WEBHOOK_SECRET: $$WEBHOOK_SECRET\n      DB_PASS_FILE: /run/secrets/db\n"),
    },
    { name: "names that end in no secret: the shell's PWD, a cookie's domain, traefik's pass-host-header", code: app("      PWD: /app\n      SESSION_COOKIE_DOMAIN: example.com\n      PASS_HOST_HEADER: enabled\n") },
    {
      name: "URLs without a password, with an empty or placeholder one, or a reference",
      code: app("      REDIS_URL: redis://redis:6379\n      SENTRY_DSN: https://key@sentry.io/1\n      BROKER_URL: amqp://guest@rabbit\n      CACHE_URL: redis://:@cache\n      QUEUE_URL: redis://:none@queue\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n      HOME_URL: https://example.com:8443/a@b\n"),
    },
    {
      name: "a healthcheck that reads the container's variable; build args and labels without secrets",
      code:
        app("      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n") +
        '    healthcheck:\n      test: ["CMD-SHELL", "PGPASSWORD=$${POSTGRES_PASSWORD} psql -U app -c \'select 1\'"]\n    build:\n      context: .\n      args:\n        NODE_ENV: production\n        NPM_TOKEN: ${NPM_TOKEN}\n    labels:\n      - traefik.enable=true\n      - traefik.http.middlewares.auth.basicauth.users=${BASIC_AUTH_USERS}\n',
    },
    // Only a default of a secret, or inside a URL's password, is a committed secret: not NODE_ENV's, nor a URL's user or host.
    { name: "defaults of other variables, around a URL's password", code: app("      NODE_ENV: ${NODE_ENV:-production}\n      DATABASE_URL: postgres://${DB_USER:-app}:${DB_PASSWORD}@${DB_HOST:-db}/app\n") },
    // The space around the reference is no secret.
    { name: "a reference with a space beside it", code: app('      DB_PASSWORD: " ${DB_PASSWORD}"\n') },
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
    {
      name: "passwords in connection URLs: only the password, a variable named after the URL's",
      code: app("      - DATABASE_URL=postgres://u:pw@db/x\n      - REDIS_URL=redis://:s3cret@redis:6379\n      - CELERY_BROKER_URL=amqp://u:guest1@rabbit//\n"),
      errors: [
        {
          line: 5, column: 35, endLine: 5, endColumn: 37, messageId: "urlPassword",
          message: "URL password in plain text, committed to Git: write ${DATABASE_PASSWORD} and set it in the dashboard.",
          fixOutput: app("      - DATABASE_URL=postgres://u:${DATABASE_PASSWORD}@db/x\n      - REDIS_URL=redis://:s3cret@redis:6379\n      - CELERY_BROKER_URL=amqp://u:guest1@rabbit//\n"),
        },
        { line: 6, column: 28, endLine: 6, endColumn: 34, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${REDIS_PASSWORD} and set it in the dashboard." },
        { line: 7, column: 36, endLine: 7, endColumn: 42, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${CELERY_BROKER_PASSWORD} and set it in the dashboard." },
      ],
      output: app("      - DATABASE_URL=postgres://u:${DATABASE_PASSWORD}@db/x\n      - REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379\n      - CELERY_BROKER_URL=amqp://u:${CELERY_BROKER_PASSWORD}@rabbit//\n"),
    },
    {
      // Each password its own variable: the same name for two values would give one service the other's password.
      name: "the same URL variable in several services with different passwords: a name each; the same password, the same name",
      code: "services:\n  a:\n    image: a\n    environment:\n      DATABASE_URL: postgres://app:s3cretA1@db/app\n  b:\n    image: b\n    environment:\n      DATABASE_URL: postgres://app:s3cretB2@db/app\n  c:\n    image: c\n    environment:\n      DATABASE_URL: postgres://app:s3cretC3@db/app\n  d:\n    image: d\n    environment:\n      DATABASE_URL: postgres://app:s3cretA1@db/app\n  e:\n    image: e\n    environment:\n      DATABASE_URL: postgres://app:s3cretE5@db/app\n",
      errors: [
        { line: 5, column: 36, endLine: 5, endColumn: 44, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${DATABASE_PASSWORD} and set it in the dashboard." },
        { line: 9, column: 36, endLine: 9, endColumn: 44, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${DATABASE_URL_PASSWORD} and set it in the dashboard." },
        { line: 13, column: 36, endLine: 13, endColumn: 44, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${DATABASE_PASSWORD_2} and set it in the dashboard." },
        { line: 17, column: 36, endLine: 17, endColumn: 44, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${DATABASE_PASSWORD} and set it in the dashboard." },
        { line: 21, column: 36, endLine: 21, endColumn: 44, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${DATABASE_PASSWORD_3} and set it in the dashboard." },
      ],
      output: "services:\n  a:\n    image: a\n    environment:\n      DATABASE_URL: postgres://app:${DATABASE_PASSWORD}@db/app\n  b:\n    image: b\n    environment:\n      DATABASE_URL: postgres://app:${DATABASE_URL_PASSWORD}@db/app\n  c:\n    image: c\n    environment:\n      DATABASE_URL: postgres://app:${DATABASE_PASSWORD_2}@db/app\n  d:\n    image: d\n    environment:\n      DATABASE_URL: postgres://app:${DATABASE_PASSWORD}@db/app\n  e:\n    image: e\n    environment:\n      DATABASE_URL: postgres://app:${DATABASE_PASSWORD_3}@db/app\n",
    },
    {
      // DATABASE_PASSWORD is the file's, from another variable: the URL's password gets a name of its own.
      name: "a URL password under a name the file already gives a value through a variable",
      code: "services:\n  app:\n    image: app\n    environment:\n      DATABASE_PASSWORD: ${DB_PASS}\n      DATABASE_URL: postgres://app:pw@db/app\n",
      errors: [{ line: 6, column: 36, endLine: 6, endColumn: 38, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${DATABASE_URL_PASSWORD} and set it in the dashboard." }],
      output: "services:\n  app:\n    image: app\n    environment:\n      DATABASE_PASSWORD: ${DB_PASS}\n      DATABASE_URL: postgres://app:${DATABASE_URL_PASSWORD}@db/app\n",
    },
    {
      name: "a URL that repeats a secret references its variable (umami)",
      code: "services:\n  umami:\n    image: umami\n    environment:\n      DATABASE_URL: postgresql://umami:umami@db:5432/umami\n  db:\n    image: postgres:15\n    environment:\n      POSTGRES_USER: umami\n      POSTGRES_PASSWORD: umami\n",
      errors: [
        { line: 5, column: 40, endLine: 5, endColumn: 45, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${POSTGRES_PASSWORD} and set it in the dashboard." },
        { line: 10, column: 26, endLine: 10, endColumn: 31, messageId: "plainValue" },
      ],
      output: "services:\n  umami:\n    image: umami\n    environment:\n      DATABASE_URL: postgresql://umami:${POSTGRES_PASSWORD}@db:5432/umami\n  db:\n    image: postgres:15\n    environment:\n      POSTGRES_USER: umami\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
    },
    {
      name: "a URL's variable name taken by another value; a quoted URL; a flow map",
      code: app("      DATABASE_URL: \"postgres://app:hunter2@db/app\"\n      DATABASE_PASSWORD: other\n") + "  b: {image: app, environment: {MONGO_URL: mongodb://u:pw@mongo/x}}\n",
      errors: [
        { line: 5, column: 37, endLine: 5, endColumn: 44, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${DATABASE_URL_PASSWORD} and set it in the dashboard." },
        { line: 6, column: 26, endLine: 6, endColumn: 31, messageId: "plainValue" },
        { line: 7, column: 56, endLine: 7, endColumn: 58, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${MONGO_PASSWORD} and set it in the dashboard." },
      ],
      output: app("      DATABASE_URL: \"postgres://app:${DATABASE_URL_PASSWORD}@db/app\"\n      DATABASE_PASSWORD: ${DATABASE_PASSWORD}\n") + "  b: {image: app, environment: {MONGO_URL: \"mongodb://u:${MONGO_PASSWORD}@mongo/x\"}}\n",
    },
    {
      name: "a default in a URL's password, whatever its variable's name",
      code: app("      DATABASE_URL: postgres://u:${DB_PW:-hunter2}@db/x\n"),
      errors: [{ line: 5, column: 43, endLine: 5, endColumn: 50, messageId: "plainDefault" }],
      output: app("      DATABASE_URL: postgres://u:${DB_PW}@db/x\n"),
    },
    {
      name: "names ending _PASS, _PWD, _COOKIE; passphrases and private keys",
      code: app("      SMTP_PASS: hunter2\n      MYSQL_PWD: x1\n      GPG_PASSPHRASE: 'correct horse'\n      RABBITMQ_ERLANG_COOKIE: secret-cookie\n      VAPID_PRIVATEKEY: abc\n"),
      errors: [
        { line: 5, column: 18, endLine: 5, endColumn: 25, messageId: "plainValue", message: "Secret in plain text, committed to Git: write ${SMTP_PASS} and set it in the dashboard." },
        { line: 6, column: 18, endLine: 6, endColumn: 20, messageId: "plainValue" },
        { line: 7, column: 24, endLine: 7, endColumn: 37, messageId: "plainValue" },
        { line: 8, column: 31, endLine: 8, endColumn: 44, messageId: "plainValue" },
        { line: 9, column: 25, endLine: 9, endColumn: 28, messageId: "plainValue" },
      ],
      output: app("      SMTP_PASS: ${SMTP_PASS}\n      MYSQL_PWD: ${MYSQL_PWD}\n      GPG_PASSPHRASE: '${GPG_PASSPHRASE}'\n      RABBITMQ_ERLANG_COOKIE: ${RABBITMQ_ERLANG_COOKIE}\n      VAPID_PRIVATEKEY: ${VAPID_PRIVATEKEY}\n"),
    },
    {
      name: "build args: map, list and flow forms, a URL among them",
      code: "services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: npm_abc\n        NODE_ENV: production\n  worker:\n    build:\n      context: .\n      args:\n        - GITHUB_TOKEN=ghp_x\n        - PIP_INDEX_URL=https://u:pw@pypi.example.com/simple\n  cron:\n    build: {context: ., args: [SENTRY_AUTH_TOKEN=abc]}\n",
      errors: [
        {
          line: 6, column: 20, endLine: 6, endColumn: 27, messageId: "buildArg",
          message: "Secret in plain text in a build arg, committed to Git: write ${NPM_TOKEN} and set it in the dashboard.",
          fixOutput: "services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n        NODE_ENV: production\n  worker:\n    build:\n      context: .\n      args:\n        - GITHUB_TOKEN=ghp_x\n        - PIP_INDEX_URL=https://u:pw@pypi.example.com/simple\n  cron:\n    build: {context: ., args: [SENTRY_AUTH_TOKEN=abc]}\n",
        },
        { line: 12, column: 24, endLine: 12, endColumn: 29, messageId: "buildArg" },
        { line: 13, column: 35, endLine: 13, endColumn: 37, messageId: "urlPassword", message: "URL password in plain text, committed to Git: write ${PIP_INDEX_PASSWORD} and set it in the dashboard." },
        { line: 15, column: 50, endLine: 15, endColumn: 53, messageId: "buildArg" },
      ],
      output: "services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n        NODE_ENV: production\n  worker:\n    build:\n      context: .\n      args:\n        - GITHUB_TOKEN=${GITHUB_TOKEN}\n        - PIP_INDEX_URL=https://u:${PIP_INDEX_PASSWORD}@pypi.example.com/simple\n  cron:\n    build: {context: ., args: [\"SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN}\"]}\n",
    },
    {
      name: "basic-auth hashes in labels (apr1, bcrypt, SHA): each hash, no fix",
      code: "services:\n  web:\n    image: app\n    labels:\n      - \"traefik.http.middlewares.auth.basicauth.users=admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/,bob:$$2y$$05$$abcdefghijklmnopqrstuu\"\n  api:\n    image: app\n    labels:\n      traefik.http.middlewares.api-auth.basicauth.users: \"ops:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\"\n",
      errors: [
        { line: 5, column: 62, endLine: 5, endColumn: 102, messageId: "labelHash", message: 'Password hash of "admin" in a label, committed to Git, where it can be cracked: move it to the dashboard.', fixOutput: null },
        { line: 5, column: 107, endLine: 5, endColumn: 139, messageId: "labelHash" },
        { line: 9, column: 63, endLine: 9, endColumn: 96, messageId: "labelHash" },
      ],
      output: null,
    },
    {
      name: "a secret repeated in a healthcheck run by a shell: both places, the copy reads the container's variable",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: mysqladmin ping -h localhost -padmin123\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 36, messageId: "plainValue" },
        {
          line: 7, column: 44, endLine: 7, endColumn: 52, messageId: "repeatedShell",
          message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MYSQL_ROOT_PASSWORD} to read the variable.",
          fixOutput: 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: mysqladmin ping -h localhost -p"$${MYSQL_ROOT_PASSWORD}"\n',
        },
      ],
      output: 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: mysqladmin ping -h localhost -p"$${MYSQL_ROOT_PASSWORD}"\n',
    },
    {
      name: "a secret repeated where no shell runs (CMD): reported, no fix",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-padmin123\"]\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 36, messageId: "plainValue" },
        { line: 7, column: 46, endLine: 7, endColumn: 54, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-padmin123\"]\n",
    },
    {
      name: "a secret repeated in another service's shell command: its container lacks the variable, no fix",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3t\n  web:\n    image: app\n    command: [sh, -c, \"PGPASSWORD=s3cr3t psql -h db -U app -c 'select 1' && exec gunicorn\"]\n",
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 32, messageId: "plainValue" },
        { line: 8, column: 35, endLine: 8, endColumn: 41, messageId: "repeated", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n  web:\n    image: app\n    command: [sh, -c, \"PGPASSWORD=s3cr3t psql -h db -U app -c 'select 1' && exec gunicorn\"]\n",
    },
    {
      name: "shell quoting: escaped in a YAML double-quoted script, bare inside shell double quotes, none inside single quotes",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: [\"CMD-SHELL\", \"mysqladmin ping -u root --password=admin123\"]\n  db2:\n    image: mysql:8\n    environment:\n      - MYSQL_ROOT_PASSWORD=admin123\n    healthcheck:\n      test: ['CMD-SHELL', 'mysql -p\"admin123\" -e \"select 1\"']\n    command:\n      - sh\n      - -c\n      - echo 'admin123' > /tmp/pw\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 36, messageId: "plainValue" },
        {
          line: 7, column: 63, endLine: 7, endColumn: 71, messageId: "repeatedShell",
          fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: [\"CMD-SHELL\", \"mysqladmin ping -u root --password=\\\"$${MYSQL_ROOT_PASSWORD}\\\"\"]\n  db2:\n    image: mysql:8\n    environment:\n      - MYSQL_ROOT_PASSWORD=admin123\n    healthcheck:\n      test: ['CMD-SHELL', 'mysql -p\"admin123\" -e \"select 1\"']\n    command:\n      - sh\n      - -c\n      - echo 'admin123' > /tmp/pw\n",
        },
        { line: 11, column: 29, endLine: 11, endColumn: 37, messageId: "plainValue" },
        {
          line: 13, column: 37, endLine: 13, endColumn: 45, messageId: "repeatedShell",
          fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: [\"CMD-SHELL\", \"mysqladmin ping -u root --password=admin123\"]\n  db2:\n    image: mysql:8\n    environment:\n      - MYSQL_ROOT_PASSWORD=admin123\n    healthcheck:\n      test: ['CMD-SHELL', 'mysql -p\"$${MYSQL_ROOT_PASSWORD}\" -e \"select 1\"']\n    command:\n      - sh\n      - -c\n      - echo 'admin123' > /tmp/pw\n",
        },
        { line: 17, column: 15, endLine: 17, endColumn: 23, messageId: "repeated", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: [\"CMD-SHELL\", \"mysqladmin ping -u root --password=\\\"$${MYSQL_ROOT_PASSWORD}\\\"\"]\n  db2:\n    image: mysql:8\n    environment:\n      - MYSQL_ROOT_PASSWORD=${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: ['CMD-SHELL', 'mysql -p\"$${MYSQL_ROOT_PASSWORD}\" -e \"select 1\"']\n    command:\n      - sh\n      - -c\n      - echo 'admin123' > /tmp/pw\n",
    },
    {
      name: "a secret given as a default, repeated in a URL of a shell healthcheck: the container's variable, quoted",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASS:-hunter22}\n    healthcheck:\n      test: psql postgres://app:hunter22@localhost/app -c 'select 1'\n",
      errors: [
        { line: 5, column: 37, endLine: 5, endColumn: 45, messageId: "plainDefault" },
        { line: 7, column: 33, endLine: 7, endColumn: 41, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${POSTGRES_PASSWORD} to read the variable." },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASS}\n    healthcheck:\n      test: psql postgres://app:\"$${POSTGRES_PASSWORD}\"@localhost/app -c 'select 1'\n",
    },
    {
      name: "a word of its own, when the value is distinctive (sqlcmd -P)",
      code: "services:\n  mssql:\n    image: mcr.microsoft.com/mssql/server\n    environment:\n      SA_PASSWORD: example_123\n    healthcheck:\n      test: [\"CMD-SHELL\", \"/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P example_123 -Q 'SELECT 1'\"]\n",
      errors: [
        { line: 5, column: 20, endLine: 5, endColumn: 31, messageId: "plainValue" },
        { line: 7, column: 78, endLine: 7, endColumn: 89, messageId: "repeatedShell" },
      ],
      output: "services:\n  mssql:\n    image: mcr.microsoft.com/mssql/server\n    environment:\n      SA_PASSWORD: ${SA_PASSWORD}\n    healthcheck:\n      test: [\"CMD-SHELL\", \"/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P \\\"$${SA_PASSWORD}\\\" -Q 'SELECT 1'\"]\n",
    },
    {
      name: "a password equal to the user name: the user name and common words in commands are no copies",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: postgres\n    healthcheck:\n      test: pg_isready -U postgres && echo postgres\n    command: [postgres, -c, password_encryption=scram-sha-256]\n",
      errors: [{ line: 6, column: 26, endLine: 6, endColumn: 34, messageId: "plainValue" }],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    healthcheck:\n      test: pg_isready -U postgres && echo postgres\n    command: [postgres, -c, password_encryption=scram-sha-256]\n",
    },
    {
      name: "an anchored value is reported under the name written at the anchor (listmonk)",
      code: "x-db: &db\n  POSTGRES_PASSWORD: &db-password listmonk\nservices:\n  app:\n    image: listmonk\n    environment:\n      LISTMONK_db__password: *db-password\n  db:\n    image: postgres\n    environment:\n      <<: *db\n",
      errors: [{ line: 2, column: 35, endLine: 2, endColumn: 43, messageId: "plainValue", message: "Secret in plain text, committed to Git: write ${POSTGRES_PASSWORD} and set it in the dashboard." }],
      output: "x-db: &db\n  POSTGRES_PASSWORD: &db-password ${POSTGRES_PASSWORD}\nservices:\n  app:\n    image: listmonk\n    environment:\n      LISTMONK_db__password: *db-password\n  db:\n    image: postgres\n    environment:\n      <<: *db\n",
    },
    {
      name: "a password option's value, not a later word of the command (pg_isready -p 5432 -U admin)",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: admin\n    healthcheck:\n      test: pg_isready -h localhost -p 5432 -U admin\n",
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 31, messageId: "plainValue" },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    healthcheck:\n      test: pg_isready -h localhost -p 5432 -U admin\n",
    },
    {
      name: "-p glued to the value at the start of an exec word",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin\n    healthcheck:\n      test:\n        - CMD\n        - mysqladmin\n        - ping\n        - -padmin\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 33, messageId: "plainValue" },
        { line: 11, column: 13, endLine: 11, endColumn: 18, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test:\n        - CMD\n        - mysqladmin\n        - ping\n        - -padmin\n",
    },
    {
      name: "single-dash and -pass options: keytool -storepass, redis-server --requirepass",
      code: "services:\n  app:\n    image: app\n    environment:\n      KEYSTORE_PASSWORD: changeit\n    healthcheck:\n      test: keytool -list -keystore /etc/app.jks -storepass changeit\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    command: [sh, -c, \"redis-server --requirepass admin\"]\n",
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 34, messageId: "plainValue" },
        { line: 7, column: 61, endLine: 7, endColumn: 69, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${KEYSTORE_PASSWORD} to read the variable.", fixOutput: "services:\n  app:\n    image: app\n    environment:\n      KEYSTORE_PASSWORD: changeit\n    healthcheck:\n      test: keytool -list -keystore /etc/app.jks -storepass \"$${KEYSTORE_PASSWORD}\"\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    command: [sh, -c, \"redis-server --requirepass admin\"]\n" },
        { line: 11, column: 23, endLine: 11, endColumn: 28, messageId: "plainValue" },
        { line: 12, column: 51, endLine: 12, endColumn: 56, messageId: "repeatedShell", message: "Secret copied into command: it fails once the secret changes. Write $${REDIS_PASSWORD} to read the variable.", fixOutput: "services:\n  app:\n    image: app\n    environment:\n      KEYSTORE_PASSWORD: changeit\n    healthcheck:\n      test: keytool -list -keystore /etc/app.jks -storepass changeit\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    command: [sh, -c, \"redis-server --requirepass \\\"$${REDIS_PASSWORD}\\\"\"]\n" },
      ],
      output: "services:\n  app:\n    image: app\n    environment:\n      KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD}\n    healthcheck:\n      test: keytool -list -keystore /etc/app.jks -storepass \"$${KEYSTORE_PASSWORD}\"\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    command: [sh, -c, \"redis-server --requirepass \\\"$${REDIS_PASSWORD}\\\"\"]\n",
    },
    {
      name: "--password and its value as two words",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin\n    healthcheck:\n      test: mysqladmin ping --password admin\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 33, messageId: "plainValue" },
        { line: 7, column: 40, endLine: 7, endColumn: 45, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MYSQL_ROOT_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin\n    healthcheck:\n      test: mysqladmin ping --password \"$${MYSQL_ROOT_PASSWORD}\"\n" },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: mysqladmin ping --password \"$${MYSQL_ROOT_PASSWORD}\"\n",
    },
    {
      name: "options and values on separate lines of a folded script (--password, --user, redis-cli -a, -u)",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin\n    healthcheck:\n      test: >\n        mysqladmin ping --password\n        admin && curl --user\n        root:admin http://localhost && redis-cli -a\n        admin ping\n  mongo:\n    image: mongo:7\n    environment:\n      MONGO_PASSWORD: backup_2024\n    healthcheck:\n      test: >\n        mongodump -u\n        backup_2024 -p backup_2024\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 33, messageId: "plainValue" },
        { line: 9, column: 9, endLine: 9, endColumn: 14, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 10, column: 14, endLine: 10, endColumn: 19, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 11, column: 9, endLine: 11, endColumn: 14, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 15, column: 23, endLine: 15, endColumn: 34, messageId: "plainValue" },
        { line: 19, column: 24, endLine: 19, endColumn: 35, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MONGO_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: >\n        mysqladmin ping --password\n        admin && curl --user\n        root:admin http://localhost && redis-cli -a\n        admin ping\n  mongo:\n    image: mongo:7\n    environment:\n      MONGO_PASSWORD: ${MONGO_PASSWORD}\n    healthcheck:\n      test: >\n        mongodump -u\n        backup_2024 -p backup_2024\n",
    },
    {
      name: "curl -u user:password: the password, not the user name nor a path that repeats it",
      code: "services:\n  app:\n    image: app\n    environment:\n      ADMIN_PASSWORD: admin\n    healthcheck:\n      test: curl -fs -u admin:admin http://localhost:8080/admin\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 7, column: 31, endLine: 7, endColumn: 36, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${ADMIN_PASSWORD} to read the variable.", fixOutput: "services:\n  app:\n    image: app\n    environment:\n      ADMIN_PASSWORD: admin\n    healthcheck:\n      test: curl -fs -u admin:\"$${ADMIN_PASSWORD}\" http://localhost:8080/admin\n" },
      ],
      output: "services:\n  app:\n    image: app\n    environment:\n      ADMIN_PASSWORD: ${ADMIN_PASSWORD}\n    healthcheck:\n      test: curl -fs -u admin:\"$${ADMIN_PASSWORD}\" http://localhost:8080/admin\n",
    },
    {
      name: "--user=user:password at the start of an exec word",
      code: "services:\n  app:\n    image: app\n    environment:\n      ADMIN_PASSWORD: admin\n    healthcheck:\n      test:\n        - CMD\n        - curl\n        - --user=admin:admin\n        - http://localhost:8080/health\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 10, column: 24, endLine: 10, endColumn: 29, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${ADMIN_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  app:\n    image: app\n    environment:\n      ADMIN_PASSWORD: ${ADMIN_PASSWORD}\n    healthcheck:\n      test:\n        - CMD\n        - curl\n        - --user=admin:admin\n        - http://localhost:8080/health\n",
    },
    {
      name: "redis-cli -a: the password, not the user name after it",
      code: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    healthcheck:\n      test: redis-cli -a admin --user admin ping\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 7, column: 26, endLine: 7, endColumn: 31, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${REDIS_PASSWORD} to read the variable.", fixOutput: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    healthcheck:\n      test: redis-cli -a \"$${REDIS_PASSWORD}\" --user admin ping\n" },
      ],
      output: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: redis-cli -a \"$${REDIS_PASSWORD}\" --user admin ping\n",
    },
    {
      // Only the word right after -a is its value, and only redis-cli's -a is a password: another tool's -a before redis-cli runs is not.
      name: "redis-cli -a: two spaces before the password; not a value further on, nor another tool's -a",
      code: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    healthcheck:\n      test: redis-cli -a  admin ping\n  cache:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: redis-cli -a $${REDIS_PASSWORD} get admin\n  tool:\n    image: tool\n    environment:\n      TOOL_PASSWORD: admin\n    command: mytool -a admin && redis-cli ping\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 7, column: 27, endLine: 7, endColumn: 32, messageId: "repeatedShell" },
        { line: 17, column: 22, endLine: 17, endColumn: 27, messageId: "plainValue" },
      ],
      output: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: redis-cli -a  \"$${REDIS_PASSWORD}\" ping\n  cache:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: redis-cli -a $${REDIS_PASSWORD} get admin\n  tool:\n    image: tool\n    environment:\n      TOOL_PASSWORD: ${TOOL_PASSWORD}\n    command: mytool -a admin && redis-cli ping\n",
    },
    {
      // An exec list runs without a shell, but its words are a command line: the option is the word before (no fix: $${NAME} needs a shell).
      name: "exec lists: redis-cli -a and --password take the next word; mysql's -p and -U do not",
      code: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"-a\", \"admin\", \"ping\"]\n  db:\n    image: mysql:8\n    command: [mysqld, --default-authentication-plugin=mysql_native_password]\n    healthcheck:\n      test: [CMD, mysqladmin, ping, --password, admin]\n  client:\n    image: mysql:8\n    command: [mysql, -p, admin]\n  backup:\n    image: postgres:16\n    environment:\n      BACKUP_PASSWORD: backup_2024\n    command: [pg_dump, -U, backup_2024, --no-password]\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 7, column: 41, endLine: 7, endColumn: 46, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${REDIS_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 12, column: 49, endLine: 12, endColumn: 54, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${REDIS_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 19, column: 24, endLine: 19, endColumn: 35, messageId: "plainValue" },
      ],
      output: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"-a\", \"admin\", \"ping\"]\n  db:\n    image: mysql:8\n    command: [mysqld, --default-authentication-plugin=mysql_native_password]\n    healthcheck:\n      test: [CMD, mysqladmin, ping, --password, admin]\n  client:\n    image: mysql:8\n    command: [mysql, -p, admin]\n  backup:\n    image: postgres:16\n    environment:\n      BACKUP_PASSWORD: ${BACKUP_PASSWORD}\n    command: [pg_dump, -U, backup_2024, --no-password]\n",
    },
    {
      // The shell removes the quotes: the value is still the option's.
      name: "a quoted value after redis-cli -a, --password and -u user:",
      code: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    healthcheck:\n      test: redis-cli -a \"admin\" ping && mysqladmin ping --password 'admin' && curl -u \"root:admin\" http://x\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 7, column: 27, endLine: 7, endColumn: 32, messageId: "repeatedShell", fixOutput: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    healthcheck:\n      test: redis-cli -a \"$${REDIS_PASSWORD}\" ping && mysqladmin ping --password 'admin' && curl -u \"root:admin\" http://x\n" },
        { line: 7, column: 70, endLine: 7, endColumn: 75, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${REDIS_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 7, column: 94, endLine: 7, endColumn: 99, messageId: "repeatedShell" },
      ],
      output: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: redis-cli -a \"$${REDIS_PASSWORD}\" ping && mysqladmin ping --password 'admin' && curl -u \"root:$${REDIS_PASSWORD}\" http://x\n",
    },
    {
      // Each list is a command line of its own, and so are a script's arguments: a redis-cli in the healthcheck makes no -a of the command its option.
      name: "exec lists: an option as the first word, a user:password, another list's redis-cli, a script's arguments, a URL as the first word",
      code: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: admin\n    command: [\"--requirepass\", \"admin\"]\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n  proxy:\n    image: proxy\n    command: [--user, \"root:admin\"]\n  backup:\n    image: backup\n    healthcheck:\n      test: [CMD, redis-cli, ping]\n    command: [backup, -a, admin]\n  app:\n    image: app\n    command: [sh, -c, 'exec app \"$$@\"', app, --password, admin]\n  worker:\n    image: worker\n    command: [sh, -c, 'exec worker \"$$@\"', --password=admin]\n  migrate:\n    image: migrate\n    command: [postgres://app:admin@db/app, up]\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 6, column: 33, endLine: 6, endColumn: 38, messageId: "repeated", message: "Secret copied into command: it fails once the secret changes. Write ${REDIS_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 11, column: 29, endLine: 11, endColumn: 34, messageId: "repeated", fixOutput: null },
        { line: 19, column: 58, endLine: 19, endColumn: 63, messageId: "repeated", fixOutput: null },
        { line: 22, column: 55, endLine: 22, endColumn: 60, messageId: "repeated", fixOutput: null },
        { line: 25, column: 30, endLine: 25, endColumn: 35, messageId: "repeated", fixOutput: null },
      ],
      output: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    command: [\"--requirepass\", \"admin\"]\n    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n  proxy:\n    image: proxy\n    command: [--user, \"root:admin\"]\n  backup:\n    image: backup\n    healthcheck:\n      test: [CMD, redis-cli, ping]\n    command: [backup, -a, admin]\n  app:\n    image: app\n    command: [sh, -c, 'exec app \"$$@\"', app, --password, admin]\n  worker:\n    image: worker\n    command: [sh, -c, 'exec worker \"$$@\"', --password=admin]\n  migrate:\n    image: migrate\n    command: [postgres://app:admin@db/app, up]\n",
    },
    {
      name: "a distinctive value after -u is the user name; after -p, the password",
      code: "services:\n  mongo:\n    image: mongo:7\n    environment:\n      MONGO_PASSWORD: backup_2024\n    healthcheck:\n      test: mongodump -u backup_2024 -p backup_2024 --out /tmp/x\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 34, messageId: "plainValue" },
        { line: 7, column: 41, endLine: 7, endColumn: 52, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MONGO_PASSWORD} to read the variable.", fixOutput: "services:\n  mongo:\n    image: mongo:7\n    environment:\n      MONGO_PASSWORD: backup_2024\n    healthcheck:\n      test: mongodump -u backup_2024 -p \"$${MONGO_PASSWORD}\" --out /tmp/x\n" },
      ],
      output: "services:\n  mongo:\n    image: mongo:7\n    environment:\n      MONGO_PASSWORD: ${MONGO_PASSWORD}\n    healthcheck:\n      test: mongodump -u backup_2024 -p \"$${MONGO_PASSWORD}\" --out /tmp/x\n",
    },
    {
      name: "--username= names a user even when it equals the password",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: backup_2024\n    healthcheck:\n      test:\n        - CMD\n        - pg_isready\n        - --username=backup_2024\n",
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 37, messageId: "plainValue" },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    healthcheck:\n      test:\n        - CMD\n        - pg_isready\n        - --username=backup_2024\n",
    },
    {
      name: "a shorter secret inside a longer one is no copy of it",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      REDIS_PASSWORD: admin\n      POSTGRES_PASSWORD: admin123\n    healthcheck:\n      test: psql postgres://app:admin123@localhost/app -c 'select 1' && mysql -padmin123\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 6, column: 26, endLine: 6, endColumn: 34, messageId: "plainValue" },
        { line: 8, column: 33, endLine: 8, endColumn: 41, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${POSTGRES_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: postgres:16\n    environment:\n      REDIS_PASSWORD: admin\n      POSTGRES_PASSWORD: admin123\n    healthcheck:\n      test: psql postgres://app:\"$${POSTGRES_PASSWORD}\"@localhost/app -c 'select 1' && mysql -padmin123\n" },
        { line: 8, column: 81, endLine: 8, endColumn: 89, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${POSTGRES_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: postgres:16\n    environment:\n      REDIS_PASSWORD: admin\n      POSTGRES_PASSWORD: admin123\n    healthcheck:\n      test: psql postgres://app:admin123@localhost/app -c 'select 1' && mysql -p\"$${POSTGRES_PASSWORD}\"\n" },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    healthcheck:\n      test: psql postgres://app:\"$${POSTGRES_PASSWORD}\"@localhost/app -c 'select 1' && mysql -p\"$${POSTGRES_PASSWORD}\"\n",
    },
    {
      name: "an assignment to a secret name, not one to another name",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: admin\n    healthcheck:\n      test: PGUSER=admin PGPASSWORD=admin psql -h localhost -c 'select 1'\n",
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 31, messageId: "plainValue" },
        { line: 7, column: 37, endLine: 7, endColumn: 42, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${POSTGRES_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: admin\n    healthcheck:\n      test: PGUSER=admin PGPASSWORD=\"$${POSTGRES_PASSWORD}\" psql -h localhost -c 'select 1'\n" },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    healthcheck:\n      test: PGUSER=admin PGPASSWORD=\"$${POSTGRES_PASSWORD}\" psql -h localhost -c 'select 1'\n",
    },
    {
      name: "an assignment at the start of a plain script; the database named like the password is no copy",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: admin\n    healthcheck:\n      test: PGPASSWORD=admin psql -h localhost -c 'select 1' -d admin\n",
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 31, messageId: "plainValue" },
        { line: 7, column: 24, endLine: 7, endColumn: 29, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${POSTGRES_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: admin\n    healthcheck:\n      test: PGPASSWORD=\"$${POSTGRES_PASSWORD}\" psql -h localhost -c 'select 1' -d admin\n" },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    healthcheck:\n      test: PGPASSWORD=\"$${POSTGRES_PASSWORD}\" psql -h localhost -c 'select 1' -d admin\n",
    },
    {
      name: "an assignment after &&",
      code: "services:\n  app:\n    image: app\n    environment:\n      SECRET: admin\n    healthcheck:\n      test: cd /app && SECRET=admin ./check.sh\n",
      errors: [
        { line: 5, column: 15, endLine: 5, endColumn: 20, messageId: "plainValue" },
        { line: 7, column: 31, endLine: 7, endColumn: 36, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${SECRET} to read the variable.", fixOutput: "services:\n  app:\n    image: app\n    environment:\n      SECRET: admin\n    healthcheck:\n      test: cd /app && SECRET=\"$${SECRET}\" ./check.sh\n" },
      ],
      output: "services:\n  app:\n    image: app\n    environment:\n      SECRET: ${SECRET}\n    healthcheck:\n      test: cd /app && SECRET=\"$${SECRET}\" ./check.sh\n",
    },
    {
      name: "a URL's password at the start of an exec word",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: admin\n    healthcheck:\n      test:\n        - CMD\n        - pg_isready\n        - -d\n        - postgres://app:admin@localhost/app\n",
      errors: [
        { line: 5, column: 26, endLine: 5, endColumn: 31, messageId: "plainValue" },
        { line: 11, column: 26, endLine: 11, endColumn: 31, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${POSTGRES_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    healthcheck:\n      test:\n        - CMD\n        - pg_isready\n        - -d\n        - postgres://app:admin@localhost/app\n",
    },
    {
      name: "URL passwords behind schemes with digits (neo4j, postgresql+psycopg2), after a URL with a port",
      code: "services:\n  neo4j:\n    image: neo4j:5\n    environment:\n      NEO4J_PASSWORD: admin\n    healthcheck:\n      test: wget -qO- http://localhost:7474 && cypher-shell -a neo4j://neo4j:admin@localhost:7687 'RETURN 1'\n  app:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: admin\n    command: [sh, -c, \"alembic -x url=postgresql+psycopg2://app:admin@db/app upgrade head\"]\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 28, messageId: "plainValue" },
        { line: 7, column: 78, endLine: 7, endColumn: 83, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${NEO4J_PASSWORD} to read the variable.", fixOutput: "services:\n  neo4j:\n    image: neo4j:5\n    environment:\n      NEO4J_PASSWORD: admin\n    healthcheck:\n      test: wget -qO- http://localhost:7474 && cypher-shell -a neo4j://neo4j:\"$${NEO4J_PASSWORD}\"@localhost:7687 'RETURN 1'\n  app:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: admin\n    command: [sh, -c, \"alembic -x url=postgresql+psycopg2://app:admin@db/app upgrade head\"]\n" },
        { line: 11, column: 26, endLine: 11, endColumn: 31, messageId: "plainValue" },
        { line: 12, column: 65, endLine: 12, endColumn: 70, messageId: "repeatedShell", message: "Secret copied into command: it fails once the secret changes. Write $${POSTGRES_PASSWORD} to read the variable.", fixOutput: "services:\n  neo4j:\n    image: neo4j:5\n    environment:\n      NEO4J_PASSWORD: admin\n    healthcheck:\n      test: wget -qO- http://localhost:7474 && cypher-shell -a neo4j://neo4j:admin@localhost:7687 'RETURN 1'\n  app:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: admin\n    command: [sh, -c, \"alembic -x url=postgresql+psycopg2://app:\\\"$${POSTGRES_PASSWORD}\\\"@db/app upgrade head\"]\n" },
      ],
      output: "services:\n  neo4j:\n    image: neo4j:5\n    environment:\n      NEO4J_PASSWORD: ${NEO4J_PASSWORD}\n    healthcheck:\n      test: wget -qO- http://localhost:7474 && cypher-shell -a neo4j://neo4j:\"$${NEO4J_PASSWORD}\"@localhost:7687 'RETURN 1'\n  app:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    command: [sh, -c, \"alembic -x url=postgresql+psycopg2://app:\\\"$${POSTGRES_PASSWORD}\\\"@db/app upgrade head\"]\n",
    },
    {
      name: "plain words and short values are no evidence as words of their own (mysql -p wordpress names the database)",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PASSWORD: wordpress\n      MYSQL_ROOT_PASSWORD: pass1\n    healthcheck:\n      test: mysql -u root -p wordpress -e 'select 1' && echo pass1\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 32, messageId: "plainValue" },
        { line: 6, column: 28, endLine: 6, endColumn: 33, messageId: "plainValue" },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PASSWORD: ${MYSQL_PASSWORD}\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: mysql -u root -p wordpress -e 'select 1' && echo pass1\n",
    },
    {
      name: "twelve letters are distinctive enough",
      code: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: mysecretpass\n    healthcheck:\n      test: sqlcmd -S localhost -U sa -P mysecretpass -Q 'SELECT 1'\n",
      errors: [
        { line: 5, column: 20, endLine: 5, endColumn: 32, messageId: "plainValue" },
        { line: 7, column: 42, endLine: 7, endColumn: 54, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${SA_PASSWORD} to read the variable.", fixOutput: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: mysecretpass\n    healthcheck:\n      test: sqlcmd -S localhost -U sa -P \"$${SA_PASSWORD}\" -Q 'SELECT 1'\n" },
      ],
      output: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: ${SA_PASSWORD}\n    healthcheck:\n      test: sqlcmd -S localhost -U sa -P \"$${SA_PASSWORD}\" -Q 'SELECT 1'\n",
    },
    {
      name: "a distinctive value inside a longer word is no copy",
      code: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: Example_123\n    healthcheck:\n      test: sqlcmd -S localhost -d Db_Example_123 -Q 'SELECT 1'\n",
      errors: [
        { line: 5, column: 20, endLine: 5, endColumn: 31, messageId: "plainValue" },
      ],
      output: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: ${SA_PASSWORD}\n    healthcheck:\n      test: sqlcmd -S localhost -d Db_Example_123 -Q 'SELECT 1'\n",
    },
    {
      name: "a distinctive value as a whole exec word",
      code: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: s3cr3t-2024\n    healthcheck:\n      test:\n        - CMD\n        - redis-cli\n        - -a\n        - s3cr3t-2024\n        - ping\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 34, messageId: "plainValue" },
        { line: 11, column: 11, endLine: 11, endColumn: 22, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${REDIS_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  redis:\n    image: redis:7\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test:\n        - CMD\n        - redis-cli\n        - -a\n        - s3cr3t-2024\n        - ping\n",
    },
    {
      name: "a two-character secret is not looked for in commands, a three-character one is",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PWD: ab\n      MYSQL_ROOT_PASSWORD: pw1\n    healthcheck:\n      test: mysqladmin ping -pab && mysqladmin ping -ppw1\n",
      errors: [
        { line: 5, column: 18, endLine: 5, endColumn: 20, messageId: "plainValue" },
        { line: 6, column: 28, endLine: 6, endColumn: 31, messageId: "plainValue" },
        { line: 8, column: 55, endLine: 8, endColumn: 58, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MYSQL_ROOT_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PWD: ab\n      MYSQL_ROOT_PASSWORD: pw1\n    healthcheck:\n      test: mysqladmin ping -pab && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n" },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PWD: ${MYSQL_PWD}\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: mysqladmin ping -pab && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n",
    },
    {
      name: "a copy of a value holding `$`, written `$$` in the command too",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: pa$$word12\n    healthcheck:\n      test: mysqladmin ping -ppa$$word12\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 38, messageId: "plainValue" },
        { line: 7, column: 31, endLine: 7, endColumn: 41, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: mysqladmin ping -ppa$$word12\n",
    },
    {
      name: "shell quoting: a single-quoted string that holds a double quote ends before the copy",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: curl -s localhost:8080/health | grep -q '\"ok\"' && mysqladmin ping -padmin123\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 36, messageId: "plainValue" },
        { line: 7, column: 81, endLine: 7, endColumn: 89, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MYSQL_ROOT_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: curl -s localhost:8080/health | grep -q '\"ok\"' && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n" },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: curl -s localhost:8080/health | grep -q '\"ok\"' && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n",
    },
    {
      name: "shell quoting: a double-quoted string that holds a single quote ends before the copy",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: echo \"it's up\" && mysqladmin ping -padmin123\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 36, messageId: "plainValue" },
        { line: 7, column: 49, endLine: 7, endColumn: 57, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MYSQL_ROOT_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: echo \"it's up\" && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n" },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: echo \"it's up\" && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n",
    },
    {
      name: "shell quoting: an escaped quote opens no string",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: echo it\\'s && mysqladmin ping -padmin123\n",
      errors: [
        { line: 5, column: 28, endLine: 5, endColumn: 36, messageId: "plainValue" },
        { line: 7, column: 45, endLine: 7, endColumn: 53, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MYSQL_ROOT_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: echo it\\'s && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n" },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: echo it\\'s && mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n",
    },
    {
      name: "a script reached through an alias is reported where it is written, not edited",
      code: "x-script: &script mysqladmin ping -padmin123\nservices:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    command:\n      - sh\n      - -c\n      - *script\n",
      errors: [
        { line: 1, column: 37, endLine: 1, endColumn: 45, messageId: "repeated", message: "Secret copied into command: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
        { line: 6, column: 28, endLine: 6, endColumn: 36, messageId: "plainValue" },
      ],
      output: "x-script: &script mysqladmin ping -padmin123\nservices:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    command:\n      - sh\n      - -c\n      - *script\n",
    },
    {
      name: "a script that starts with the value: a plain scalar cannot start with a quote, a single-quoted one can",
      code: "services:\n  app:\n    image: app\n    environment:\n      API_TOKEN: s3cr3t-2024\n    command:\n      - sh\n      - -c\n      - s3cr3t-2024 > /dev/null; exec app\n  worker:\n    image: app\n    environment:\n      API_TOKEN: s3cr3t-2024\n    command:\n      - sh\n      - -c\n      - 's3cr3t-2024 > /dev/null; exec app'\n",
      errors: [
        { line: 5, column: 18, endLine: 5, endColumn: 29, messageId: "plainValue" },
        { line: 9, column: 9, endLine: 9, endColumn: 20, messageId: "repeated", message: "Secret copied into command: it fails once the secret changes. Write ${API_TOKEN}, set in the dashboard.", fixOutput: null },
        { line: 13, column: 18, endLine: 13, endColumn: 29, messageId: "plainValue" },
        { line: 17, column: 10, endLine: 17, endColumn: 21, messageId: "repeatedShell", message: "Secret copied into command: it fails once the secret changes. Write $${API_TOKEN} to read the variable.", fixOutput: "services:\n  app:\n    image: app\n    environment:\n      API_TOKEN: s3cr3t-2024\n    command:\n      - sh\n      - -c\n      - s3cr3t-2024 > /dev/null; exec app\n  worker:\n    image: app\n    environment:\n      API_TOKEN: s3cr3t-2024\n    command:\n      - sh\n      - -c\n      - '\"$${API_TOKEN}\" > /dev/null; exec app'\n" },
      ],
      output: "services:\n  app:\n    image: app\n    environment:\n      API_TOKEN: ${API_TOKEN}\n    command:\n      - sh\n      - -c\n      - s3cr3t-2024 > /dev/null; exec app\n  worker:\n    image: app\n    environment:\n      API_TOKEN: ${API_TOKEN}\n    command:\n      - sh\n      - -c\n      - '\"$${API_TOKEN}\" > /dev/null; exec app'\n",
    },
    {
      name: "a build arg is no variable of the container",
      code: "services:\n  db:\n    build:\n      context: .\n      args:\n        MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: mysqladmin ping -padmin123\n",
      errors: [
        { line: 6, column: 30, endLine: 6, endColumn: 38, messageId: "buildArg" },
        { line: 8, column: 31, endLine: 8, endColumn: 39, messageId: "repeated", message: "Secret copied into healthcheck: it fails once the secret changes. Write ${MYSQL_ROOT_PASSWORD}, set in the dashboard.", fixOutput: null },
      ],
      output: "services:\n  db:\n    build:\n      context: .\n      args:\n        MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: mysqladmin ping -padmin123\n",
    },
    {
      name: "the copy reads the variable that holds its value",
      code: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PASSWORD: app123\n      MYSQL_ROOT_PASSWORD: admin123\n      MYSQL_USER:\n    healthcheck:\n      test: mysqladmin ping -padmin123\n",
      errors: [
        { line: 5, column: 23, endLine: 5, endColumn: 29, messageId: "plainValue" },
        { line: 6, column: 28, endLine: 6, endColumn: 36, messageId: "plainValue" },
        { line: 9, column: 31, endLine: 9, endColumn: 39, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${MYSQL_ROOT_PASSWORD} to read the variable.", fixOutput: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PASSWORD: app123\n      MYSQL_ROOT_PASSWORD: admin123\n      MYSQL_USER:\n    healthcheck:\n      test: mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n" },
      ],
      output: "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_PASSWORD: ${MYSQL_PASSWORD}\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n      MYSQL_USER:\n    healthcheck:\n      test: mysqladmin ping -p\"$${MYSQL_ROOT_PASSWORD}\"\n",
    },
    {
      name: "block scalars in a build args list are reported, not edited",
      code: "services:\n  web:\n    build:\n      context: .\n      args:\n        - |\n          NPM_TOKEN=npm_abc\n        - >\n          GITHUB_TOKEN=ghp_x\n",
      errors: [
        { line: 7, column: 21, endLine: 7, endColumn: 28, messageId: "buildArg" },
        { line: 9, column: 24, endLine: 9, endColumn: 29, messageId: "buildArg" },
      ],
      output: null,
    },
    {
      name: "single-quoted values in flow collections keep their quotes",
      code: "services:\n  a: {image: app, environment: {GITHUB_TOKEN: 'ghp_x'}}\n  b: {image: app, environment: ['JWT_SECRET=s3cr3t']}\n",
      errors: [
        { line: 2, column: 48, endLine: 2, endColumn: 53, messageId: "plainValue" },
        { line: 3, column: 45, endLine: 3, endColumn: 51, messageId: "plainValue" },
      ],
      output: "services:\n  a: {image: app, environment: {GITHUB_TOKEN: '${GITHUB_TOKEN}'}}\n  b: {image: app, environment: ['JWT_SECRET=${JWT_SECRET}']}\n",
    },
    {
      name: "values of non-secret variables and labels (trimmed) are no evidence in commands",
      code: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: \"umami_2024 \"\n      POSTGRES_PASSWORD: umami_2024\n    labels:\n      com.example.backup: \" backup_2024\"\n    healthcheck:\n      test: pg_isready -d umami_2024 && restic snapshots --tag backup_2024\n  backup:\n    image: backup\n    environment:\n      BACKUP_PASSWORD: backup_2024\n",
      errors: [
        { line: 6, column: 26, endLine: 6, endColumn: 36, messageId: "plainValue" },
        { line: 14, column: 24, endLine: 14, endColumn: 35, messageId: "plainValue" },
      ],
      output: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: \"umami_2024 \"\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n    labels:\n      com.example.backup: \" backup_2024\"\n    healthcheck:\n      test: pg_isready -d umami_2024 && restic snapshots --tag backup_2024\n  backup:\n    image: backup\n    environment:\n      BACKUP_PASSWORD: ${BACKUP_PASSWORD}\n",
    },
    {
      name: "a secret's default is no public value: its copy is distinctive",
      code: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: ${MSSQL_SA_PASSWORD:-Example_123}\n    healthcheck:\n      test: sqlcmd -S localhost -U sa -P Example_123 -Q 'SELECT 1'\n",
      errors: [
        { line: 5, column: 41, endLine: 5, endColumn: 52, messageId: "plainDefault" },
        { line: 7, column: 42, endLine: 7, endColumn: 53, messageId: "repeatedShell", message: "Secret copied into healthcheck: it fails once the secret changes. Write $${SA_PASSWORD} to read the variable.", fixOutput: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: ${MSSQL_SA_PASSWORD:-Example_123}\n    healthcheck:\n      test: sqlcmd -S localhost -U sa -P \"$${SA_PASSWORD}\" -Q 'SELECT 1'\n" },
      ],
      output: "services:\n  mssql:\n    image: mssql\n    environment:\n      SA_PASSWORD: ${MSSQL_SA_PASSWORD}\n    healthcheck:\n      test: sqlcmd -S localhost -U sa -P \"$${SA_PASSWORD}\" -Q 'SELECT 1'\n",
    },
    {
      name: "a blank variable does not take a URL password's name",
      code: "services:\n  app:\n    image: app\n    environment:\n      DATABASE_PASSWORD: \"  \"\n      DATABASE_URL: postgres://u:pw@db/x\n",
      errors: [
        { line: 6, column: 34, endLine: 6, endColumn: 36, messageId: "urlPassword" },
      ],
      output: "services:\n  app:\n    image: app\n    environment:\n      DATABASE_PASSWORD: \"  \"\n      DATABASE_URL: postgres://u:${DATABASE_PASSWORD}@db/x\n",
    },
    {
      name: "basic-auth hashes: single $ (uninterpolated), sha512-crypt, users after a comma and a space",
      code: "services:\n  web:\n    image: app\n    labels:\n      traefik.http.middlewares.auth.basicauth.users: \"admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/, bob:$$6$$saltsalt$$abcdefghijk\"\n",
      errors: [
        { line: 5, column: 61, endLine: 5, endColumn: 98, messageId: "labelHash", message: "Password hash of \"admin\" in a label, committed to Git, where it can be cracked: move it to the dashboard." },
        { line: 5, column: 104, endLine: 5, endColumn: 130, messageId: "labelHash", message: "Password hash of \"bob\" in a label, committed to Git, where it can be cracked: move it to the dashboard." },
      ],
      output: null,
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

  it("say which variable to set in the dashboard for a URL, and which one a shell reads", () => {
    const text = "services:\n  db:\n    image: mysql\n    environment:\n      DATABASE_URL: mysql://root:hunter2@db/app\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: mysqladmin ping -padmin123\n";
    const titles = lint(parseCompose(text), { isPipeline: true, rules: [literalSecret] }).map((f) => f.fix?.title);
    expect(titles).toEqual([
      { en: "Reference ${DATABASE_PASSWORD}, set in the dashboard", fr: "Référencer ${DATABASE_PASSWORD}, à définir dans le dashboard" },
      { en: "Reference ${MYSQL_ROOT_PASSWORD}", fr: "Référencer ${MYSQL_ROOT_PASSWORD}" },
      { en: "Reference $${MYSQL_ROOT_PASSWORD}, the container's variable", fr: "Référencer $${MYSQL_ROOT_PASSWORD}, la variable du conteneur" },
    ]);
  });
});

describe("isSecretName", () => {
  it("knows secrets by name", () => {
    for (const name of ["DB_PASSWORD", "DB_PASSWD", "JWT_SECRET", "GITHUB_TOKEN", "API_KEY", "OPENAI_APIKEY", "SSH_PRIVATE_KEY", "APP_KEY", "SECRET_KEY_BASE", "AWS_SECRET_ACCESS_KEY", "api_key", "SMTP_PASS", "POSTGRES_PASS", "MYSQL_PWD", "GPG_PASSPHRASE", "SSH_KEY_PASSPHRASE", "RABBITMQ_ERLANG_COOKIE", "PRIVATE_KEY", "JWT_PRIVATEKEY", "PGPASSWORD",
      // An access key's secret half, a key named with a suffix, a qualifier before the secret word, a public keystore's password.
      "ACCESS_KEY_SECRET", "ALIYUN_ACCESS_KEY_SECRET", "API_KEY_SECONDARY", "JWT_PRIVATE_KEY_BASE64", "N8N_ENCRYPTION_KEY", "PUBLIC_KEYSTORE_PASSWORD"]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ["DB_USER", "DB_PASSWORD_FILE", "AWS_ACCESS_KEY_ID", "MYSQL_ALLOW_EMPTY_PASSWORD", "PASSWORD_MIN_LENGTH", "TOKEN_TTL", "KEY", "KEY_PREFIX", "MINIO_ACCESS_KEY", "SUPABASE_PUBLIC_KEY", "PWD", "PASS", "PASS_HOST_HEADER", "COOKIE_DOMAIN", "SESSION_COOKIE_SECURE", "DB_PASS_FILE", "password_encryption", "COMPASS", "CACHE_BYPASS",
      // Settings about a secret (each qualifier after the secret word), a public key, a key's id.
      "JWT_ACCESS_TOKEN_EXPIRES", "SESSION_TOKEN_EXPIRY", "JWT_TOKEN_EXPIRATION", "REFRESH_TOKEN_LIFETIME", "TOKEN_TIMEOUT", "PASSWORD_HASH_ALGORITHM", "PASSWORD_LOGIN_ENABLED", "PASSWORD_REQUIRED", "PASSWORD_POLICY", "OAUTH_TOKEN_URL", "OAUTH_TOKEN_URI", "OIDC_TOKEN_ENDPOINT", "VAULT_SECRET_PATH", "TOKEN_TYPE", "AUTH_TOKEN_HEADER", "CSRF_TOKEN_NAME", "PUBLIC_KEY", "GCP_PRIVATE_KEY_ID"]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe("isPlaceholder", () => {
  it("tells values that hold no secret", () => {
    for (const value of ["", "  ", "none", "None", "null", "nil", "0", "false", "true", '""', "/run/secrets/db", "$$DB_PASSWORD", "$${DB_PASSWORD}"]) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    for (const value of ["changeme", "password", "admin", "$$2y$$05$$abc", "1234", "0penS3same"]) {
      expect(isPlaceholder(value), value).toBe(false);
    }
  });
});

describe("urlPasswords", () => {
  const passwords = (text: string) => urlPasswords(text).map((p) => [p.scheme, text.slice(p.start, p.end)]);
  it("finds the password between user: and the authority's last @", () => {
    expect(passwords("postgres://u:pw@db/x")).toEqual([["postgres", "pw"]]);
    expect(passwords("redis://:pw@redis:6379/0")).toEqual([["redis", "pw"]]);
    expect(passwords("amqp://u:p@ss@rabbit")).toEqual([["amqp", "p@ss"]]);
    expect(passwords("mysql://root:a:b@db")).toEqual([["mysql", "a:b"]]);
    expect(passwords("a=http://u:x@h b=https://v:y@k")).toEqual([["http", "x"], ["https", "y"]]);
    expect(passwords("postgres://${DB_USER:-app}:${DB_PASSWORD}@${DB_HOST:-db}/x")).toEqual([["postgres", "${DB_PASSWORD}"]]);
  });
  it("finds none without a password", () => {
    for (const text of ["https://example.com", "ssh://git@github.com:22/a", "https://key@sentry.io/1", "http://h:8080/a@b", "user:pass@host", "postgres://${CREDENTIALS:-u:p}@db", "http://a@mirror://u:p@c"]) {
      expect(passwords(text), text).toEqual([]);
    }
  });
});

describe("passwordVariableName", () => {
  it("names the password after the URL's variable", () => {
    expect(["DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DB_CONNECTION_URI", "SQLALCHEMY_DATABASE_URI", "DATABASE_URL_TEST", "URL", "mongo_url", "CELERY_BROKER_URLS", "DB_DSN", "DB_CONN", "MONGO_CONNECTION_STRING", "DB_CONNSTR", "APP__DATABASE_URL"].map(passwordVariableName)).toEqual([
      "DATABASE_PASSWORD",
      "REDIS_PASSWORD",
      "CELERY_BROKER_PASSWORD",
      "DB_PASSWORD",
      "SQLALCHEMY_DATABASE_PASSWORD",
      "DATABASE_TEST_PASSWORD",
      "URL_PASSWORD",
      "mongo_password",
      "CELERY_BROKER_PASSWORD",
      "DB_PASSWORD",
      "DB_PASSWORD",
      "MONGO_PASSWORD",
      "DB_PASSWORD",
      "APP_DATABASE_PASSWORD",
    ]);
  });
});
