/**
 * compose/undefinedReferences.ts: the names a service writes that the
 * project does not define, where each is written (inside its quotes, the
 * whole scalar or a part of it, literal or interpolated), and the dependency
 * cycles in the order compose-go's graph/cycle.go walks them; and
 * references.ts's `depends_on` list items, interpolated as compose reads them.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { serviceReferenceAt, serviceReferences } from "../../server/src/engine/compose/references.js";
import { cycleAt, dependencyCycles, undefinedReferenceAt, undefinedReferenceLog, undefinedReferences } from "../../server/src/engine/compose/undefinedReferences.js";
import { spanText } from "../helpers/spans.js";

describe("undefinedReferences", () => {
  it("each name: its kind, section, where it is written, and what a fix may replace", () => {
    const code =
      'services:\n  web:\n    image: app\n    depends_on: ["dbb", "${X:-cache}"]\n    links: ["db:alias"]\n    networks: [back]\n    volumes: ["dta:/data"]\n    secrets: [{source: \'tok\'}]\n  db:\n    image: postgres\nvolumes:\n  data:\n';
    const model = parseCompose(code);
    expect(undefinedReferences(model).map((r) => [r.kind, r.section, r.name, spanText(model, r.span), r.whole, r.literal, r.siblings])).toEqual([
      ["depends_on", "services", "dbb", "4:19-4:22 dbb", true, true, ["cache"]],
      ["depends_on", "services", "cache", "4:26-4:37 ${X:-cache}", true, false, ["dbb"]],
      ["network", "networks", "back", "6:16-6:20 back", true, true, []],
      ["volume", "volumes", "dta", "7:16-7:19 dta", false, true, []],
      ["secret", "secrets", "tok", "8:25-8:28 tok", true, true, []],
    ]);
    const [first] = undefinedReferences(model);
    expect(first.defined).toEqual(["web", "db"]);
    expect(first.scalar?.type).toBe("QUOTE_DOUBLE");
    expect(undefinedReferences(model)).toBe(undefinedReferences(model));
    expect(undefinedReferenceAt(model, { start: code.indexOf('"dta'), end: code.indexOf('"dta') + 11 })?.name).toBe("dta");
    expect(undefinedReferenceAt(model, { start: 0, end: 10 })).toBeUndefined();
  });

  it("the networks `extends` without file may name: its own document's services, and `default` always declared", () => {
    const model = parseCompose("services:\n  base:\n    image: app\n---\nservices:\n  web:\n    extends: base\n    networks: [default]\n");
    expect(undefinedReferences(model).map((r) => [r.kind, r.name, r.defined])).toEqual([["extends", "base", ["web"]]]);
  });
});

describe("undefinedReferences: which names are judged", () => {
  /** A service `web` whose lines follow `services:\n  web:\n`, from line 3. */
  const web = (lines: string) => `services:\n  web:\n${lines}`;
  it.each([
    {
      // compose-spec.json refuses these keys of the map forms first (unknown-key): not judged here.
      name: "map keys the schema refuses, a character before or after the name",
      code: web('    depends_on:\n      "@db": {condition: service_started}\n      "db@": {condition: service_started}\n    networks:\n      "@n": {}\n      "n@": {}\n'),
      expected: [],
    },
    {
      // A list item is not a key: compose looks the name up as written.
      name: "the same names as list items",
      code: web('    depends_on: ["@db"]\n    networks: ["@n"]\n'),
      expected: [
        ["depends_on", "@db", "3:19-3:22 @db", true, true],
        ["network", "@n", "4:17-4:19 @n", true, true],
      ],
    },
    {
      // A variable without a default may hold anything: the name is not known.
      name: "names a variable without a default completes",
      code: web('    depends_on: ["d${X}"]\n    networks: ["n${X}"]\n    volumes: ["d${V}:/data"]\n'),
      expected: [],
    },
    {
      name: "a name its default leaves empty",
      code: web('    depends_on: ["${D:-}"]\n'),
      expected: [],
    },
    {
      // The target's variable does not decide the volume's name.
      name: "a volume whose target only a variable decides",
      code: web('    volumes: ["data:${T}"]\n'),
      expected: [["volume", "data", "3:16-3:20 data", false, true]],
    },
    {
      // The default holds the colon: where the name is written is not known, the whole item is shown.
      name: "a volume whose source and target one default gives",
      code: web('    volumes: ["${SRC:-data:/data}"]\n'),
      expected: [["volume", "data", "3:16-3:34 ${SRC:-data:/data}", true, false]],
    },
    {
      name: "a quoted network: the name inside its quotes is the whole scalar",
      code: web('    networks: ["back"]\n'),
      expected: [["network", "back", "3:17-3:21 back", true, true]],
    },
    {
      // The item's content, inside its quotes, is the name: the whole scalar.
      name: "a quoted link",
      code: web('    links: ["ghost"]\n'),
      expected: [["links", "ghost", "3:14-3:19 ghost", true, true]],
    },
    {
      // A bind path first does not hide the named volume after it.
      name: "a bind path, then a named volume",
      code: web("    volumes:\n      - ./a:/a\n      - data:/data\n"),
      expected: [["volume", "data", "5:9-5:13 data", false, true]],
    },
    {
      // The schema refuses the `depends_on` key (unknown-key); the link, an alias of that key, is compose's to refuse.
      name: "a link and a depends_on key from one anchor",
      code: "services:\n  web:\n    depends_on:\n      &n db@: {condition: service_started}\n    links: [*n]\n",
      expected: [["links", "db@", "4:10-4:13 db@", true, true]],
    },
    {
      name: "an anchored depends_on two services merge: one finding",
      code: "x-d: &d\n  depends_on: [ghost]\nservices:\n  a:\n    <<: *d\n  b:\n    <<: *d\n",
      expected: [["depends_on", "ghost", "2:16-2:21 ghost", true, true]],
    },
  ])("$name", ({ code, expected }) => {
    const model = parseCompose(code);
    expect(undefinedReferences(model).map((r) => [r.kind, r.name, spanText(model, r.span), r.whole, r.literal])).toEqual(expected);
  });

  it("compose's log for `extends`: the file is docker-compose.yml unless given", () => {
    const model = parseCompose("services:\n  web:\n    extends: base\n");
    const [reference] = undefinedReferences(model);
    expect(undefinedReferenceLog(reference)).toBe('cannot extend service "web" in docker-compose.yml: service "base" not found');
    expect(undefinedReferenceLog(reference, "compose.yaml")).toBe('cannot extend service "web" in compose.yaml: service "base" not found');
  });
});

describe("dependencyCycles", () => {
  it("compose's first cycle: from the first service by name, into the cycle where the walk enters it", () => {
    // a → c → b → c: compose walks a, then c, then b, whose dependency c is on the path.
    const model = parseCompose("services:\n  b:\n    depends_on: [c]\n  a:\n    depends_on: [c]\n  c:\n    links: [b]\n");
    expect(dependencyCycles(model).map((c) => [c.log, c.references.map((r) => spanText(model, r.span))])).toEqual([
      ["dependency cycle detected: c -> b -> c", ["3:18-3:19 c", "7:13-7:14 b"]],
    ]);
  });

  it("then the next cycle among the dependencies left, so that each dependency of a cycle is named once", () => {
    const model = parseCompose("services:\n  a:\n    depends_on: [b, c]\n  b:\n    depends_on: [a]\n  c:\n    depends_on: [a, c]\n");
    expect(dependencyCycles(model).map((c) => c.path.join(" -> "))).toEqual(["a -> b -> a", "a -> c -> a", "c -> c"]);
    const model2 = parseCompose("services:\n  a:\n    depends_on: [b]\n  b:\n    image: x\n");
    expect(dependencyCycles(model2)).toEqual([]);
  });

  it("a dependency written in an anchor that two services of a cycle merge: named once", () => {
    const model = parseCompose("x-d: &d\n  depends_on: [hub]\nservices:\n  hub:\n    <<: *d\n  spoke:\n    <<: *d\n");
    const cycles = dependencyCycles(model);
    expect(cycles.map((c) => [c.log, c.references.map((r) => `${r.reference.service.name} ${spanText(model, r.span)}`)])).toEqual([["dependency cycle detected: hub -> hub", ["hub 2:16-2:19 hub"]]]);
    expect(cycleAt(model, { start: model.text.indexOf("hub"), end: model.text.indexOf("hub") + 3 })?.cycle).toBe(cycles[0]);
  });

  it.each([
    {
      // `extends` copies a service's configuration: it is no dependency.
      name: "`extends` makes no edge",
      code: "services:\n  a:\n    extends: b\n  b:\n    depends_on: [a]\n",
      expected: [],
    },
    {
      name: "two dependencies between the same services: both are part of the cycle",
      code: "services:\n  a:\n    depends_on: [b]\n    links: [b]\n  b:\n    depends_on: [a]\n",
      expected: [["dependency cycle detected: a -> b -> a", ["3:18-3:19 b", "4:13-4:14 b", "6:18-6:19 a"]]],
    },
    {
      // compose walks the dependencies in name order, not in file order.
      name: "dependencies written out of order",
      code: "services:\n  c:\n    depends_on: [a]\n  b:\n    depends_on: [a]\n  a:\n    depends_on: [c, b]\n",
      expected: [
        ["dependency cycle detected: a -> b -> a", ["5:18-5:19 a", "7:21-7:22 b"]],
        ["dependency cycle detected: a -> c -> a", ["3:18-3:19 a", "7:18-7:19 c"]],
      ],
    },
    {
      // A service may be named `undefined`: its edges are edges like any other.
      name: "a service named undefined",
      code: "services:\n  a:\n    depends_on: [a, undefined]\n  undefined:\n    depends_on: [a]\n",
      expected: [
        ["dependency cycle detected: a -> a", ["3:18-3:19 a"]],
        ["dependency cycle detected: a -> undefined -> a", ["3:21-3:30 undefined", "5:18-5:19 a"]],
      ],
    },
    {
      // `a` and `b` both merge `depends_on: [a]`: the one item is named in the first cycle only.
      name: "an anchored dependency in two cycles",
      code: "x-d: &d\n  depends_on: [a]\nservices:\n  a:\n    <<: *d\n    links: [b]\n  b:\n    <<: *d\n",
      expected: [
        ["dependency cycle detected: a -> a", ["2:16-2:17 a"]],
        ["dependency cycle detected: a -> b -> a", ["6:13-6:14 b"]],
      ],
    },
  ])("$name", ({ code, expected }) => {
    const model = parseCompose(code);
    expect(dependencyCycles(model).map((c) => [c.log, c.references.map((r) => spanText(model, r.span))])).toEqual(expected);
  });

  it("names 32 cycles at most", () => {
    const names = Array.from({ length: 33 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    const model = parseCompose(`services:\n${names.map((n) => `  ${n}:\n    depends_on: [${n}]\n`).join("")}`);
    const cycles = dependencyCycles(model);
    expect(cycles).toHaveLength(32);
    expect(cycles.at(-1)?.log).toBe("dependency cycle detected: s31 -> s31");
  });

  it("a name a variable without a default decides, or an undefined one, makes no edge", () => {
    const model = parseCompose("services:\n  a:\n    depends_on: [\"${B}\", ghost]\n  b:\n    depends_on: [a]\n");
    expect(dependencyCycles(model)).toEqual([]);
  });
});

describe("references.ts: depends_on's list items interpolated, its map's keys as written", () => {
  it("target and certain, as compose reads them", () => {
    const model = parseCompose('services:\n  web:\n    depends_on: ["${DB:-db}", "${X}", cache]\n  api:\n    depends_on:\n      "${DB:-db}": {condition: service_started}\n');
    expect(serviceReferences(model).map((r) => [r.service.name, r.target, r.certain, spanText(model, r.span)])).toEqual([
      ["web", "db", true, '3:18-3:29 "${DB:-db}"'],
      ["web", "", false, '3:31-3:37 "${X}"'],
      ["web", "cache", true, "3:39-3:44 cache"],
      ["api", "${DB:-db}", true, '6:7-6:18 "${DB:-db}"'],
    ]);
    const cache = model.text.indexOf("cache");
    expect(serviceReferenceAt(model, model.services[0], "depends_on", { start: cache, end: cache + 5 })?.target).toBe("cache");
    expect(serviceReferenceAt(model, model.services[0], "links", { start: cache, end: cache + 5 })).toBeUndefined();
  });
});
