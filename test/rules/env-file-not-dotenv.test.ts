import { envFileNotDotenv } from "../../server/src/engine/rules/env-file-not-dotenv.js";
import { testRule } from "./rule-tester.js";

testRule(envFileNotDotenv, {
  valid: [
    { name: "the .env the pipeline writes, string form", code: "services:\n  web:\n    env_file: .env\n" },
    { name: "./.env in a list", code: "services:\n  web:\n    env_file:\n      - ./.env\n      - .env\n" },
    { name: "required: false may be missing", code: "services:\n  web:\n    env_file:\n      - .env\n      - path: .env.local\n        required: false\n" },
    { name: "a dev file may use .env.production", pipeline: false, code: "services:\n  web:\n    env_file: .env.production\n" },
    { name: "without the project on disk, only the name is checked", code: "services:\n  front:\n    env_file: mailu.env\n" },
    { name: "a variable without a default decides the path", code: "services:\n  web:\n    env_file: ${ENV_FILE}\n" },
    {
      name: ".env is fine even when Git ignores it and it is not on disk",
      files: { ".gitignore": ".env\n" },
      code: "services:\n  web:\n    env_file:\n      - .env\n",
    },
    {
      name: "a committed env file",
      files: { "keys.env": "KEY=1\n" },
      code: "services:\n  studio:\n    env_file:\n      - keys.env\n",
    },
    { name: "required: False, in any case, is optional too", code: "services:\n  web:\n    env_file:\n      - path: .env.production\n        required: False\n" },
  ],
  invalid: [
    {
      name: "the guide's .env.production, comment kept",
      code: "services:\n  web:\n    build: .\n    env_file:\n      - .env.production # secrets\n    restart: always\n",
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 24,
          log: "env file /opt/app/<project>/.env.production not found",
          message: 'The deploy fails with "env file /opt/app/<project>/.env.production not found": the pipeline writes only .env, from the dashboard\'s environment variables.',
        },
      ],
      output: "services:\n  web:\n    build: .\n    env_file:\n      - .env # secrets\n    restart: always\n",
    },
    {
      name: "string form, quoting kept",
      code: 'services:\n  web:\n    env_file: "./.env.local"\n',
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 29, message: "env file /opt/app/<project>/.env.local not found" }],
      output: 'services:\n  web:\n    env_file: ".env"\n',
    },
    {
      name: ".env already listed: the entry goes",
      code: "services:\n  web:\n    env_file:\n      - .env\n      # production values\n      - .env.production\n    image: x\n",
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 24 }],
      output: "services:\n  web:\n    env_file:\n      - .env\n      # production values\n    image: x\n",
    },
    {
      name: "two wrong entries: the first becomes .env, the second goes",
      code: "services:\n  web:\n    env_file:\n      - .env.production\n      - ./.env.local\n",
      errors: [
        { line: 4, column: 9, endLine: 4, endColumn: 24, fixOutput: "services:\n  web:\n    env_file:\n      - .env\n      - ./.env.local\n", message: ".env.production not found" },
        { line: 5, column: 9, endLine: 5, endColumn: 21, fixOutput: "services:\n  web:\n    env_file:\n      - .env.production\n", message: "/opt/app/<project>/.env.local not found" },
      ],
      output: "services:\n  web:\n    env_file:\n      - .env\n",
    },
    {
      name: "flow list",
      code: "services:\n  web: {image: x, env_file: [.env.production, .env.local]}\n",
      errors: [
        { line: 2, column: 30, endLine: 2, endColumn: 45 },
        { line: 2, column: 47, endLine: 2, endColumn: 57 },
      ],
      output: "services:\n  web: {image: x, env_file: [.env]}\n",
    },
    {
      name: "flow list with .env already listed",
      code: "services:\n  web:\n    env_file: ['.env.production', '.env']\n",
      errors: [{ line: 3, column: 16, endLine: 3, endColumn: 33 }],
      output: "services:\n  web:\n    env_file: ['.env']\n",
    },
    {
      name: "long form {path, required: true}: reported on the path",
      code: "services:\n  web:\n    env_file:\n      - path: .env.production\n        required: true\n",
      errors: [{ line: 4, column: 15, endLine: 4, endColumn: 30 }],
      output: "services:\n  web:\n    env_file:\n      - path: .env\n        required: true\n",
    },
    {
      name: "long form beside .env: the whole item goes",
      code: "services:\n  web:\n    env_file:\n      - path: ./.env\n      - path: .env.staging\n        required: true\n    image: x\n",
      errors: [{ line: 5, column: 15, endLine: 5, endColumn: 27 }],
      output: "services:\n  web:\n    env_file:\n      - path: ./.env\n    image: x\n",
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-env: &env\n  env_file: .env.production\nservices:\n  a:\n    <<: *env\n  b:\n    <<: *env\n",
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 28 }],
      output: "x-env: &env\n  env_file: .env\nservices:\n  a:\n    <<: *env\n  b:\n    <<: *env\n",
    },
    {
      name: "CRLF",
      code: "services:\r\n  web:\r\n    env_file:\r\n      - .env.prod\r\n    image: x\r\n",
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 18 }],
      output: "services:\r\n  web:\r\n    env_file:\r\n      - .env\r\n    image: x\r\n",
    },
    {
      name: "an interpolation's default is what the pipeline gets",
      code: "services:\n  web:\n    env_file: ${ENV_FILE:-.env.production}\n",
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 43, message: "/opt/app/<project>/.env.production not found" }],
      output: "services:\n  web:\n    env_file: .env\n",
    },
    {
      name: "a file Git ignores is not in the pipeline's clone",
      files: { ".gitignore": "secrets.env\n", "secrets.env": "KEY=1\n" },
      code: "services:\n  web:\n    env_file:\n      - secrets.env\n",
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 20, message: '"env file /opt/app/<project>/secrets.env not found" (Git ignores it, so the pipeline\'s clone does not have it)' }],
      output: "services:\n  web:\n    env_file:\n      - .env\n",
    },
    {
      name: "a file that is not in the repository",
      files: { "README.md": "app\n" },
      code: "services:\n  web:\n    env_file: config/app.env\n",
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 29, message: '"env file /opt/app/<project>/config/app.env not found" (it is not in the repository)' }],
      output: "services:\n  web:\n    env_file: .env\n",
    },
  ],
});
