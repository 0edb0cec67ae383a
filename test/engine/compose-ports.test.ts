/**
 * The ports facts (compose/ports.ts), in the style of compose-go's loader
 * tests: each row a compose snippet and the exact facts compose reads from it,
 * with where each part is written. The short syntax splits as compose does
 * (docker/go-connections nat.ParsePortSpec, whose TestPartPortSpecIPV6 has
 * `::1:80:80` as host `::1`).
 */
import { describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel, type Span } from "../../server/src/engine/compose/model.js";
import {
  bindingSpan,
  bindToAddressEdit,
  firstTargetPort,
  isLoopbackAddress,
  isPublicAddress,
  portBindingAt,
  reservedHostPort,
  servicePorts,
  type PortBinding,
} from "../../server/src/engine/compose/ports.js";

/** `line:column-endLine:endColumn text`, 1-based. */
function described(model: ComposeModel, span: Span): string {
  const start = model.lines.positionAt(span.start);
  const end = model.lines.positionAt(span.end);
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${model.text.slice(span.start, span.end)}`;
}

interface Facts {
  hostIp: string | undefined;
  hostIpKnown: boolean;
  published: [number, number] | undefined;
  randomHostPort: boolean;
  target: string;
  protocol: string;
  certain: boolean;
  /** The host port Elestio's proxy holds that the binding publishes. */
  reserved: number | undefined;
  /** Where a finding on the binding goes. */
  span: string;
  parts: Partial<Record<keyof PortBinding["parts"], string>>;
}

function factsOf(model: ComposeModel, binding: PortBinding): Facts {
  const parts: Facts["parts"] = {};
  for (const key of ["host", "published", "target", "protocol"] as const) {
    const span = binding.parts[key];
    if (span) parts[key] = described(model, span);
  }
  return {
    hostIp: binding.hostIp,
    hostIpKnown: binding.hostIpKnown,
    published: binding.published,
    randomHostPort: binding.randomHostPort,
    target: binding.target,
    protocol: binding.protocol,
    certain: binding.certain,
    reserved: reservedHostPort(binding),
    span: described(model, bindingSpan(model, binding)),
    parts,
  };
}

function portsOf(code: string): Facts[] {
  const model = parseCompose(code);
  return model.services.flatMap((service) => servicePorts(service).map((binding) => factsOf(model, binding)));
}

/** A service with one short-syntax item, on line 4 from column 9. */
const short = (item: string) => `services:\n  web:\n    ports:\n      - ${item}\n`;

const TCP = { hostIpKnown: true, protocol: "tcp", certain: true } as const;

const SHORT: { item: string; facts: Facts }[] = [
  {
    item: '"8000"',
    facts: { ...TCP, hostIp: undefined, published: undefined, randomHostPort: true, target: "8000", reserved: undefined, span: '4:9-4:15 "8000"', parts: { target: "4:10-4:14 8000" } },
  },
  {
    item: "8000",
    facts: { ...TCP, hostIp: undefined, published: undefined, randomHostPort: true, target: "8000", reserved: undefined, span: "4:9-4:13 8000", parts: { target: "4:9-4:13 8000" } },
  },
  {
    item: '"8000:8000"',
    facts: {
      ...TCP,
      hostIp: undefined,
      published: [8000, 8000],
      randomHostPort: false,
      target: "8000",
      reserved: undefined,
      span: '4:9-4:20 "8000:8000"',
      parts: { published: "4:10-4:14 8000", target: "4:15-4:19 8000" },
    },
  },
  {
    item: '"127.0.0.1::8000"',
    facts: {
      ...TCP,
      hostIp: "127.0.0.1",
      published: undefined,
      randomHostPort: true,
      target: "8000",
      reserved: undefined,
      span: '4:9-4:26 "127.0.0.1::8000"',
      parts: { host: "4:10-4:19 127.0.0.1", published: "4:20-4:20 ", target: "4:21-4:25 8000" },
    },
  },
  {
    item: '"0.0.0.0:443:443/tcp"',
    facts: {
      ...TCP,
      hostIp: "0.0.0.0",
      published: [443, 443],
      randomHostPort: false,
      target: "443",
      reserved: 443,
      span: '4:9-4:30 "0.0.0.0:443:443/tcp"',
      parts: { host: "4:10-4:17 0.0.0.0", published: "4:18-4:21 443", target: "4:22-4:25 443", protocol: "4:26-4:29 tcp" },
    },
  },
  {
    item: '"443:443/UDP"',
    facts: {
      ...TCP,
      protocol: "udp",
      hostIp: undefined,
      published: [443, 443],
      randomHostPort: false,
      target: "443",
      reserved: undefined,
      span: '4:9-4:22 "443:443/UDP"',
      parts: { published: "4:10-4:13 443", target: "4:14-4:17 443", protocol: "4:18-4:21 UDP" },
    },
  },
  {
    item: '"[::1]:80:80"',
    facts: {
      ...TCP,
      hostIp: "::1",
      published: [80, 80],
      randomHostPort: false,
      target: "80",
      reserved: 80,
      span: '4:9-4:22 "[::1]:80:80"',
      parts: { host: "4:10-4:15 [::1]", published: "4:16-4:18 80", target: "4:19-4:21 80" },
    },
  },
  {
    // Compose splits on every `:`: all but the last two parts are the address (go-connections' "IPV6 with host port").
    item: '"::1:80:80"',
    facts: {
      ...TCP,
      hostIp: "::1",
      published: [80, 80],
      randomHostPort: false,
      target: "80",
      reserved: 80,
      span: '4:9-4:20 "::1:80:80"',
      parts: { host: "4:10-4:13 ::1", published: "4:14-4:16 80", target: "4:17-4:19 80" },
    },
  },
  {
    // go-connections' ":: IPV6, without host port".
    item: '"::::80"',
    facts: {
      ...TCP,
      hostIp: "::",
      published: undefined,
      randomHostPort: true,
      target: "80",
      reserved: undefined,
      span: '4:9-4:17 "::::80"',
      parts: { host: "4:10-4:12 ::", published: "4:13-4:13 ", target: "4:14-4:16 80" },
    },
  },
  {
    item: '"80-81:80-81"',
    facts: {
      ...TCP,
      hostIp: undefined,
      published: [80, 81],
      randomHostPort: false,
      target: "80-81",
      reserved: 80,
      span: '4:9-4:22 "80-81:80-81"',
      parts: { published: "4:10-4:15 80-81", target: "4:16-4:21 80-81" },
    },
  },
  {
    item: '"79-81:79-81"',
    facts: {
      ...TCP,
      hostIp: undefined,
      published: [79, 81],
      randomHostPort: false,
      target: "79-81",
      reserved: 80,
      span: '4:9-4:22 "79-81:79-81"',
      parts: { published: "4:10-4:15 79-81", target: "4:16-4:21 79-81" },
    },
  },
  {
    item: '"${HTTP_PORT:-80}:80"',
    facts: {
      ...TCP,
      hostIp: undefined,
      published: [80, 80],
      randomHostPort: false,
      target: "80",
      reserved: 80,
      span: '4:9-4:30 "${HTTP_PORT:-80}:80"',
      parts: { published: "4:10-4:26 ${HTTP_PORT:-80}", target: "4:27-4:29 80" },
    },
  },
  {
    // A variable without a default: the host port is not known, and not random either.
    item: '"${PORT}:80"',
    facts: {
      ...TCP,
      certain: false,
      hostIp: undefined,
      published: undefined,
      randomHostPort: false,
      target: "80",
      reserved: undefined,
      span: '4:9-4:21 "${PORT}:80"',
      parts: { published: "4:10-4:17 ${PORT}", target: "4:18-4:20 80" },
    },
  },
  {
    // A whole entry from a variable may hold an address: nothing is known of it.
    item: '"${PORTS}"',
    facts: {
      ...TCP,
      hostIpKnown: false,
      certain: false,
      hostIp: undefined,
      published: undefined,
      randomHostPort: false,
      target: "",
      reserved: undefined,
      span: '4:9-4:19 "${PORTS}"',
      parts: { target: "4:10-4:18 ${PORTS}" },
    },
  },
  {
    // The default holds the separators: the values are compose's, the written text has no such parts to point at.
    item: '"${PORTS:-8080:80}"',
    facts: {
      ...TCP,
      hostIp: undefined,
      published: [8080, 8080],
      randomHostPort: false,
      target: "80",
      reserved: undefined,
      span: '4:9-4:28 "${PORTS:-8080:80}"',
      parts: {},
    },
  },
  {
    item: '"${SYSTEM_IP}:25:25"',
    facts: {
      ...TCP,
      hostIpKnown: false,
      certain: false,
      hostIp: "",
      published: [25, 25],
      randomHostPort: false,
      target: "25",
      reserved: undefined,
      span: '4:9-4:29 "${SYSTEM_IP}:25:25"',
      parts: { host: "4:10-4:22 ${SYSTEM_IP}", published: "4:23-4:25 25", target: "4:26-4:28 25" },
    },
  },
  {
    // The default holds the protocol's `/`: the written text has no protocol to point at.
    item: '"53:${DNS_PORT:-53/udp}"',
    facts: {
      ...TCP,
      protocol: "udp",
      hostIp: undefined,
      published: [53, 53],
      randomHostPort: false,
      target: "53",
      reserved: undefined,
      span: '4:9-4:33 "53:${DNS_PORT:-53/udp}"',
      parts: {},
    },
  },
  {
    // go-connections cuts the protocol at the first `/` only: compose refuses it (`invalid proto: tcp/udp`).
    item: '"8080:80/tcp/udp"',
    facts: {
      ...TCP,
      protocol: "tcp/udp",
      hostIp: undefined,
      published: [8080, 8080],
      randomHostPort: false,
      target: "80",
      reserved: undefined,
      span: '4:9-4:26 "8080:80/tcp/udp"',
      parts: { published: "4:10-4:14 8080", target: "4:15-4:17 80", protocol: "4:18-4:25 tcp/udp" },
    },
  },
  {
    // No port before the first `/` (compose: `no port specified`).
    item: '"/tcp/udp"',
    facts: {
      ...TCP,
      protocol: "tcp/udp",
      hostIp: undefined,
      published: undefined,
      randomHostPort: true,
      target: "",
      reserved: undefined,
      span: '4:9-4:19 "/tcp/udp"',
      parts: { target: "4:10-4:10 ", protocol: "4:11-4:18 tcp/udp" },
    },
  },
  {
    // go-connections' ParsePortRange takes no white space: compose refuses the host port, none is known.
    item: '" 8000:8000"',
    facts: {
      ...TCP,
      hostIp: undefined,
      published: undefined,
      randomHostPort: false,
      target: "8000",
      reserved: undefined,
      span: '4:9-4:21 " 8000:8000"',
      parts: { published: "4:10-4:15  8000", target: "4:16-4:20 8000" },
    },
  },
  {
    // An escape: the values are known, the offsets of the written text are not.
    item: '"\\x38000:8000"',
    facts: {
      ...TCP,
      hostIp: undefined,
      published: [8000, 8000],
      randomHostPort: false,
      target: "8000",
      reserved: undefined,
      span: '4:9-4:23 "\\x38000:8000"',
      parts: {},
    },
  },
];

describe("ports facts: the short syntax", () => {
  for (const { item, facts } of SHORT) {
    it(item, () => {
      expect(portsOf(short(item))).toEqual([facts]);
    });
  }
});

describe("ports facts: the long syntax", () => {
  it("{target, published, host_ip, protocol, mode}", () => {
    const code = "services:\n  web:\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n        protocol: tcp\n        mode: host\n";
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        hostIp: "127.0.0.1",
        published: [8080, 8080],
        randomHostPort: false,
        target: "80",
        reserved: undefined,
        span: "5:20-5:24 8080",
        parts: { host: "6:18-6:27 127.0.0.1", published: "5:20-5:24 8080", target: "4:17-4:19 80", protocol: "7:19-7:22 tcp" },
      },
    ]);
  });

  it('published: "79-81" publishes 80', () => {
    const code = 'services:\n  web:\n    ports:\n      - target: 80\n        published: "79-81"\n';
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        hostIp: undefined,
        published: [79, 81],
        randomHostPort: false,
        target: "80",
        reserved: 80,
        span: '5:20-5:27 "79-81"',
        parts: { published: "5:21-5:26 79-81", target: "4:17-4:19 80" },
      },
    ]);
  });

  it("without published: a random host port, reported on the map", () => {
    const code = "services:\n  web:\n    ports:\n      - target: 8000\n        host_ip: 0.0.0.0\n";
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        hostIp: "0.0.0.0",
        published: undefined,
        randomHostPort: true,
        target: "8000",
        reserved: undefined,
        span: "4:9-5:25 target: 8000\n        host_ip: 0.0.0.0",
        parts: { host: "5:18-5:25 0.0.0.0", target: "4:17-4:21 8000" },
      },
    ]);
  });

  it("protocol: udp through `<<`: UDP 443 is not the proxy's port", () => {
    const code = "x-udp: &udp\n  protocol: udp\nservices:\n  web:\n    ports:\n      - <<: *udp\n        target: 443\n        published: 443\n";
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        protocol: "udp",
        hostIp: undefined,
        published: [443, 443],
        randomHostPort: false,
        target: "443",
        reserved: undefined,
        span: "8:20-8:23 443",
        parts: { published: "8:20-8:23 443", target: "7:17-7:20 443", protocol: "2:13-2:16 udp" },
      },
    ]);
  });

  it('published: "" lets compose pick the host port', () => {
    const code = 'services:\n  web:\n    ports:\n      - target: 80\n        published: ""\n';
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        hostIp: undefined,
        published: undefined,
        randomHostPort: true,
        target: "80",
        reserved: undefined,
        span: '5:20-5:22 ""',
        parts: { published: "5:21-5:21 ", target: "4:17-4:19 80" },
      },
    ]);
  });

  it.each([
    ['"8000 "', '5:20-5:27 "8000 "', "5:21-5:26 8000 "],
    ['" "', '5:20-5:23 " "', "5:21-5:22  "],
  ])("published: %s is no port compose reads, nor a random one", (published, span, publishedPart) => {
    const code = `services:\n  web:\n    ports:\n      - target: 8000\n        published: ${published}\n`;
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        hostIp: undefined,
        published: undefined,
        randomHostPort: false,
        target: "8000",
        reserved: undefined,
        span,
        parts: { published: publishedPart, target: "4:17-4:21 8000" },
      },
    ]);
  });

  it("without target: no container port", () => {
    const code = "services:\n  web:\n    ports:\n      - {published: 8080}\n";
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        hostIp: undefined,
        published: [8080, 8080],
        randomHostPort: false,
        target: "",
        reserved: undefined,
        span: "4:21-4:25 8080",
        parts: { published: "4:21-4:25 8080" },
      },
    ]);
  });

  it("the whole item through an alias, its values with defaults applied", () => {
    const code = 'x-web: &web\n  target: ${APP_PORT:-3000}\n  published: "${HTTP_PORT:-443}"\n  protocol: TCP\nservices:\n  web:\n    ports:\n      - *web\n';
    expect(portsOf(code)).toEqual([
      {
        ...TCP,
        hostIp: undefined,
        published: [443, 443],
        randomHostPort: false,
        target: "3000",
        reserved: 443,
        span: '3:14-3:33 "${HTTP_PORT:-443}"',
        parts: { published: "3:15-3:32 ${HTTP_PORT:-443}", target: "2:11-2:28 ${APP_PORT:-3000}", protocol: "4:13-4:16 TCP" },
      },
    ]);
  });
});

describe("ports facts: the first container port", () => {
  const rows: { item: string; port: number | undefined }[] = [
    { item: '"8000-8001:8000-8001"', port: 8000 },
    { item: '"5432:5432"', port: 5432 },
    // Ports compose cannot read (`invalid containerPort`), and a variable's whole entry.
    { item: '"5432:5432a"', port: undefined },
    { item: '"5432:a5432"', port: undefined },
    { item: '"${PORTS}"', port: undefined },
  ];
  for (const { item, port } of rows) {
    it(item, () => {
      const [binding] = servicePorts(parseCompose(short(item)).services[0]);
      expect(firstTargetPort(binding)).toBe(port);
    });
  }
});

describe("ports facts: where a binding is open", () => {
  const rows: { item: string; hostIp: string | undefined; open: "public" | "loopback" | "elsewhere" }[] = [
    { item: '"8000:8000"', hostIp: undefined, open: "public" },
    // An empty address is no address (go-connections' splitParts): every interface.
    { item: '":8000:8000"', hostIp: "", open: "public" },
    { item: '"0.0.0.0:8000:8000"', hostIp: "0.0.0.0", open: "public" },
    { item: '"[::]:8000:8000"', hostIp: "::", open: "public" },
    { item: '"127.0.0.2:8000:8000"', hostIp: "127.0.0.2", open: "loopback" },
    { item: '"10.127.0.1:8000:8000"', hostIp: "10.127.0.1", open: "elsewhere" },
    { item: '"172.17.0.1:8000:8000"', hostIp: "172.17.0.1", open: "elsewhere" },
    // Brackets are an address's only around all of it; compose refuses these.
    { item: '"x[::1]:8000:8000"', hostIp: "x[::1]", open: "elsewhere" },
    { item: '"[::1]x:8000:8000"', hostIp: "[::1]x", open: "elsewhere" },
  ];
  for (const { item, hostIp, open } of rows) {
    it(item, () => {
      const [binding] = servicePorts(parseCompose(short(item)).services[0]);
      expect(binding.hostIp).toBe(hostIp);
      expect(isPublicAddress(binding.hostIp) ? "public" : isLoopbackAddress(binding.hostIp) ? "loopback" : "elsewhere").toBe(open);
    });
  }
});

describe("ports facts: the binding at an offset", () => {
  const code = 'services:\n  web:\n    ports:\n      - "8000:8000" # app\n      - 9000\n';
  const service = parseCompose(code).services[0];
  const first = code.indexOf('"8000');
  const rows: { at: string; offset: number; target: string | undefined }[] = [
    { at: "the dash", offset: first - 2, target: undefined },
    { at: "the opening quote", offset: first, target: "8000" },
    { at: "the closing quote", offset: first + 10, target: "8000" },
    { at: "the space after it", offset: first + 11, target: undefined },
    { at: "the second item", offset: code.indexOf("9000"), target: "9000" },
  ];
  for (const { at, offset, target } of rows) {
    it(at, () => {
      expect(portBindingAt(service, offset)?.target).toBe(target);
    });
  }
});

/** The text once every binding of the file is bound to Elestio's bridge, one binding at a time; undefined where no edit is safe. */
function bound(code: string): (string | undefined)[] {
  const model = parseCompose(code);
  return model.services.flatMap((service) =>
    servicePorts(service).map((binding) => {
      const edit = bindToAddressEdit(model, binding);
      return edit && code.slice(0, edit.start) + edit.newText + code.slice(edit.end);
    }),
  );
}

describe("ports facts: binding to 172.17.0.1", () => {
  const rows: { name: string; code: string; output: string | undefined }[] = [
    { name: "the default of `-`, the variable kept", code: short('"${BIND-127.0.0.1}:8000:8000"'), output: short('"${BIND-172.17.0.1}:8000:8000"') },
    { name: "an address ending in a variable: no edit", code: short('"127.0.0.${LAST:-1}:8000:8000"'), output: undefined },
    { name: "an address starting with a variable: no edit", code: short('"${SUBNET:-127.0.0}.1:8000:8000"'), output: undefined },
    { name: "an error message is no default: no edit", code: short('"${BIND:?set BIND}:8000:8000"'), output: undefined },
    { name: "a default from another variable: no edit", code: short('"${BIND:-${LAN_IP:-127.0.0.1}}:8000:8000"'), output: undefined },
    { name: "an empty long form: no edit", code: "services:\n  web:\n    ports:\n      - {}\n", output: undefined },
    {
      name: "long form with published third: host_ip on the line before it",
      code: "services:\n  web:\n    ports:\n      - target: 8000\n        protocol: tcp\n        published: 8000\n",
      output: "services:\n  web:\n    ports:\n      - target: 8000\n        protocol: tcp\n        host_ip: 172.17.0.1\n        published: 8000\n",
    },
    {
      name: "long form with published as an explicit key: no edit",
      code: "services:\n  web:\n    ports:\n      - target: 8000\n        ? published\n        : 8000\n",
      output: undefined,
    },
    {
      name: "long form on the last line, without a line break at the end of the file",
      code: "services:\n  web:\n    ports:\n      - target: 8000",
      output: "services:\n  web:\n    ports:\n      - target: 8000\n        host_ip: 172.17.0.1\n",
    },
    {
      name: "long form with published first, without a line break at the end of the file",
      code: "services:\n  web:\n    ports:\n      - published: 8000\n        target: 8000",
      output: "services:\n  web:\n    ports:\n      - published: 8000\n        host_ip: 172.17.0.1\n        target: 8000",
    },
  ];
  for (const { name, code, output } of rows) {
    it(name, () => {
      expect(bound(code)).toEqual([output]);
    });
  }
});
