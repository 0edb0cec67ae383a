/**
 * compose/networks.ts: the top-level network declarations, whether compose
 * expects each to exist (`external`, the legacy `external: {name: x}` map
 * included), and the name it has on the Docker host, with exact spans
 * (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hostNetworkName, networkDeclarations } from "../../server/src/engine/compose/networks.js";
import { spanText } from "../helpers/spans.js";

function declarations(code: string) {
  const model = parseCompose(code);
  return networkDeclarations(model).map((network) => ({
    key: network.key,
    external: network.external,
    externalSpan: spanText(model, network.externalSpan),
    name: network.name,
    nameSpan: spanText(model, network.nameSpan),
    hostName: hostNetworkName(network),
  }));
}

const ROWS: { name: string; code: string; declarations: ReturnType<typeof declarations> }[] = [
  {
    // compose names it `<project>_backend`: no name is known before the project's.
    name: "a network compose creates, without name",
    code: "networks:\n  backend:\n    driver: bridge\n",
    declarations: [{ key: "backend", external: false, externalSpan: undefined, name: undefined, nameSpan: undefined, hostName: undefined }],
  },
  {
    name: "an external network goes by its key",
    code: "networks:\n  proxy:\n    external: true\n",
    declarations: [{ key: "proxy", external: true, externalSpan: "3:5-3:19 external: true", name: undefined, nameSpan: undefined, hostName: "proxy" }],
  },
  {
    name: "a created network with a name, default applied",
    code: "networks:\n  backend:\n    name: ${NET_NAME:-shared-net}\n",
    declarations: [{ key: "backend", external: false, externalSpan: undefined, name: "shared-net", nameSpan: "3:11-3:34 ${NET_NAME:-shared-net}", hostName: "shared-net" }],
  },
  {
    name: "the legacy external map: its name, not its extension keys",
    code: "networks:\n  proxy:\n    external:\n      x-note: legacy\n      name: elestio-proxy\n",
    declarations: [
      {
        key: "proxy",
        external: true,
        externalSpan: "3:5-5:26 external:\n      x-note: legacy\n      name: elestio-proxy",
        name: "elestio-proxy",
        nameSpan: "5:13-5:26 elestio-proxy",
        hostName: "elestio-proxy",
      },
    ],
  },
  {
    name: "an empty name is no name",
    code: "networks:\n  proxy:\n    external: true\n    name:\n",
    declarations: [{ key: "proxy", external: true, externalSpan: "3:5-3:19 external: true", name: undefined, nameSpan: undefined, hostName: "proxy" }],
  },
];

describe("external, read as compose-go casts a string to a boolean", () => {
  it.each([
    ["true", true],
    ['"Y"', true],
    ['"yes"', true],
    ['"ON"', true],
    ['"n"', false],
    ['"No"', false],
    ['"FALSE"', false],
    ['"off"', false],
    ['"${EXTERNAL:-yes}"', true],
    // compose refuses these: no space around the word, and nothing is known of a variable without default.
    ['" true"', undefined],
    ['"maybe"', undefined],
    ['"${EXTERNAL}"', undefined],
    ['"${EXTERNAL}true"', undefined],
  ])("external: %s is %s", (value, external) => {
    expect(declarations(`networks:\n  proxy:\n    external: ${value}\n`)[0].external).toBe(external);
  });
});

describe("network declarations", () => {
  for (const row of ROWS) {
    it(row.name, () => {
      expect(declarations(row.code)).toEqual(row.declarations);
    });
  }
});
