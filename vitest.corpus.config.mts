import { defineConfig } from "vitest/config";
import { CORPUS_ENV, findCorpus, HOW } from "./scripts/test-corpus.mjs";

/**
 * `npm run test:corpus`: the corpus tests (test/corpus) and the property tests
 * (test/property) on a folder of real compose files, which
 * scripts/test-corpus.mjs finds (`--corpus DIR`, COMPOSE_CORPUS, else
 * ../shared/corpus beside the repository) and passes in ELESTIO_TEST_CORPUS.
 * Run without the script, this config finds the folder the same way (without
 * `--corpus`), and stops with one line when there is none.
 */
if (!process.env[CORPUS_ENV]) {
  const corpus = findCorpus(undefined);
  if (corpus.error) {
    process.stderr.write(`test:corpus: ${corpus.error}; ${HOW}\n`);
    process.exit(2);
  }
  process.env[CORPUS_ENV] = corpus.dir;
}

export default defineConfig({
  test: {
    include: ["test/corpus/**/*.test.ts", "test/property/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    env: { [CORPUS_ENV]: process.env[CORPUS_ENV]! },
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
