/**
 * The incremental path after an edit (compose/incremental.ts and
 * incrementalLint.ts), case by case: which edits reparseIncrementally takes
 * and why it leaves the others to a full parse (FullParseReason), what its
 * ServiceEdit says, that the model it makes is the one parseCompose makes of
 * the new text (the same nodes at the same offsets), and that relintSteps
 * gives lint's findings of the new text while the rules that read one
 * service check the edited service alone.
 * test/property/incremental.property.test.ts checks the same over random
 * edits; these are exact and fast enough to run against every mutant.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from "yaml";
import { describe, expect, it } from "vitest";
import { reparseIncrementally, type FullParseReason } from "../../server/src/engine/compose/incremental.js";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { servicePorts } from "../../server/src/engine/compose/ports.js";
import { lintStateSteps, relintSteps } from "../../server/src/engine/incrementalLint.js";
import { drain, isActive, lint, type LintOptions } from "../../server/src/engine/lint.js";
import { RULES } from "../../server/src/engine/rules/index.js";
import { noContainerName } from "../../server/src/engine/rules/no-container-name.js";
import type { Rule } from "../../server/src/engine/rules/types.js";

const OPTIONS: LintOptions = { isPipeline: true };

/** A file with a top-level entry on each side of `services:`, three services, a merge of the first entry, findings in every service and one on a top-level entry. */
const FILE = [
  "x-common: &common",
  "  restart: always",
  "services:",
  "  web:",
  "    image: nginx",
  "    ports:",
  '      - "80:80"',
  "  db:",
  "    <<: *common",
  "    image: postgres",
  "    container_name: db",
  "  cache:",
  "    image: redis",
  "    ports:",
  '      - "6379:6379"',
  "    privileged: true",
  "networks:",
  "  default:",
  "    name: net",
  "    external: true",
  "",
].join("\n");

/** `text` with `from`, which it holds once, replaced by `to`. */
function replace(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  expect(at, from).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(from, at + 1), from).toBe(-1);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Every node of a model's only document in document order, pairs' keys and values alike: what it is, its value or style, its anchor and its range. */
function nodes(model: ComposeModel): unknown[] {
  const doc = model.documents[0];
  const out: unknown[] = [["document", doc.range]];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    } else if (isScalar(node)) out.push(["scalar", node.value, node.type, node.anchor, node.range]);
    else if (isAlias(node)) out.push(["alias", node.source, node.range]);
    else if (isMap(node) || isSeq(node)) {
      out.push([isMap(node) ? "map" : "seq", node.flow ?? false, node.anchor, node.range]);
      for (const item of node.items) walk(item);
    } else out.push(node ?? null);
  };
  walk(doc.contents);
  return out;
}

/** What the rules read of a model besides its nodes: top-level keys, services with their effective keys (merges resolved), syntax errors. */
function outline(model: ComposeModel): unknown {
  return {
    text: model.text,
    top: model.top.map((e) => [e.key, e.keyNode.range]),
    services: model.services.map((s) => [s.name, s.keyNode.range, s.entries.map((e) => [e.key, e.merged, e.keyNode.range])]),
    syntaxErrors: model.syntaxErrors,
    documents: model.documents.length,
  };
}

/** The model of `after` made from the model of `before` (consumed), and the lint state made from `before`'s; fails when the edit takes a full parse. */
function editIncrementally(before: string, after: string, options: LintOptions = OPTIONS) {
  const previous = parseCompose(before);
  const previousState = drain(lintStateSteps(previous, options));
  const reparse = reparseIncrementally(previous, after);
  if (!reparse.model) throw new Error(`full parse: ${reparse.reason}`);
  const state = drain(relintSteps(previousState, reparse.model, reparse.edit, options));
  return { previous, model: reparse.model, edit: reparse.edit, previousState, state };
}

/** The edit's result equals a full analysis of the new text: the same nodes at the same offsets, the same findings (messages, ranges, fixes, logs). */
function expectFullAnalysis(result: ReturnType<typeof editIncrementally>, after: string, options: LintOptions = OPTIONS): void {
  const full = parseCompose(after);
  expect(nodes(result.model)).toEqual(nodes(full));
  expect(outline(result.model)).toEqual(outline(full));
  expect(result.state.findings).toEqual(lint(full, options));
}

/** Why an edit of `before` into `after` takes a full parse; undefined when it does not. */
function fullParseReason(before: string | ComposeModel, after: string): FullParseReason | undefined {
  const reparse = reparseIncrementally(typeof before === "string" ? parseCompose(before) : before, after);
  return reparse.model ? undefined : reparse.reason;
}

/** Where each service's lines are in a text: from its key's line (`  name:`) to the next one's, the last up to `end` (the next top-level key's line, else the end). */
function segments(text: string, keys: string[], end: number) {
  const starts = keys.map((key) => text.indexOf(`\n${key}`) + 1);
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : end }));
}

const SERVICE_RULES = RULES.filter((rule) => rule.meta.reads === "service" && isActive(rule, OPTIONS)).length;

describe("an edit inside one service", () => {
  it("parses that service again and shifts the services below it by the edit's change of length", () => {
    const after = replace(FILE, "image: postgres", "image: postgres:16");
    const before = parseCompose(FILE);
    const cacheKey = [...before.service("cache")!.keyNode.range!];
    const webKey = [...before.service("web")!.keyNode.range!];
    const result = editIncrementally(FILE, after);
    expect(result.edit).toEqual({
      index: 1,
      name: "db",
      start: FILE.indexOf("  db:"),
      oldEnd: FILE.indexOf("  cache:"),
      delta: 3,
      segments: segments(after, ["  web:", "  db:", "  cache:"], after.indexOf("networks:")),
    });
    expect(result.model.service("cache")!.keyNode.range).toEqual(cacheKey.map((offset) => offset + 3));
    expect(result.model.service("web")!.keyNode.range).toEqual(webKey);
    expect(result.model.service("db")!.get("image")!.value).toMatchObject({ value: "postgres:16", range: [after.indexOf("postgres:16"), after.indexOf("postgres:16") + 11, after.indexOf("postgres:16") + 12] });
    // The facts of the services below (their ports' offsets) are worked out again; those above are kept.
    expect(servicePorts(result.model.service("cache")!)).toEqual(servicePorts(parseCompose(after).service("cache")!));
    expect(servicePorts(result.model.service("web")!)).toBe(servicePorts(result.previous.service("web")!));
    // The top-level entry below the services moved too.
    expect(result.model.top.find((e) => e.key === "networks")!.keyNode.range![0]).toBe(after.indexOf("networks:"));
    expectFullAnalysis(result, after);
    expect(result.state.reusedRules).toBe(SERVICE_RULES);
  });

  it("moves the findings below the edit, keeps the ones above, and reports the edited service's anew", () => {
    const after = replace(FILE, "    container_name: db\n", "    container_name: database\n");
    const result = editIncrementally(FILE, after);
    const find = (findings: typeof result.state.findings, ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => [f.start, f.end]);
    // privileged: true in cache, below the edit: 6 characters further.
    const privileged = FILE.indexOf("privileged: true");
    expect(find(result.previousState.findings, "privileged-container")).toEqual([[privileged, privileged + 16]]);
    expect(find(result.state.findings, "privileged-container")).toEqual([[privileged + 6, privileged + 22]]);
    // The container_name of the edited service, with its new name.
    const name = after.indexOf("container_name: database");
    expect(find(result.state.findings, "no-container-name")).toEqual([[name, name + 24]]);
    expect(result.state.findings.find((f) => f.ruleId === "no-container-name")!.message.en).toContain('"database"');
    expectFullAnalysis(result, after);
    expect(result.state.reusedRules).toBe(SERVICE_RULES);
  });

  it("in the first service: nothing above it, every other service shifted", () => {
    const after = replace(FILE, "image: nginx", "image: nginx:1.27");
    const result = editIncrementally(FILE, after);
    expect(result.edit).toEqual({
      index: 0,
      name: "web",
      start: FILE.indexOf("  web:"),
      oldEnd: FILE.indexOf("  db:"),
      delta: 5,
      segments: segments(after, ["  web:", "  db:", "  cache:"], after.indexOf("networks:")),
    });
    expectFullAnalysis(result, after);
    expect(result.state.reusedRules).toBe(SERVICE_RULES);
  });

  it("in the last service, which ends at the next top-level key's line", () => {
    const after = replace(FILE, "image: redis", "image: redis:7");
    const result = editIncrementally(FILE, after);
    expect(result.edit).toMatchObject({ index: 2, name: "cache", start: FILE.indexOf("  cache:"), oldEnd: FILE.indexOf("networks:"), delta: 2 });
    expect(result.edit.segments).toEqual(segments(after, ["  web:", "  db:", "  cache:"], after.indexOf("networks:")));
    expectFullAnalysis(result, after);
  });

  it("in the last service of a file without a final newline, which ends at the end of the text", () => {
    const before = "services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n    container_name: db";
    const after = `${before}_main`;
    const result = editIncrementally(before, after);
    expect(result.edit).toEqual({ index: 1, name: "db", start: before.indexOf("  db:"), oldEnd: before.length, delta: 5, segments: segments(after, ["  web:", "  db:"], after.length) });
    expectFullAnalysis(result, after);
    expect(result.state.findings.filter((f) => f.ruleId === "no-container-name").map((f) => [f.start, f.end])).toEqual([[after.indexOf("container_name"), after.length]]);
  });

  it("removing characters: the services below move back", () => {
    const after = replace(FILE, "image: postgres", "image: pg");
    const result = editIncrementally(FILE, after);
    expect(result.edit).toMatchObject({ index: 1, delta: -6 });
    expect(result.edit.segments).toEqual(segments(after, ["  web:", "  db:", "  cache:"], after.indexOf("networks:")));
    expectFullAnalysis(result, after);
  });

  it("deleting a whole line, the last of the last service", () => {
    const after = replace(FILE, "    privileged: true\n", "");
    const result = editIncrementally(FILE, after);
    expect(result.edit).toMatchObject({ index: 2, name: "cache", oldEnd: FILE.indexOf("networks:"), delta: -21 });
    expect(result.state.findings.some((f) => f.ruleId === "privileged-container")).toBe(false);
    expectFullAnalysis(result, after);
  });

  it("adding a line as the first entry of a service, right below its key", () => {
    const after = replace(FILE, "  db:\n", "  db:\n    privileged: true\n");
    const result = editIncrementally(FILE, after);
    expect(result.edit).toMatchObject({ index: 1, name: "db", delta: 21 });
    expectFullAnalysis(result, after);
    expect(result.state.findings.filter((f) => f.ruleId === "privileged-container").map((f) => f.start)).toEqual([after.indexOf("privileged"), after.lastIndexOf("privileged")]);
  });

  it("changing the last character of a service's last line", () => {
    const after = replace(FILE, '"80:80"\n', '"80:81"\n');
    const result = editIncrementally(FILE, after);
    expect(result.edit).toMatchObject({ index: 0, delta: 0, oldEnd: FILE.indexOf("  db:") });
    expectFullAnalysis(result, after);
  });

  it("with CRLF line ends", () => {
    const before = FILE.replace(/\n/g, "\r\n");
    const after = replace(before, "image: postgres", "image: postgres:16");
    const result = editIncrementally(before, after);
    expect(result.edit).toMatchObject({ index: 1, name: "db", start: before.indexOf("  db:"), oldEnd: before.indexOf("  cache:"), delta: 3 });
    expect(result.edit.segments).toEqual(segments(after, ["  web:", "  db:", "  cache:"], after.indexOf("networks:")));
    expectFullAnalysis(result, after);
  });

  it("a lone carriage return in another service does not matter", () => {
    const before = replace(FILE, "    image: redis\n", "    image: redis\r");
    const after = replace(before, "image: postgres", "image: postgres:16");
    expectFullAnalysis(editIncrementally(before, after), after);
  });

  it("a key without a value in a flow map below the edit is shifted like the rest", () => {
    const before = replace(FILE, "    image: redis\n", "    image: redis\n    environment: {DEBUG}\n");
    const after = replace(before, "image: postgres", "image: postgres:16");
    expectFullAnalysis(editIncrementally(before, after), after);
  });

  it("a shell's && in the service, before and after the edit, is no anchor", () => {
    const before = replace(FILE, "    container_name: db\n", "    container_name: db\n    command: sh -c 'init && run'\n");
    const after = replace(before, "init && run", "init && run && done");
    expectFullAnalysis(editIncrementally(before, after), after);
  });

  it("a service named \"<<\" (quoted, so no merge key) is one like any other", () => {
    const before = 'services:\n  "<<":\n    image: nginx\n  db:\n    image: postgres\n';
    const after = replace(before, "nginx", "nginx:1.27");
    const result = editIncrementally(before, after);
    expect(result.edit).toMatchObject({ index: 0, name: "<<" });
    expectFullAnalysis(result, after);
  });

  it("in a file that starts with services: and has one service", () => {
    const before = "services:\n  web:\n    image: nginx\n    privileged: true\n";
    const after = replace(before, "nginx", "nginx:1.27");
    const result = editIncrementally(before, after);
    expect(result.edit).toEqual({ index: 0, name: "web", start: 10, oldEnd: before.length, delta: 5, segments: [{ start: 10, end: after.length }] });
    expectFullAnalysis(result, after);
  });

  it("the rules that read one service check the edited service alone, the others the whole file", () => {
    const seen: Record<string, string[][]> = { service: [], file: [] };
    const spy = (reads: "service" | "file"): Rule => ({
      meta: { ...noContainerName.meta, id: `spy-${reads}`, reads },
      check(context) {
        seen[reads].push(context.model.services.map((s) => s.name));
        noContainerName.check(context);
      },
    });
    const options: LintOptions = { isPipeline: true, rules: [spy("service"), spy("file")] };
    const after = replace(FILE, "image: postgres", "image: postgres:16");
    const result = editIncrementally(FILE, after, options);
    expect(seen).toEqual({ service: [["web", "db", "cache"], ["db"]], file: [["web", "db", "cache"], ["web", "db", "cache"]] });
    expect(result.state.reusedRules).toBe(1);
    const name = after.indexOf("container_name");
    expect(result.state.findings.map((f) => [f.ruleId, f.start]).sort()).toEqual([
      ["spy-file", name],
      ["spy-service", name],
    ]);
    expectFullAnalysis(result, after, options);
  });
});

describe("an edit the incremental path leaves to a full parse", () => {
  it.each<[string, string, (text: string) => string, FullParseReason]>([
    // The previous model is not one it works with.
    ["a syntax error before the edit", replace(FILE, "image: nginx", 'image: "nginx'), (t) => replace(t, "postgres", "postgres:16"), "previous-model"],
    ["a duplicate key before the edit", replace(FILE, "    image: redis\n", "    image: redis\n    image: redis\n"), (t) => replace(t, "postgres", "postgres:16"), "previous-model"],
    ["two documents", `${FILE}---\nservices:\n  other:\n    image: x\n`, (t) => replace(t, "postgres", "postgres:16"), "previous-model"],
    ["a flow-style file", "{services: {web: {image: nginx}}}\n", (t) => replace(t, "nginx", "nginx:1.27"), "previous-model"],
    ["a flow-style services:", "services: {web: {image: nginx}}\n", (t) => replace(t, "nginx", "nginx:1.27"), "previous-model"],
    ["an empty services:", "services:\nnetworks:\n  default:\n    name: net\n", (t) => replace(t, "net\n", "nets\n"), "previous-model"],
    ["no services:", "networks:\n  default:\n    name: net\n", (t) => replace(t, "net\n", "nets\n"), "previous-model"],
    ["a list at the top", "- services:\n    web:\n      image: nginx\n", (t) => replace(t, "nginx", "nginx:1.27"), "previous-model"],
    ["a merge key in services:", "x-s: &s\n  web:\n    image: nginx\nservices:\n  <<: *s\n  db:\n    image: postgres\n", (t) => replace(t, "postgres", "postgres:16"), "previous-model"],
    ["a non-scalar service key", "services:\n  ? [a, b]\n  : image: x\n  db:\n    image: postgres\n", (t) => replace(t, "postgres", "postgres:16"), "previous-model"],
    ["an explicit service key (`? name`)", "services:\n  ? web\n  : image: nginx\n  db:\n    image: postgres\n", (t) => replace(t, "postgres", "postgres:16"), "previous-model"],
    ["a non-scalar top-level key", "services:\n  db:\n    image: postgres\n? [a]\n: 1\n", (t) => replace(t, "postgres", "postgres:16"), "previous-model"],
    // Outside the services' lines.
    ["an edit in a top-level entry above services:", FILE, (t) => replace(t, "restart: always", "restart: unless-stopped"), "outside-services"],
    ["an edit in a top-level entry below services:", FILE, (t) => replace(t, "name: net", "name: nets"), "outside-services"],
    ["an edit of the services: line", FILE, (t) => replace(t, "services:\n", "services: # all\n"), "outside-services"],
    ["a service dedented (the edit starts before its key)", FILE, (t) => replace(t, "  db:\n", " db:\n"), "outside-services"],
    ["an edit across two services", FILE, (t) => replace(t, '"80:80"\n  db:\n    <<', '"80:8"\n  db:\n    <'), "outside-services"],
    ["the same text again, with a top-level key below the services", FILE, (t) => t, "outside-services"],
    ["a comment line typed at the end of a service, one space in (the first difference lies before the next service's key)", FILE, (t) => replace(t, "  cache:", " #\n  cache:"), "outside-services"],
    // An anchor another service may use.
    ["an anchor in the edited service before the edit", replace(FILE, "    image: redis\n", "    image: &img redis\n"), (t) => replace(t, "privileged: true", "privileged: false"), "anchor"],
    ["an anchor deep in the edited service before the edit", replace(FILE, '      - "6379:6379"\n', '      - &p "6379:6379"\n'), (t) => replace(t, "privileged: true", "privileged: false"), "anchor"],
    ["an anchor removed from the service", replace(FILE, "    image: redis\n", "    image: &img redis\n"), (t) => replace(t, "&img redis", "redis"), "anchor"],
    ["an anchor typed in the service", FILE, (t) => replace(t, "image: postgres", "image: &img postgres"), "anchor"],
    ["an anchor typed deep in the service", FILE, (t) => replace(t, '- "80:80"', '- &p "80:80"'), "anchor"],
    ["a service made an alias", "x-s: &s\n  image: nginx\nservices:\n  web:\n    image: nginx\n  db:\n    image: postgres\n", (t) => replace(t, "  db:\n    image: postgres\n", "  db: *s\n"), "anchor"],
    // Line breaks the parser and compose see differently, or a service that no longer starts a line.
    ["a lone carriage return typed", FILE, (t) => replace(t, "image: postgres\n", "image: postgres\r"), "line-break"],
    ["a lone carriage return in the service before the edit", replace(FILE, "image: postgres\n", "image: postgres\r"), (t) => replace(t, "container_name: db", "container_name: dbs"), "line-break"],
    ["the line break before the next service removed", FILE, (t) => replace(t, '"80:80"\n  db:', '"80:80"  db:'), "line-break"],
    // The service's lines no longer hold one service of services:.
    ["a document separator typed", FILE, (t) => replace(t, "    container_name: db\n", "    container_name: db\n---\n"), "structure"],
    ["a top-level key typed", FILE, (t) => replace(t, "    container_name: db\n", "    container_name: db\nvolumes:\n  data:\n"), "structure"],
    ["a service typed", FILE, (t) => replace(t, "    privileged: true\n", "    privileged: true\n  extra:\n    image: x\n"), "structure"],
    ["a service renamed", FILE, (t) => replace(t, "  db:", "  dbs:"), "structure"],
    ["a service renamed at its first character", FILE, (t) => replace(t, "  db:", "  xb:"), "structure"],
    ["a service key quoted", FILE, (t) => replace(t, "  db:", '  "db":'), "structure"],
    ["a service key indented", FILE, (t) => replace(t, "  db:", "   db:"), "structure"],
    ["a line pasted at the end of a service that begins like the next service's line", FILE, (t) => replace(t, "  cache:", "  # note\n  cache:"), "structure"],
    // A syntax error in the new service.
    ["an unclosed quote typed", FILE, (t) => replace(t, "image: postgres", 'image: "postgres'), "syntax-error"],
    ["a duplicate key typed", FILE, (t) => replace(t, "    container_name: db\n", "    image: pg\n    container_name: db\n"), "syntax-error"],
  ])("%s", (_, before, edit, reason) => {
    const after = edit(before);
    expect(fullParseReason(before, after)).toBe(reason);
  });

  it("a model too large to have been parsed", () => {
    const after = replace(FILE, "postgres", "postgres:16");
    expect(fullParseReason(parseCompose(FILE, { maxChars: 100 }), after)).toBe("previous-model");
  });
});
