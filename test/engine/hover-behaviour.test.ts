import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hover, HOVER_PROVIDERS } from "../../server/src/engine/hover/index.js";
import { djangoText } from "../../server/src/engine/hover/django.js";
import { findingsHover } from "../../server/src/engine/hover/findings.js";
import { onNode, type HoverProvider } from "../../server/src/engine/hover/provider.js";
import type { Finding } from "../../server/src/engine/lint.js";

/** The hover at the first `needle` of `text` (plus `shift`): the text it covers and its markdown. */
function hoverOn(text: string, needle: string, options: { isPipeline?: boolean; shift?: number; findings?: Finding[]; providers?: HoverProvider[] } = {}): [string, string] | undefined {
  const model = parseCompose(text);
  const index = text.indexOf(needle);
  expect(index).toBeGreaterThanOrEqual(0);
  const result = hover(model, options.findings ?? [], index + (options.shift ?? 0), "en", { isPipeline: options.isPipeline ?? true, providers: options.providers });
  return result && [text.slice(result.start, result.end), result.markdown];
}

const service = (lines: string) => `services:\n  web:\n    image: app:1\n${lines}`;

describe("hover providers", () => {
  // The ids name a provider in onError's reports.
  it("have their ids", () => {
    expect(HOVER_PROVIDERS.map((p) => p.id)).toEqual([
      "variable",
      "env_file",
      "container_name",
      "ports",
      "depends_on",
      "healthcheck",
      "restart",
      "networks",
      "proxies:image",
      "django",
      "proxies:service",
      "networks:top-level",
    ]);
  });
});

describe("ports hover", () => {
  it.each([
    ["a range in the pipeline file", service('    ports:\n      - "8000-8001:8000-8001"\n'), "8000-8001:", true, `**Publishes host port 8000-8001** → container port 8000-8001, on every interface. Elestio's proxy reaches it at \`172.17.0.1:8000-8001\`, but it is **public** too: open on the VM's public IP, bypassing the proxy and TLS (how \`Invalid HTTP_HOST header: '<ip>:8000-8001'\` happens). To keep it private: \`"172.17.0.1:8000-8001:8000-8001"\`.`],
    ["one port locally", service('    ports:\n      - "8080:80"\n'), "8080:80", false, "**Publishes host port 8080** → container port 80, on every interface. Reachable from other machines on the network."],
    ["a loopback port locally", service('    ports:\n      - "127.0.0.1:8080:80"\n'), "127.0.0.1", false, "**Publishes host port 8080** → container port 80, on `127.0.0.1` only. Reachable from this machine only."],
    // Another address of the machine: neither every interface nor this machine only.
    ["an address of the LAN locally", service('    ports:\n      - "192.168.1.5:8080:80"\n'), "192.168", false, "**Publishes host port 8080** → container port 80, on `192.168.1.5` only."],
    ["an address a variable decides, locally", service('    ports:\n      - "${HOST_IP}:8080:80"\n'), "8080", false, "**Publishes host port 8080** → container port 80, on every interface. The address comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**; unset, the port is open on every interface. Reachable from other machines on the network."],
    ["a random host port locally", service('    ports:\n      - "80"\n'), '"80', false, "**Publishes container port 80** on a host port Docker picks at random."],
    ["a random host port in the pipeline", service('    ports:\n      - "80"\n'), '"80', true, "**Publishes container port 80** on a host port Docker picks at random.\n\nThe proxy needs a fixed host port: write `\"172.17.0.1:<host>:<container>\"`."],
  ])("%s", (_, text, needle, isPipeline, markdown) => {
    const [covered, shown] = hoverOn(text, needle, { isPipeline })!;
    expect(covered).toBe(text.slice(text.indexOf('"', text.indexOf("- ")), text.lastIndexOf('"') + 1));
    expect(shown).toBe(markdown);
  });

  it("a host port a variable decides", () => {
    const text = service('    ports:\n      - "${PORT}:80"\n');
    expect(hoverOn(text, ":80", { isPipeline: false })).toEqual([
      '"${PORT}:80"',
      "The host port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**.",
    ]);
  });
});

describe("django hover", () => {
  it.each([
    ["MY_ALLOWED_HOSTS", undefined], // not Django's setting: the name does not start with it
    ["MY_CSRF_TRUSTED_ORIGINS", undefined],
    ["SECRET_KEY", undefined], // no DJANGO_ prefix
    ["DJANGO_SECRET_KEY_FILE", "general"],
    ["DJANGO_SETTINGS_MODULE", "general"],
    ["DJANGO_DEBUG_TOOLBAR", "general"],
    ["DJANGO_SECRET_KEY", "secret"],
    ["DJANGO_DEBUG", "debug"],
    ["DJANGO_ALLOWED_HOSTS", "hosts"],
    ["CSRF_TRUSTED_ORIGINS", "csrf"],
  ])("%s", (name, kind) => {
    const text = djangoText(name)?.en;
    const expected = {
      general: `**\`${name}\`** (Django behind Elestio's proxy):`,
      secret: `**\`${name}\`** (Django)`,
      debug: `**\`${name}\`** (Django): keep it \`False\` in production.`,
      hosts: `**\`${name}\`** (Django): the hosts Django answers for.`,
      csrf: `**\`${name}\`** (Django)`,
    };
    if (kind === undefined) expect(text).toBeUndefined();
    else expect(text?.startsWith(expected[kind as keyof typeof expected])).toBe(true);
    if (kind === "secret" || kind === "csrf") expect(text).not.toBe(djangoText("DJANGO_X")?.en);
  });

  const debug = "**`DJANGO_DEBUG`** (Django): keep it `False` in production. With `True`, Django shows its settings and stack traces to visitors.";
  it.each([
    ["a list item, on the name's first letter", '      - "DJANGO_DEBUG=1"\n', "DJANGO_DEBUG", 0, ["DJANGO_DEBUG", debug]],
    ["a list item, on its quote", '      - "DJANGO_DEBUG=1"\n', '"DJANGO_DEBUG', 0, undefined],
    ["a list item, on its value", '      - "DJANGO_DEBUG=1"\n', "=1", 1, undefined],
    // The map form's key: the whole key, quotes included.
    ["a quoted key, on its quote", '      "DJANGO_DEBUG": 1\n', '"DJANGO_DEBUG', 0, ['"DJANGO_DEBUG"', debug]],
    ["a map value", '      DJANGO_DEBUG: "1"\n', '"1"', 0, undefined],
  ])("%s", (_, lines, needle, shift, expected) => {
    expect(hoverOn(service(`    environment:\n${lines}`), needle, { shift })).toEqual(expected);
  });
});

describe("env_file hover", () => {
  const intro =
    "**`env_file`**: files whose variables are set in the container.\n\nThe Elestio pipeline writes one env file only: `.env`, in the app folder (`/opt/app/<pipeline>/`), from **Dashboard → Environment variables**. Another env file is there only if it is committed to Git: `.env.production` usually is not (Git ignores it), and a required env file that is missing stops the deploy with `env file /opt/app/<pipeline>/.env.production not found`.";
  it.each([
    ["the key: no item", "    env_file: .env\n", "env_file", ["env_file", intro]],
    ["the path key of an item", "    env_file:\n      - path: ./web.env\n        required: false\n", "path:", ["path", `${intro}\n\n\`./web.env\` is optional (\`required: false\`): compose skips it when it is missing.`]],
  ])("%s", (_, lines, needle, expected) => {
    expect(hoverOn(service(lines), needle)).toEqual(expected);
  });
});

describe("top-level networks hover", () => {
  // A service that merges the top-level networks' map: the declarations are still hovered as declarations.
  const text = "networks: &nets\n  front:\n    external: true\n    name: shared\nservices:\n  web:\n    image: app:1\n    <<: *nets\n";
  const external =
    "**`shared` is external**: compose does not create it, it must already exist on the VM. Create it once over SSH: `docker network create shared`. Until it exists, deploys stop with `network shared declared as external, but could not be found`.";
  it.each(["front", "external", "name"])("on %s", (needle) => {
    expect(hoverOn(text, needle)).toEqual([needle, external]);
  });
});

describe("hover positions and errors", () => {
  const text = service("    restart: always\n");
  const everywhere: HoverProvider = { id: "everywhere", where: () => true, provide: ({ node }) => onNode(node, { en: "here", fr: "ici" }) };
  it.each([
    ["before the text", -1, undefined],
    ["between two characters", 1.5, undefined],
    ["past the end", text.length + 1, undefined],
    ["the first character", 0, "services"],
  ])("at an offset %s", (_, offset, covered) => {
    const result = hover(parseCompose(text), [], offset, "en", { isPipeline: true, providers: [everywhere] });
    expect(result && text.slice(result.start, result.end)).toBe(covered);
  });

  // An empty finding (a missing key at the end of the file) is hovered at its offset, and only there.
  const finding = (start: number, end: number, extra: Partial<Finding> = {}): Finding => ({
    ruleId: "no-container-name",
    messageId: "fixedName",
    severity: "warning",
    message: { en: "m", fr: "m" },
    start,
    end,
    ...extra,
  });
  it.each([
    ["at the empty finding", text.length, true],
    ["before the empty finding", text.length - 1, false],
  ])("an empty finding, %s", (_, offset, shown) => {
    const result = hover(parseCompose(text), [finding(text.length, text.length)], offset, "en", { isPipeline: true, providers: [] });
    expect(result?.markdown.startsWith("**No container_name in the pipeline's compose file** (`no-container-name`)") ?? false).toBe(shown);
  });

  it("a finding whose fault prints no line shows no example of the docs' log", () => {
    const result = hover(parseCompose(text), [finding(0, 8, { log: null })], 2, "en", { isPipeline: true });
    expect(result?.markdown).not.toContain("```");
  });

  it("a finding's detail, in the parser's words", () => {
    const result = hover(parseCompose(text), [finding(0, 8, { log: null, detail: "Nested mappings are not allowed" })], 2, "en", { isPipeline: true });
    expect(result?.markdown).toContain("\n\nIn the parser's words:\n\n```text\nNested mappings are not allowed\n```\n\n");
  });

  it("onError: once for findings that fail, the others shown", () => {
    const errors: string[] = [];
    const broken = (start: number) => finding(start, 8, { fix: {} as Finding["fix"] });
    const result = hover(parseCompose(text), [broken(0), broken(1), finding(2, 8)], 3, "en", { isPipeline: true, onError: (part) => errors.push(part) });
    expect(errors).toEqual(["findings"]);
    expect(result && text.slice(result.start, result.end)).toBe("rvices");
  });

  it("findingsHover: one error for the sections that fail, the others shown", () => {
    const errors: unknown[] = [];
    const broken = (start: number) => finding(start, 8, { fix: {} as Finding["fix"] });
    const result = findingsHover([broken(0), broken(1), broken(2), finding(3, 8)], "en", (error) => errors.push(error));
    expect(errors).toHaveLength(1);
    expect(result && [result.start, result.end]).toEqual([3, 8]);
  });

  it("onError: once per part, even when two providers of one id throw", () => {
    const errors: string[] = [];
    const throwing: HoverProvider = { id: "broken", where: () => true, provide: () => { throw new Error("provider failed"); } };
    expect(hover(parseCompose(text), [], 2, "en", { isPipeline: true, providers: [throwing, throwing], onError: (part) => errors.push(part) })).toBeUndefined();
    expect(errors).toEqual(["broken"]);
  });

  it("onError: a model whose node at the position cannot be read is the position's; no provider runs", () => {
    const errors: string[] = [];
    const model = parseCompose(text);
    // A model broken below its text, as a parser bug would leave it: reading its documents throws.
    const broken = new Proxy(model, { get: (target, key) => (key === "documents" ? (() => { throw new Error("broken model"); })() : Reflect.get(target, key)) });
    expect(hover(broken, [], 2, "en", { isPipeline: true, onError: (part) => errors.push(part) })).toBeUndefined();
    expect(errors).toEqual(["position"]);
  });

  it("onError: a failure outside the parts is the hover's", () => {
    const errors: string[] = [];
    expect(hover(parseCompose(text), [null as unknown as Finding], 2, "en", { isPipeline: true, onError: (part) => errors.push(part) })).toBeUndefined();
    expect(errors).toEqual(["hover"]);
  });
});

describe("path patterns", () => {
  const text = service("    build: .\n    restart: always\n");
  const at = (path: string, on?: "key" | "value"): HoverProvider => ({ id: path, where: [{ path, on }], provide: ({ node }) => onNode(node, { en: path, fr: path }) });
  it.each([
    ["**/image", "build", undefined],
    ["**/image", "app:1", "**/image"],
    ["services/*/image/tag", "app:1", undefined], // longer than the path
    ["services/#/image", "app:1", undefined], // `#` is an index, not a key
    ["services/*/image", "app:1", "services/*/image"],
    ["services/*/image", "image", "services/*/image"],
  ])("%s at %s", (path, needle, shown) => {
    expect(hoverOn(text, needle, { providers: [at(path)] })?.[1]).toBe(shown);
  });

  it.each([
    ["key", "image", "services/*/image"],
    ["key", "app:1", undefined],
    ["value", "app:1", "services/*/image"],
    ["value", "image", undefined],
  ] as const)("on: %s, at %s", (on, needle, shown) => {
    expect(hoverOn(text, needle, { providers: [at("services/*/image", on)] })?.[1]).toBe(shown);
  });
});

describe("depends_on hover", () => {
  it("a healthy condition on a service whose Dockerfile has a HEALTHCHECK", () => {
    const text =
      "services:\n  web:\n    image: app:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    build:\n      dockerfile_inline: |\n        FROM redis\n        HEALTHCHECK CMD redis-cli ping\n";
    const [covered, markdown] = hoverOn(text, "db:")!;
    expect(covered).toBe("db");
    expect(markdown.endsWith(" `db` has a healthcheck in its Dockerfile (`HEALTHCHECK`).")).toBe(true);
  });
});

describe("service networks hover", () => {
  it.each([
    // A map key the schema refuses (compose-spec's pattern): not a network the file could declare, and not `default`.
    ["a key with a space", '    networks:\n      "front net": {}\n', '"front net"', undefined],
    // A null item names no network: the next item's text is not its.
    ["a null item", "    networks:\n      - ~\n      - default\n", "~", undefined],
    ["default", "    networks:\n      - ~\n      - default\n", "default", "default"],
  ])("%s", (_, lines, needle, covered) => {
    expect(hoverOn(service(lines), needle)?.[0]).toBe(covered);
  });
});

describe("variables compose always sets", () => {
  it.each([
    ["PWD", "en", "**`PWD`**: a compose variable.\n\nThe shell that runs compose always sets it."],
    ["PWD", "fr", "**`PWD`** : une variable de compose.\n\nLe shell qui lance compose la définit toujours."],
    ["COMPOSE_PROJECT_NAME", "en", "**`COMPOSE_PROJECT_NAME`**: a compose variable.\n\nCompose sets it to the project's name (on Elestio, the pipeline's folder, `<pipeline>`)."],
    ["COMPOSE_PROJECT_NAME", "fr", "**`COMPOSE_PROJECT_NAME`** : une variable de compose.\n\nCompose lui donne le nom du projet (sur Elestio, le dossier du pipeline, `<pipeline>`)."],
  ] as const)("%s in %s", (name, language, markdown) => {
    const text = service(`    working_dir: \${${name}}\n`);
    const result = hover(parseCompose(text), [], text.indexOf(name), language, { isPipeline: true });
    expect(result?.markdown).toBe(markdown);
    expect(result && text.slice(result.start, result.end)).toBe(`\${${name}}`);
  });
});

describe("a second services: key of the document", () => {
  // The model reads the first one; the hover's providers see the nodes of the other as outside services, and say nothing, without failing.
  it("env_file under the second services: no hover, no error", () => {
    const text = "services:\n  api:\n    image: app:1\nservices:\n  web:\n    image: app:1\n    env_file: .env\n";
    const errors: string[] = [];
    expect(hover(parseCompose(text), [], text.indexOf(".env"), "en", { isPipeline: true, onError: (part) => errors.push(part) })).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
