/**
 * Regressions found by the property tests and the hostile inputs
 * (RELIABILITY.md tells the story of each).
 */
import { describe, expect, it } from "vitest";
import { mapEntries, parseCompose } from "../../server/src/engine/compose/model.js";
import { disableForLineEdit, fixAll } from "../../server/src/engine/fixes.js";
import { lint } from "../../server/src/engine/lint.js";
import { applyEdits } from "../../server/src/engine/text.js";

const lintPipeline = (text: string) => lint(parseCompose(text), { isPipeline: true });

describe("`<<` merges", () => {
  it("resolve a merge bomb (nine-fold merges over fifteen levels) once per map, not 9^15 times", () => {
    const lines = ["x-m0: &m0 {image: nginx, container_name: bomb}"];
    for (let level = 1; level <= 15; level++) lines.push(`x-m${level}: &m${level}`, `  <<: [${Array(9).fill(`*m${level - 1}`).join(", ")}]`, `  key${level}: v`);
    lines.push("services:", "  web:", "    <<: *m15", "    restart: always");
    const model = parseCompose(lines.join("\n") + "\n");
    const web = model.service("web")!;
    expect(web.entries.map((e) => e.key)).toEqual(["restart", "key15", "key14", "key13", "key12", "key11", "key10", "key9", "key8", "key7", "key6", "key5", "key4", "key3", "key2", "key1", "image", "container_name"]);
    // Reported once, where it is written.
    expect(lint(model, { isPipeline: true }).filter((f) => f.ruleId === "no-container-name")).toHaveLength(1);
  });

  it("stop at a map that merges itself through an alias cycle", () => {
    const text = "x-a: &a\n  k: 1\n  inner: &b\n    j: 2\n    <<: *a\nservices:\n  web:\n    <<: *b\n    image: nginx\n";
    const model = parseCompose(text);
    expect(model.service("web")!.entries.map((e) => e.key)).toEqual(["image", "j", "k", "inner"]);
    const inner = model.top[0].value!;
    expect(mapEntries(inner as never, model.documents[0]).map((e) => e.key)).toEqual(["k", "inner"]);
  });
});

describe("disable for this line, inside a block scalar", () => {
  const text = [
    "services:",
    "  setup:",
    "    image: minio/mc",
    "    entrypoint: >",
    '      /bin/sh -c "',
    "      mc alias set minio http://minio:9000 ${MINIO_ACCESS_KEY} ${MINIO_SECRET_KEY};",
    "      exit 0;",
    '      "',
    "",
  ].join("\n");

  it("puts the comment above the scalar's first line, leaving the script's text alone", () => {
    const model = parseCompose(text);
    const finding = lint(model, { isPipeline: true }).find((f) => f.ruleId === "undefined-variable")!;
    expect(model.lines.positionAt(finding.start).line).toBe(5);
    const fixed = applyEdits(text, [disableForLineEdit(model, finding)]);
    expect(fixed).toBe(text.replace("    entrypoint: >", "    # elestio-disable-next-line undefined-variable\n    entrypoint: >"));
    // The comment disables the rule in the whole scalar, and the entrypoint is unchanged.
    expect(lintPipeline(fixed).filter((f) => f.ruleId === "undefined-variable")).toEqual([]);
    const entrypoint = (t: string) => parseCompose(t).service("setup")!.get("entrypoint")!.value!.toJSON();
    expect(entrypoint(fixed)).toBe(entrypoint(text));
  });

  it("still honours a comment written inside the scalar by hand, as before", () => {
    const inside = text.replace("      mc alias", "      # elestio-disable-next-line undefined-variable\n      mc alias");
    expect(lintPipeline(inside).filter((f) => f.ruleId === "undefined-variable")).toEqual([]);
  });
});

describe("old Mac line endings (a lone \\r)", () => {
  const lf = "version: '3'\nservices:\n  web:\n    image: nginx\n    container_name: web\n    ports:\n      - \"8080:80\"\n";
  const cr = lf.replace(/\n/g, "\r");

  it("are line breaks, as for YAML and compose: same findings at the same places as with \\n", () => {
    const summary = (text: string) => {
      const model = parseCompose(text);
      return { errors: model.syntaxErrors, findings: lint(model, { isPipeline: true }).map((f) => `${f.ruleId} ${JSON.stringify(model.lines.range(f.start, f.end))}`) };
    };
    expect(summary(cr)).toEqual(summary(lf));
    expect(summary(cr).findings).toHaveLength(3);
  });

  it("are kept by fix-all", () => {
    expect(fixAll(cr, lintPipeline).text).toBe(fixAll(lf, lintPipeline).text.replace(/\n/g, "\r"));
  });
});

describe("files compose refuses before any rule", () => {
  it("a list at the top level: compose's own error in English, translated in French", () => {
    const findings = lintPipeline('[{"services": {"web": {"image": "nginx"}}}]\n');
    expect(findings.map((f) => [f.ruleId, f.start, f.end])).toEqual([["yaml-syntax", 0, 43]]);
    expect(findings[0].messageId).toBe("notMapping");
    expect(findings[0].message.en).toBe('Top-level object must be a mapping: compose refuses a list or a single value. Write keys such as "services:".');
    expect(findings[0].message.fr).toBe("L'objet de premier niveau doit être un mapping : compose refuse une liste ou une valeur seule. Écrivez des clés comme « services: ».");
  });

  it("a lone value at the top level, in a second document", () => {
    const findings = lintPipeline('services:\n  web:\n    image: nginx\n    ports: ["172.17.0.1:8000:80"]\n---\njust a string\n');
    expect(findings.map((f) => [f.ruleId, f.start, f.end])).toEqual([["yaml-syntax", 72, 85]]);
  });

  it("but not an empty file, a comment-only file, or a lone ---", () => {
    for (const text of ["", "# nothing yet\n", "---\n", "---\n# later\n"]) expect(lintPipeline(text), JSON.stringify(text)).toEqual([]);
  });

  it("10,000 levels of nesting: a clear message, not the parser's stack overflow", () => {
    const findings = lintPipeline(`services:\n  web:\n    command: ${"[".repeat(10_000)}x${"]".repeat(10_000)}\n`);
    const deep = findings.filter((f) => f.ruleId === "yaml-syntax");
    expect(deep.length).toBeGreaterThan(0);
    expect(deep[0].message.en).toMatch(/^Collections nested too deeply to be read/);
    expect(deep[0].message.fr).toMatch(/^Collections imbriquées trop profondément/);
  });
});

describe("the worker a fix-all once deleted", () => {
  // During development, a fix-all removing a proxy service took the next service's `  worker:` line with it.
  // Every order of two removed proxies among two kept services, with and without blank lines, final line break and CRLF.
  const blocks: Record<string, string[]> = {
    web: ["  web:", "    image: nginx", "    depends_on:", "      - traefik", "      - worker"],
    worker: ["  worker:", "    image: acme/worker", "    depends_on: [certbot]", "    # the queue"],
    traefik: ["  traefik:", "    image: traefik:v3", "    ports:", '      - "80:80"', '      - "443:443"'],
    certbot: ["  certbot:", "    image: certbot/certbot", "    volumes:", "      - ./certbot:/etc/letsencrypt"],
  };
  const orders: string[][] = [];
  const permute = (rest: string[], prefix: string[]) => {
    if (rest.length === 0) orders.push(prefix);
    rest.forEach((name, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, name]));
  };
  permute(Object.keys(blocks), []);

  it("keeps every line of the services it does not remove, in all 24 orders and 8 layouts", async () => {
    const { editViolations, fixAllPasses } = await import("../property/support.js");
    const problems: string[] = [];
    for (const order of orders) {
      for (const blank of [true, false]) {
        for (const finalBreak of [true, false]) {
          for (const eol of ["\n", "\r\n"]) {
            const body = order.map((name) => blocks[name].join(eol)).join(blank ? `${eol}${eol}` : eol);
            const text = `services:${eol}${body}${finalBreak ? eol : ""}${blank ? `${eol}volumes:${eol}  data:${eol}` : ""}`;
            const { text: fixed, passes } = fixAllPasses(text, lintPipeline);
            for (const pass of passes) problems.push(...editViolations(pass.before, pass.edits, true).map((p) => `${order.join(",")} blank=${blank} final=${finalBreak}: ${p}`));
            for (const kept of ["  web:", "    image: nginx", "  worker:", "    image: acme/worker", "    # the queue"]) {
              if (!fixed.split(/\r?\n/).includes(kept)) problems.push(`${order.join(",")} blank=${blank} final=${finalBreak} ${JSON.stringify(eol)}: lost ${JSON.stringify(kept)}\n${fixed}`);
            }
            expect(fixed).not.toMatch(/traefik:|certbot:/);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("syntax errors", () => {
  it("stay inside the text, though the parser puts one past its end", () => {
    const text = "\n   services:\n  web:\n    build:\n      context: angular\n    volumes:\n[      - ./angular:/project\n      - /project/node_modules\n";
    const findings = lintPipeline(text);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.end, finding.message.en).toBeLessThanOrEqual(text.length);
  });
});
