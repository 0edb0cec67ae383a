/**
 * The depends_on and networks hovers agree with undefined-reference: they
 * read the same facts (compose/undefinedReferences.ts), so a target or a
 * network is said to be missing, or a dependency to be part of a cycle,
 * exactly where the rule reports one, with compose's line; a name a variable
 * decides is read as compose reads it (its default), or not judged.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hoveredNode } from "../../server/src/engine/compose/position.js";
import { hover } from "../../server/src/engine/hover/index.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import { lint } from "../../server/src/engine/lint.js";
import { undefinedReference } from "../../server/src/engine/rules/undefined-reference.js";

/** The hover at `needle` (plus `shift`), without findings: what the topic providers say (the rule off, or its finding disabled). */
function hoverOn(text: string, needle: string, shift = 0, language: Language = "en"): string | undefined {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`no ${needle} in the text`);
  return hover(parseCompose(text), [], at + shift, language, { isPipeline: true })?.markdown;
}

describe("depends_on", () => {
  const TEXT = 'services:\n  web:\n    image: app\n    depends_on: ["${DB:-db}", "${X:-dbx}", "${Y}", cache]\n  db:\n    image: postgres\n';

  it("a list item is read with its default, as compose reads it: defined, or missing with compose's line", () => {
    // On the opening quote: the variable's own hover answers inside `${...}`.
    expect(hoverOn(TEXT, '"${DB')).toBe("**`web` starts after `db`**.");
    expect(hoverOn(TEXT, '"${X')).toBe('**`web` starts after `dbx`**. No service `dbx` in this file: compose refuses the file with `service "web" depends on undefined service "dbx": invalid compose project`.');
    expect(hoverOn(TEXT, "cache")).toBe('**`web` starts after `cache`**. No service `cache` in this file: compose refuses the file with `service "web" depends on undefined service "cache": invalid compose project`.');
    expect(hoverOn(TEXT, "cache", 0, "fr")).toBe('**`web` démarre après `cache`**. Aucun service `cache` dans ce fichier : compose refuse le fichier avec l\'erreur `service "web" depends on undefined service "cache": invalid compose project`.');
  });

  it("a name a variable without a default decides: named as written, not judged (it said: no such service, compose refuses the file)", () => {
    expect(hoverOn(TEXT, '"${Y')).toBe("**`web` starts after `${Y}`**.");
  });

  it("a dependency of a cycle, on the target and on its condition", () => {
    const cycle = "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n    healthcheck: {test: [CMD, pg_isready]}\n    depends_on: [web]\n";
    const line = "This dependency is part of a cycle: compose refuses the file with `dependency cycle detected: db -> web -> db`.";
    expect(hoverOn(cycle, "db:")).toBe(`**\`web\` starts after \`db\`**. ${line}`);
    expect(hoverOn(cycle, "[web", 1)).toBe(`**\`db\` starts after \`web\`**. ${line}`);
    expect(hoverOn(cycle, "service_healthy")).toMatch(new RegExp(`\\n\\n${line.replace(/[.*+?^${}()|[\]\\`]/g, "\\$&")}$`));
    expect(hoverOn(cycle, "[web", 1, "fr")).toBe("**`db` démarre après `web`**. Cette dépendance fait partie d'un cycle : compose refuse le fichier avec l'erreur `dependency cycle detected: db -> web -> db`.");
  });

  it("a service of another document is defined, as compose merges the documents", () => {
    expect(hoverOn("services:\n  web:\n    depends_on: [db]\n---\nservices:\n  db:\n    image: postgres\n", "[db", 1)).toBe("**`web` starts after `db`**.");
  });
});

describe("a service's networks", () => {
  const TEXT = 'services:\n  web:\n    image: app\n    networks: ["${NET:-back}", "${N2:-front}", "${N3}", default]\n  worker:\n    image: app\n    networks:\n      back:\n      edge:\n        aliases: [w]\nnetworks:\n  back:\n';

  it("a list item is read with its default (it was read as written: `${NET:-back}` not declared, compose refuses the file)", () => {
    expect(hoverOn(TEXT, '"${NET')).toBe("**Network `back`**: created by compose as `<project>_back` when the project starts.");
    expect(hoverOn(TEXT, '"${N2')).toBe('**Network `front`**: not declared under the top-level `networks`, so compose does not create it and refuses the file with `service "web" refers to undefined network front: invalid compose project`.');
    expect(hoverOn(TEXT, '"${N3')).toBeUndefined();
  });

  it("the map form's keys, and `default`", () => {
    expect(hoverOn(TEXT, "back:")).toBe("**Network `back`**: created by compose as `<project>_back` when the project starts.");
    expect(hoverOn(TEXT, "edge")).toBe('**Network `edge`**: not declared under the top-level `networks`, so compose does not create it and refuses the file with `service "worker" refers to undefined network edge: invalid compose project`.');
    expect(hoverOn(TEXT, "edge", 0, "fr")).toBe('**Réseau `edge`** : non déclaré dans le `networks` de premier niveau, donc compose ne le crée pas et refuse le fichier avec l\'erreur `service "worker" refers to undefined network edge: invalid compose project`.');
    expect(hoverOn(TEXT, "default")).toBe("**Network `default`**: created by compose as `<project>_default` when the project starts.");
  });
});

describe("the hovers and the rule agree", () => {
  const FILES = [
    'services:\n  web:\n    image: app\n    depends_on: [db, "cache", "${A:-db}", "${B:-nope}", "${C}"]\n    networks: [front, "${N:-back}", "${M}"]\n  db:\n    image: postgres\n    depends_on:\n      web: {condition: service_started}\n      ghost: {condition: service_healthy}\nnetworks:\n  back:\n',
    "x-common: &common\n  depends_on: [redis, db]\n  networks: [back, front]\nservices:\n  web:\n    <<: *common\n    image: app\n  worker:\n    <<: *common\n    image: app\n  db:\n    image: postgres\n    depends_on: [db]\nnetworks:\n  front:\n",
    "services:\n  web:\n    depends_on: [db]\n    networks: {edge: {}, default: {}}\n---\nservices:\n  db:\n    depends_on: [api]\n  api:\n    depends_on: [web]\nnetworks:\n  edge:\n",
  ];

  it("on every depends_on target and network a service names: the hover says compose refuses the file exactly where the rule reports", () => {
    const checked: string[] = [];
    for (const text of FILES) {
      const model = parseCompose(text);
      const findings = lint(model, { isPipeline: true, rules: [undefinedReference] });
      for (let offset = 0; offset < text.length; offset++) {
        const node = hoveredNode(model, offset);
        const path = node?.servicePath;
        if (!node || !path || (path[0] !== "depends_on" && path[0] !== "networks") || path.length !== 2) continue;
        // Where the variable's own hover answers, the topic providers are not asked.
        const markdown = hover(model, [], offset, "en", { isPipeline: true })?.markdown ?? "";
        if (markdown.startsWith("**`$") || markdown.includes("a compose variable")) continue;
        const reported = findings.some((f) => node.span.start <= f.start && f.end <= node.span.end);
        expect(markdown.includes("refuses the file"), `${JSON.stringify(text.slice(node.span.start, node.span.end))} at ${offset}: ${markdown}`).toBe(reported);
        checked.push(text.slice(node.span.start, node.span.end));
      }
    }
    // Not a vacuous pass: both verdicts, on both keys.
    expect(new Set(checked)).toEqual(new Set(['db', '"cache"', '"${A:-db}"', '"${B:-nope}"', '"${C}"', "front", '"${N:-back}"', '"${M}"', "web", "ghost", "redis", "back", "edge", "default", "api"]));
  });
});
