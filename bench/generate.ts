/**
 * The benchmark's compose files, from the project's seeded generator
 * (test/generators/compose.ts, the one the property tests use): the files of
 * two runs are the same files. Two kinds: the generator's default, whose
 * services merge `x-` anchors with `<<` (a cost for servers that expand
 * merges), and plain services, the same kind of services with no anchor,
 * alias or merge.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCompose } from "../test/generators/compose.js";

export const SIZES = [50, 500, 5_000, 20_000] as const;
/** The plain files: the sizes where the typing measurement runs. */
export const PLAIN_SIZES = [500, 5_000] as const;
/** Where edits are also timed back to back (typing), on both generators. */
export const TYPING_SIZES = [500, 5_000] as const;
export const SEED = 20_251_128;

/** `anchors`: `x-` blocks merged with `<<` (the generator's default); `plain`: no anchors, aliases or merges. */
export type Generator = "anchors" | "plain";

export interface Fixture {
  /** The size asked for. */
  size: number;
  generator: Generator;
  text: string;
  lines: number;
  bytes: number;
  /** Aliases (`*name`) in the text: what a server that resolves each one by walking the document pays for. */
  aliases: number;
}

/** Which generator made the files, for the report. */
export const generatorName = "test/generators/compose.ts";

export function fixtures(sizes: readonly number[] = SIZES, generator: Generator = "anchors"): Fixture[] {
  return sizes.map((size) => {
    const text = generateCompose({ lines: size, seed: SEED, faults: true, anchors: generator === "anchors" });
    return {
      size,
      generator,
      text,
      lines: text.split(/\r\n|\r|\n/).length - (text.endsWith("\n") ? 1 : 0),
      bytes: Buffer.byteLength(text),
      // The generator writes `*` only in aliases (`<<: *common`).
      aliases: (text.match(/\s\*[\w-]+/g) ?? []).length,
    };
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
    const dir = join(root, `${fixture.size}-lines-${fixture.generator}`, `copy-${i}`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "docker-compose.yml");
    writeFileSync(path, fixture.text);
    paths.push(path);
  }
  return paths;
}
