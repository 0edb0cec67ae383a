import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";

function syntaxFindings(text: string) {
  const model = parseCompose(text);
  return lint(model, { isPipeline: true }).map((f) => ({
    ruleId: f.ruleId,
    text: text.slice(f.start, f.end),
    line: model.lines.positionAt(f.start).line + 1,
    en: f.message.en,
    fr: f.message.fr,
  }));
}

describe("yaml-syntax", () => {
  it("points at the opening quote of an unclosed string, not at the end of the file", () => {
    const findings = syntaxFindings('services:\n  web:\n    image: "nginx\n  db:\n    image: postgres\n');
    expect(findings.filter((f) => f.ruleId === "yaml-syntax")).toEqual([
      { ruleId: "yaml-syntax", text: '"nginx', line: 3, en: 'Missing closing "quote', fr: 'Guillemet fermant " manquant' },
    ]);
  });

  it("points at the opening bracket of an unclosed list, and still checks the rest", () => {
    const findings = syntaxFindings('services:\n  web:\n    ports: ["80:80"\n    container_name: web\n');
    expect(findings[0]).toMatchObject({ ruleId: "yaml-syntax", text: '["80:80"', line: 3 });
    expect(findings[0].fr).toBe("Liste entre crochets non refermée ou mal indentée : il manque un ]");
  });

  it("underlines the whole duplicate key", () => {
    const findings = syntaxFindings("services:\n  web:\n    image: x\n    image: y\n");
    expect(findings.find((f) => f.ruleId === "yaml-syntax")).toMatchObject({ text: "image", line: 4, fr: "Clé en double : chaque clé d'un mapping doit être unique" });
  });

  it("underlines a duplicate key that follows a key with no value on the key, not at the end of the line above", () => {
    const findings = syntaxFindings("services:\n  web:\n    image: x\n    build:\n    image: y\n");
    expect(findings.filter((f) => f.ruleId === "yaml-syntax")).toEqual([
      { ruleId: "yaml-syntax", text: "image", line: 5, en: "Map keys must be unique", fr: "Clé en double : chaque clé d'un mapping doit être unique" },
    ]);
  });

  it("finds every duplicate of a large map, and the duplicates of a flow map", () => {
    const services = Array.from({ length: 500 }, (_, i) => `  s${i % 400}:\n    image: x\n`).join("");
    const large = syntaxFindings(`services:\n${services}`).filter((f) => f.ruleId === "yaml-syntax");
    expect(large).toHaveLength(100);
    expect(large[0]).toMatchObject({ text: "s0", line: 802 });
    expect(syntaxFindings("x-a: {k: 1, j: 2, k: 3}\n").filter((f) => f.ruleId === "yaml-syntax")).toMatchObject([{ text: "k", line: 1 }]);
  });

  it("keeps checking what parsed before an error at the end of the file", () => {
    const findings = syntaxFindings("services:\n  web:\n    image: x\n    container_name: web\n  db: [\n");
    expect(findings.map((f) => f.ruleId)).toContain("no-container-name");
    expect(findings.map((f) => f.ruleId)).toContain("yaml-syntax");
  });

  it("shows an error it cannot translate in English after a French lead-in", () => {
    const syntax = syntaxFindings('a: [1, 2\n  ]]\n').find((f) => f.ruleId === "yaml-syntax")!;
    expect(syntax.en).toBe('Unexpected flow-seq-end token in YAML stream: "]"');
    expect(syntax.fr).toBe('Erreur de syntaxe YAML : Unexpected flow-seq-end token in YAML stream: "]"');
  });
});
