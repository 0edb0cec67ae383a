/**
 * What the property tests share: the files they run on, the number of runs (short in
 * `npm test`, long in `npm run fuzz`), mutations of a text, and the checks
 * that a fix is safe.
 *
 * What "safe" means, precisely (RELIABILITY.md repeats it):
 * - parses: a text without YAML errors has none after the fix;
 * - keeps every comment: every comment of the text is still there, in the
 *   same order, except a comment on a line the fix deletes whole; and even
 *   then, a comment line the fix deletes must belong to the node it removes:
 *   a trailing comment of a removed line, a comment line between the removed
 *   node's first and last lines, or one just below it indented deeper than
 *   its key. A fix never eats the comment above a node, nor the one that
 *   describes the next key;
 * - changes no node outside the edited one: every scalar, key and alias of
 *   the text that no edit overlaps, and whose keys above it no edit
 *   overlaps, is still there, byte for byte, at the same path (sequence
 *   indexes aside, as removing an item shifts the next ones);
 * - fixes its finding: after the fix, no finding of the same rule has the
 *   finding's range (mapped through the edits).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import fc from "fast-check";
import { Parser, isAlias, isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { compatibleFixEdits } from "../../server/src/engine/fixes.js";
import { hover, type HoverOptions, type HoverResult } from "../../server/src/engine/hover/index.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import type { ProjectFiles } from "../../server/src/engine/project.js";
import { applyEdits, LineIndex, type OffsetEdit } from "../../server/src/engine/text.js";
import { FAULT_KINDS, generateCompose, type GenerateOptions } from "../generators/compose.js";

/** `npm run fuzz` sets it: many more runs, every position, every file. */
export const FUZZ = process.env.ELESTIO_FUZZ === "1";

/** A fixed seed in `npm test` (a failure reproduces), a fresh one per fuzz run unless FUZZ_SEED names one. */
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : FUZZ ? Date.now() % 2_147_483_647 : 20_261_128;
if (FUZZ) console.info(`[reliability] fuzz seed ${SEED} (FUZZ_SEED=${SEED} npm run fuzz replays it)`);

/**
 * The files the property tests run on. In `npm test`, the project's own
 * files (below). In `npm run test:corpus` (and `npm run fuzz`, when it finds
 * one), the corpus folder given to npm run test:corpus, which
 * scripts/test-corpus.mjs passes as an absolute path in ELESTIO_TEST_CORPUS.
 */
export const CORPUS_DIR: string | undefined = process.env.ELESTIO_TEST_CORPUS ? resolve(process.env.ELESTIO_TEST_CORPUS) : undefined;

/**
 * Which files `corpus()` holds: the project's own; the shared corpus (a folder
 * with a MANIFEST.tsv, which the guards below are calibrated on); or another
 * folder of compose files, of which nothing is known but that it holds some.
 */
export const CORPUS_KIND: "project" | "shared" | "folder" = !CORPUS_DIR ? "project" : existsSync(join(CORPUS_DIR, "MANIFEST.tsv")) ? "shared" : "folder";

/** The folders of the repository whose YAML files the property tests run on in `npm test` (every file found, at any depth). */
export const PROJECT_FOLDERS = ["test/fixtures", "examples", "test/e2e/fixtures"];

/**
 * Generated files added to the project's files: every fault kind in both line
 * endings, faults in most services, and a file without any.
 */
export const PROJECT_GENERATED: { rel: string; options: GenerateOptions }[] = [
  { rel: "generated/every-fault.yml", options: { lines: 200, seed: 11, faults: [...FAULT_KINDS] } },
  { rel: "generated/every-fault-crlf.yml", options: { lines: 200, seed: 12, faults: [...FAULT_KINDS], eol: "\r\n" } },
  { rel: "generated/many-faults.yml", options: { lines: 240, seed: 13, faults: 0.6 } },
  { rel: "generated/no-fault.yml", options: { lines: 120, seed: 14 } },
];

export interface CorpusFile {
  /** Path relative to the corpus folder (in `npm test`, to the repository, or `generated/…`). */
  rel: string;
  text: string;
}

let corpusCache: CorpusFile[] | undefined;

function walkYaml(dir: string, base: string, files: CorpusFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walkYaml(path, base, files);
    else if (/\.ya?ml$/.test(name)) files.push({ rel: relative(base, path).split(sep).join("/"), text: readFileSync(path, "utf8") });
  }
}

/**
 * The files the property tests run on, in a stable order: every YAML file of
 * the corpus folder when one is given; else every YAML file of
 * PROJECT_FOLDERS and the PROJECT_GENERATED files.
 */
export function corpus(): CorpusFile[] {
  if (corpusCache) return corpusCache;
  const files: CorpusFile[] = [];
  if (CORPUS_DIR) walkYaml(CORPUS_DIR, CORPUS_DIR, files);
  else {
    const root = resolve(".");
    for (const folder of PROJECT_FOLDERS) if (existsSync(folder)) walkYaml(resolve(folder), root, files);
    for (const { rel, options } of PROJECT_GENERATED) files.push({ rel, text: generateCompose(options) });
  }
  if (files.length === 0) throw new Error(`no YAML file in ${CORPUS_DIR ?? PROJECT_FOLDERS.join(", ")}`);
  corpusCache = files;
  return files;
}

/** What `corpus()` holds, for the tests' log lines. */
export function corpusLabel(): string {
  return CORPUS_DIR ? `${corpus().length} files of ${CORPUS_KIND === "shared" ? "the shared corpus" : "the corpus folder"} ${CORPUS_DIR}` : `${corpus().length} project files`;
}

/**
 * The floor of a guard against a vacuous pass (a count the test must
 * exceed), for the files at hand: the one calibrated on the project's files
 * in `npm test`, or on the shared corpus; none (-1) for another folder, of
 * which nothing is known.
 */
export function floorFor(floors: { project: number; shared: number }): number {
  return CORPUS_KIND === "folder" ? -1 : floors[CORPUS_KIND];
}

/**
 * The files that some tests take a closer look at, as the first of
 * `preferred` that the files hold (the corpus's own when given, then the
 * project's), else the first file.
 */
export function pickFiles(preferred: readonly (string | RegExp)[]): CorpusFile[] {
  const files = corpus();
  for (const want of preferred) {
    const found = files.filter((f) => (typeof want === "string" ? f.rel === want : want.test(f.rel)));
    if (found.length > 0) return found;
  }
  return files.slice(0, 1);
}

// ---------------------------------------------------------------------------
// Mutations

export type Mutation =
  | { kind: "delete-line"; at: number }
  | { kind: "duplicate-line"; at: number }
  | { kind: "swap-lines"; at: number; other: number }
  | { kind: "truncate"; at: number }
  | { kind: "indent"; at: number; delta: number }
  | { kind: "insert"; at: number; text: string }
  // Edits that keep the YAML valid (mostly): they give fixes comments and blank lines to step around.
  | { kind: "comment-line"; at: number; indent: number }
  | { kind: "blank-line"; at: number }
  | { kind: "trailing-comment"; at: number }
  | { kind: "strip-final-eol" };

/** What a hurried hand or a bad paste inserts: tabs, quotes, brackets, YAML indicators, odd characters. */
export const INSERTIONS = ["\t", '"', "'", "[", "]", "{", "}", ":", ": ", "- ", "#", ",", "&a ", "*a", "<<: *a", "${", "$", "$$", "}", "\r", "\n", "\r\n", "\0", "\uFEFF", "\\", "|", ">-", "? ", "!!str ", "!reset ", "---\n", "...\n", "%YAML 1.2\n", "\u00e9", "\ud83d\ude80", "\ud800"];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete-line" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap-lines" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), delta: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTIONS), fc.string({ maxLength: 4 })) }),
);

/** Mutations that mostly keep a file valid: comments and blank lines anywhere, no final line break. */
export const benignMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("comment-line" as const), at: fc.nat(), indent: fc.nat({ max: 10 }) }),
  fc.record({ kind: fc.constant("blank-line" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("trailing-comment" as const), at: fc.nat() }),
  fc.constant({ kind: "strip-final-eol" as const }),
);

export const mutationsArb = fc.array(fc.oneof({ arbitrary: mutationArb, weight: 3 }, { arbitrary: benignMutationArb, weight: 1 }), { minLength: 1, maxLength: 5 });

export const benignMutationsArb = fc.array(benignMutationArb, { minLength: 1, maxLength: 8 });

function splitLines(text: string): string[] {
  return text.split(/(?<=\r\n|\n|\r(?!\n))/);
}

export function mutate(text: string, mutation: Mutation): string {
  const lines = splitLines(text);
  const line = (n: number) => n % Math.max(1, lines.length);
  switch (mutation.kind) {
    case "delete-line":
      lines.splice(line(mutation.at), 1);
      return lines.join("");
    case "duplicate-line": {
      const i = line(mutation.at);
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("");
    }
    case "swap-lines": {
      const a = line(mutation.at);
      const b = line(mutation.other);
      [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
      return lines.join("");
    }
    case "truncate":
      return text.slice(0, mutation.at % (text.length + 1));
    case "indent": {
      const i = line(mutation.at);
      const current = lines[i] ?? "";
      lines[i] = mutation.delta >= 0 ? " ".repeat(mutation.delta) + current : current.replace(new RegExp(`^ {0,${-mutation.delta}}`), "");
      return lines.join("");
    }
    case "insert": {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case "comment-line":
    case "blank-line": {
      const i = mutation.at % (lines.length + 1);
      const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? "\n";
      lines.splice(i, 0, mutation.kind === "blank-line" ? eol : `${" ".repeat(mutation.indent)}# c${mutation.at}${eol}`);
      return lines.join("");
    }
    case "trailing-comment": {
      const i = line(mutation.at);
      lines[i] = (lines[i] ?? "").replace(/(\r\n|\n|\r)?$/, (eol) => `  # t${mutation.at}${eol}`);
      return lines.join("");
    }
    case "strip-final-eol":
      return text.replace(/(\r\n|\n|\r)+$/, "");
  }
}

export function mutateAll(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(mutate, text);
}

// ---------------------------------------------------------------------------
// Linting as the editor and the CLI do

export interface LintSetup {
  isPipeline: boolean;
  project?: ProjectFiles;
}

/** Lints, failing on a rule that throws (the runner would isolate it; a property test must see it). */
export function lintStrict(text: string, setup: LintSetup): Finding[] {
  const errors: string[] = [];
  const findings = lint(parseCompose(text), { ...setup, onRuleError: (id, error) => errors.push(`${id}: ${(error as Error)?.stack ?? String(error)}`) });
  if (errors.length > 0) throw new Error(`a rule threw:\n${errors.join("\n")}`);
  return findings;
}

/** Hovers, failing on a part of the hover that throws (the hover would leave it out; a property test must see it). */
export function hoverStrict(model: ComposeModel, findings: readonly Finding[], offset: number, language: Language, options: HoverOptions): HoverResult | undefined {
  const errors: string[] = [];
  const result = hover(model, findings, offset, language, { ...options, onError: (part, error) => errors.push(`${part}: ${(error as Error)?.stack ?? String(error)}`) });
  if (errors.length > 0) throw new Error(`a hover part threw at offset ${offset}:\n${errors.join("\n")}`);
  return result;
}

// ---------------------------------------------------------------------------
// Comments and leaves

export interface Comment {
  offset: number;
  text: string;
}

/** Every comment of the text, from the parser's concrete syntax tree. */
export function commentsOf(text: string): Comment[] {
  const found: Comment[] = [];
  const walk = (token: unknown): void => {
    if (!token || typeof token !== "object") return;
    if (Array.isArray(token)) {
      for (const item of token) walk(item);
      return;
    }
    const t = token as { type?: string; offset?: number; source?: string };
    if (t.type === "comment" && typeof t.offset === "number" && typeof t.source === "string") {
      found.push({ offset: t.offset, text: t.source });
      return;
    }
    for (const value of Object.values(token)) if (value && typeof value === "object") walk(value);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found.sort((a, b) => a.offset - b.offset);
}

export interface Leaf {
  /** Keys from the root (`[]` for a sequence item), then the leaf's own kind. */
  path: string;
  /** The source text of the scalar or alias, byte for byte. */
  text: string;
  start: number;
  end: number;
  /** Source ranges of the keys above the leaf. */
  keyRanges: [number, number][];
}

/** Every key, scalar and alias of every document, with where it sits. */
export function leavesOf(text: string, model = parseCompose(text)): Leaf[] {
  const leaves: Leaf[] = [];
  const visit = (node: unknown, path: string, keyRanges: [number, number][]): void => {
    if (isAlias(node)) {
      const [start, end] = node.range ?? [0, 0];
      leaves.push({ path: `${path}/*`, text: text.slice(start, end), start, end, keyRanges });
      return;
    }
    if (isScalar(node)) {
      const [start, end] = node.range ?? [0, 0];
      const anchor = node.anchor ? `&${node.anchor} ` : "";
      leaves.push({ path: `${path}/=`, text: anchor + text.slice(start, end), start, end, keyRanges });
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const keyText = isScalar(key) ? String(key.value) : "?";
        const keyRange: [number, number] = key?.range ? [key.range[0], key.range[1]] : [0, 0];
        if (isScalar(key)) leaves.push({ path: `${path}/${keyText}:`, text: text.slice(keyRange[0], keyRange[1]), start: keyRange[0], end: keyRange[1], keyRanges });
        visit(pair.value, `${path}/${keyText}`, [...keyRanges, keyRange]);
      }
      return;
    }
    if (isSeq(node)) for (const item of node.items) visit(item, `${path}/[]`, keyRanges);
  };
  model.documents.forEach((doc, i) => visit(doc.contents, `#${i}`, []));
  return leaves;
}

function overlaps(edit: OffsetEdit, start: number, end: number): boolean {
  // An insertion at either end of a plain scalar may extend it.
  if (edit.start === edit.end) return start <= edit.start && edit.start <= end;
  const leafEnd = Math.max(end, start + 1);
  return edit.start < leafEnd && start < edit.end;
}

// ---------------------------------------------------------------------------
// The checks

/** The text's lines, comments and leaves, kept for the next call: every fix of a file starts from the same text. */
let lastAnalyzed: { text: string; lines: LineIndex; comments: Comment[]; leaves: Leaf[] } | undefined;

function analyzed(text: string): NonNullable<typeof lastAnalyzed> {
  if (lastAnalyzed?.text !== text) lastAnalyzed = { text, lines: new LineIndex(text), comments: commentsOf(text), leaves: leavesOf(text) };
  return lastAnalyzed;
}

/** Maps an offset of the text before the edits to the text after them (an offset inside a replaced span maps to undefined). */
export function mapOffset(edits: readonly OffsetEdit[], offset: number, side: "start" | "end"): number | undefined {
  let delta = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const growth = edit.newText.length - (edit.end - edit.start);
    if (edit.start === edit.end) {
      if (edit.start < offset || (edit.start === offset && side === "end")) delta += growth;
      continue;
    }
    if (edit.end <= offset) delta += growth;
    else if (edit.start < offset) return undefined;
  }
  return offset + delta;
}

/**
 * The ways `edits` break the rules above, as readable lines (empty when the
 * edits are safe). `before` had no YAML error when `mustParse`.
 */
export function editViolations(before: string, edits: readonly OffsetEdit[], mustParse: boolean): string[] {
  const problems: string[] = [];
  for (const edit of edits) {
    if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= before.length)) problems.push(`edit out of range: ${JSON.stringify(edit)}`);
  }
  if (problems.length > 0) return problems;
  let after: string;
  try {
    after = applyEdits(before, edits);
  } catch (error) {
    return [`edits do not apply: ${(error as Error).message} ${JSON.stringify(edits)}`];
  }
  const afterModel = parseCompose(after);
  if (mustParse && afterModel.syntaxErrors.length > 0) problems.push(`the fixed text does not parse: ${afterModel.syntaxErrors[0].message}`);
  const { lines, comments, leaves } = analyzed(before);

  // Comments.
  const deletedLines = new Set<number>();
  for (const edit of edits) {
    if (edit.start === edit.end) continue;
    for (let line = lines.positionAt(edit.start).line; line < lines.lineCount; line++) {
      const start = lines.lineStarts[line];
      if (start >= edit.end) break;
      const next = lines.nextLineStart(line);
      const wholeLine = edit.start <= start && (next <= edit.end || (next === before.length && edit.end === before.length));
      if (wholeLine && next > start) deletedLines.add(line);
    }
  }
  /** The lines of the node a deletion removes: from the first to the last line of the edit that is neither blank nor a comment. */
  const removedNode = (edit: OffsetEdit): { first: number; last: number; column: number } | undefined => {
    let first: number | undefined;
    let last = 0;
    for (let line = lines.positionAt(edit.start).line; line < lines.lineCount && lines.lineStarts[line] < edit.end; line++) {
      const textOfLine = lines.lineText(line);
      if (textOfLine.trim() === "" || /^\s*#/.test(textOfLine)) continue;
      first ??= line;
      last = line;
    }
    return first === undefined ? undefined : { first, last, column: /^[ \t]*/.exec(lines.lineText(first))![0].length };
  };
  const kept: Comment[] = [];
  for (const comment of comments) {
    const line = lines.positionAt(comment.offset).line;
    if (!deletedLines.has(line)) {
      kept.push(comment);
      continue;
    }
    const edit = edits.find((e) => e.start <= comment.offset && comment.offset < e.end);
    const commentOnly = /^\s*#/.test(lines.lineText(line));
    if (!edit || edit.newText !== "" || !commentOnly) continue;
    const node = removedNode(edit);
    const column = comment.offset - lines.lineStarts[line];
    const inside = node !== undefined && line > node.first && (line < node.last || column > node.column);
    if (!inside) problems.push(`deletes the comment ${JSON.stringify(comment.text)} on line ${line + 1}, which is not inside the removed node`);
  }
  const afterComments = commentsOf(after).map((c) => c.text);
  let cursor = 0;
  for (const comment of kept) {
    const found = afterComments.indexOf(comment.text, cursor);
    if (found < 0) {
      problems.push(`loses the comment ${JSON.stringify(comment.text)} of line ${lines.positionAt(comment.offset).line + 1}`);
      continue;
    }
    cursor = found + 1;
  }

  // Nodes outside the edits.
  const afterLeaves = new Map<string, number>();
  for (const leaf of leavesOf(after, afterModel)) {
    const key = `${leaf.path}\u0000${leaf.text}`;
    afterLeaves.set(key, (afterLeaves.get(key) ?? 0) + 1);
  }
  for (const leaf of leaves) {
    const touched = edits.some((edit) => overlaps(edit, leaf.start, leaf.end) || leaf.keyRanges.some(([s, e]) => overlaps(edit, s, e)));
    if (touched) continue;
    const key = `${leaf.path}\u0000${leaf.text}`;
    const count = afterLeaves.get(key) ?? 0;
    if (count === 0) {
      problems.push(`changes ${leaf.path} ${JSON.stringify(leaf.text)} (line ${lines.positionAt(leaf.start).line + 1}), which no edit touches`);
      if (problems.length > 20) break;
    } else afterLeaves.set(key, count - 1);
  }
  return problems;
}

/** The ways one finding's quick fix is unsafe, or does not fix the finding. */
export function fixViolations(before: string, finding: Finding, setup: LintSetup, mustParse: boolean): string[] {
  const edits = finding.fix!.edits;
  const problems = editViolations(before, edits, mustParse);
  if (problems.length > 0) return problems;
  const after = applyEdits(before, edits);
  if (after === before) return [`the fix of ${finding.ruleId} changes nothing`];
  const start = mapOffset(edits, finding.start, "start");
  const end = mapOffset(edits, finding.end, "end");
  if (start === undefined || end === undefined) return [];
  const again = lintStrict(after, setup).find((f) => f.ruleId === finding.ruleId && f.start === start && f.end === end);
  return again ? [`the finding is still there after its fix: ${again.message.en}`] : [];
}

export interface FixAllPass {
  before: string;
  edits: OffsetEdit[];
}

/** Fix-all pass by pass, as fixes.ts runs it, so that each pass's edits can be checked. */
export function fixAllPasses(text: string, lintFn: (text: string) => Finding[]): { text: string; passes: FixAllPass[] } {
  const passes: FixAllPass[] = [];
  let current = text;
  for (let i = 0; i < 10; i++) {
    const edits = compatibleFixEdits(lintFn(current).filter((f) => f.fix));
    if (edits.length === 0) break;
    passes.push({ before: current, edits });
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return { text: current, passes };
}

/** A short description of a text for failure messages: its first lines. */
export function excerpt(text: string, max = 600): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
