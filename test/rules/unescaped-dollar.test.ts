import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { unescapedDollar } from "../../server/src/engine/rules/unescaped-dollar.js";
import { testRule } from "./rule-tester.js";

const DB_ENV = "    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n      POSTGRES_DB: app\n";

testRule(unescapedDollar, {
  valid: [
    { name: "the guide's $$POSTGRES_USER", code: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]\n` },
    { name: "a variable the service does not set is compose's to substitute", code: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U \${DB_USER:-postgres}"]\n` },
    { name: "a pass-through variable has the same value either way", code: "services:\n  redis:\n    image: redis\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n    environment:\n      - REDIS_PASSWORD=${REDIS_PASSWORD}\n" },
    { name: "kbin's escaped sh -c", code: 'services:\n  redis:\n    image: redis:alpine\n    command: /bin/sh -c "redis-server --requirepass $${REDIS_PASSWORD}"\n    environment:\n      - REDIS_PASSWORD=${REDIS_PASS}\n' },
    { name: "a variable set by another service", code: "services:\n  a:\n    image: app\n    command: sh -c 'echo $MODE'\n  b:\n    image: app\n    environment:\n      MODE: prod\n" },
    {
      name: "pass-throughs that fail without the deploy-time value (`:?`, `?`): compose substitutes the same value",
      code: 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER:?set POSTGRES_USER}\n      POSTGRES_DB: ${POSTGRES_DB?set POSTGRES_DB}\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER -d $POSTGRES_DB"]\n',
    },
    {
      name: "a pass-through written as a block scalar: only the line break it keeps differs",
      code: "services:\n  app:\n    image: app\n    command: sh -c 'echo $MODE'\n    environment:\n      MODE: |\n        ${MODE}\n",
    },
  ],
  invalid: [
    {
      name: "CMD-SHELL: $VAR and ${VAR}, comments kept",
      code: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER -d \${POSTGRES_DB}"] # ready?\n`,
      errors: [
        { line: 8, column: 42, endLine: 8, endColumn: 56, fixOutput: "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n      POSTGRES_DB: app\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER -d ${POSTGRES_DB}\"] # ready?\n", messageId: "shell", message: "Compose, not the container, expands $POSTGRES_USER (usually to nothing). Write $$POSTGRES_USER." },
        { line: 8, column: 60, endLine: 8, endColumn: 74, fixOutput: "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n      POSTGRES_DB: app\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U $POSTGRES_USER -d $${POSTGRES_DB}\"] # ready?\n", messageId: "shell" },
      ],
      output: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $\${POSTGRES_DB}"] # ready?\n`,
    },
    {
      name: "the string form of test, environment as a list",
      code: "services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_USER=admin\n    healthcheck:\n      test: pg_isready -U $POSTGRES_USER\n",
      errors: [{ line: 7, column: 27, endLine: 7, endColumn: 41, messageId: "shell" }],
      output: "services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_USER=admin\n    healthcheck:\n      test: pg_isready -U $$POSTGRES_USER\n",
    },
    {
      name: "a command run by sh -c",
      code: "services:\n  app:\n    image: app\n    command: sh -c \"echo $GREETING && sleep 1\"\n    environment:\n      GREETING: hi\n",
      errors: [{ line: 4, column: 26, endLine: 4, endColumn: 35, messageId: "shell" }],
      output: "services:\n  app:\n    image: app\n    command: sh -c \"echo $$GREETING && sleep 1\"\n    environment:\n      GREETING: hi\n",
    },
    {
      name: "an entrypoint list run by a shell, block style",
      code: 'services:\n  app:\n    image: app\n    entrypoint:\n      - /bin/sh\n      - -c\n      - exec app --user "$APP_USER"\n    environment:\n      APP_USER: ${USER_NAME}\n',
      errors: [{ line: 7, column: 26, endLine: 7, endColumn: 35, messageId: "shell" }],
      output: 'services:\n  app:\n    image: app\n    entrypoint:\n      - /bin/sh\n      - -c\n      - exec app --user "$$APP_USER"\n    environment:\n      APP_USER: ${USER_NAME}\n',
    },
    {
      name: "a folded block scalar run by sh -c",
      code: "services:\n  app:\n    image: app\n    command: >\n      sh -c 'echo $MODE'\n    environment:\n      MODE: prod\n",
      errors: [{ line: 5, column: 19, endLine: 5, endColumn: 24, messageId: "shell" }],
      output: "services:\n  app:\n    image: app\n    command: >\n      sh -c 'echo $$MODE'\n    environment:\n      MODE: prod\n",
    },
    {
      name: "no shell: $$ would not help, the environment's expression does",
      code: "services:\n  redis:\n    image: redis\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASS:-changeme}\n",
      errors: [{ line: 4, column: 41, endLine: 4, endColumn: 58, messageId: "expression", message: "Compose expands ${REDIS_PASSWORD} (usually to nothing); no shell runs here. Use the environment's expression." }],
      output: "services:\n  redis:\n    image: redis\n    command: redis-server --requirepass ${REDIS_PASS:-changeme}\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASS:-changeme}\n",
    },
    {
      name: "no shell and a literal value: reported, no fix",
      code: 'services:\n  app:\n    image: app\n    command: ["app", "--port", "$PORT"]\n    environment:\n      - PORT=3000\n',
      errors: [{ line: 4, column: 33, endLine: 4, endColumn: 38, messageId: "noShell", message: "Compose expands $PORT (usually to nothing); no shell runs here. Use the value or sh -c with $$.", fixOutput: null }],
      output: null,
    },
    {
      name: "python3 -c runs no shell: only a shell's -c takes a script",
      code: "services:\n  app:\n    image: python:3\n    command: [python3, -c, \"print('$MODE')\"]\n    environment:\n      MODE: prod\n",
      errors: [{ line: 4, column: 36, endLine: 4, endColumn: 41, messageId: "noShell", fixOutput: null }],
      output: null,
    },
    {
      name: "bash --login -c: the script is the word after -c",
      code: "services:\n  app:\n    image: app\n    entrypoint: [bash, --login, -c, 'exec app --mode $MODE']\n    environment:\n      MODE: prod\n",
      errors: [{ line: 4, column: 54, endLine: 4, endColumn: 59, messageId: "shell" }],
      output: "services:\n  app:\n    image: app\n    entrypoint: [bash, --login, -c, 'exec app --mode $$MODE']\n    environment:\n      MODE: prod\n",
    },
    {
      name: "a string command in a flow map: a plain scalar cannot take the expression's braces, no fix",
      code: 'services:\n  redis: {image: redis, command: redis-server --requirepass $REDIS_PASSWORD, environment: {REDIS_PASSWORD: "${REDIS_PASS:-changeme}"}}\n',
      errors: [{ line: 2, column: 61, endLine: 2, endColumn: 76, messageId: "noShell", fixOutput: null }],
      output: null,
    },
    {
      name: "a shell run through an exec-form test",
      code: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD", "bash", "-c", "pg_isready -U $POSTGRES_USER"]\n`,
      errors: [{ line: 8, column: 50, endLine: 8, endColumn: 64, messageId: "shell" }],
      output: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD", "bash", "-c", "pg_isready -U $$POSTGRES_USER"]\n`,
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-app: &app\n  image: app\n  environment:\n    MODE: prod\n  command: sh -c 'echo $MODE'\nservices:\n  a:\n    <<: *app\n  b:\n    <<: *app\n",
      errors: [{ line: 5, column: 24, endLine: 5, endColumn: 29, messageId: "shell" }],
      output: "x-app: &app\n  image: app\n  environment:\n    MODE: prod\n  command: sh -c 'echo $$MODE'\nservices:\n  a:\n    <<: *app\n  b:\n    <<: *app\n",
    },
    {
      name: "an environment merged from an anchor, flow style",
      code: "x-env: &env {MODE: prod}\nservices:\n  a: {image: app, environment: {<<: *env}, entrypoint: [sh, -c, 'echo $MODE']}\n",
      errors: [{ line: 3, column: 71, endLine: 3, endColumn: 76, messageId: "shell" }],
      output: "x-env: &env {MODE: prod}\nservices:\n  a: {image: app, environment: {<<: *env}, entrypoint: [sh, -c, 'echo $$MODE']}\n",
    },
    {
      name: "long names: the messages still fit",
      code: 'services:\n  web-frontend-01:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      APPLICATION_LISTEN_PORT: 3000\n    entrypoint: ["app", "--db-password", "${POSTGRES_PASSWORD}", "--port", "${APPLICATION_LISTEN_PORT}"]\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:${APPLICATION_LISTEN_PORT}/ || exit 1"]\n',
      errors: [
        { line: 7, column: 43, endLine: 7, endColumn: 63, messageId: "expression", fixOutput: 'services:\n  web-frontend-01:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      APPLICATION_LISTEN_PORT: 3000\n    entrypoint: ["app", "--db-password", "${DB_PASSWORD}", "--port", "${APPLICATION_LISTEN_PORT}"]\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:${APPLICATION_LISTEN_PORT}/ || exit 1"]\n' },
        { line: 7, column: 77, endLine: 7, endColumn: 103, messageId: "noShell", fixOutput: null },
        { line: 9, column: 53, endLine: 9, endColumn: 79, messageId: "shell", message: "Compose, not the container, expands ${APPLICATION_LISTEN_PORT} (usually to nothing). Write $${APPLICATION_LISTEN_PORT}." },
      ],
      output: 'services:\n  web-frontend-01:\n    image: app\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      APPLICATION_LISTEN_PORT: 3000\n    entrypoint: ["app", "--db-password", "${DB_PASSWORD}", "--port", "${APPLICATION_LISTEN_PORT}"]\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:$${APPLICATION_LISTEN_PORT}/ || exit 1"]\n',
    },
    {
      name: "a default of the variable's own: the container has a value where compose substitutes nothing",
      code: "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER:-postgres}\n    healthcheck:\n      test: pg_isready -U $POSTGRES_USER\n",
      errors: [{ line: 7, column: 27, endLine: 7, endColumn: 41, messageId: "shell" }],
      output: "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER:-postgres}\n    healthcheck:\n      test: pg_isready -U $$POSTGRES_USER\n",
    },
    {
      name: "a value built around the deploy-time one",
      code: "services:\n  app:\n    image: app\n    command: sh -c 'echo $MODE'\n    environment:\n      MODE: ${MODE}-dev\n",
      errors: [{ line: 4, column: 26, endLine: 4, endColumn: 31, messageId: "shell" }],
      output: "services:\n  app:\n    image: app\n    command: sh -c 'echo $$MODE'\n    environment:\n      MODE: ${MODE}-dev\n",
    },
    {
      name: "a list item whose `=` is an escape: compose reads POSTGRES_USER=admin all the same",
      code: 'services:\n  db:\n    image: postgres\n    environment:\n      - "POSTGRES_USER\\x3Dadmin"\n    healthcheck:\n      test: pg_isready -U $POSTGRES_USER\n',
      errors: [{ line: 7, column: 27, endLine: 7, endColumn: 41, messageId: "shell" }],
      output: 'services:\n  db:\n    image: postgres\n    environment:\n      - "POSTGRES_USER\\x3Dadmin"\n    healthcheck:\n      test: pg_isready -U $$POSTGRES_USER\n',
    },
    {
      name: "a string command that opens with a space: compose's split drops it, sh -c still runs the script",
      code: "services:\n  app:\n    image: app\n    command: \" sh -c 'echo $MODE'\"\n    environment:\n      MODE: prod\n",
      errors: [{ line: 4, column: 28, endLine: 4, endColumn: 33, messageId: "shell" }],
      output: "services:\n  app:\n    image: app\n    command: \" sh -c 'echo $$MODE'\"\n    environment:\n      MODE: prod\n",
    },
    {
      name: "NONE turns the check off: its other words are never run, by a shell or otherwise",
      code: 'services:\n  app:\n    image: app\n    environment:\n      MODE: prod\n    healthcheck:\n      test: [NONE, sh, -c, "test $MODE = prod"]\n',
      errors: [{ line: 7, column: 34, endLine: 7, endColumn: 39, messageId: "noShell", fixOutput: null }],
      output: null,
    },
    {
      name: "no shell, and the value names another of the container's variables next to a deploy-time one: no expression to copy",
      code: 'services:\n  app:\n    image: app\n    command: [app, --url, "$URL"]\n    environment:\n      HOST: db\n      URL: http://${HOST}:${WEB_PORT}\n',
      errors: [{ line: 4, column: 28, endLine: 4, endColumn: 32, messageId: "noShell", fixOutput: null }],
      output: null,
    },
    {
      name: "no shell, and the value holds a space before the expression: it would split the word, no fix",
      code: 'services:\n  app:\n    image: app\n    command: [app, --greet, "$GREETING"]\n    environment:\n      GREETING: hello ${NAME}\n',
      errors: [{ line: 4, column: 30, endLine: 4, endColumn: 39, messageId: "noShell", fixOutput: null }],
      output: null,
    },
    {
      name: "no shell, and the value holds a space after the expression: no fix either",
      code: 'services:\n  app:\n    image: app\n    command: [app, --greet, "$GREETING"]\n    environment:\n      GREETING: ${NAME} hello\n',
      errors: [{ line: 4, column: 30, endLine: 4, endColumn: 39, messageId: "noShell", fixOutput: null }],
      output: null,
    },
    {
      name: "a string command in a flow map takes an expression without braces",
      code: "services:\n  app: {image: app, command: app --name $GREETING, environment: {GREETING: $NAME}}\n",
      errors: [{ line: 2, column: 41, endLine: 2, endColumn: 50, messageId: "expression", fixOutput: "services:\n  app: {image: app, command: app --name $NAME, environment: {GREETING: $NAME}}\n" }],
      output: "services:\n  app: {image: app, command: app --name $NAME, environment: {GREETING: $NAME}}\n",
    },
    {
      name: "CRLF, a dev file too (scope all)",
      pipeline: false,
      code: "services:\r\n  db:\r\n    image: postgres\r\n    environment:\r\n      - POSTGRES_USER=admin\r\n    healthcheck:\r\n      test: pg_isready -U ${POSTGRES_USER}\r\n",
      errors: [{ line: 7, column: 27, endLine: 7, endColumn: 43, messageId: "shell" }],
      output: "services:\r\n  db:\r\n    image: postgres\r\n    environment:\r\n      - POSTGRES_USER=admin\r\n    healthcheck:\r\n      test: pg_isready -U $${POSTGRES_USER}\r\n",
    },
  ],
});

describe("the quick fixes' titles", () => {
  it("name what they write: $$VAR, or the environment's expression", () => {
    const text = "services:\n  redis:\n    image: redis\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASS:-changeme}\n    healthcheck:\n      test: redis-cli -a $REDIS_PASSWORD ping\n";
    const titles = lint(parseCompose(text), { isPipeline: true, rules: [unescapedDollar] }).map((f) => f.fix?.title);
    expect(titles).toEqual([
      { en: "Write ${REDIS_PASS:-changeme}, as in environment", fr: "Écrire ${REDIS_PASS:-changeme}, comme dans environment" },
      { en: "Write $$REDIS_PASSWORD", fr: "Écrire $$REDIS_PASSWORD" },
    ]);
  });
});
