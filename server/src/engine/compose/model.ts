/**
 * The compose model: one parse of a document's text, shared by every rule,
 * hover and fix. It keeps the `yaml` AST (with source offsets) and adds what
 * compose means by it: services, top-level sections, and `<<` merge keys
 * resolved so that a rule sees a service's effective keys while reporting on
 * the node where the user wrote them.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { LineIndex } from "../text.js";

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

/** A key of a mapping, as compose sees it. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  pair: Pair;
  /** The value with aliases resolved (null for `key:` with no value). */
  value: Node | null;
  /** The map that holds the pair in the source: an anchored map when the entry came through `<<`. */
  owner: YAMLMap;
  /** True when the entry came through a `<<` merge key. */
  merged: boolean;
}

export interface Service {
  name: string;
  keyNode: Scalar;
  /** The service's entry in `services:` (merged when the service came through a `<<` merge key). */
  entry: Entry;
  /** The service's mapping, or null when the service is not a mapping (an error compose reports). */
  map: YAMLMap | null;
  entries: readonly Entry[];
  get(key: string): Entry | undefined;
  document: Document.Parsed;
}

export interface ComposeModel {
  text: string;
  lines: LineIndex;
  documents: Document.Parsed[];
  syntaxErrors: SyntaxProblem[];
  /** Top-level keys of every document. */
  top: readonly Entry[];
  services: Service[];
  /** Entries of a top-level section (`networks`, `volumes`, ...) across documents. */
  section(name: string): readonly Entry[];
  service(name: string): Service | undefined;
  /** Set when the text was longer than parseCompose's `maxChars`: not parsed, the model holds its lines only. */
  tooLarge?: { limit: number };
}

export interface ParseOptions {
  /** Longer texts are not parsed (the language server's limit for analysing as you type); no limit by default. */
  maxChars?: number;
}

/** Compose's error for a file that is a list or a single value (compose-go's loader). */
const NOT_A_MAPPING = "Top-level object must be a mapping: compose expects keys such as services: at the top of the file";
const TOO_DEEP = "Collections nested too deeply to be read (the parser ran out of stack): compose cannot load this file either";

/** Maximum depth of `<<` merges followed; deeper chains are cut (and alias bombs never expanded). */
const MAX_MERGE_DEPTH = 16;

/**
 * How parseCompose calls the parser. Its duplicate-key check compares each key
 * with every earlier key of its map: quadratic in the size of a map (a
 * `services:` of a thousand services). scanDocument finds the same duplicates
 * with a set.
 */
export const PARSE_OPTIONS = { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false } as const;

export function parseCompose(text: string, options: ParseOptions = {}): ComposeModel {
  if (options.maxChars !== undefined && text.length > options.maxChars) {
    return { ...parseCompose(""), text, lines: new LineIndex(text), tooLarge: { limit: options.maxChars } };
  }
  const lines = new LineIndex(text);
  // YAML (and compose) break lines at a lone \r too, as old Mac files have them; the parser only at \n.
  // One character for one: every offset stays the same.
  const source = text.replace(/\r(?!\n)/g, "\n");
  const parsed = parseAllDocuments(source, PARSE_OPTIONS);
  const documents = Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
  const syntaxErrors: SyntaxProblem[] = [];
  for (const doc of documents) {
    const errors = [...doc.errors.map((e) => ({ code: e.code, message: e.message, pos: e.pos })), ...scanDocument(doc)];
    errors.sort((a, b) => a.pos[0] - b.pos[0]);
    for (const error of errors) {
      // The parser's own words for a stack overflow ("Maximum call stack size exceeded") say nothing of the file.
      // Its other messages are kept whole: without prettyErrors they hold no position, only the user's text at most.
      const message = error.code === "RESOURCE_EXHAUSTION" ? TOO_DEEP : error.message;
      // The parser places some errors at the end of the stream one past the text's end: keep them inside it.
      const start = Math.min(error.pos[0], text.length);
      syntaxErrors.push({ message, ...syntaxRange(text, start, Math.min(Math.max(start, error.pos[1]), text.length), message) });
    }
    // A list or a lone value parses as YAML, but compose refuses it.
    const root = doc.contents;
    if (errors.length === 0 && root && !isMap(root) && !(isScalar(root) && root.value === null) && root.range) {
      const start = root.range[0];
      syntaxErrors.push({ message: NOT_A_MAPPING, start, end: lines.lineEnd(lines.positionAt(start).line) });
    }
  }

  return buildModel(text, lines, documents, syntaxErrors);
}

/**
 * The model of parsed documents: their top-level entries and services.
 * `reused` gives, by the pair of a service's entry, a service of an earlier
 * model of the same text up to that service (see reparseIncrementally): it
 * keeps its facts, already worked out.
 */
export function buildModel(text: string, lines: LineIndex, documents: Document.Parsed[], syntaxErrors: SyntaxProblem[], reused?: ReadonlyMap<Pair, Service>): ComposeModel {
  const top: Entry[] = [];
  const services: Service[] = [];
  for (const doc of documents) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const topEntries = mapEntries(root, doc);
    top.push(...topEntries);
    const servicesEntry = topEntries.find((e) => e.key === "services");
    if (!servicesEntry || !isMap(servicesEntry.value)) continue;
    for (const entry of mapEntries(servicesEntry.value, doc)) {
      const earlier = reused?.get(entry.pair);
      if (earlier) {
        const service: Service = { ...earlier, entry, document: doc };
        const facts = serviceFacts.get(earlier);
        if (facts) serviceFacts.set(service, facts);
        services.push(service);
        continue;
      }
      const map = isMap(entry.value) ? entry.value : null;
      const entries = map ? mapEntries(map, doc) : [];
      const byKey = new Map(entries.map((e) => [e.key, e]));
      services.push({ name: entry.key, keyNode: entry.keyNode, entry, map, entries, get: (key) => byKey.get(key), document: doc });
    }
  }

  const byName = new Map(services.map((s) => [s.name, s]));
  return {
    text,
    lines,
    documents,
    syntaxErrors,
    top,
    services,
    section(name) {
      return top.filter((e) => e.key === name).flatMap((e) => (isMap(e.value) ? mapEntries(e.value, documentOf(e, documents)) : []));
    },
    service: (name) => byName.get(name),
  };
}

/**
 * Where a syntax error is worth pointing: the parser reports an unclosed
 * quote or bracket at the end of the file and some errors on one character
 * (`@` of `@nginx`); the user needs the opening quote or bracket, and the
 * whole word.
 */
function syntaxRange(text: string, start: number, end: number, message: string): { start: number; end: number } {
  const lineEnd = (from: number) => {
    const match = /\r|\n/.exec(text.slice(from));
    return match ? from + match.index : text.length;
  };
  // The parser's words from their start: a message may quote the user's text ("Not a YAML token: ..."), which may say anything.
  const opener = /^Missing closing "quote/.test(message) ? '"' : /^Missing closing 'quote/.test(message) ? "'" : /^Flow sequence/.test(message) ? "[" : /^Flow map/.test(message) ? "{" : undefined;
  if (opener) {
    // The parser reports these only for a string or a collection that this character opens, before the error.
    const open = text.lastIndexOf(opener, Math.max(0, start - 1));
    return { start: open, end: lineEnd(open) };
  }
  const word = end - start <= 1 ? /^[^\s:,[\]{}#]+/.exec(text.slice(start)) : null;
  return word ? { start, end: start + word[0].length } : { start, end };
}

/** The document that holds an entry (the one its key is written in). */
export function documentOf(entry: Entry, documents: readonly Document.Parsed[]): Document.Parsed {
  const offset = entry.keyNode.range?.[0] ?? 0;
  // Documents follow one another: a document's end is the next one's start (after a `...`, its first key).
  return documents.find((d) => offset < d.range[2]) ?? documents[0];
}

/** The parser's words for a duplicate key, which it reports at the key's first character. */
export const DUPLICATE_KEY = "Map keys must be unique";

/**
 * Anchors of a document by name, in source order. `Alias.resolve` of the yaml
 * library walks the whole document for every alias: on a file with thousands
 * of `<<: *base` merges that is quadratic, so aliases are resolved here from
 * an index built once per document.
 */
const anchorIndexes = new WeakMap<Document, Map<string, Node[]>>();

function anchorIndex(doc: Document): Map<string, Node[]> {
  if (!anchorIndexes.has(doc)) scanDocument(doc);
  return anchorIndexes.get(doc)!;
}

/** A duplicate key, with the parser's code and message. */
interface DuplicateKey {
  code: "DUPLICATE_KEY";
  message: string;
  pos: [number, number];
}

/**
 * One walk over a document's collections, with a stack rather than recursion
 * (a file nested as deep as the parser allows must not overflow here):
 * records its anchors for anchorIndex and returns
 * its duplicate keys, each on the whole key. Keys are equal as the
 * parser compares them: scalars of the same value (`1` and `"1"` differ, `~`
 * and `null` do not), other keys never.
 */
function scanDocument(doc: Document): DuplicateKey[] {
  const anchors = new Map<string, Node[]>();
  const duplicates: DuplicateKey[] = [];
  const collections: (YAMLMap | YAMLSeq)[] = [];
  const visit = (node: unknown) => {
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) {
      const list = anchors.get(anchor);
      if (list) list.push(node as Node);
      else anchors.set(anchor, [node as Node]);
    }
    if (isCollection(node)) collections.push(node);
  };
  visit(doc.contents);
  for (let collection = collections.pop(); collection; collection = collections.pop()) {
    if (!isMap(collection)) {
      for (const item of collection.items) {
        if (isPair(item)) {
          visit(item.key);
          visit(item.value);
        } else visit(item);
      }
      continue;
    }
    const items = collection.items;
    for (const pair of items) {
      visit(pair.key);
      visit(pair.value);
    }
    // Most maps are small: comparing with the earlier keys costs less than building a set.
    const keys = items.length > 8 ? new Set<unknown>() : undefined;
    for (let i = 0; i < items.length; i++) {
      const key = items[i].key;
      // `.nan` equals no key, itself included (the parser compares with ===; a set would match it).
      if (!isScalar(key) || Number.isNaN(key.value)) continue;
      let duplicate = false;
      if (keys) {
        duplicate = keys.has(key.value);
        keys.add(key.value);
      } else {
        for (let j = 0; j < i && !duplicate; j++) {
          const earlier = items[j].key;
          duplicate = isScalar(earlier) && earlier.value === key.value;
        }
      }
      // The whole key as written (quotes included): the parser would give its first character only.
      if (duplicate && key.range) duplicates.push({ code: "DUPLICATE_KEY", message: DUPLICATE_KEY, pos: [key.range[0], key.range[1]] });
    }
  }
  for (const list of anchors.values()) list.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  anchorIndexes.set(doc, anchors);
  return duplicates;
}

/** The anchored nodes of a document by anchor name, in source order (indexed once per document). */
export function documentAnchors(doc: Document): ReadonlyMap<string, readonly Node[]> {
  return anchorIndex(doc);
}

/** Gives `to`, a document made of `from`'s nodes, `from`'s anchors: aliases resolve as they do in `from`. */
export function shareAnchors(from: Document, to: Document): void {
  anchorIndexes.set(to, anchorIndex(from));
}

/** The duplicate keys of a document (see scanDocument); indexes its anchors too. */
export function duplicateKeys(doc: Document): { message: string; pos: [number, number] }[] {
  return scanDocument(doc);
}

/** The node an alias names: the last anchor of that name defined before the alias, as YAML says. */
function resolveAlias(alias: Alias, doc: Document): Node | undefined {
  const candidates = anchorIndex(doc).get(alias.source);
  if (!candidates) return undefined;
  const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
  let match: Node | undefined;
  for (const node of candidates) {
    if ((node.range?.[0] ?? 0) < at) match = node;
    else break;
  }
  return match;
}

/** A node with its alias followed; null for an unresolved alias or no node. */
export function resolveNode(node: unknown, doc: Document): Node | null {
  // One hop is all: an alias names an anchored node, and an alias is never one (the parser drops an alias's `&anchor`).
  const resolved = isAlias(node) ? resolveAlias(node, doc) : node;
  return (resolved ?? null) as Node | null;
}

/**
 * The effective entries of a mapping: its own keys, then keys merged with
 * `<<: *anchor` (or `<<: [*a, *b]`) that it does not override. Compose gives
 * the map's own keys precedence, and earlier merged maps over later ones.
 */
export function mapEntries(map: YAMLMap, doc: Document): readonly Entry[] {
  // Rules ask for the entries of the same maps again and again: the cached ones need no bookkeeping.
  return entriesCache.get(map) ?? collectEntries(map, doc, 0, undefined).entries;
}

interface CollectedEntries {
  entries: Entry[];
  /** False when a `<<` cycle or the depth limit cut the merges short: not kept across calls then. */
  complete: boolean;
}

/**
 * Effective entries of each map, computed once. Without it a merge bomb
 * (`x-b: &b {<<: [*a, *a, *a, ...]}`, then `&c` merging `*b` nine times, and
 * so on) takes 9^depth steps, and one such file hangs the server.
 */
const entriesCache = new WeakMap<YAMLMap, Entry[]>();
const IN_PROGRESS = null;

/** A map whose items changed (reparseIncrementally replaced one): its entries are worked out again. */
export function forgetEntries(map: YAMLMap): void {
  entriesCache.delete(map);
}

/** An entry as it appears in a map that merges it (made once per merging map: entriesCache keeps the list). */
function asMerged(entry: Entry): Entry {
  return { ...entry, merged: true };
}

/** `computing` holds the maps of the merge chain being worked out; undefined until a map merges another. */
function collectEntries(map: YAMLMap, doc: Document, depth: number, computing: Map<YAMLMap, CollectedEntries | typeof IN_PROGRESS> | undefined): CollectedEntries {
  const cached = entriesCache.get(map);
  if (cached) return { entries: cached, complete: true };
  const pending = computing?.get(map);
  // A map merging itself through an alias cycle contributes nothing to itself.
  if (pending === IN_PROGRESS) return { entries: [], complete: false };
  if (pending) return pending;
  const own: Entry[] = [];
  // Most maps merge nothing: the set is made for the first `<<`.
  let mergeSources: Set<YAMLMap> | undefined;
  for (const pair of map.items) {
    const keyNode = pair.key;
    if (!isScalar(keyNode) || !keyNode.range) continue;
    const key = String(keyNode.value);
    if (key === "<<" && keyNode.type === "PLAIN") {
      const source = resolveNode(pair.value, doc);
      mergeSources ??= new Set();
      if (isMap(source)) mergeSources.add(source);
      else if (isSeq(source)) {
        for (const item of source.items) {
          const resolved = resolveNode(item, doc);
          if (isMap(resolved)) mergeSources.add(resolved);
        }
      }
      continue;
    }
    own.push({ key, keyNode, pair, value: resolveNode(pair.value, doc), owner: map, merged: false });
  }
  mergeSources?.delete(map);
  if (!mergeSources || mergeSources.size === 0) {
    entriesCache.set(map, own);
    return { entries: own, complete: true };
  }
  if (depth >= MAX_MERGE_DEPTH) return { entries: own, complete: false };
  computing ??= new Map();
  computing.set(map, IN_PROGRESS);
  let complete = true;
  const seen = new Set(own.map((e) => e.key));
  const result = [...own];
  for (const source of mergeSources) {
    const merged = collectEntries(source, doc, depth + 1, computing);
    complete &&= merged.complete;
    for (const entry of merged.entries) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      result.push(asMerged(entry));
    }
  }
  const collected = { entries: result, complete };
  computing.set(map, collected);
  if (complete) entriesCache.set(map, result);
  return collected;
}

/**
 * Facts about a service that several rules need (its ports, its image, its
 * environment), computed once per parse: every rule asking the same question
 * of the same service gets the same answer without working it out again. A
 * model is never changed after parseCompose, so nothing needs invalidating;
 * callers must treat the answers as read-only.
 */
const serviceFacts = new WeakMap<Service, Map<unknown, unknown>>();

export function serviceFact<T>(service: Service, fact: (service: Service) => T): T {
  let facts = serviceFacts.get(service);
  if (!facts) {
    facts = new Map();
    serviceFacts.set(service, facts);
  }
  if (facts.has(fact)) return facts.get(fact) as T;
  const value = fact(service);
  facts.set(fact, value);
  return value;
}

/**
 * serviceFact for a fact that also reads the model (its text, for spans and
 * source text). A service belongs to the one model parseCompose made it for,
 * so the memo is that model's.
 */
export function serviceModelFact<T>(model: ComposeModel, service: Service, fact: (model: ComposeModel, service: Service) => T): T {
  let facts = serviceFacts.get(service);
  if (!facts) {
    facts = new Map();
    serviceFacts.set(service, facts);
  }
  if (facts.has(fact)) return facts.get(fact) as T;
  const value = fact(model, service);
  facts.set(fact, value);
  return value;
}

/**
 * A fact about the whole model (the declarations of a section, every
 * reference of the file), computed once per parse: `key` names it (a
 * function, or a string for a family of facts). Treat the answer as read-only.
 */
const modelFacts = new WeakMap<ComposeModel, Map<unknown, unknown>>();

export function modelFact<T>(model: ComposeModel, key: unknown, compute: () => T): T {
  let facts = modelFacts.get(model);
  if (!facts) {
    facts = new Map();
    modelFacts.set(model, facts);
  }
  if (facts.has(key)) return facts.get(key) as T;
  const value = compute();
  facts.set(key, value);
  return value;
}

/** The string value of a scalar (numbers and booleans as written), or undefined for anything else. */
export function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null) return undefined;
  // The parser gives every scalar its source.
  if (node.type === "PLAIN") return node.source;
  return valueText(node.value);
}

/** The text of a service's key whose value is a scalar (merges followed): `restart: always` gives "always"; undefined otherwise. */
export function serviceText(service: Service, key: string): string | undefined {
  return scalarText(service.get(key)?.value);
}

/**
 * A scalar's value as text; undefined for null (the core schema resolves every scalar to a string, number, boolean or
 * null, never a bigint: PARSE_OPTIONS leaves intAsBigInt off) and for the objects of a `%YAML 1.1` document's
 * `!!binary` and `!!timestamp`.
 */
export function valueText(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/** The items of a sequence with aliases resolved, paired with their source nodes. */
export function seqItems(node: Node | null, doc: Document): { item: Node; source: Node }[] {
  if (!isSeq(node)) return [];
  const items: { item: Node; source: Node }[] = [];
  for (const source of node.items) {
    const item = resolveNode(source, doc);
    if (item) items.push({ item, source: source as Node });
  }
  return items;
}

/** Offsets in the document's text, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A node's source span without the trailing white space and line break a block collection's range ends with. */
export function trimmedSpan(text: string, node: Node): Span {
  const [start, rangeEnd] = node.range ?? [0, 0];
  let end = rangeEnd;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** The span of `key: value` as written: from the key to the end of its value (trimmed), or the key alone without one. */
export function entrySpan(text: string, entry: Entry): Span {
  const [start, keyEnd] = entry.keyNode.range!;
  const value = entry.pair.value as Node | null;
  const valueEnd = value?.range ? trimmedSpan(text, value).end : keyEnd;
  return { start, end: Math.max(keyEnd, valueEnd) };
}

/** The effective entries of a node when it is a mapping (see mapEntries); undefined for anything else. */
export function mapEntriesOf(node: Node | null | undefined, doc: Document): readonly Entry[] | undefined {
  return isMap(node) ? mapEntries(node, doc) : undefined;
}

/** The entries of an entry's value when it is a mapping (`<<` merges resolved), else undefined. */
export function valueEntries(model: ComposeModel, entry: Entry): readonly Entry[] | undefined {
  return mapEntriesOf(entry.value, documentOf(entry, model.documents));
}
