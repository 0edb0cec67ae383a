import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";

function syntaxFindings(text: string) {
  const model = parseCompose(text);
  return lint(model, { isPipeline: true }).map((f) => ({
    ruleId: f.ruleId,
    messageId: f.messageId,
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
      {
        ruleId: "yaml-syntax",
        messageId: "unclosedQuote",
        text: '"nginx',
        line: 3,
        en: 'Unclosed string: its closing " is missing, so compose cannot read the file and the deploy stops. Add it.',
        fr: "Chaîne non fermée : son \" fermant manque, compose ne peut donc pas lire le fichier et le déploiement s'arrête. Ajoutez-le.",
      },
    ]);
  });

  it("points at the opening bracket of an unclosed list, and still checks the rest", () => {
    const findings = syntaxFindings('services:\n  web:\n    ports: ["80:80"\n    container_name: web\n');
    expect(findings[0]).toMatchObject({ ruleId: "yaml-syntax", messageId: "unclosedFlow", text: '["80:80"', line: 3 });
    expect(findings[0].en).toBe("This [ is not closed or not indented enough: compose cannot read the file. Add the ] or indent the lines.");
    expect(findings[0].fr).toBe("Ce [ n'est pas refermé ou pas assez indenté : compose ne peut pas lire le fichier. Ajoutez le ] ou indentez les lignes.");
  });

  it("underlines the whole duplicate key", () => {
    const findings = syntaxFindings("services:\n  web:\n    image: x\n    image: y\n");
    expect(findings.find((f) => f.ruleId === "yaml-syntax")).toMatchObject({
      messageId: "duplicateKey",
      text: "image",
      line: 4,
      fr: "Clé « image » en double : compose refuse le fichier. Supprimez ou renommez la répétition.",
    });
  });

  it("underlines a duplicate key that follows a key with no value on the key, not at the end of the line above", () => {
    const findings = syntaxFindings("services:\n  web:\n    image: x\n    build:\n    image: y\n");
    expect(findings.filter((f) => f.ruleId === "yaml-syntax")).toEqual([
      {
        ruleId: "yaml-syntax",
        messageId: "duplicateKey",
        text: "image",
        line: 5,
        en: 'Duplicate key "image": compose refuses the file. Remove or rename the repeat.',
        fr: "Clé « image » en double : compose refuse le fichier. Supprimez ou renommez la répétition.",
      },
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

  it("quotes the parser's own words for an error without a message of its own, in English and French", () => {
    const syntax = syntaxFindings('a: [1, 2\n  ]]\n').find((f) => f.ruleId === "yaml-syntax")!;
    // The parser says `Unexpected flow-seq-end token in YAML stream: "]"`: shortened, as every value over 32 characters.
    expect(syntax).toMatchObject({ messageId: "other", text: "]", line: 2 });
    expect(syntax.en).toBe('YAML error "Unexpected flow-seq-end token i…": compose cannot read the file, so the deploy stops. Correct the YAML here.');
    expect(syntax.fr).toBe("Erreur YAML « Unexpected flow-seq-end token i… » : compose ne peut pas lire le fichier, le déploiement s'arrête. Corrigez le YAML ici.");
  });
});
