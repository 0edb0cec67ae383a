/**
 * The real-world corpus in ../shared/corpus: every file lints without a
 * crash, and what fires on Elestio's own templates and on the user's history
 * (latigue) has been read and is recorded in expected-findings.txt.
 * After a deliberate change, `UPDATE_CORPUS=1 npx vitest run test/corpus`
 * rewrites the record; review its diff like code.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { isPipelineFile } from "../../server/src/engine/files.js";
import { lint } from "../../server/src/engine/lint.js";

export const CORPUS = resolve("../shared/corpus");
const RECORD = resolve("test/corpus/expected-findings.txt");

export function corpusFiles(dir = CORPUS): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...corpusFiles(path));
    else if (/\.ya?ml$/.test(name)) files.push(path);
  }
  return files;
}

function lintCorpusFile(path: string, isPipeline: boolean) {
  const text = readFileSync(path, "utf8");
  const model = parseCompose(text);
  const errors: string[] = [];
  const findings = lint(model, { isPipeline, onRuleError: (id, error) => errors.push(`${id}: ${(error as Error).stack}`) });
  return { model, findings, errors };
}

describe.skipIf(!existsSync(CORPUS))("the shared corpus", () => {
  const files = corpusFiles();

  it("holds the files the tests expect", () => {
    expect(files.length).toBeGreaterThan(390);
  });

  it("lints every file, as a pipeline file and as another compose file, without a rule throwing", () => {
    for (const file of files) {
      for (const isPipeline of [true, false]) {
        const { errors } = lintCorpusFile(file, isPipeline);
        expect(errors, relative(CORPUS, file)).toEqual([]);
      }
    }
  });

  it("reports on Elestio's templates and on latigue's history exactly what was reviewed", () => {
    const lines: string[] = [];
    for (const file of files) {
      const rel = relative(CORPUS, file);
      if (!/^(elestio|latigue)\//.test(rel)) continue;
      const { model, findings } = lintCorpusFile(file, isPipelineFile(file));
      for (const f of findings) {
        const { line, character } = model.lines.positionAt(f.start);
        lines.push(`${rel}:${line + 1}:${character + 1} ${f.severity} ${f.ruleId} ${f.message.en}`);
      }
    }
    const actual = lines.join("\n") + "\n";
    if (process.env.UPDATE_CORPUS) writeFileSync(RECORD, actual);
    expect(actual).toBe(readFileSync(RECORD, "utf8"));
  });

  it("finds the guide's problems in latigue's first pipeline file, and none of them in the file the guide ends with", () => {
    const ids = (rel: string) => lintCorpusFile(join(CORPUS, rel), true).findings.map((f) => f.ruleId);
    expect(ids("latigue/4bd3bbe/docker-compose.yml")).toEqual(
      expect.arrayContaining(["obsolete-version", "no-container-name", "env-file-not-dotenv", "no-tls-proxy-service", "public-port-binding"]),
    );
    expect(ids("latigue/4bd3bbe/docker-compose.yml").filter((id) => id === "no-tls-proxy-service")).toHaveLength(2);
    const final = ids("latigue/374f378/docker-compose.yml");
    for (const id of ["no-container-name", "env-file-not-dotenv", "no-tls-proxy-service", "no-reserved-host-port", "obsolete-version"]) expect(final).not.toContain(id);
  });

  it("never flags the ports Elestio's own templates bind to 172.17.0.1, nor their nginx services", () => {
    for (const file of files.filter((f) => relative(CORPUS, f).startsWith("elestio/"))) {
      const { model, findings } = lintCorpusFile(file, true);
      for (const finding of findings) {
        expect(["no-tls-proxy-service", "no-reserved-host-port", "loopback-port-binding"], relative(CORPUS, file)).not.toContain(finding.ruleId);
        if (finding.ruleId === "public-port-binding") expect(model.text.slice(finding.start, finding.end)).not.toContain("172.17.0.1");
      }
    }
  });
});

