/**
 * A folder of real-world compose files (`npm run test:corpus`, which passes
 * it in ELESTIO_TEST_CORPUS; see scripts/test-corpus.mjs): every file lints
 * without a crash, and what fires on Elestio's own templates, on the
 * user's history (latigue) and on the 50 real-world projects (realworld/) in
 * the shared corpus has been read and is recorded in expected-findings.txt.
 *
 * The record lists every file it covers under a `## <file>` line, then that
 * file's findings (none: the file has no finding). The files it lists that
 * the folder holds are checked; the shared corpus (a folder with a
 * MANIFEST.tsv) must hold them all, and every elestio/, latigue/ and realworld/ file it
 * holds must be listed. After a deliberate change,
 * `UPDATE_CORPUS=1 npm run test:corpus` rewrites the entries of the files the
 * folder holds (and, for the shared corpus, drops those it no longer holds);
 * review its diff like code.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { isPipelineFile } from "../../server/src/engine/files.js";
import { lint } from "../../server/src/engine/lint.js";
import { MESSAGE_LIMITS } from "../../server/src/engine/rules/types.js";
import { runCli } from "../helpers/cli.js";

const CORPUS = process.env.ELESTIO_TEST_CORPUS;
if (!CORPUS) throw new Error("test/corpus runs on a corpus folder: npm run test:corpus [-- --corpus DIR]");
const RECORD = "test/corpus/expected-findings.txt";
/** The shared corpus names its files in MANIFEST.tsv: the tests that count on its files apply to it alone. */
const MANIFEST = join(CORPUS, "MANIFEST.tsv");
const SHARED = existsSync(MANIFEST);
/** The files the record covers: Elestio's templates, latigue's history and the real-world projects. */
const COVERED = /^(elestio|latigue|realworld)\//;

const RECORD_HEADER = [
  "# Findings on Elestio's templates (elestio/), latigue's history (latigue/) and real-world projects (realworld/) of the shared corpus, reviewed by",
  "# hand: `## <file>` for each file covered, then one line per finding (none: the file has none). Checked by",
  "# test/corpus/corpus.test.ts for the files a corpus folder holds; UPDATE_CORPUS=1 npm run test:corpus rewrites them.",
];

export function corpusFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...corpusFiles(path));
    else if (/\.ya?ml$/.test(name)) files.push(path);
  }
  return files;
}

const relOf = (path: string) => relative(CORPUS, path).split(sep).join("/");

/** Paths in the order of corpusFiles' walk: name by name, folder by folder. */
function walkOrder(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}

function lintCorpusFile(path: string, isPipeline: boolean) {
  const text = readFileSync(path, "utf8");
  const model = parseCompose(text);
  const errors: string[] = [];
  const findings = lint(model, { isPipeline, onRuleError: (id, error) => errors.push(`${id}: ${(error as Error).stack}`) });
  return { model, findings, errors };
}

/** The record's lines for one file, as the pipeline's file (or not) that its name makes it. */
function findingLines(rel: string): string[] {
  const path = join(CORPUS!, rel);
  const { model, findings } = lintCorpusFile(path, isPipelineFile(path));
  return findings.map((f) => {
    const { line, character } = model.lines.positionAt(f.start);
    return `${rel}:${line + 1}:${character + 1} ${f.severity} ${f.ruleId} ${f.message.en}`;
  });
}

/** The record: each file it covers, in order, with its finding lines. */
function parseRecord(text: string): Map<string, string[]> {
  const record = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const [index, line] of text.split("\n").entries()) {
    if (line.startsWith("## ")) {
      const rel = line.slice(3);
      if (record.has(rel)) throw new Error(`${RECORD}:${index + 1}: ${rel} is listed twice`);
      record.set(rel, (current = []));
    } else if (line === "" || line.startsWith("#")) continue;
    else {
      const rel = [...record.keys()].pop();
      if (!current || !line.startsWith(`${rel}:`)) throw new Error(`${RECORD}:${index + 1}: a finding outside its file's section: ${line}`);
      current.push(line);
    }
  }
  return record;
}

function formatRecord(record: ReadonlyMap<string, readonly string[]>): string {
  return [...RECORD_HEADER, ...[...record].flatMap(([rel, lines]) => [`## ${rel}`, ...lines])].join("\n") + "\n";
}

/** Skips the test with its reason, shown in the log as well as in the report. */
function skip(context: TestContext, reason: string): never {
  console.info(`[corpus] skipped: ${reason}`);
  return context.skip(reason);
}

describe(`the corpus folder ${CORPUS}`, () => {
  const files = corpusFiles(CORPUS);
  const rels = files.map(relOf);
  const present = new Set(rels);

  it("holds the files the tests expect (the shared corpus: every file of its MANIFEST.tsv)", (context) => {
    if (!SHARED) skip(context, `${CORPUS} has no MANIFEST.tsv: not the shared corpus, whose files this counts (${files.length} compose files here)`);
    const listed = readFileSync(MANIFEST, "utf8")
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split("\t")[0])
      .filter((rel) => rel && /\.ya?ml$/.test(rel));
    expect(listed.filter((rel) => !present.has(rel))).toEqual([]);
    expect(files.length).toBeGreaterThan(390);
  });

  it("lints every file, as a pipeline file and as another compose file, without a rule throwing", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const isPipeline of [true, false]) {
        const { errors } = lintCorpusFile(file, isPipeline);
        expect(errors, relOf(file)).toEqual([]);
      }
    }
  });

  it("goes through the CLI (dist/cli.js) without an internal error: exit 0 with --exit-zero, nothing on stderr", () => {
    // A rule that throws makes the CLI exit 2 with one stderr line per rule and file, --exit-zero or not.
    const result = runCli(["--format", "json", "--exit-zero", ...files.map(relOf)], { cwd: CORPUS });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(files.length);
  });

  it("says every finding in one line that fits the Problems panel: at most 120 characters in English, 140 in French", () => {
    const tooLong: string[] = [];
    let count = 0;
    for (const file of files) {
      for (const isPipeline of [true, false]) {
        const { model, findings } = lintCorpusFile(file, isPipeline);
        for (const finding of findings) {
          count++;
          for (const language of ["en", "fr"] as const) {
            const text = finding.message[language];
            if (text.length <= MESSAGE_LIMITS[language] && !/[\r\n]/.test(text)) continue;
            const { line, character } = model.lines.positionAt(finding.start);
            tooLong.push(`${relOf(file)}:${line + 1}:${character + 1} ${finding.ruleId} ${language} (${text.length}): ${text}`);
          }
        }
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(tooLong).toEqual([]);
  });

  it("reports on Elestio's templates and on latigue's history exactly what was reviewed", (context) => {
    let record: Map<string, string[]>;
    try {
      record = parseRecord(readFileSync(RECORD, "utf8"));
    } catch (error) {
      if (!process.env.UPDATE_CORPUS) throw error;
      console.info(`[corpus] ${(error as Error).message}: the record is rewritten whole`);
      record = new Map();
    }
    const covered = rels.filter((rel) => COVERED.test(rel));
    if (process.env.UPDATE_CORPUS) {
      const updated = new Map<string, string[]>();
      for (const [rel, lines] of record) if (!present.has(rel) && !SHARED) updated.set(rel, lines);
      for (const rel of covered) updated.set(rel, findingLines(rel));
      const sorted = new Map([...updated].sort(([a], [b]) => walkOrder(a, b)));
      writeFileSync(RECORD, formatRecord(sorted));
      console.info(`[corpus] ${RECORD} rewritten: ${covered.length} files of ${CORPUS}${SHARED ? "" : `, ${sorted.size - covered.length} entries of other files kept`}`);
      record.clear();
      for (const [rel, lines] of sorted) record.set(rel, lines);
    }
    const checked = [...record.keys()].filter((rel) => present.has(rel));
    if (SHARED) {
      // The shared corpus is the record's reference: it holds every file listed, and every file it holds is listed.
      expect([...record.keys()].filter((rel) => !present.has(rel)), `files of ${RECORD} that the shared corpus no longer holds`).toEqual([]);
      expect(covered.filter((rel) => !record.has(rel)), `files of the shared corpus missing from ${RECORD} (UPDATE_CORPUS=1 npm run test:corpus)`).toEqual([]);
    }
    if (checked.length === 0) skip(context, `none of the ${record.size} files of ${RECORD} is in ${CORPUS}`);
    const expected = checked.map((rel) => [`## ${rel}`, ...record.get(rel)!].join("\n")).join("\n");
    const actual = checked.map((rel) => [`## ${rel}`, ...findingLines(rel)].join("\n")).join("\n");
    console.info(`[corpus] findings checked on ${checked.length} of the ${record.size} files of ${RECORD}`);
    expect(actual).toBe(expected);
  });

  it("finds the guide's problems in latigue's first pipeline file, and none of them in the file the guide ends with", (context) => {
    const first = "latigue/4bd3bbe/docker-compose.yml";
    const last = "latigue/374f378/docker-compose.yml";
    if (!present.has(first) || !present.has(last)) skip(context, `${CORPUS} does not hold latigue's ${first} and ${last}`);
    const ids = (rel: string) => lintCorpusFile(join(CORPUS, rel), true).findings.map((f) => f.ruleId);
    expect(ids(first)).toEqual(expect.arrayContaining(["obsolete-version", "no-container-name", "env-file-not-dotenv", "no-tls-proxy-service", "public-port-binding"]));
    expect(ids(first).filter((id) => id === "no-tls-proxy-service")).toHaveLength(2);
    const final = ids(last);
    for (const id of ["no-container-name", "env-file-not-dotenv", "no-tls-proxy-service", "no-reserved-host-port", "obsolete-version"]) expect(final).not.toContain(id);
  });

  it("never flags the ports Elestio's own templates bind to 172.17.0.1, nor their nginx services", (context) => {
    const templates = files.filter((f) => relOf(f).startsWith("elestio/"));
    if (templates.length === 0) skip(context, `${CORPUS} holds no Elestio template (elestio/)`);
    let bindings = 0;
    for (const file of templates) {
      const { model, findings } = lintCorpusFile(file, true);
      bindings += model.text.split("172.17.0.1:").length - 1;
      for (const finding of findings) {
        expect(["no-tls-proxy-service", "no-reserved-host-port", "loopback-port-binding"], relOf(file)).not.toContain(finding.ruleId);
        if (finding.ruleId === "public-port-binding") expect(model.text.slice(finding.start, finding.end)).not.toContain("172.17.0.1");
      }
    }
    console.info(`[corpus] ${templates.length} Elestio templates, ${bindings} mentions of 172.17.0.1: none flagged`);
    if (SHARED) expect(bindings).toBeGreaterThan(90);
  });

  it("finds invalid the files compose refuses, and nothing of the schema's rules anywhere else: interpolation, anchors and extensions raise no false error", (context) => {
    if (!SHARED) skip(context, `${CORPUS} has no MANIFEST.tsv: the files invalid on purpose are the shared corpus's`);
    // Each file compose refuses, with the rule that says why (read by hand: the first four are compose's own
    // fixtures of refused files; the last two are fragments of tests that merge them with a file declaring the networks).
    const INVALID: Record<string, string[]> = {
      "compose-e2e/pkg__e2e__fixtures__wrong-composefile__compose.yml": ["unknown-key"],
      "compose-go/loader__testdata__compose-depends-on-cycle.yml": ["undefined-reference", "undefined-reference", "undefined-reference"],
      // Named for a test that enables profiles in code; the file itself has the cycle.
      "compose-go/loader__testdata__compose-depends-on-profile-no-cycle.yml": ["undefined-reference", "undefined-reference", "undefined-reference"],
      "compose-go/loader__testdata__compose-depends-on-self.yml": ["undefined-reference"],
      "compose-go/schema__using-variables.yml": ["undefined-reference", "undefined-reference"],
      "compose-go-inline/loader__override_test__L218.yml": ["undefined-reference"],
    };
    const SCHEMA_RULES = new Set(["unknown-key", "invalid-value", "undefined-reference"]);
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const ids = lintCorpusFile(file, false).findings.map((f) => f.ruleId).filter((id) => SCHEMA_RULES.has(id));
      if (ids.length > 0) found[relOf(file)] = ids;
    }
    expect(found).toEqual(INVALID);
  });
});
