import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { composeSchema, type JsonType, type SchemaNode } from "../../server/src/engine/compose/schema.js";
import { pathText, schemaProblems, type SchemaProblem } from "../../server/src/engine/compose/validate.js";

/** 1-based line:column of an offset, as an editor shows it. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Each problem as `kind path start-end "text"`, plus the types compose's message names when they differ from the problem's own. */
function problems(text: string): string[] {
  return schemaProblems(parseCompose(text)).map((p: SchemaProblem) => {
    const where = `${position(text, p.span.start)}-${position(text, p.span.end)}`;
    const composeType = p.composeType ? ` (compose: ${p.composeType.join("|")})` : "";
    return `${p.kind} ${pathText(p.path)} ${where} ${JSON.stringify(text.slice(p.span.start, p.span.end))}${composeType}`;
  });
}

describe("schemaProblems and syntax errors", () => {
  it.each([
    {
      name: "an error after the value leaves the value's type problem standing",
      text: "services:\n  web:\n    image: x\n    ports: 8080\n  db: [\n",
      expected: ['type services.web.ports 4:12-4:16 "8080"'],
    },
    {
      name: "an error before the value leaves it standing too",
      text: "services:\n  db: [\n  web:\n    image: x\n    ports: 8080\n",
      expected: ['type services.web.ports 5:12-5:16 "8080"'],
    },
    {
      // The stray `]` starts exactly where the map's node ends: the map is the error's.
      name: "an error right at the end of the value silences it",
      text: "services:\n  web:\n    image: x\n    ports: {a: 1} ]\n",
      expected: [],
    },
    {
      // One error elsewhere (the repeated key) does not make the cut-short map judged.
      name: "a cut-short value is silenced even when the file has other errors",
      text: "x-a: 1\nx-a: 2\nservices:\n  web:\n    image: x\n    ports: {\n",
      expected: [],
    },
    {
      name: "a cut-short value under a oneOf (healthcheck.test: string or list) is silenced",
      text: "services:\n  web:\n    image: x\n    healthcheck:\n      test: {\n",
      expected: [],
    },
    {
      name: "the same value written whole is a type problem",
      text: "services:\n  web:\n    image: x\n    healthcheck:\n      test: {a: 1}\n",
      expected: ['type services.web.healthcheck.test 5:13-5:19 "{a: 1}"'],
    },
    {
      // A document that is no mapping is the file's error (yaml-syntax's), even when another error comes first.
      name: "a list after a stray bracket is not walked",
      text: "]\n- web\n- db\n",
      expected: [],
    },
    {
      // parseCompose reports a list at the top as the file's own error; the schema walk leaves it alone.
      name: "a document that is a list is not walked",
      text: "- web\n- db\n",
      expected: [],
    },
  ])("$name", ({ text, expected }) => {
    expect(problems(text)).toEqual(expected);
  });
});

describe("schemaProblems: what is walked, and in what order", () => {
  it.each([
    {
      // The map is checked where it is written, through the alias too: its problem is reported once.
      name: "an anchored map reached through an alias is checked once",
      text: "services:\n  web:\n    image: x\n    healthcheck: &hc\n      retries: lots\n  api:\n    image: x\n    healthcheck: *hc\n",
      expected: ['conversion services.web.healthcheck.retries 5:16-5:20 "lots"'],
    },
    {
      name: "an anchored map only aliases reach is checked where it is written",
      text: "x-hc: &hc\n  retries: lots\nservices:\n  web:\n    image: x\n    healthcheck: *hc\n",
      expected: ['conversion services.web.healthcheck.retries 2:12-2:16 "lots"'],
    },
    {
      // Own keys after `<<` are checked as well as the merged ones.
      name: "a service's keys before and after a merge, and the merged keys",
      text: "x-d: &d\n  pull_policy: sometimes\nservices:\n  web:\n    stop_signal: 5\n    <<: *d\n    restart: nope\n",
      expected: [
        'pattern services.web.pull_policy 2:16-2:25 "sometimes"',
        'type services.web.stop_signal 5:18-5:19 "5"',
        'conversion services.web.restart 7:14-7:18 "nope"',
      ],
    },
    {
      // The missing keys are found after the item's own problems: they are still listed first, where the item starts.
      name: "a list item missing a key, with a wrong value inside, in file order",
      text: "services:\n  web:\n    image: x\n    develop:\n      watch:\n        - {target: /app, action: 5}\n",
      expected: [
        'required services.web.develop.watch.0 6:11-6:36 "{target: /app, action: 5}"',
        'type services.web.develop.watch.0.action 6:34-6:35 "5"',
      ],
    },
    {
      // One map, a watch item first (missing path) and a pre_start hook then (target is no hook key):
      // both problems start at `target`, the shorter one is listed first.
      name: "two problems starting at the same place, the shorter first",
      text: "x-m: &m\n  target: /app\nservices:\n  web:\n    image: x\n    develop:\n      watch:\n        - *m\n    pre_start:\n      - *m\n",
      expected: [
        'unknown-key services.web.pre_start.0 2:3-2:9 "target"',
        'required services.web.develop.watch.0 2:3-2:15 "target: /app"',
      ],
    },
    {
      // A tag with no value leaves an empty node: the problem is shown on the key.
      name: "a value with nothing written is reported on its key",
      text: "services:\n  web:\n    image: x\n    ports: !!str\n",
      expected: ['type services.web.ports 4:5-4:10 "ports"'],
    },
  ])("$name", ({ text, expected }) => {
    expect(problems(text)).toEqual(expected);
  });

  it("checks each anchored node once per schema it is reached with: a file of a thousand aliases at three levels stays fast", { timeout: 20_000 }, () => {
    // A list of 1000 words (also a service's cap_add), a watch item ignoring them (also a pre_start hook),
    // a list of 1000 such items (the hook list, and the watch list of 1000 services): 10^9 steps without the memo.
    const size = 1000;
    const ignore = Array.from({ length: size }, (_, i) => `  - p${i}`).join("\n");
    const watch = Array.from({ length: size }, () => "  - *w").join("\n");
    const services = Array.from({ length: size }, (_, i) => `  s${i}:\n    image: x\n    develop: {watch: *wl}`).join("\n");
    const text = `x-ignore: &l\n${ignore}\nx-watch: &w {path: ./src, action: 5, ignore: *l}\nx-list: &wl\n${watch}\nservices:\n  hook:\n    image: x\n    cap_add: *l\n    pre_start: *wl\n${services}\n`;
    // Each problem of the watch item once, where it is written, whichever use found it.
    const line = size + 2;
    expect(problems(text)).toEqual([
      `required services.hook.pre_start.0 ${line}:13-${line}:49 "{path: ./src, action: 5, ignore: *l}"`,
      `unknown-key services.hook.pre_start.0 ${line}:14-${line}:18 "path"`,
      `unknown-key services.hook.pre_start.0 ${line}:27-${line}:33 "action"`,
      `type services.s0.develop.watch.0.action ${line}:35-${line}:36 "5"`,
      `unknown-key services.hook.pre_start.0 ${line}:38-${line}:44 "ignore"`,
    ]);
  });
});

describe("schemaProblems: values and their types", () => {
  it.each([
    {
      // cpu_count is a string or an integer from 0, cpu_percent from 0 to 100, oom_score_adj from -1000 to 1000: the bounds themselves are allowed.
      name: "integers at the bounds of their range",
      text: "services:\n  web:\n    image: x\n    cpu_count: 0\n    cpu_percent: 100\n    oom_score_adj: -1000\n  api:\n    image: x\n    cpu_percent: 0\n    oom_score_adj: 1000\n",
      expected: [],
    },
    {
      name: "integers just past their bounds",
      text: "services:\n  web:\n    image: x\n    cpu_count: -1\n    cpu_percent: 101\n    oom_score_adj: -1001\n  api:\n    image: x\n    cpu_percent: -1\n    oom_score_adj: 1001\n",
      expected: [
        'range services.web.cpu_count 4:16-4:18 "-1" (compose: string)',
        'range services.web.cpu_percent 5:18-5:21 "101" (compose: string)',
        'range services.web.oom_score_adj 6:20-6:25 "-1001" (compose: string)',
        'range services.api.cpu_percent 9:18-9:20 "-1" (compose: string)',
        'range services.api.oom_score_adj 10:20-10:24 "1001" (compose: string)',
      ],
    },
    {
      // gpus is `all` or a list: the first alternative's own error is compose's, with no other type named.
      name: "a wrong word where the first alternative of a oneOf is the one chosen",
      text: "services:\n  web:\n    image: x\n    gpus: some\n",
      expected: ['enum services.web.gpus 4:11-4:15 "some"'],
    },
    {
      // build's object is its second alternative, but an unknown key and a value compose cannot convert are named as they are.
      name: "an unknown key and an unconvertible value in a oneOf's later alternative",
      text: "services:\n  web:\n    image: x\n    build: {contxt: .}\n    volumes:\n      - {type: tmpfs, target: /t, tmpfs: {size: lots}}\n",
      expected: [
        'unknown-key services.web.build 4:13-4:19 "contxt"',
        'conversion services.web.volumes.0.tmpfs.size 6:49-6:53 "lots"',
      ],
    },
    {
      // Keys of one plain type, without a conversion by compose: a string is no boolean, a boolean no number.
      name: "a string where only a boolean goes, and a boolean where only a number goes",
      text: "services:\n  web:\n    image: x\n    use_api_socket: \"yes\"\n    networks:\n      back: {priority: true}\nnetworks:\n  back:\n",
      expected: [
        'type services.web.use_api_socket 4:21-4:26 "\\"yes\\""',
        'type services.web.networks.back.priority 6:24-6:28 "true"',
      ],
    },
    {
      // The items of a list that must hold unique items are compared as written: a boolean is one too (both items are
      // also no string), and a quoted "true" is another value than the boolean true.
      name: "a boolean written twice in a list of unique items",
      text: "services:\n  web:\n    image: x\n    cap_add: [true, true]\n    profiles: [true, \"true\"]\n",
      expected: [
        'type services.web.cap_add.0 4:15-4:19 "true"',
        'type services.web.cap_add.1 4:21-4:25 "true"',
        'duplicate services.web.cap_add.1 4:21-4:25 "true"',
        'type services.web.profiles.0 5:16-5:20 "true"',
      ],
    },
    {
      // Only scalars written alike are repeats: two empty items (null) are not compared, nor two long-syntax ports,
      // whose maps have no text to compare.
      name: "empty items and long-syntax items of a list of unique items",
      text: "services:\n  web:\n    image: x\n    cap_add: [~, ~]\n    ports:\n      - target: 80\n        published: 8080\n      - target: 81\n        published: 8081\n",
      expected: [],
    },
  ])("$name", ({ text, expected }) => {
    expect(problems(text)).toEqual(expected);
  });
});

describe("the schema's shape the walk relies on (an update breaking it needs the walk's untried paths tested)", () => {
  /** Every schema node with where it is, the root's properties, pattern properties, items and alternatives followed. */
  function nodes(): { node: SchemaNode; place: string; property: boolean }[] {
    const found: { node: SchemaNode; place: string; property: boolean }[] = [];
    const seen = new Set<SchemaNode>();
    const walk = (node: SchemaNode, place: string, property: boolean) => {
      if (seen.has(node)) return;
      seen.add(node);
      found.push({ node, place, property });
      node.properties?.forEach((child, key) => walk(child, `${place}.${key}`, true));
      node.patternProperties?.forEach((child) => walk(child.schema, `${place}.<${child.source}>`, true));
      if (node.items) walk(node.items, `${place}[]`, true);
      node.oneOf?.forEach((alternative, index) => walk(alternative, `${place}|${index}`, false));
    };
    walk(composeSchema(), "", true);
    return found;
  }
  const SCALARS: readonly JsonType[] = ["string", "number", "integer", "boolean"];

  it("has oneOfs of typed alternatives, at least two, no two of them taking the same kind of value", () => {
    const oneOfs = nodes().filter(({ node }) => node.oneOf);
    expect(oneOfs.length).toBeGreaterThan(20);
    for (const { node, place } of oneOfs) {
      const alternatives = node.oneOf!;
      expect(alternatives.length, place).toBeGreaterThanOrEqual(2);
      const kinds = alternatives.flatMap((alternative) => {
        expect(alternative.types, place).toBeDefined();
        // A whole number is a number too: integer and number would overlap.
        return [...new Set(alternative.types!.map((type) => (type === "integer" ? "number" : type)))];
      });
      expect(new Set(kinds).size, place).toBe(kinds.length);
      // Interpolation makes a string: a oneOf without a string alternative has no scalar one either.
      if (!kinds.includes("string")) expect(kinds.filter((kind) => SCALARS.includes(kind)), place).toEqual([]);
    }
  });

  it("bounds numbers only in oneOf alternatives, never a maximum without a minimum", () => {
    for (const { node, place, property } of nodes()) {
      if (property) expect([node.minimum, node.maximum], place).toEqual([undefined, undefined]);
      if (node.maximum !== undefined) expect(node.minimum, place).toBeDefined();
    }
  });
});
