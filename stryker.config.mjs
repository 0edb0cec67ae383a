// Mutation testing of the engine: `npm run mutation` (RELIABILITY.md says
// what it found, README's development section when to run it).
//
// Incremental: stryker-incremental.json, committed, holds the last run's
// verdict for every mutant with the tests that decided it; a later run
// mutates again only the code and tests that changed since.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: ["server/src/engine/**/*.ts"],
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.mts", related: false },
  checkers: ["typescript"],
  tsconfigFile: "server/tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: "stryker-incremental.json",
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, skipFull: true },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  timeoutMS: 60_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
