import { defineConfig } from "vitest/config";

/**
 * `npm run fuzz`: the property tests of test/property with many more runs
 * (ELESTIO_FUZZ=1), every position of every corpus file, and a fresh seed
 * each time (FUZZ_SEED=<n> replays one).
 */
export default defineConfig({
  test: {
    include: ["test/property/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    env: { ELESTIO_FUZZ: "1" },
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
  },
});
