/**
 * Incremental analysis gives what a full analysis gives. After any sequence
 * of random edits (typing, deleting, pasting lines, breaking the YAML, adding
 * anchors and aliases, renaming and re-indenting services), the findings of
 * the incremental path (reparseIncrementally + relintSteps, and the language
 * server's AnalysisCache over a TextDocument) equal lint(parseCompose(text))
 * of the same text: same rules, messages, ranges, fixes, logs.
 *
 * And the incremental path is taken: an edit typed inside a service of a
 * file without syntax errors re-parses that service only, and most rules
 * check it alone (counted below, so the test cannot pass by always falling
 * back to a full analysis).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { reparseIncrementally } from "../../server/src/engine/compose/incremental.js";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { lintStateSteps, relintSteps, type LintState } from "../../server/src/engine/incrementalLint.js";
import { drain, lint, type LintOptions } from "../../server/src/engine/lint.js";
import { RULES } from "../../server/src/engine/rules/index.js";
import { AnalysisCache, WorkspaceFolders } from "../../server/src/lsp/documents.js";
import { DEFAULT_SETTINGS } from "../../server/src/lsp/settings.js";
import { generateCompose } from "../generators/compose.js";
import { corpus, corpusLabel, FUZZ, SEED } from "./support.js";

const OPTIONS: LintOptions = { isPipeline: true };

/** One analysis state, advanced edit by edit the way the language server does. */
class IncrementalAnalysis {
  model: ComposeModel;
  state: LintState;
  incremental = 0;
  full = 0;
  /** Rules that checked the edited service alone, over all incremental edits. */
  reusedRules = 0;

  constructor(readonly text: string) {
    this.model = parseCompose(text);
    this.state = drain(lintStateSteps(this.model, OPTIONS));
  }

  edit(text: string): LintState {
    const reparse = reparseIncrementally(this.model, text);
    if (reparse.model) {
      this.incremental++;
      this.model = reparse.model;
      this.state = drain(relintSteps(this.state, reparse.model, reparse.edit, OPTIONS));
      this.reusedRules += this.state.reusedRules;
    } else {
      this.full++;
      this.model = parseCompose(text);
      this.state = drain(lintStateSteps(this.model, OPTIONS));
    }
    return this.state;
  }
}

/**
 * What a user or a paste does to a compose file: `at` is a fraction of the
 * text's length, moved to the end of its line when `lineEnd` (where typing
 * mostly happens); `remove` characters go, `insert` comes.
 */
type Edit = { at: number; lineEnd: boolean; remove: number; insert: string };

/** Text that typing inserts: mostly letters and value characters, sometimes what changes structure. */
const insertion = fc.oneof(
  { weight: 14, arbitrary: fc.stringMatching(/^[a-z0-9_.:/-]{1,6}$/) },
  { weight: 2, arbitrary: fc.constantFrom(" ", "\n", "\n    ", "\n  ", "\n      - ", ": ", "- ", "x", "") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "\n    container_name: app",
      '\n    ports:\n      - "80:80"',
      "\n    ports:\n      - 8000:8000",
      "\n    environment:\n      SECRET_KEY: hunter2hunter2",
      "\n    env_file: .env.production",
      "\n    network_mode: host",
      "\n    privileged: true",
      "\n    depends_on:\n      - nowhere",
      "\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock",
      "\n    command: echo $HOME",
      "\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"$URL\"]",
      "\n    image: traefik:v3",
      "\n    <<: *common",
      "\n    x-tmp: &tmp\n      a: 1",
      "\n    labels: [a, b",
      "\n---\n",
      '\n  extra:\n    image: nginx\n    ports:\n      - "443:443"',
      "\nnetworks:\n  shared:\n    external: true",
      "&",
      "*",
      '"',
      "{",
      "\t",
      "${DB_PASSWORD}",
      "$HOME",
      " #",
      "\n    # elestio-disable-next-line",
    ),
  },
);

const edit: fc.Arbitrary<Edit> = fc.record({
  // fc.double draws from the floats' bit patterns, most of them tiny: a uniform fraction instead.
  at: fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000),
  lineEnd: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  remove: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) }),
  insert: insertion,
});

function apply(text: string, { at, lineEnd, remove, insert }: Edit): string {
  let start = Math.min(text.length, Math.floor(at * text.length));
  if (lineEnd) {
    const end = text.indexOf("\n", start);
    start = end < 0 ? text.length : end > 0 && text[end - 1] === "\r" ? end - 1 : end;
  }
  const from = Math.max(0, start - remove);
  return text.slice(0, from) + insert + text.slice(start);
}

/** The findings as the user sees them, in a form whose differences the failure message shows. */
const shown = (findings: readonly LintState["findings"][number][]) => findings.map((f) => JSON.stringify(f));

const runs = FUZZ ? 2_000 : 60;

/** Generated files of both kinds, and the project's own (the corpus's in test:corpus). */
function files(): { rel: string; text: string }[] {
  const generated = [
    { rel: "generated/anchors-300.yml", text: generateCompose({ lines: 300, seed: 7, faults: true }) },
    { rel: "generated/plain-300.yml", text: generateCompose({ lines: 300, seed: 8, faults: true, anchors: false }) },
    { rel: "generated/every-fault-crlf.yml", text: generateCompose({ lines: 200, seed: 9, faults: 0.7, eol: "\r\n" }) },
  ];
  return [...generated, ...corpus()];
}

describe(`incremental analysis equals a full analysis (${corpusLabel()} and generated files)`, () => {
  it("after any sequence of random edits", () => {
    const all = files();
    let incremental = 0;
    let analysed = 0;
    fc.assert(
      // Half the runs on the generated files (3 of them), which parse: the project's own files are often broken on purpose.
      fc.property(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: all.length - 1 })), fc.array(edit, { minLength: 1, maxLength: 12 }), (index, edits) => {
        let text = all[index].text;
        const analysis = new IncrementalAnalysis(text);
        for (const change of edits) {
          text = apply(text, change);
          const state = analysis.edit(text);
          expect(shown(state.findings), `${all[index].rel} after ${JSON.stringify(change)}`).toEqual(shown(lint(parseCompose(text), OPTIONS)));
        }
        incremental += analysis.incremental;
        analysed += analysis.incremental + analysis.full;
      }),
      { numRuns: runs, seed: SEED },
    );
    // Random edits break files (and some land outside services): still, many must have taken the incremental path.
    expect(incremental).toBeGreaterThan(runs / 2);
    expect(incremental / analysed).toBeGreaterThan(0.1);
  });

  it("takes the incremental path for typing inside services, with most rules checking the edited service alone", () => {
    const serviceRules = RULES.filter((rule) => rule.meta.reads === "service").length;
    for (const rel of ["generated/anchors-300.yml", "generated/plain-300.yml"]) {
      let text = files().find((f) => f.rel === rel)!.text;
      const analysis = new IncrementalAnalysis(text);
      // A letter typed at the end of every value line of the form `key: value` inside services, then removed.
      const lines = text.split("\n");
      const servicesLine = lines.indexOf("services:");
      const servicesEnd = lines.findIndex((line, i) => i > servicesLine && /^[a-z]/.test(line));
      let offset = 0;
      const ends: number[] = [];
      lines.forEach((line, i) => {
        offset += line.length + 1;
        if (i > servicesLine && (servicesEnd < 0 || i < servicesEnd) && /^ {4}[a-z_]+: [\w./:-]+$/.test(line)) ends.push(offset - 1);
      });
      expect(ends.length).toBeGreaterThan(20);
      // From the end, so that earlier offsets stay where they were.
      for (const end of ends.reverse()) {
        text = text.slice(0, end) + "z" + text.slice(end);
        expect(shown(analysis.edit(text).findings)).toEqual(shown(lint(parseCompose(text), OPTIONS)));
        text = text.slice(0, end) + text.slice(end + 1);
        expect(shown(analysis.edit(text).findings)).toEqual(shown(lint(parseCompose(text), OPTIONS)));
      }
      // A service with a `&` would fall back to a full analysis: these files define anchors in `x-` entries only.
      expect(analysis.full, rel).toBe(0);
      expect(analysis.incremental).toBe(ends.length * 2);
      expect(analysis.reusedRules).toBe(analysis.incremental * serviceRules);
    }
  });

  it("in the language server's cache, over a TextDocument edited in place", () => {
    const text = generateCompose({ lines: 400, seed: 21, faults: true });
    const cache = new AnalysisCache(new WorkspaceFolders(), () => "en", () => undefined);
    let reused = 0;
    let analysed = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), (edits) => {
        let document = TextDocument.create("untitled:docker-compose.yml", "dockercompose", 1, text);
        cache.delete(document.uri);
        cache.analyze(document, DEFAULT_SETTINGS);
        for (const change of edits) {
          const next = apply(document.getText(), change);
          document = TextDocument.update(document, [{ text: next }], document.version + 1);
          const analysis = cache.analyze(document, DEFAULT_SETTINGS)!;
          expect(shown(analysis.findings)).toEqual(shown(lint(parseCompose(next), analysis.lintOptions)));
          analysed++;
          if (analysis.lintState?.reusedRules) reused++;
        }
      }),
      { numRuns: FUZZ ? 500 : 25, seed: SEED },
    );
    expect(reused / analysed).toBeGreaterThan(0.15);
  });
});
