import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONVERTED_KEYS, convertsTo } from "../../server/src/engine/compose/conversions.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { COMPOSE_ADDITIONS, composeSchema, propertySchema, schemaAt, schemaFileHas, SCHEMA_SOURCE, SUPPORTED_KEYWORDS } from "../../server/src/engine/compose/schema.js";
import { pathText, schemaProblems } from "../../server/src/engine/compose/validate.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const VENDORED = join(ROOT, "server/src/engine/compose/schema/compose-spec.json");
const require = createRequire(import.meta.url);

// First in this file, and this file first in test/mutation/engine-tests.ts: the schema is compiled once, by the
// first test that asks for it, so under Stryker's per-test coverage that test alone covers compile() and the
// additions. It must therefore tell each keyword and each addition apart on its own.
describe("the compiled schema, as the first walk of a file sees it", () => {
  it("reads each keyword the walk checks (type, items, oneOf, enum, required, uniqueItems) and compose's two additions", () => {
    const text = `services:
  web:
    image: nginx
    # pre_start: an addition, post_start's hook whose item may also name an image (a string).
    pre_start:
      - command: ["./migrate"]
        image: migrator
      - command: ["./seed"]
        image: 3
    develop:
      watch:
        # initial_sync: an addition, a boolean or a string.
        - path: ./src
          action: sync
          target: /app
          initial_sync: true
        - path: ./web
          action: sync
          target: /web
          initial_sync: "yes"
        - path: ./lib
          action: sync
          target: /lib
          initial_sync: 3
        # action: an enum; path: required.
        - path: ./docs
          action: copy
        - action: rebuild
    # ports: unique items; command: a list that may repeat.
    ports:
      - "80:80"
      - "80:80"
    command: [echo, echo]
    # tmpfs: one of a string or a list of strings (oneOf, items); cpus: a number or a string (types).
    tmpfs: [1]
    cpus: [1]
`;
    const found = schemaProblems(parseCompose(text)).map((p) => `${p.kind} ${pathText(p.path)} ${text.slice(p.span.start, p.span.end)}`);
    expect(found).toEqual([
      "type services.web.pre_start.1.image 3",
      "type services.web.develop.watch.2.initial_sync 3",
      "enum services.web.develop.watch.3.action copy",
      "required services.web.develop.watch.4 action: rebuild",
      'duplicate services.web.ports.1 "80:80"',
      "type services.web.tmpfs.0 1",
      "type services.web.cpus [1]",
    ]);
  });
});

describe("the Compose Specification's schema", () => {
  it("is dclint 3.1.0's copy, byte for byte, and the installed dclint is that version", () => {
    const vendored = readFileSync(VENDORED);
    expect(createHash("sha256").update(vendored).digest("hex")).toBe(SCHEMA_SOURCE.sha256);
    expect(SCHEMA_SOURCE).toMatchObject({ package: "dclint", version: "3.1.0" });
    // dclint's package.json exports no subpath but its own manifest: the schema is found beside it.
    const manifest = require.resolve(`${SCHEMA_SOURCE.package}/package.json`);
    expect(JSON.parse(readFileSync(manifest, "utf8")).version).toBe(SCHEMA_SOURCE.version);
    expect(readFileSync(join(dirname(manifest), SCHEMA_SOURCE.path)).equals(vendored)).toBe(true);
    expect(JSON.parse(vendored.toString("utf8"))).toMatchObject({ $schema: "https://json-schema.org/draft-07/schema", $id: "compose_spec.json" });
  });

  it("uses only keywords the validator understands, and additionalProperties only as a boolean (an update that adds one fails here)", () => {
    const used = new Set<string>();
    const additionalProperties = new Set<string>();
    const walk = (node: unknown, isNameMap: boolean) => {
      if (Array.isArray(node)) return node.forEach((item) => walk(item, false));
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node)) {
        if (isNameMap) {
          walk(value, false);
          continue;
        }
        used.add(key);
        if (key === "additionalProperties") additionalProperties.add(typeof value);
        walk(value, key === "properties" || key === "patternProperties" || key === "definitions");
      }
    };
    walk(JSON.parse(readFileSync(VENDORED, "utf8")), false);
    expect([...used].filter((keyword) => !SUPPORTED_KEYWORDS.has(keyword))).toEqual([]);
    // compile() keeps only a boolean: a schema there would go unchecked.
    expect([...additionalProperties]).toEqual(["boolean"]);
  });

  it("reads only the file's own pointers, and a pointer to a value that is no schema names nothing", () => {
    expect(schemaFileHas("#/definitions/service")).toBe(true);
    for (const pointer of ["./definitions/service", "definitions/service", "#definitions/service"]) {
      expect(schemaFileHas(pointer), pointer).toBe(false);
      expect(() => schemaAt(pointer)).toThrow(`compose schema: unsupported pointer ${pointer}`);
    }
    for (const pointer of ["#/definitions/nothing", "#/properties/version/type", "#/properties/version/deprecated"]) {
      expect(schemaFileHas(pointer), pointer).toBe(false);
      expect(() => schemaAt(pointer)).toThrow(`compose schema: ${pointer} names nothing`);
    }
  });

  it("gets compose's additions from outside the file, each one still missing from it", () => {
    for (const addition of COMPOSE_ADDITIONS) {
      expect(schemaFileHas(addition.pointer), addition.pointer).toBe(true);
      expect(schemaFileHas(`${addition.pointer}/${addition.key}`), `${addition.key}: the schema has it now, drop the addition`).toBe(false);
    }
    expect(propertySchema(schemaAt("#/definitions/service"), "pre_start")?.items?.properties?.has("image")).toBe(true);
  });

  it("names in CONVERTED_KEYS only string-accepting nodes of the schema, each once", () => {
    const pointers = CONVERTED_KEYS.map(([pointer]) => pointer);
    expect(new Set(pointers).size).toBe(pointers.length);
    for (const [pointer, id] of CONVERTED_KEYS) {
      const node = schemaAt(pointer);
      expect(node.types, pointer).toContain("string");
      expect(convertsTo(node)?.id, pointer).toBe(id);
    }
  });

  it("has the top level's keys, service keys and x- extensions where the specification allows them", () => {
    expect([...composeSchema().properties!.keys()]).toEqual(["version", "name", "include", "services", "models", "networks", "volumes", "secrets", "configs"]);
    const service = schemaAt("#/definitions/service");
    expect(service.properties!.has("use_api_socket")).toBe(true);
    expect(propertySchema(service, "x-anything")).toBeDefined();
    expect(propertySchema(service, "enviroment")).toBeUndefined();
  });
});

describe("schemaProblems", () => {
  const problems = (text: string) =>
    schemaProblems(parseCompose(text)).map((p) => `${p.kind} ${pathText(p.path)} ${text.slice(p.span.start, p.span.end)}`);

  it("walks every document, and reports a map merged into several services once, where it is written", () => {
    const text = "x-base: &base\n  retries: lots\n  test: [CMD, 'true']\nservices:\n  a:\n    image: x\n    healthcheck: *base\n  b:\n    image: x\n    healthcheck: {<<: *base}\n---\nservices:\n  c:\n    image: x\n    restart: nope\n";
    expect(problems(text)).toEqual(["conversion services.a.healthcheck.retries lots", "conversion services.c.restart nope"]);
  });

  it("does not judge what a syntax error cut short, nor what a variable alone decides", () => {
    expect(problems("services:\n  web:\n    image: x\n  db: [\n")).toEqual([]);
    expect(problems("services:\n  web:\n    image: x\n    restart: ${RESTART}\n    cpus: ${CPUS:-${MORE}}\n    ports: ${PORTS_LIST}\n")).toEqual([
      // A string stays a string: no variable makes a list of it.
      "type services.web.ports ${PORTS_LIST}",
    ]);
  });

  it("skips !reset values and checks !override ones", () => {
    expect(problems("services:\n  web:\n    image: x\n    ports: !reset 8080\n    environment: !override A=b\n")).toEqual(["type services.web.environment A=b"]);
  });

  it("reads free keys as compose's Go regexp does: `.+` wants a character but a line feed, `^.+$` no line feed at all; a key no pattern matches is left alone where others are allowed", () => {
    const text = [
      "services:",
      "  web:",
      "    image: x",
      "    environment:",
      '      "\\n": a',
      '      "\\n\\n": b',
      '      "a\\nb": c',
      "    logging:",
      "      options:",
      '        "": [a]',
      '        "a\\nb": [b]',
      "networks:",
      "  back:",
      "    ipam:",
      "      options:",
      '        "a\\nb": a',
      '        "a\\rb": b',
      "      config:",
      "        - aux_addresses:",
      '            "a\\n": 10.0.0.2',
      "",
    ].join("\n");
    expect(problems(text)).toEqual([
      'unknown-key services.web.environment "\\n"',
      'unknown-key services.web.environment "\\n\\n"',
      'unknown-key networks.back.ipam.options "a\\nb"',
      'unknown-key networks.back.ipam.config.0.aux_addresses "a\\n"',
    ]);
  });

  it("leaves x- extensions unchecked, and checks a service whose name merely starts with x-", () => {
    expect(problems("x-junk: {restart: nope}\nservices:\n  web:\n    image: x\n    x-meta: {retries: five}\n")).toEqual([]);
    expect(problems("services:\n  x-web:\n    image: x\n    restart: nope\n")).toEqual(["conversion services.x-web.restart nope"]);
  });
});
