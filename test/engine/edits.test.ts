import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { describe, expect, it } from "vitest";
import { appendToMap, formatScalar, removeEntry, removeItems } from "../../server/src/engine/compose/edits.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { applyEdits } from "../../server/src/engine/text.js";

function removeService(text: string, name: string): string {
  const model = parseCompose(text);
  const services = model.top.find((e) => e.key === "services")!;
  const entry = (services.value as YAMLMap).items.find((p) => String((p as Pair<{ value: string }>).key.value) === name)!;
  const edit = removeEntry(model, { key: name, keyNode: entry.key as never, pair: entry, value: null, owner: services.value as YAMLMap, merged: false });
  return applyEdits(text, [edit]);
}

describe("removing a block", () => {
  it("takes one blank separator with a service set apart by blank lines", () => {
    expect(removeService("services:\n  a:\n    image: a\n\n  b:\n    image: b\n\n  c:\n    image: c\n", "b")).toBe("services:\n  a:\n    image: a\n\n  c:\n    image: c\n");
  });

  it("takes the blank line before the last block of the file", () => {
    expect(removeService("services:\n  a:\n    image: a\n\n  b:\n    image: b\n", "b")).toBe("services:\n  a:\n    image: a\n");
  });

  it("leaves blank lines alone when the block has none before it", () => {
    expect(removeService("services:\n  a:\n    image: a\n  b:\n    image: b\n\n  c:\n    image: c\n", "b")).toBe("services:\n  a:\n    image: a\n\n  c:\n    image: c\n");
  });

  it("takes the separator after it when the one before is a line of spaces", () => {
    expect(removeService("services:\n  a:\n    image: a\n  \n  b:\n    image: b\n\n  c:\n    image: c\n", "b")).toBe("services:\n  a:\n    image: a\n  \n  c:\n    image: c\n");
  });

  it("keeps the blank line before it when the next block follows it directly", () => {
    expect(removeService("services:\n  a:\n    image: a\n\n  b:\n    image: b\n  c:\n    image: c\n", "b")).toBe("services:\n  a:\n    image: a\n\n  c:\n    image: c\n");
    expect(removeService("services:\n  a:\n    image: a\n\n  b:\n    image: b\n  c: {image: c}", "b")).toBe("services:\n  a:\n    image: a\n\n  c: {image: c}");
  });

  it("takes the blank line before the last block of a file without a final line break", () => {
    expect(removeService("services:\n  a:\n    image: a\n\n  b:\n    image: b", "b")).toBe("services:\n  a:\n    image: a\n");
  });

  it("takes the comments indented inside it, after a scalar too, and leaves the one introducing the next block", () => {
    expect(removeService("services:\n  a:\n    image: a\n  b:\n    image: b\n    # restart: always\n  # the cache\n  c:\n    image: c\n", "b")).toBe("services:\n  a:\n    image: a\n  # the cache\n  c:\n    image: c\n");
  });

  it("takes its comments through the end of a file without a final line break, one that opens with an indented comment too", () => {
    // Past the last line there is no line to read: the search for its comments must stop there, whatever the file's first line holds.
    expect(removeService("    # generated\nservices:\n  a:\n    image: a\n  b:\n    image: b\n    # restart: always", "b")).toBe("    # generated\nservices:\n  a:\n    image: a\n");
  });

  it("stops at a line of spaces between its comments and the next block's", () => {
    const text = 'services:\n  a:\n    image: a\n  b:\n    ports:\n      - "80:80"\n      # https later\n    \n  # the app\n  c:\n    image: c\n';
    expect(removeService(text, "b")).toBe("services:\n  a:\n    image: a\n    \n  # the app\n  c:\n    image: c\n");
  });

  it("moves the next key onto the dash when the first key of a list item goes", () => {
    const text = "services:\n  a:\n    ports:\n      - published: 80\n        target: 80\n";
    const model = parseCompose(text);
    const ports = model.services[0].get("ports")!;
    const item = (ports.value as { items: YAMLMap[] }).items[0];
    expect(isMap(item)).toBe(true);
    const published = item.items[0];
    const edit = removeEntry(model, { key: "published", keyNode: published.key as never, pair: published, value: null, owner: item, merged: false });
    expect(applyEdits(text, [edit])).toBe("services:\n  a:\n    ports:\n      - target: 80\n");
  });
});

describe("removing the only key of a list item", () => {
  it("leaves an empty map on the dash", () => {
    const text = "services:\n  a:\n    ports:\n      - published: 80\n      - 8000:8000\n";
    const model = parseCompose(text);
    const item = (model.services[0].get("ports")!.value as { items: YAMLMap[] }).items[0];
    const published = item.items[0];
    const edit = removeEntry(model, { key: "published", keyNode: published.key as never, pair: published, value: null, owner: item, merged: false });
    expect(applyEdits(text, [edit])).toBe("services:\n  a:\n    ports:\n      - {}\n      - 8000:8000\n");
  });
});

describe("removing list items", () => {
  it("makes no edit when no item goes, even from an empty list", () => {
    const text = "services:\n  a:\n    image: x\n    ports: []\n";
    const model = parseCompose(text);
    expect(removeItems(model, model.services[0].get("ports")!, [])).toEqual([]);
  });

  it("removes adjacent flow items as one span, in the middle and at the end", () => {
    const text = 'services:\n  a:\n    ports: ["1:1", "80:80", "443:443", "2:2"]\n';
    const model = parseCompose(text);
    const ports = model.services[0].get("ports")!;
    const items = (ports.value as YAMLSeq<Node>).items;
    expect(applyEdits(text, removeItems(model, ports, [items[1], items[2]]))).toBe('services:\n  a:\n    ports: ["1:1", "2:2"]\n');
    expect(applyEdits(text, removeItems(model, ports, [items[3], items[2]]))).toBe('services:\n  a:\n    ports: ["1:1", "80:80"]\n');
  });

  it("removes flow items with their commas", () => {
    const text = 'services:\n  a:\n    ports: ["1:1", "80:80", "2:2", "443:443"]\n';
    const model = parseCompose(text);
    const ports = model.services[0].get("ports")!;
    expect(isSeq(ports.value)).toBe(true);
    const items = (ports.value as YAMLSeq<Node>).items;
    expect(applyEdits(text, removeItems(model, ports, [items[1], items[3]]))).toBe('services:\n  a:\n    ports: ["1:1", "2:2"]\n');
  });

  it("removes the key when every item goes", () => {
    const text = 'services:\n  a:\n    image: x\n    ports:\n      - "80:80"\n      - "443:443"\n    restart: always\n';
    const model = parseCompose(text);
    const ports = model.services[0].get("ports")!;
    const items = (ports.value as YAMLSeq<Node>).items;
    expect(applyEdits(text, removeItems(model, ports, items))).toBe("services:\n  a:\n    image: x\n    restart: always\n");
  });
});

describe("appending keys to a map", () => {
  it("leaves a map opened on a list item's dash alone: its keys' column is not its line's", () => {
    const text = "services:\n  a:\n    ports:\n      - target: 80\n        published: 8080\n";
    const model = parseCompose(text);
    const item = (model.services[0].get("ports")!.value as { items: YAMLMap[] }).items[0];
    expect(appendToMap(model, item, ["protocol: tcp"])).toBeUndefined();
  });
});

describe("writing a scalar", () => {
  it.each([
    ["it's", "QUOTE_SINGLE", "'it''s'"],
    ["web", "QUOTE_DOUBLE", '"web"'],
    ["web", "PLAIN", "web"],
    ["postgres:16", "PLAIN", "postgres:16"],
    ["", "PLAIN", '""'],
    ["*web", "PLAIN", '"*web"'],
    ["-web", "PLAIN", '"-web"'],
    ["web ", "PLAIN", '"web "'],
    ["a: b", "PLAIN", '"a: b"'],
    ["a #b", "PLAIN", '"a #b"'],
    ["a#b", "PLAIN", "a#b"],
    ["web:", "PLAIN", '"web:"'],
    ["a\tb", "PLAIN", '"a\\tb"'],
    ["on", "PLAIN", '"on"'],
    ["8080", "PLAIN", '"8080"'],
    ["+1", "PLAIN", '"+1"'],
    ["1.5", "PLAIN", '"1.5"'],
    ["1e5", "PLAIN", '"1e5"'],
    ["1e+5", "PLAIN", '"1e+5"'],
    ["1E10", "PLAIN", '"1E10"'],
    ["8080a", "PLAIN", "8080a"],
  ] as const)("%j as %s is written %s", (text, type, written) => {
    expect(formatScalar(text, type)).toBe(written);
  });
});
