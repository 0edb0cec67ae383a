/**
 * The model of a new version of a document from the model of the version
 * before it, when the edit lies inside one service: that service is parsed
 * again alone, the other services keep their nodes (shifted when they follow
 * the edit), and the services above the edit keep their facts. The previous
 * model is consumed: its nodes become the new model's. Anything the
 * edit could change elsewhere gives `undefined`, and the caller parses the
 * whole text: an edit outside `services:` (top-level entries are what every
 * service refers to), a service renamed or re-indented, an anchor (`&`) in
 * the service before or after the edit, more than one document, a syntax
 * error before or after, a flow-style `services:` map.
 *
 * The model is the one parseCompose would give for the text: the same nodes
 * at the same offsets, the same syntax errors (none), hence the same
 * findings. test/property/incremental.property.test.ts checks it over random
 * edits of generated and real files.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Pair, parseAllDocuments, type Document, type Node, type Scalar, type YAMLMap } from "yaml";
import { LineIndex } from "../text.js";
import { buildModel, duplicateKeys, forgetEntries, PARSE_OPTIONS, shareAnchors, type ComposeModel, type Service } from "./model.js";

/** Why an edit was not analysed incrementally, for the benchmark's and the tests' counts. */
export type FullParseReason =
  | "previous-model"
  | "outside-services"
  | "anchor"
  | "structure"
  | "syntax-error"
  | "line-break";

/** Where the edit was: the service parsed again, its lines in the text before the edit, and the change of length. */
export interface ServiceEdit {
  /** The service's index in `services:` (the same in both versions). */
  index: number;
  name: string;
  /** The first character of the service key's line: the same offset in both texts. */
  start: number;
  /** Where the service's lines ended in the text before the edit (the next service's line, or the end of `services:`). */
  oldEnd: number;
  /** How many characters the edit added (negative when it removed some). */
  delta: number;
  /** Where each service's lines are in the new text, in `services:` order (see ServiceSegment). */
  segments: readonly { start: number; end: number }[];
}

export type Reparse = { model: ComposeModel; edit: ServiceEdit } | { model?: undefined; reason: FullParseReason };

/** Where each service of a block `services:` map is written: from its key's line to the next service's line. */
interface ServiceSegment {
  pair: Pair<Scalar, unknown>;
  /** Offset of the first character of the key's line. */
  lineStart: number;
  keyStart: number;
  /** Offset of the first character of the next service's line, or of the end of `services:`. */
  end: number;
}

interface Layout {
  root: YAMLMap;
  rootIndex: number;
  servicesPair: Pair<Scalar, YAMLMap>;
  segments: ServiceSegment[];
}

/** The layout of a model's only document, when it is one reparseIncrementally can work with. */
function layoutOf(model: ComposeModel): Layout | undefined {
  // syntaxErrors holds the document's own errors and the duplicate keys the parser leaves to scanDocument.
  if (model.tooLarge || model.documents.length !== 1 || model.syntaxErrors.length > 0) return undefined;
  const root = model.documents[0].contents;
  if (!isMap(root) || root.flow) return undefined;
  const keys: Scalar[] = [];
  for (const pair of root.items) {
    if (!isScalar(pair.key)) return undefined;
    keys.push(pair.key);
  }
  // One `services:` at most: a second is a duplicate key, a syntax error.
  const rootIndex = keys.findIndex((key) => key.value === "services");
  if (rootIndex < 0) return undefined;
  const servicesPair = root.items[rootIndex] as Pair<Scalar, unknown>;
  const services = servicesPair.value;
  if (!isMap(services) || services.flow || !services.range || services.items.length === 0) return undefined;
  const lines = model.lines;
  const segments: ServiceSegment[] = [];
  for (const pair of services.items) {
    const key = pair.key;
    // A merge key (`<<`) or a non-scalar key in `services:` mixes services: no segments.
    if (!isScalar(key) || !key.range || (key.value === "<<" && key.type === "PLAIN") || !isPair(pair)) return undefined;
    const keyStart = key.range[0];
    const lineStart = lines.lineStarts[lines.positionAt(keyStart).line];
    // Only blanks before the key on its line: a block map, one service per line start.
    if (model.text.slice(lineStart, keyStart).trim() !== "") return undefined;
    if (segments.length > 0) segments[segments.length - 1].end = lineStart;
    segments.push({ pair: pair as Pair<Scalar, unknown>, lineStart, keyStart, end: -1 });
  }
  // The last service ends where the next top-level key's line starts, or at the end of the text.
  const nextTop = keys[rootIndex + 1];
  segments[segments.length - 1].end = nextTop ? lines.lineStarts[lines.positionAt(nextTop.range![0]).line] : model.text.length;
  return { root, rootIndex, servicesPair: servicesPair as Pair<Scalar, YAMLMap>, segments };
}

/** The first offset where two texts differ, and where the change ends in the first (the texts share their ends after it). */
function changedRange(before: string, after: string): { start: number; endBefore: number } {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let common = 0;
  while (common < limit - start && before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)) common++;
  return { start, endBefore: before.length - common };
}

/** Calls `visit` on a node and every node under it (not pairs), until it returns true; whether one did. */
function someNode(node: unknown, visit: (node: Node) => boolean): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (isPair(current)) {
      stack.push(current.key, current.value);
      continue;
    }
    if (!current || typeof current !== "object") continue;
    if (visit(current as Node)) return true;
    if (isMap(current) || isSeq(current)) for (const item of current.items) stack.push(item);
  }
  return false;
}

/** Adds `delta` to the offsets of a node and everything under it. */
function shiftNode(node: unknown, delta: number): void {
  someNode(node, (current) => {
    const range = current.range;
    if (range) {
      range[0] += delta;
      range[1] += delta;
      range[2] += delta;
    }
    return false;
  });
}

/** Whether a node or anything under it defines an anchor (`&name`): what an edit of one service can change in others. */
function definesAnchor(node: unknown): boolean {
  return someNode(node, (current) => Boolean((current as { anchor?: string }).anchor));
}

/**
 * The model of `text`, made from `previous` (the model of the version before
 * it) when the edit between them lies inside one service; otherwise why not.
 */
export function reparseIncrementally(previous: ComposeModel, text: string): Reparse {
  const layout = layoutOf(previous);
  if (!layout) return { reason: "previous-model" };
  const before = previous.text;
  const change = changedRange(before, text);
  const delta = text.length - before.length;
  const index = layout.segments.findIndex((s) => s.keyStart <= change.start && change.endBefore <= s.end);
  if (index < 0) return { reason: "outside-services" };
  const segment = layout.segments[index];
  const oldSegment = before.slice(segment.lineStart, segment.end);
  const newEnd = segment.end + delta;
  const newSegment = text.slice(segment.lineStart, newEnd);
  // A `&` in the text may be an anchor or a shell's `&&`: the nodes say which (the new ones once parsed, below).
  if (oldSegment.includes("&") && definesAnchor(segment.pair)) return { reason: "anchor" };
  // A lone \r breaks a line for compose but not for the parser (parseCompose rewrites it): left to the full parse.
  if (/\r(?!\n)/.test(newSegment) || /\r(?!\n)/.test(oldSegment)) return { reason: "line-break" };
  // The next service (or top-level key) must still start a line.
  if (newEnd < text.length && !newSegment.endsWith("\n")) return { reason: "line-break" };

  // The service alone, after what precedes the first service (`x-` anchors it may merge, `services:`).
  const head = before.slice(0, layout.segments[0].lineStart);
  const parsed = parseAllDocuments(head + newSegment, PARSE_OPTIONS);
  if (!Array.isArray(parsed) || parsed.length !== 1) return { reason: "structure" };
  const alone = parsed[0] as Document.Parsed;
  if (alone.errors.length > 0 || duplicateKeys(alone).length > 0) return { reason: "syntax-error" };
  const root = alone.contents;
  if (!isMap(root) || root.items.length !== layout.rootIndex + 1) return { reason: "structure" };
  const servicesValue = root.items[layout.rootIndex].value;
  if (!isMap(servicesValue) || servicesValue.flow || servicesValue.items.length !== 1) return { reason: "structure" };
  const pair = servicesValue.items[0] as Pair<Scalar, unknown>;
  const offset = segment.lineStart - head.length;
  const oldKey = segment.pair.key;
  // Same name, written the same way at the same place: nothing that refers to it changes.
  if (!isScalar(pair.key) || !pair.key.range || pair.key.value !== oldKey.value || pair.key.type !== oldKey.type || pair.key.range[0] + offset !== segment.keyStart) return { reason: "structure" };
  if (isAlias(pair.value) || (newSegment.includes("&") && definesAnchor(pair))) return { reason: "anchor" };
  shiftNode(pair, offset);

  // The previous document becomes the new text's: the service's new nodes in, the nodes below the edit shifted.
  // Shifting in place costs a walk; copies would cost more than parsing the file again (yaml's clone copies
  // every property descriptor). The previous model is consumed: its caller replaces it (AnalysisCache.parsed).
  const doc = previous.documents[0];
  const services = layout.servicesPair.value as YAMLMap;
  services.items[index] = pair;
  forgetEntries(services);
  if (delta !== 0) {
    for (let i = index + 1; i < services.items.length; i++) shiftNode(services.items[i], delta);
    for (let i = layout.rootIndex + 1; i < layout.root.items.length; i++) shiftNode(layout.root.items[i], delta);
    for (const node of [services, layout.root] as Node[]) if (node.range) node.range = [node.range[0], node.range[1] + delta, node.range[2] + delta];
    doc.range = [doc.range[0], doc.range[1] + delta, doc.range[2] + delta];
  }

  // The services above the edit are the same nodes at the same offsets: they keep their facts.
  const reused = new Map<Pair, Service>();
  for (const service of previous.services.slice(0, index)) reused.set(service.entry.pair, service);
  const model = buildModel(text, new LineIndex(text), [doc], [], reused);
  // The services' lines in the new text: the ones below the edit moved, the edited one's end too.
  const segments = layout.segments.map((s, i) => ({ start: i > index ? s.lineStart + delta : s.lineStart, end: i >= index ? s.end + delta : s.end }));
  return { model, edit: { index, name: String(oldKey.value), start: segment.lineStart, oldEnd: segment.end, delta, segments } };
}

/**
 * The model as a rule that reads one service sees it: the file's other
 * top-level entries, and of `services:` only `kept` (none for the top-level
 * entries alone). Its nodes are the model's, at the same offsets, with the
 * same text; its services are new objects, so facts worked out on the view
 * (which sees no other service) never reach the model's own.
 */
export function viewWithServices(model: ComposeModel, kept: readonly Service[]): ComposeModel | undefined {
  if (model.documents.length !== 1) return undefined;
  const doc = model.documents[0];
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const servicesPair = root.items.find((pair) => isScalar(pair.key) && pair.key.value === "services");
  if (!servicesPair || !isMap(servicesPair.value)) return undefined;
  const pairs = new Set(kept.map((service) => service.entry.pair));
  const servicesMap = servicesPair.value as YAMLMap;
  const services = withItems(servicesMap, servicesMap.items.filter((item) => pairs.has(item)));
  const pair = new Pair(servicesPair.key, services);
  const viewRoot = withItems(root as YAMLMap, (root as YAMLMap).items.map((item) => (item === servicesPair ? pair : item)));
  const viewDoc = Object.create(Object.getPrototypeOf(doc) as object, Object.getOwnPropertyDescriptors(doc)) as Document.Parsed;
  viewDoc.contents = viewRoot as Document.Parsed["contents"];
  shareAnchors(doc, viewDoc);
  return buildModel(model.text, model.lines, [viewDoc], model.syntaxErrors);
}

/** A shallow copy of a map with other items (its nodes stay shared). */
function withItems<T extends YAMLMap>(map: T, items: T["items"]): T {
  const copy = Object.create(Object.getPrototypeOf(map) as object, Object.getOwnPropertyDescriptors(map)) as T;
  copy.items = items;
  return copy;
}
