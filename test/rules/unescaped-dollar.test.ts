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
  ],
  invalid: [
    {
      name: "CMD-SHELL: $VAR and ${VAR}, comments kept",
      code: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER -d \${POSTGRES_DB}"] # ready?\n`,
      errors: [
        { line: 8, column: 42, endLine: 8, endColumn: 56, fixOutput: "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n      POSTGRES_DB: app\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER -d ${POSTGRES_DB}\"] # ready?\n", message: '$POSTGRES_USER names a variable that "db" sets in environment, but compose substitutes it at deploy time from .env, usually to empty: write $$POSTGRES_USER for the container\'s shell to expand it.' },
        { line: 8, column: 60, endLine: 8, endColumn: 74, fixOutput: "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n      POSTGRES_DB: app\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U $POSTGRES_USER -d $${POSTGRES_DB}\"] # ready?\n", message: "write $${POSTGRES_DB}" },
      ],
      output: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $\${POSTGRES_DB}"] # ready?\n`,
    },
    {
      name: "the string form of test, environment as a list",
      code: "services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_USER=admin\n    healthcheck:\n      test: pg_isready -U $POSTGRES_USER\n",
      errors: [{ line: 7, column: 27, endLine: 7, endColumn: 41 }],
      output: "services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_USER=admin\n    healthcheck:\n      test: pg_isready -U $$POSTGRES_USER\n",
    },
    {
      name: "a command run by sh -c",
      code: "services:\n  app:\n    image: app\n    command: sh -c \"echo $GREETING && sleep 1\"\n    environment:\n      GREETING: hi\n",
      errors: [{ line: 4, column: 26, endLine: 4, endColumn: 35 }],
      output: "services:\n  app:\n    image: app\n    command: sh -c \"echo $$GREETING && sleep 1\"\n    environment:\n      GREETING: hi\n",
    },
    {
      name: "an entrypoint list run by a shell, block style",
      code: 'services:\n  app:\n    image: app\n    entrypoint:\n      - /bin/sh\n      - -c\n      - exec app --user "$APP_USER"\n    environment:\n      APP_USER: ${USER_NAME}\n',
      errors: [{ line: 7, column: 26, endLine: 7, endColumn: 35 }],
      output: 'services:\n  app:\n    image: app\n    entrypoint:\n      - /bin/sh\n      - -c\n      - exec app --user "$$APP_USER"\n    environment:\n      APP_USER: ${USER_NAME}\n',
    },
    {
      name: "a folded block scalar run by sh -c",
      code: "services:\n  app:\n    image: app\n    command: >\n      sh -c 'echo $MODE'\n    environment:\n      MODE: prod\n",
      errors: [{ line: 5, column: 19, endLine: 5, endColumn: 24 }],
      output: "services:\n  app:\n    image: app\n    command: >\n      sh -c 'echo $$MODE'\n    environment:\n      MODE: prod\n",
    },
    {
      name: "no shell: $$ would not help, the environment's expression does",
      code: "services:\n  redis:\n    image: redis\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASS:-changeme}\n",
      errors: [{ line: 4, column: 41, endLine: 4, endColumn: 58, message: "no shell runs this command, so $$ would not help: use the environment's expression ${REDIS_PASS:-changeme}" }],
      output: "services:\n  redis:\n    image: redis\n    command: redis-server --requirepass ${REDIS_PASS:-changeme}\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASS:-changeme}\n",
    },
    {
      name: "no shell and a literal value: reported, no fix",
      code: 'services:\n  app:\n    image: app\n    command: ["app", "--port", "$PORT"]\n    environment:\n      - PORT=3000\n',
      errors: [{ line: 4, column: 33, endLine: 4, endColumn: 38, message: "no shell runs this command: use the value itself" }],
      output: null,
    },
    {
      name: "a shell run through an exec-form test",
      code: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD", "bash", "-c", "pg_isready -U $POSTGRES_USER"]\n`,
      errors: [{ line: 8, column: 50, endLine: 8, endColumn: 64 }],
      output: `services:\n  db:\n    image: postgres\n${DB_ENV}    healthcheck:\n      test: ["CMD", "bash", "-c", "pg_isready -U $$POSTGRES_USER"]\n`,
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-app: &app\n  image: app\n  environment:\n    MODE: prod\n  command: sh -c 'echo $MODE'\nservices:\n  a:\n    <<: *app\n  b:\n    <<: *app\n",
      errors: [{ line: 5, column: 24, endLine: 5, endColumn: 29 }],
      output: "x-app: &app\n  image: app\n  environment:\n    MODE: prod\n  command: sh -c 'echo $$MODE'\nservices:\n  a:\n    <<: *app\n  b:\n    <<: *app\n",
    },
    {
      name: "an environment merged from an anchor, flow style",
      code: "x-env: &env {MODE: prod}\nservices:\n  a: {image: app, environment: {<<: *env}, entrypoint: [sh, -c, 'echo $MODE']}\n",
      errors: [{ line: 3, column: 71, endLine: 3, endColumn: 76 }],
      output: "x-env: &env {MODE: prod}\nservices:\n  a: {image: app, environment: {<<: *env}, entrypoint: [sh, -c, 'echo $$MODE']}\n",
    },
    {
      name: "CRLF, a dev file too (scope all)",
      pipeline: false,
      code: "services:\r\n  db:\r\n    image: postgres\r\n    environment:\r\n      - POSTGRES_USER=admin\r\n    healthcheck:\r\n      test: pg_isready -U ${POSTGRES_USER}\r\n",
      errors: [{ line: 7, column: 27, endLine: 7, endColumn: 43 }],
      output: "services:\r\n  db:\r\n    image: postgres\r\n    environment:\r\n      - POSTGRES_USER=admin\r\n    healthcheck:\r\n      test: pg_isready -U $${POSTGRES_USER}\r\n",
    },
  ],
});
