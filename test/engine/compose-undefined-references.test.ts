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
import { cycleAt, dependencyCycles, undefinedReferenceAt, undefinedReferences } from "../../server/src/engine/compose/undefinedReferences.js";
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
