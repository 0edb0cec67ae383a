/**
 * compose/references.ts: `volumes_from`, `links`, `extends` and `profiles`,
 * split as compose-go splits them, interpolation defaults applied, with
 * exact spans (`line:column-endLine:endColumn text`, 1-based); and every
 * name of a service that the file writes (serviceReferences).
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { serviceExtends, serviceLinks, serviceProfiles, serviceReferenceAt, serviceReferences, serviceVolumesFrom } from "../../server/src/engine/compose/references.js";
import { spanText } from "../helpers/spans.js";

function volumesFrom(code: string) {
  const model = parseCompose(code);
  return serviceVolumesFrom(model, model.services[0]).map((v) => ({
    kind: v.kind,
    target: v.target,
    mode: v.mode,
    certain: v.certain,
    span: spanText(model, v.span),
    targetSpan: spanText(model, v.targetSpan),
    modeSpan: spanText(model, v.modeSpan),
  }));
}

function links(code: string) {
  const model = parseCompose(code);
  return serviceLinks(model, model.services[0]).map((l) => ({
    target: l.target,
    alias: l.alias,
    certain: l.certain,
    span: spanText(model, l.span),
    targetSpan: spanText(model, l.targetSpan),
    aliasSpan: spanText(model, l.aliasSpan),
  }));
}

/** A service `app` with one key, and the list's items from line 4, column 9. */
const list = (key: string, ...items: string[]) => `services:\n  app:\n    ${key}:\n${items.map((item) => `      - ${item}\n`).join("")}`;

describe("serviceVolumesFrom", () => {
  it.each([
    {
      name: "a service, read-only, a container, a container read-write",
      code: list("volumes_from", "data", "data:ro", '"container:backup"', "container:cache:rw"),
      expected: [
        { kind: "service", target: "data", certain: true, span: "4:9-4:13 data", targetSpan: "4:9-4:13 data" },
        { kind: "service", target: "data", mode: "ro", certain: true, span: "5:9-5:16 data:ro", targetSpan: "5:9-5:13 data", modeSpan: "5:14-5:16 ro" },
        { kind: "container", target: "backup", certain: true, span: '6:9-6:27 "container:backup"', targetSpan: "6:20-6:26 backup" },
        { kind: "container", target: "cache", mode: "rw", certain: true, span: "7:9-7:27 container:cache:rw", targetSpan: "7:19-7:24 cache", modeSpan: "7:25-7:27 rw" },
      ],
    },
    {
      name: "a default applied; a variable without one",
      code: list("volumes_from", "${SOURCE:-data}:ro", "${OTHER}"),
      expected: [
        { kind: "service", target: "data", mode: "ro", certain: true, span: "4:9-4:27 ${SOURCE:-data}:ro", targetSpan: "4:9-4:24 ${SOURCE:-data}", modeSpan: "4:25-4:27 ro" },
        { kind: "service", target: "", certain: false, span: "5:9-5:17 ${OTHER}", targetSpan: "5:9-5:17 ${OTHER}" },
      ],
    },
  ])("$name", ({ code, expected }) => {
    expect(volumesFrom(code)).toEqual(expected);
  });
});

describe("serviceLinks", () => {
  it.each([
    {
      name: "a service, a service with an alias; three parts: compose-go takes the whole link as the service",
      code: list("links", "db", '"db:database"', "a:b:c"),
      expected: [
        { target: "db", certain: true, span: "4:9-4:11 db", targetSpan: "4:9-4:11 db" },
        { target: "db", alias: "database", certain: true, span: '5:9-5:22 "db:database"', targetSpan: "5:10-5:12 db", aliasSpan: "5:13-5:21 database" },
        { target: "a:b:c", certain: true, span: "6:9-6:14 a:b:c" },
      ],
    },
    {
      name: "flow style, aliased, a default applied",
      code: "x-db: &db db:primary\nservices:\n  app:\n    links: [*db, '${CACHE:-redis}']\n",
      expected: [
        { target: "db", alias: "primary", certain: true, span: "1:11-1:21 db:primary", targetSpan: "1:11-1:13 db", aliasSpan: "1:14-1:21 primary" },
        { target: "redis", certain: true, span: "4:18-4:35 '${CACHE:-redis}'", targetSpan: "4:19-4:34 ${CACHE:-redis}" },
      ],
    },
  ])("$name", ({ code, expected }) => {
    expect(links(code)).toEqual(expected);
  });
});

describe("serviceExtends", () => {
  function extended(code: string) {
    const model = parseCompose(code);
    const ref = serviceExtends(model, model.services[0]);
    return ref && { form: ref.form, target: ref.target?.value, certain: ref.target?.certain, targetSpan: spanText(model, ref.target?.span), file: ref.file?.value, fileSpan: spanText(model, ref.file?.span), span: spanText(model, ref.span) };
  }

  it.each([
    {
      name: "a string",
      code: "services:\n  app:\n    extends: base\n",
      expected: { form: "string", target: "base", certain: true, targetSpan: "3:14-3:18 base", span: "3:5-3:18 extends: base" },
    },
    {
      name: "a map with a file, a default applied",
      code: "services:\n  app:\n    extends:\n      service: ${BASE:-web}\n      file: ./common.yml\n",
      expected: { form: "map", target: "web", certain: true, targetSpan: "4:16-4:28 ${BASE:-web}", file: "./common.yml", fileSpan: "5:13-5:25 ./common.yml", span: "3:5-5:25 extends:\n      service: ${BASE:-web}\n      file: ./common.yml" },
    },
    {
      name: "merged with `<<`, flow style",
      code: "x-ext: &ext\n  extends: {service: base}\nservices:\n  app:\n    <<: *ext\n",
      expected: { form: "map", target: "base", certain: true, targetSpan: "2:22-2:26 base", span: "2:3-2:27 extends: {service: base}" },
    },
    { name: "none", code: "services:\n  app:\n    image: x\n", expected: undefined },
  ])("$name", ({ code, expected }) => {
    expect(extended(code)).toEqual(expected);
  });
});

describe("serviceProfiles", () => {
  it.each([
    {
      name: "names, quoted, a default applied, a variable without one",
      code: list("profiles", "debug", '"tools"', "${PROFILE:-dev}", "$P"),
      expected: [
        { name: "debug", certain: true, span: "4:9-4:14 debug" },
        { name: "tools", certain: true, span: '5:9-5:16 "tools"' },
        { name: "dev", certain: true, span: "6:9-6:24 ${PROFILE:-dev}" },
        { name: "", certain: false, span: "7:9-7:11 $P" },
      ],
    },
    { name: "flow style", code: "services:\n  app:\n    profiles: [a, b]\n", expected: [{ name: "a", certain: true, span: "3:16-3:17 a" }, { name: "b", certain: true, span: "3:19-3:20 b" }] },
    { name: "none", code: "services:\n  app:\n    image: x\n", expected: [] },
  ])("$name", ({ code, expected }) => {
    const model = parseCompose(code);
    expect(serviceProfiles(model, model.services[0]).map((p) => ({ name: p.name, certain: p.certain, span: spanText(model, p.span) }))).toEqual(expected);
  });
});

describe("serviceReferences", () => {
  it("lists every name of a service: depends_on, links, volumes_from (not container:), network_mode: service:, extends without file", () => {
    const code =
      "services:\n  web:\n    depends_on: [db]\n    links: [cache:c]\n    volumes_from: [data, 'container:x']\n    network_mode: service:vpn\n    extends: base\n  other:\n    extends: {service: remote, file: other.yml}\n";
    const model = parseCompose(code);
    expect(serviceReferences(model).map((r) => [r.service.name, r.kind, r.target, r.certain, spanText(model, r.span)])).toEqual([
      ["web", "depends_on", "db", true, "3:18-3:20 db"],
      ["web", "links", "cache", true, "4:13-4:18 cache"],
      ["web", "volumes_from", "data", true, "5:20-5:24 data"],
      ["web", "network_mode", "vpn", true, "6:27-6:30 vpn"],
      ["web", "extends", "base", true, "7:14-7:18 base"],
    ]);
    expect(serviceReferences(model)).toBe(serviceReferences(model));
  });

  // network_mode and the namespaces (`ipc: service:x`) alike: the name's part when no variable decides `service:`, else the whole item.
  it.each([
    { name: "written as it is", value: "service:vpn", target: "vpn", certain: true, span: "3:{c+8}-3:{c+11} vpn" },
    { name: "a default names the service", value: '"service:${NAME:-vpn}"', target: "vpn", certain: true, span: "3:{c+9}-3:{c+21} ${NAME:-vpn}" },
    { name: "a variable without a default before `service:`", value: "${X}service:vpn", target: "vpn", certain: false, span: "3:{c}-3:{c+15} ${X}service:vpn" },
    { name: "a default holding the whole value", value: "${MODE:-service:vpn}", target: "vpn", certain: true, span: "3:{c}-3:{c+20} ${MODE:-service:vpn}" },
  ])("$name: $value", ({ value, target, certain, span }) => {
    for (const key of ["network_mode", "ipc", "pid", "uts"]) {
      const model = parseCompose(`services:\n  app:\n    ${key}: ${value}\n  vpn:\n    image: x\n`);
      // The value starts at column c, after `    key: `.
      const c = key.length + 7;
      const expected = span.replace(/\{c(?:\+(\d+))?\}/g, (_, n: string | undefined) => `${c + Number(n ?? 0)}`);
      expect(serviceReferences(model).map((r) => [r.kind, r.target, r.certain, spanText(model, r.span)]), key).toEqual([[key, target, certain, expected]]);
    }
  });
});

describe("serviceReferenceAt", () => {
  // worker's dependency is an alias of web's: both are written at web's `db`.
  const code = "services:\n  web:\n    depends_on: [&db db]\n  worker:\n    depends_on: [*db]\n  db:\n    image: x\n";
  const model = parseCompose(code);
  const [web, worker] = model.services;
  const span = serviceReferences(model)[0].span;

  it("finds the service's own reference written inside the span, not another service's written there", () => {
    expect(spanText(model, span)).toBe("3:22-3:24 db");
    expect([web, worker].map((service) => serviceReferenceAt(model, service, "depends_on", span)?.service.name)).toEqual(["web", "worker"]);
  });

  it("finds none that is only partly inside the span", () => {
    expect(serviceReferenceAt(model, web, "depends_on", { start: span.start, end: span.end - 1 })).toBeUndefined();
    expect(serviceReferenceAt(model, web, "depends_on", { start: span.start + 1, end: span.end })).toBeUndefined();
  });
});
