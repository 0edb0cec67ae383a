import type { Rule } from "./types.js";

export const FILE_TOO_LARGE_RULE_ID = "file-too-large";

/**
 * A document the language server does not analyze as you type: parseCompose
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
        en: "Parsing takes about 2 µs a character: a file of several million characters would hold the language server for seconds at every pause in typing, and no other document would be served meanwhile. The editor therefore checks nothing in such a file; the CLI has no limit.",
        fr: "L'analyse prend environ 2 µs par caractère : un fichier de plusieurs millions de caractères bloquerait le serveur de langage plusieurs secondes à chaque pause dans la saisie, sans servir aucun autre document pendant ce temps. L'éditeur ne vérifie donc rien dans un tel fichier ; la CLI n'a pas de limite.",
      },
      manualFix: {
        en: "Run `elestio-compose-lint <file>` in a terminal, or split the file (compose's `include:` takes other compose files).",
        fr: "Lancez `elestio-compose-lint <fichier>` dans un terminal, ou découpez le fichier (le `include:` de compose accepte d'autres fichiers compose).",
      },
      // The rule reports only past the language server's limit (2 million characters): the page shows the idea, not the size.
      example: {
        invalid: "services:\n  web:\n    image: nginx\n    # … 2 million more characters\n",
        valid: "services:\n  web:\n    image: nginx\n",
      },
    },
    messages: {
      tooLarge: {
        en: "This file is too large to check as you type (over {{limit}} million characters): run elestio-compose-lint on it.",
        fr: "Fichier trop volumineux pour être vérifié pendant la saisie (plus de {{limit}} millions de caractères) : lancez elestio-compose-lint dessus.",
      },
    },
  },
  check({ model, report }) {
    if (!model.tooLarge) return;
    report({ start: 0, end: 0, messageId: "tooLarge", data: { limit: model.tooLarge.limit / 1_000_000 } });
  },
};
