// @ts-check
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

const ENGINE_LAYERING = [
  { regex: "^(vscode|vscode-languageserver.*|vscode-jsonrpc)(/.*)?$", message: "The engine stays free of editor code: LSP wiring belongs in server/src/lsp." },
  { regex: "^\\.\\.?/(.*/)?(lsp|cli)(/|$)", message: "The engine does not depend on the language server or the CLI: they depend on it." },
];
const YAML_OUTSIDE_COMPOSE = { regex: "^yaml(/.*)?$", message: "Only server/src/engine/compose/ reads YAML: ask its facts (typed, merge-aware, with spans) instead." };
const OTHER_RULES = { regex: "^\\./(?!types\\.js$)", message: "A rule does not import another rule: shared facts belong in engine/compose/, precedence in meta.supersedes." };

export default defineConfig(
  globalIgnores(["dist/", "out/", "coverage/", ".stryker-tmp/", "reports/", ".cache/", "test/fixtures/", "test/grammar/yaml/", "test/e2e/screenshots/"]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
      // Already in recommendedTypeChecked, named to keep them whatever the preset becomes: the bugs this project guards against.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/prefer-promise-reject-errors": "error",
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/no-base-to-string": "error",
      // A switch with a `default` handles the rest on purpose; one without must name every member.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      // Numbers and booleans print as expected; objects, `unknown`, `any`, never and RegExps in a message are bugs.
      // Nullish is allowed: each place it would flag today has ruled it out through a check TypeScript cannot see through.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: false, allowRegExp: false, allowNever: false },
      ],
    },
  },
  {
    files: ["test/**"],
    rules: {
      // Tests read JSON (package.json, SARIF, CLI --format json, LSP payloads) and assert on it: typing each parse adds nothing.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: true }],
    },
  },
  {
    // Layering: the engine is plain TypeScript that the language server, the CLI and the benchmark share,
    // and engine/compose/ is the one reader of YAML: everything else asks its facts.
    files: ["server/src/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [YAML_OUTSIDE_COMPOSE] }] },
  },
  {
    files: ["server/src/engine/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...ENGINE_LAYERING, YAML_OUTSIDE_COMPOSE] }] },
  },
  {
    // A rule asks the facts layer, and declares in its meta which rules it supersedes: it never imports another rule.
    files: ["server/src/engine/rules/**"],
    ignores: ["server/src/engine/rules/index.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...ENGINE_LAYERING, YAML_OUTSIDE_COMPOSE, OTHER_RULES] }] },
  },
  {
    files: ["server/src/engine/compose/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ENGINE_LAYERING }] },
  },
  {
    // The client bundles what it imports from the server: only the shared names and the two engine modules it needs.
    files: ["client/src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+server/src/(?!(protocol|engine/config|engine/files)\\.js$)",
              message: "The client imports from server/src only protocol.ts, engine/config.ts and engine/files.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript (esbuild.mjs, scripts/*.mjs) and the root config files are not all in a tsconfig
    // (vitest.fuzz/corpus configs import a .mjs that has no types): they are linted without type information.
    files: ["**/*.{js,mjs,cjs}", "*.{mts,cts}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly" },
    },
  },
);
