/**
 * compose/position.ts: the scalar under an offset, its path of keys from the
 * document root and through the service it belongs to, and the service a key
 * names. test/engine/hover-providers.test.ts has the paths the hover
 * providers match; these are the lookups' own edge cases.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hoveredNode } from "../../server/src/engine/compose/position.js";
import { spanText } from "../helpers/spans.js";

function nodeAt(text: string, needle: string) {
  const model = parseCompose(text);
  const node = hoveredNode(model, text.indexOf(needle));
  return (
    node && {
      documentPath: node.documentPath,
      path: node.path,
      onKey: node.onKey,
      span: spanText(model, node.span),
      service: node.service?.name,
      servicePath: node.servicePath,
      namesService: node.namesService?.name,
    }
  );
}

describe("the node at an offset", () => {
  it("a value under a key that is no scalar: the key's segment is empty", () => {
    expect(nodeAt("x-matrix:\n  ? [web, worker]\n  : shared\n", "shared")).toEqual({
      documentPath: ["x-matrix", ""],
      path: ["x-matrix", ""],
      onKey: false,
      span: "3:5-3:11 shared",
      service: undefined,
      servicePath: undefined,
      namesService: undefined,
    });
  });

  it("a port item: the service through the sequence", () => {
    expect(nodeAt('services:\n  web:\n    ports:\n      - "8000:8000"\n', "8000")).toEqual({
      documentPath: ["services", "web", "ports", 0],
      path: ["services", "web", "ports", 0],
      onKey: false,
      span: '4:9-4:20 "8000:8000"',
      service: "web",
      servicePath: ["ports", 0],
      namesService: undefined,
    });
  });

  it("a service's name names it; a key inside it does not", () => {
    const code = "services:\n  web:\n    image: nginx\n";
    expect(nodeAt(code, "web")).toMatchObject({ documentPath: ["services", "web"], onKey: true, service: undefined, namesService: "web" });
    expect(nodeAt(code, "image")).toMatchObject({ documentPath: ["services", "web", "image"], onKey: true, service: "web", namesService: undefined });
  });

  it("a service's name written in a map `services:` merges names the service too", () => {
    const code = "x-services: &services\n  worker:\n    image: app\nservices:\n  <<: *services\n  web:\n    image: nginx\n";
    expect(nodeAt(code, "worker")).toMatchObject({ documentPath: ["x-services", "worker"], onKey: true, namesService: "worker" });
  });
});
