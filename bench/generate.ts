/**
 * The benchmark's compose files, from the project's seeded generator
 * (test/generators/compose.ts, the one the property tests use): the files of
 * two runs are the same files.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCompose } from "../test/generators/compose.js";

export const SIZES = [50, 500, 5_000, 20_000] as const;
export const SEED = 20_251_128;

export interface Fixture {
  /** The size asked for. */
  size: number;
  text: string;
  lines: number;
  bytes: number;
}

/** Which generator made the files, for the report. */
export const generatorName = "test/generators/compose.ts";

export function fixtures(sizes: readonly number[] = SIZES): Fixture[] {
  return sizes.map((size) => {
    const text = generateCompose({ lines: size, seed: SEED, faults: true });
    return { size, text, lines: text.split(/\r\n|\r|\n/).length - (text.endsWith("\n") ? 1 : 0), bytes: Buffer.byteLength(text) };
  });
}

/**
 * Writes `copies` copies of a fixture as `docker-compose.yml` (the name the
 * pipeline deploys) in folders of their own: every open is of a file no
 * server has seen, so no server answers from a cache.
 */
export function writeCopies(root: string, fixture: Fixture, copies: number): string[] {
  const paths: string[] = [];
  for (let i = 0; i < copies; i++) {
    const dir = join(root, `${fixture.size}-lines`, `copy-${i}`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "docker-compose.yml");
    writeFileSync(path, fixture.text);
    paths.push(path);
  }
  return paths;
}
