/**
 * The project's files, on which the property tests run in `npm test`, hold
 * what makes those tests mean something: the shapes of real pipeline files
 * (Elestio's `172.17.0.1:` bindings, the obsolete `version:`, CRLF, anchors
 * and merges, several documents, `!reset`, long-syntax ports, `env_file`
 * objects, flow style) and, for every rule with a quick fix, a finding whose
 * fix the tests check. The project's own files alone hold all of it
 * (test/fixtures/elestio-style and the generated files), whatever the other
 * fixtures become. On a corpus folder (`npm run test:corpus`) this is the
 * corpus tests' business, and skipped.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { RULES } from "../../server/src/engine/rules/index.js";
import { corpus, CORPUS_DIR, type CorpusFile } from "./support.js";

const OWN = /^(test\/fixtures\/elestio-style|generated)\//;

/** What the files must show, each by a test on a file's path and text. */
const SHAPES: Record<string, (file: CorpusFile) => boolean> = {
  "a port published on 172.17.0.1": (f) => /^\s*- ["']?172\.17\.0\.1:\d+:\d+/m.test(f.text),
  "a long-syntax port bound to 172.17.0.1": (f) => /^\s+host_ip: ["']?172\.17\.0\.1/m.test(f.text),
  "the obsolete top-level version": (f) => /^version:/m.test(f.text),
  "CRLF line endings throughout": (f) => f.text.includes("\r\n") && !/[^\r]\n/.test(f.text),
  "container_name": (f) => /^\s+container_name:/m.test(f.text),
  "a managed database published on the bridge": (f) => /image: elestio\/(postgres|mariadb|mysql)/.test(f.text) && /172\.17\.0\.1:\d+:(5432|3306)/.test(f.text),
  "an nginx serving on a 172.17.0.1 port": (f) => /image: nginx[^\n]*\n\s+restart: \w+\n\s+ports:\n\s+- "?172\.17\.0\.1:/.test(f.text),
  "anchors, aliases and a `<<` merge of several": (f) => /&[\w-]+/.test(f.text) && /\*[\w-]+/.test(f.text) && /<<: \[\*/.test(f.text),
  "several YAML documents": (f) => parseCompose(f.text).documents.length > 1,
  "!reset and !override": (f) => f.text.includes("!reset") && f.text.includes("!override"),
  "env_file objects with required": (f) => /- path: [^\n]+\n\s+required: (true|false)/.test(f.text),
  "services in flow style": (f) => /^services: \{/m.test(f.text),
  "block scalars": (f) => /: [|>]-?\s*$/m.test(f.text),
  "the .yaml extension": (f) => f.rel.endsWith(".yaml"),
  "a file without any finding but hints": (f) => lint(parseCompose(f.text), { isPipeline: true }).every((x) => x.severity === "hint"),
};

describe("the project's files", () => {
  it("hold the shapes of real pipeline files, in the project's own fixtures", (context) => {
    if (CORPUS_DIR) context.skip(`the property tests run on the corpus folder ${CORPUS_DIR}, which test/corpus checks`);
    const own = corpus().filter((f) => OWN.test(f.rel));
    const missing = Object.entries(SHAPES)
      .filter(([, has]) => !own.some(has))
      .map(([shape]) => shape);
    expect(missing).toEqual([]);
  });

  it("give a quick fix of every fixable rule to check, in the project's own fixtures", (context) => {
    if (CORPUS_DIR) context.skip(`the property tests run on the corpus folder ${CORPUS_DIR}, which test/corpus checks`);
    const fixed = new Set<string>();
    for (const file of corpus().filter((f) => OWN.test(f.rel))) {
      for (const finding of lint(parseCompose(file.text), { isPipeline: true })) if (finding.fix) fixed.add(finding.ruleId);
    }
    const fixable = RULES.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id);
    expect(fixable.filter((id) => !fixed.has(id))).toEqual([]);
    expect(fixable.length).toBeGreaterThan(10);
  });
});
