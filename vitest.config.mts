import { defineConfig } from "vitest/config";

// `npm test` runs on the repository's own files only: the real-world corpus
// is `npm run test:corpus` (vitest.corpus.config.mts), which the variable
// below would point the property tests at.
delete process.env.ELESTIO_TEST_CORPUS;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "test/corpus/**", "node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
  },
});
