import { defineConfig } from "vitest/config";

// The tests Stryker runs against each mutant of server/src/engine
// (`npm run mutation`, stryker.config.mjs): the ones that call the engine in
// this process, so that they see the mutated code. The rest of `npm test`
// runs dist/ bundles in child processes (the CLI, the server, the extension),
// which a mutant of the sources never reaches, and the property tests run
// seconds of random inputs against nearly every line: they would multiply the
// run's length for mutants that exact tests kill anyway (RELIABILITY.md).
delete process.env.ELESTIO_TEST_CORPUS;

export default defineConfig({
  test: {
    include: ["test/mutation/engine-tests.ts"],
    testTimeout: 30_000,
  },
});
