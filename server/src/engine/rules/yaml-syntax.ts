import { frenchYamlError } from "../i18n/yaml-errors.js";
import type { Rule } from "./types.js";

export const YAML_SYNTAX_RULE_ID = "yaml-syntax";

/**
 * YAML that does not parse, where the parser (and compose) stops reading.
 * The model keeps what parsed: the other rules still check it.
 */
export const yamlSyntax: Rule = {
  meta: {
    id: YAML_SYNTAX_RULE_ID,
    severity: "error",
    scope: "all",
    fixable: false,
    docs: {
      title: { en: "YAML that does not parse (the rest of the file is still checked)", fr: "Du YAML illisible (le reste du fichier est tout de même vérifié)" },
      description: {
        en: "Compose cannot read the file, so `docker compose up` stops before creating anything. The findings above the error are still checked; the part after it is not.",
        fr: "Compose ne peut pas lire le fichier : `docker compose up` s'arrête avant de créer quoi que ce soit. Les problèmes situés avant l'erreur sont tout de même vérifiés, pas la suite.",
      },
      manualFix: {
        en: "Correct the YAML at this spot (indentation, quotes, a missing `:`); `docker compose config` shows how compose reads the file.",
        fr: "Corrigez le YAML à cet endroit (indentation, guillemets, `:` manquant) ; `docker compose config` montre comment compose lit le fichier.",
      },
    },
  },
  check({ model, report }) {
    for (const problem of model.syntaxErrors) {
      report({ start: problem.start, end: problem.end, message: { en: problem.message, fr: frenchYamlError(problem.message) } });
    }
  },
};
