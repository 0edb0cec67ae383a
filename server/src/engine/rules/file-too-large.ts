import type { Rule } from "./types.js";

export const FILE_TOO_LARGE_RULE_ID = "file-too-large";

/**
 * A document the language server does not analyse as you type: parseCompose
 * was given a limit (`maxChars`) and the text is longer, so the model holds
 * its lines only. The CLI sets no limit: it checks any file.
 */
export const fileTooLarge: Rule = {
  meta: {
    id: FILE_TOO_LARGE_RULE_ID,
    severity: "warning",
    scope: "all",
    fixable: false,
    docs: {
      title: { en: "A file too large to check as you type (the CLI checks it)", fr: "Un fichier trop volumineux pour être vérifié pendant la saisie (la CLI le vérifie)" },
      description: {
        en: "Parsing takes about 2 µs a character: a file of several million characters would hold the language server for seconds at every pause in typing, and no other document would be served meanwhile. The editor then checks nothing in it.",
        fr: "L'analyse prend environ 2 µs par caractère : un fichier de plusieurs millions de caractères bloquerait le serveur de langage plusieurs secondes à chaque pause dans la saisie, sans servir aucun autre document pendant ce temps. L'éditeur n'y vérifie alors rien.",
      },
      manualFix: {
        en: "Run `elestio-compose-lint <file>` in a terminal, or split the file (compose's `include:` takes other compose files).",
        fr: "Lancez `elestio-compose-lint <fichier>` dans un terminal, ou découpez le fichier (le `include:` de compose accepte d'autres fichiers compose).",
      },
    },
  },
  check({ model, report }) {
    if (!model.tooLarge) return;
    const millions = (model.text.length / 1_000_000).toFixed(1);
    const limit = model.tooLarge.limit / 1_000_000;
    report({
      start: 0,
      end: 0,
      message: {
        en: `This file is too large to check as you type (${millions} million characters; the limit is ${limit} million): Elestio Compose does not analyse it. Run elestio-compose-lint on it in a terminal to check it.`,
        fr: `Ce fichier est trop volumineux pour être vérifié pendant la saisie (${millions.replace(".", ",")} millions de caractères ; la limite est de ${String(limit).replace(".", ",")} millions) : Elestio Compose ne l'analyse pas. Lancez elestio-compose-lint dessus dans un terminal pour le vérifier.`,
      },
    });
  },
};
