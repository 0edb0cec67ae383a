import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { proxyTargetPort } from "../../server/src/engine/rules/proxy-target-port.js";
import { testRule } from "./rule-tester.js";

testRule(proxyTargetPort, {
  valid: [
    { name: "an empty services map: nothing to deploy, nothing to reach", code: "services: {}\n" },
    { name: "a syntax error may hide the port: nothing concluded", code: "services:\n  db:\n    image: postgres:16\n  web: [\n    image: nginx:1,\n    ports: [\"172.17.0.1:8080:80\"]\n" },
    { name: "a missing colon hides the ports below it", code: "services:\n  web:\n    image nginx:1\n    ports:\n      - \"172.17.0.1:8080:80\"\n", proxyTargetPorts: [8080] },
    { name: "the target port published on the bridge", proxyTargetPorts: [8000], code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n' },
    {
      name: "published on every interface: the proxy reaches it too (public-port-binding's finding)",
      proxyTargetPorts: [8000, 3000],
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n  admin:\n    image: admin:1\n    ports:\n      - 3000:3000\n',
    },
    {
      name: "a range holding the port, the long form, another container port",
      proxyTargetPorts: [8001, 9000],
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000-8002:8000-8002"\n  api:\n    image: api:1\n    ports:\n      - {target: 80, published: 9000, host_ip: 172.17.0.1}\n',
    },
    {
      name: "a host port or an address a variable decides may be the target",
      proxyTargetPorts: [8000, 8080],
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:${WEB_PORT}:8000"\n  api:\n    image: api:1\n    ports:\n      - "${BIND_IP}:8080:8080"\n',
    },
    { name: "a default is the port compose publishes", proxyTargetPorts: [8000], code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:${WEB_PORT:-8000}:8000"\n' },
    {
      name: "a service on the host's network serves without publishing",
      proxyTargetPorts: [8000],
      code: "services:\n  web:\n    build: .\n    network_mode: host\n  db:\n    image: postgres:16\n",
    },
    { name: "network_mode from a variable may be host", code: "services:\n  web:\n    build: .\n    network_mode: ${NETWORK_MODE}\n" },
    { name: "services of other files (include, extends) may publish it", proxyTargetPorts: [8000], code: "include:\n  - ./web.yml\nservices:\n  db:\n    image: postgres:16\n" },
    { name: "extends", code: "services:\n  web:\n    extends:\n      file: base.yml\n      service: web\n" },
    { name: "without the key: some TCP port the proxy reaches is enough", code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n  db:\n    image: postgres:16\n' },
    { name: "without the key: a random host port is published too", code: 'services:\n  web:\n    build: .\n    ports:\n      - "8000"\n' },
    {
      name: "without the key: a port on the loopback is loopback-port-binding's finding, with its fix (Mastodon, Plausible)",
      code: "services:\n  web:\n    image: ghcr.io/mastodon/mastodon:v4\n    ports:\n      - '127.0.0.1:3000:3000'\n",
    },
    { name: "an empty list says nothing of the ports", proxyTargetPorts: [], code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:3000:3000"\n' },
    { name: "no services, nothing to say", code: "volumes:\n  data: {}\n" },
    { name: "a dev file", pipeline: false, proxyTargetPorts: [8000], code: "services:\n  web:\n    build: .\n" },
  ],
  invalid: [
    {
      name: "the target port is not published: on the services key",
      proxyTargetPorts: [8000],
      code: 'services:\n  web:\n    build: .\n    expose:\n      - "8000"\n    ports:\n      - "172.17.0.1:3000:3000"\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 9,
          messageId: "portNotPublished",
          message: "Proxy target port 8000 is not published on 172.17.0.1: the site answers 502. Publish it there.",
        },
      ],
    },
    {
      name: "bound where the proxy cannot reach it: the loopback, another address, UDP, a random host port",
      proxyTargetPorts: [8000, 8001, 8002, 8003, 8000],
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "127.0.0.1:8000:8000"\n      - "10.0.0.5:8001:8001"\n      - "172.17.0.1:8002:8002/udp"\n      - "172.17.0.1::8003"\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 9,
          messageId: "portsNotPublished",
          message: "Proxy target ports 8000, 8001, 8002, 8003 are not published on 172.17.0.1: the site answers 502. Publish them there.",
        },
      ],
    },
    {
      name: "one of two target ports",
      proxyTargetPorts: [8000, 9000],
      code: 'name: shop\nservices:\n  web:\n    build: .\n    ports: ["172.17.0.1:8000:8000"]\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 9, messageId: "portNotPublished" }],
    },
    {
      name: "without the key: nothing published for the proxy is an info",
      code: 'services:\n  web:\n    build: .\n    expose: ["8000"]\n  db:\n    image: postgres:16\n    ports:\n      - "10.0.0.5:5432:5432"\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 9,
          messageId: "nothingPublished",
          message: "No service publishes a TCP port on 172.17.0.1: Elestio's proxy has nothing to reach (502). Publish the web port there.",
        },
      ],
    },
    {
      name: "without the key: UDP on the loopback is no web port kept for local use",
      code: 'services:\n  dns:\n    image: coredns/coredns\n    ports:\n      - "127.0.0.1:5353:5353/udp"\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, messageId: "nothingPublished" }],
    },
    {
      name: "without the key: a reserved port on the loopback, which no-reserved-host-port reports, is no web port either",
      code: 'services:\n  web:\n    image: app:1\n    ports:\n      - "127.0.0.1:80:8000"\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, messageId: "nothingPublished" }],
    },
    {
      name: "without the key: UDP only",
      code: 'services:\n  wireguard:\n    image: wg-easy/wg-easy:14\n    ports:\n      - "51820:51820/udp"\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, messageId: "nothingPublished" }],
    },
    {
      name: "network_mode of another service is not the host's",
      proxyTargetPorts: [8080],
      code: "services:\n  vpn:\n    image: gluetun:3\n    ports:\n      - 172.17.0.1:8000:8000\n  app:\n    image: app:1\n    network_mode: service:vpn\n",
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, messageId: "portNotPublished" }],
    },
  ],
});

describe("proxy-target-port's severity", () => {
  let model: ComposeModel;
  beforeEach(() => {
    model = parseCompose('services:\n  web:\n    build: .\n    expose:\n      - "8000"\n');
  });
  const severities = (options: { proxyTargetPorts?: number[]; severities?: Record<string, "warning"> }) =>
    lint(model, { isPipeline: true, rules: [proxyTargetPort], ...options }).map((f) => `${f.messageId} ${f.severity}`);

  it("an error for a target port the dashboard names, an info when it names none", () => {
    expect(severities({ proxyTargetPorts: [8000] })).toEqual(["portNotPublished error"]);
    expect(severities({})).toEqual(["nothingPublished info"]);
  });

  it("a severity the user sets applies to both", () => {
    expect(severities({ severities: { "proxy-target-port": "warning" } })).toEqual(["nothingPublished warning"]);
    expect(severities({ proxyTargetPorts: [8000], severities: { "proxy-target-port": "warning" } })).toEqual(["portNotPublished warning"]);
  });
});
