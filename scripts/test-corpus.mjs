// `npm run test:corpus [-- --corpus DIR] [-- VITEST ARGS]`: the corpus tests
// (test/corpus) and the property tests (test/property) against a folder of
// real compose files instead of the project's own.
//
// The folder: `--corpus DIR`, else the COMPOSE_CORPUS environment variable,
// else ../shared/corpus beside the repository when it exists (the shared
// corpus of the project's machines and CI). Relative paths are taken from the
// directory npm was started in. Without a folder it says so in one line and
// exits non-zero: a corpus suite that skips in silence would hide that
// nothing was checked.
//
// Any folder of compose files will do: every file must lint without an
// internal error. test/corpus/expected-findings.txt records the findings on
// the Elestio templates and latigue's history of the shared corpus; the files
// it lists that the folder holds are checked against it, and
// `UPDATE_CORPUS=1 npm run test:corpus` rewrites their entries.
//
// The tests learn the folder from ELESTIO_TEST_CORPUS (an absolute path),
// which only this script, vitest.corpus.config.mts and vitest.fuzz.config.mts
// set; `npm test` unsets it and runs on the project's files.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** How to give a corpus folder, after the reason there is none. */
export const HOW = "give a folder of compose files with npm run test:corpus -- --corpus DIR, or COMPOSE_CORPUS=DIR";

/** The variable through which the tests learn the corpus folder. */
export const CORPUS_ENV = "ELESTIO_TEST_CORPUS";

/** How many .yml and .yaml files a folder holds, at any depth. */
export function countComposeFiles(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += countComposeFiles(join(dir, entry.name));
    else if (/\.ya?ml$/.test(entry.name)) count++;
  }
  return count;
}

/**
 * The corpus folder: `{ dir, files, from }`, or `{ error }` (why there is
 * none, a line's start) when none is given and ../shared/corpus is missing,
 * or the folder given is not one of compose files. `option` is the value of
 * `--corpus`, if any.
 */
export function findCorpus(option, env = process.env) {
  const base = env.INIT_CWD ?? process.cwd();
  const given = option !== undefined ? { path: option, from: "--corpus" } : env.COMPOSE_CORPUS ? { path: env.COMPOSE_CORPUS, from: "COMPOSE_CORPUS" } : undefined;
  if (!given) {
    const shared = resolve(root, "..", "shared", "corpus");
    if (!existsSync(shared)) return { error: "no corpus folder: ../shared/corpus does not exist beside the repository" };
    return { dir: shared, from: "../shared/corpus", files: countComposeFiles(shared) };
  }
  if (given.path === "") return { error: `no corpus folder: ${given.from} names none` };
  const dir = resolve(base, given.path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { error: `no corpus folder: ${given.path} (${given.from}) is not a folder` };
  const files = countComposeFiles(dir);
  if (files === 0) return { error: `no corpus folder: ${given.path} (${given.from}) holds no .yml or .yaml file` };
  return { dir, from: given.from, files };
}

function main(argv) {
  let option;
  const passThrough = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      passThrough.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "--corpus") option = argv[++i] ?? "";
    else if (arg.startsWith("--corpus=")) option = arg.slice("--corpus=".length);
    else passThrough.push(arg);
  }
  const corpus = findCorpus(option);
  if (corpus.error) {
    process.stderr.write(`test:corpus: ${corpus.error}; ${HOW}\n`);
    return 2;
  }
  process.stdout.write(`test:corpus: ${corpus.files} compose files in ${corpus.dir} (from ${corpus.from})\n`);
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  const result = spawnSync(process.execPath, [vitest, "run", "--config", "vitest.corpus.config.mts", ...passThrough], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, [CORPUS_ENV]: corpus.dir },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
