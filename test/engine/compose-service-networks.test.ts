/**
 * compose/serviceNetworks.ts: the networks a service joins (list and map
 * forms, list items interpolated, map keys not) and its `network_mode`
 * (`host`, `none`, `bridge`, `service:x`, `container:x`, a network's name),
 * with exact values and spans (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { serviceNetworkMode, serviceNetworks, usesHostNetwork } from "../../server/src/engine/compose/serviceNetworks.js";
import { spanText } from "../helpers/spans.js";

function networks(code: string) {
  const model = parseCompose(code);
  return serviceNetworks(model, model.services[0]).map((n) => ({
    name: n.name,
    certain: n.certain,
    form: n.form,
    nameSpan: spanText(model, n.nameSpan),
    span: spanText(model, n.span),
    options: n.options.map((e) => e.key),
    aliases: n.aliases !== undefined,
    ipv4Address: n.ipv4Address !== undefined,
  }));
}

function networkMode(code: string) {
  const model = parseCompose(code);
  const mode = serviceNetworkMode(model, model.services[0]);
  return (
    mode && {
      value: mode.value,
      certain: mode.certain,
      kind: mode.kind,
      target: mode.target,
      targetSpan: spanText(model, mode.targetSpan),
      valueSpan: spanText(model, mode.valueSpan),
      span: spanText(model, mode.span),
      host: usesHostNetwork(model, model.services[0]),
    }
  );
}

const LIST = { certain: true, form: "list", options: [], aliases: false, ipv4Address: false } as const;
const MAP = { certain: true, form: "map", aliases: false, ipv4Address: false } as const;

describe("serviceNetworks", () => {
  it.each([
    {
      name: "list form: names, quoted, a default applied, a variable without one",
      code: 'services:\n  web:\n    networks:\n      - front\n      - "back"\n      - ${NET:-proxy}\n      - ${OTHER}\n',
      expected: [
        { ...LIST, name: "front", nameSpan: "4:9-4:14 front", span: "4:9-4:14 front" },
        { ...LIST, name: "back", nameSpan: '5:9-5:15 "back"', span: '5:9-5:15 "back"' },
        { ...LIST, name: "proxy", nameSpan: "6:9-6:22 ${NET:-proxy}", span: "6:9-6:22 ${NET:-proxy}" },
        { ...LIST, name: "", certain: false, nameSpan: "7:9-7:17 ${OTHER}", span: "7:9-7:17 ${OTHER}" },
      ],
    },
    {
      name: "map form: `name:` (null), aliases and ipv4_address, flow style; keys are not interpolated",
      code: "services:\n  web:\n    networks:\n      front:\n      back:\n        aliases: [api]\n        ipv4_address: 172.20.0.5\n      edge: {priority: 10}\n      ${NET}: {}\n",
      expected: [
        { ...MAP, name: "front", options: [], nameSpan: "4:7-4:12 front", span: "4:7-4:13 front:" },
        { ...MAP, name: "back", options: ["aliases", "ipv4_address"], aliases: true, ipv4Address: true, nameSpan: "5:7-5:11 back", span: "5:7-7:33 back:\n        aliases: [api]\n        ipv4_address: 172.20.0.5" },
        { ...MAP, name: "edge", options: ["priority"], nameSpan: "8:7-8:11 edge", span: "8:7-8:27 edge: {priority: 10}" },
        { ...MAP, name: "${NET}", options: [], nameSpan: "9:7-9:13 ${NET}", span: "9:7-9:17 ${NET}: {}" },
      ],
    },
    {
      name: "`networks` merged with `<<` into the service",
      code: "x-nets: &nets\n  networks:\n    front:\nservices:\n  web:\n    <<: *nets\n",
      expected: [{ ...MAP, name: "front", options: [], nameSpan: "3:5-3:10 front", span: "3:5-3:11 front:" }],
    },
    {
      name: "a networks map merging another",
      code: "x-more: &more\n  back: {aliases: [b]}\nservices:\n  web:\n    networks:\n      <<: *more\n      front:\n",
      expected: [
        { ...MAP, name: "front", options: [], nameSpan: "7:7-7:12 front", span: "7:7-7:13 front:" },
        { ...MAP, name: "back", options: ["aliases"], aliases: true, nameSpan: "2:3-2:7 back", span: "2:3-2:23 back: {aliases: [b]}" },
      ],
    },
    {
      name: "an aliased list",
      code: "x-list: &list [edge, 'core']\nservices:\n  web:\n    networks: *list\n",
      expected: [
        { ...LIST, name: "edge", nameSpan: "1:16-1:20 edge", span: "1:16-1:20 edge" },
        { ...LIST, name: "core", nameSpan: "1:22-1:28 'core'", span: "1:22-1:28 'core'" },
      ],
    },
    {
      name: "none written",
      code: "services:\n  web:\n    image: nginx\n",
      expected: [],
    },
  ])("$name", ({ code, expected }) => {
    expect(networks(code)).toEqual(expected);
  });
});

describe("serviceNetworkMode", () => {
  const mode = (value: string) => `services:\n  web:\n    network_mode: ${value}\n`;
  it.each([
    { value: "host", expected: { value: "host", certain: true, kind: "host", valueSpan: "3:19-3:23 host", span: "3:5-3:23 network_mode: host", host: true } },
    { value: '"none"', expected: { value: "none", certain: true, kind: "none", valueSpan: '3:19-3:25 "none"', span: '3:5-3:25 network_mode: "none"', host: false } },
    { value: "bridge", expected: { value: "bridge", certain: true, kind: "bridge", valueSpan: "3:19-3:25 bridge", span: "3:5-3:25 network_mode: bridge", host: false } },
    {
      value: '"service:vpn"',
      expected: { value: "service:vpn", certain: true, kind: "service", target: "vpn", targetSpan: "3:28-3:31 vpn", valueSpan: '3:19-3:32 "service:vpn"', span: '3:5-3:32 network_mode: "service:vpn"', host: false },
    },
    {
      value: "container:gluetun",
      expected: { value: "container:gluetun", certain: true, kind: "container", target: "gluetun", targetSpan: "3:29-3:36 gluetun", valueSpan: "3:19-3:36 container:gluetun", span: "3:5-3:36 network_mode: container:gluetun", host: false },
    },
    {
      value: "service:${VPN:-wireguard}",
      expected: { value: "service:wireguard", certain: true, kind: "service", target: "wireguard", targetSpan: "3:27-3:44 ${VPN:-wireguard}", valueSpan: "3:19-3:44 service:${VPN:-wireguard}", span: "3:5-3:44 network_mode: service:${VPN:-wireguard}", host: false },
    },
    {
      // The default gives the whole mode: the target is compose's, the text has no such part to point at.
      value: "${MODE:-service:vpn}",
      expected: { value: "service:vpn", certain: true, kind: "service", target: "vpn", valueSpan: "3:19-3:39 ${MODE:-service:vpn}", span: "3:5-3:39 network_mode: ${MODE:-service:vpn}", host: false },
    },
    { value: "${MODE}", expected: { value: "", certain: false, kind: "network", valueSpan: "3:19-3:26 ${MODE}", span: "3:5-3:26 network_mode: ${MODE}", host: false } },
    { value: "my_net", expected: { value: "my_net", certain: true, kind: "network", valueSpan: "3:19-3:25 my_net", span: "3:5-3:25 network_mode: my_net", host: false } },
  ])("network_mode: $value", ({ value, expected }) => {
    expect(networkMode(mode(value))).toEqual(expected);
  });

  it("follows `<<` merges; undefined without one", () => {
    expect(networkMode("x-host: &host\n  network_mode: host\nservices:\n  web:\n    <<: *host\n")).toMatchObject({ kind: "host", span: "2:3-2:21 network_mode: host" });
    expect(networkMode("services:\n  web:\n    image: nginx\n")).toBeUndefined();
  });
});
