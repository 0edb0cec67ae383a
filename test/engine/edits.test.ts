import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { describe, expect, it } from "vitest";
import { removeEntry, removeItems } from "../../server/src/engine/compose/edits.js";
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

describe("removing list items", () => {
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
