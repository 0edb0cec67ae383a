import { defineConfig } from "vitest/config";
import { CORPUS_ENV, findCorpus } from "./scripts/test-corpus.mjs";

/**
 * `npm run fuzz`: the property tests of test/property with many more runs
 * (ELESTIO_FUZZ=1), every position of every file, and a fresh seed each time
 * (FUZZ_SEED=<n> replays one). On the corpus folder when there is one
 * (COMPOSE_CORPUS=DIR, else ../shared/corpus beside the repository, as
 * `npm run test:corpus` finds it), else on the project's own files.
 */
const explicit = Boolean(process.env.COMPOSE_CORPUS);
const corpus = findCorpus(undefined);
if (corpus.error && explicit) {
  process.stderr.write(`fuzz: ${corpus.error}; set COMPOSE_CORPUS to a folder of compose files, or unset it to fuzz the project's files\n`);
  process.exit(2);
}
if (corpus.error) {
  delete process.env[CORPUS_ENV];
  process.stdout.write("fuzz: no corpus (COMPOSE_CORPUS=DIR, or ../shared/corpus beside the repository): running on the project's files only\n");
} else {
  process.env[CORPUS_ENV] = corpus.dir;
  process.stdout.write(`fuzz: ${corpus.files} compose files in ${corpus.dir} (from ${corpus.from})\n`);
}

export default defineConfig({
  test: {
    include: ["test/property/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    env: { ELESTIO_FUZZ: "1", ...(corpus.error ? {} : { [CORPUS_ENV]: corpus.dir }) },
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
  },
});
