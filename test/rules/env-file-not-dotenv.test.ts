import { envFileNotDotenv } from "../../server/src/engine/rules/env-file-not-dotenv.js";
import { testRule } from "./rule-tester.js";

testRule(envFileNotDotenv, {
  valid: [
    { name: "a name that only holds .env inside it is no .env.* file: nothing known without the repository", code: "services:\n  web:\n    image: app:1\n    env_file: app.env.local\n" },
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
    { name: "the item's path, written after its required", code: "services:\n  web:\n    env_file:\n      - {required: true, path: .env}\n" },
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
          messageId: "notDotenv",
          log: "env file /opt/app/<pipeline>/.env.production not found",
          message: 'env_file ".env.production" is not the pipeline\'s .env: unless committed, the deploy stops. Use .env.',
        },
      ],
      output: "services:\n  web:\n    build: .\n    env_file:\n      - .env # secrets\n    restart: always\n",
    },
    {
      name: "string form, quoting kept",
      code: 'services:\n  web:\n    env_file: "./.env.local"\n',
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 29, messageId: "notDotenv", log: "env file /opt/app/<pipeline>/.env.local not found", message: 'env_file "./.env.local" is not the pipeline\'s .env: unless committed, the deploy stops. Use .env.' }],
      output: 'services:\n  web:\n    env_file: ".env"\n',
    },
    {
      name: ".env already listed: the entry goes",
      code: "services:\n  web:\n    env_file:\n      - .env\n      # production values\n      - .env.production\n    image: x\n",
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 24, messageId: "notDotenv" }],
      output: "services:\n  web:\n    env_file:\n      - .env\n      # production values\n    image: x\n",
    },
    {
      name: "two wrong entries: the first becomes .env, the second goes",
      code: "services:\n  web:\n    env_file:\n      - .env.production\n      - ./.env.local\n",
      errors: [
        { line: 4, column: 9, endLine: 4, endColumn: 24, fixOutput: "services:\n  web:\n    env_file:\n      - .env\n      - ./.env.local\n", messageId: "notDotenv", log: "env file /opt/app/<pipeline>/.env.production not found" },
        { line: 5, column: 9, endLine: 5, endColumn: 21, fixOutput: "services:\n  web:\n    env_file:\n      - .env.production\n", messageId: "notDotenv", log: "env file /opt/app/<pipeline>/.env.local not found" },
      ],
      output: "services:\n  web:\n    env_file:\n      - .env\n",
    },
    {
      name: "flow list",
      code: "services:\n  web: {image: x, env_file: [.env.production, .env.local]}\n",
      errors: [
        { line: 2, column: 30, endLine: 2, endColumn: 45, messageId: "notDotenv" },
        { line: 2, column: 47, endLine: 2, endColumn: 57, messageId: "notDotenv" },
      ],
      output: "services:\n  web: {image: x, env_file: [.env]}\n",
    },
    {
      name: "flow list with .env already listed",
      code: "services:\n  web:\n    env_file: ['.env.production', '.env']\n",
      errors: [{ line: 3, column: 16, endLine: 3, endColumn: 33, messageId: "notDotenv" }],
      output: "services:\n  web:\n    env_file: ['.env']\n",
    },
    {
      name: "long form {path, required: true}: reported on the path",
      code: "services:\n  web:\n    env_file:\n      - path: .env.production\n        required: true\n",
      errors: [{ line: 4, column: 15, endLine: 4, endColumn: 30, messageId: "notDotenv" }],
      output: "services:\n  web:\n    env_file:\n      - path: .env\n        required: true\n",
    },
    {
      name: "long form beside .env: the whole item goes",
      code: "services:\n  web:\n    env_file:\n      - path: ./.env\n      - path: .env.staging\n        required: true\n    image: x\n",
      errors: [{ line: 5, column: 15, endLine: 5, endColumn: 27, messageId: "notDotenv" }],
      output: "services:\n  web:\n    env_file:\n      - path: ./.env\n    image: x\n",
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-env: &env\n  env_file: .env.production\nservices:\n  a:\n    <<: *env\n  b:\n    <<: *env\n",
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 28, messageId: "notDotenv" }],
      output: "x-env: &env\n  env_file: .env\nservices:\n  a:\n    <<: *env\n  b:\n    <<: *env\n",
    },
    {
      name: "CRLF",
      code: "services:\r\n  web:\r\n    env_file:\r\n      - .env.prod\r\n    image: x\r\n",
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 18, messageId: "notDotenv" }],
      output: "services:\r\n  web:\r\n    env_file:\r\n      - .env\r\n    image: x\r\n",
    },
    {
      name: "an interpolation's default is what the pipeline gets",
      code: "services:\n  web:\n    env_file: ${ENV_FILE:-.env.production}\n",
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 43, messageId: "notDotenv", log: "env file /opt/app/<pipeline>/.env.production not found" }],
      output: "services:\n  web:\n    env_file: .env\n",
    },
    {
      name: "a file Git ignores is not in the pipeline's clone",
      files: { ".gitignore": "secrets.env\n", "secrets.env": "KEY=1\n" },
      code: "services:\n  web:\n    env_file:\n      - secrets.env\n",
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 20, messageId: "gitIgnored", log: "env file /opt/app/<pipeline>/secrets.env not found", message: 'Git ignores env_file "secrets.env": the pipeline\'s clone lacks it and the deploy stops. Use .env.' }],
      output: "services:\n  web:\n    env_file:\n      - .env\n",
    },
    {
      name: "a .env.* file Git ignores: the reason it is missing",
      files: { ".gitignore": ".env.*\n", ".env.production": "KEY=1\n" },
      code: "services:\n  web:\n    env_file: .env.production\n",
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 30, messageId: "gitIgnored", message: 'Git ignores env_file ".env.production": the pipeline\'s clone lacks it and the deploy stops. Use .env.' }],
      output: "services:\n  web:\n    env_file: .env\n",
    },
    {
      name: "a .env.* file on disk that Git does not ignore: reported by its name",
      files: { ".env.shared": "KEY=1\n" },
      code: "services:\n  web:\n    env_file: .env.shared\n",
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 26, messageId: "notDotenv", log: "env file /opt/app/<pipeline>/.env.shared not found" }],
      output: "services:\n  web:\n    env_file: .env\n",
    },
    {
      name: "a file that is not in the repository",
      files: { "README.md": "app\n" },
      code: "services:\n  web:\n    env_file: config/app.env\n",
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 29, messageId: "notInRepository", log: "env file /opt/app/<pipeline>/config/app.env not found", message: 'env_file "config/app.env" is not in the repository, so the deploy stops. Use the pipeline\'s .env.' }],
      output: "services:\n  web:\n    env_file: .env\n",
    },
  ],
});
