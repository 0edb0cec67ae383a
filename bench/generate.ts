/**
 * The benchmark's compose files: the project's seeded generator when it is
 * there (test/generators/compose.ts), else the benchmark's own. Both are
 * deterministic, so the files of two runs are the same files.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCompose as benchGenerator } from "./compose-generator.js";

export const SIZES = [50, 500, 5_000, 20_000] as const;
export const SEED = 20_251_128;

export interface Fixture {
  /** The size asked for. */
  size: number;
  text: string;
  lines: number;
  bytes: number;
}

type Generator = (options: { lines: number; seed: number; faults: boolean }) => unknown;

const projectGeneratorPath = join(__dirname, "..", "test", "generators", "compose.ts");

/** Which generator made the files, for the report. */
export let generatorName = "bench/compose-generator.ts";

async function generator(): Promise<(lines: number) => string> {
  if (existsSync(projectGeneratorPath)) {
    try {
      const module = (await import(projectGeneratorPath)) as { generateCompose?: Generator };
      if (typeof module.generateCompose === "function") {
        const generate = module.generateCompose;
        const probe = textOf(generate({ lines: 50, seed: SEED, faults: true }));
        if (probe !== undefined) {
          generatorName = "test/generators/compose.ts";
          return (lines) => textOf(generate({ lines, seed: SEED, faults: true }))!;
        }
      }
    } catch {
      // Falls back to the benchmark's own generator below.
    }
  }
  return (lines) => benchGenerator({ lines, seed: SEED, faults: true });
}

/** The generator may return the text or an object holding it. */
function textOf(result: unknown): string | undefined {
  if (typeof result === "string") return result;
  const text = (result as { text?: unknown } | null)?.text;
  return typeof text === "string" ? text : undefined;
}

export async function fixtures(sizes: readonly number[] = SIZES): Promise<Fixture[]> {
  const generate = await generator();
  return sizes.map((size) => {
    const text = generate(size);
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
