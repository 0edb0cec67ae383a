import type { Rule } from "./types.js";

export const YAML_SYNTAX_RULE_ID = "yaml-syntax";

/**
 * The parser's frequent errors, by the message each is reported with (the
 * parser speaks English, in words of its own): the first that matches names
 * it; any other is `other`, its words quoted.
 */
const KNOWN_ERRORS: readonly [RegExp, string][] = [
  [/^Map keys must be unique/, "duplicateKey"],
  [/^Tabs are not allowed as indentation/, "tabIndent"],
  [/^Missing closing ["']quote/, "unclosedQuote"],
  [/^Flow (?:sequence|map) in block collection must be sufficiently indented and end with a [\]}]/, "unclosedFlow"],
  [/^Nested mappings are not allowed in compact mappings/, "nestedMapping"],
  [/^Implicit (?:keys (?:of flow sequence pairs )?need to be on a single line|map keys need to be followed by map values)/, "missingColon"],
  [/^All (?:mapping|collection|sequence) items must start at the same column/, "column"],
  [/^Top-level object must be a mapping/, "notMapping"],
  [/^Collections nested too deeply/, "tooDeep"],
];

/** What fills the message: the key, the quote or the bracket, in the user's own characters; the parser's words for an error without its own message. */
function dataOf(messageId: string, text: string, start: number, end: number, message: string): Record<string, string> {
  switch (messageId) {
    case "duplicateKey":
      return { key: text.slice(start, end).replace(/^(["'])(.*)\1$/, "$2") };
    case "unclosedQuote":
      return { quote: /closing "/.test(message) ? '"' : "'" };
    case "unclosedFlow":
      return /end with a \]/.test(message) ? { open: "[", close: "]" } : { open: "{", close: "}" };
    case "other":
      return { detail: message };
    default:
      return {};
  }
}

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
      title: { en: "YAML that does not parse", fr: "YAML illisible" },
      description: {
        en: "Compose reads the whole file before it creates anything, so one YAML error stops `docker compose up` before any container starts. Everything the parser can still read is checked; what the error hides (for instance everything after an unclosed quote) is not.",
        fr: "Compose lit tout le fichier avant de créer quoi que ce soit : une seule erreur YAML arrête `docker compose up` avant le démarrage du moindre conteneur. Ce que l'analyseur peut encore lire est vérifié ; ce que l'erreur masque (par exemple tout ce qui suit un guillemet non fermé) ne l'est pas.",
      },
      manualFix: {
        en: "Correct the YAML at this spot (indentation, quotes, a missing `:`); `docker compose config` shows how compose reads the file.",
        fr: "Corrigez le YAML à cet endroit (indentation, guillemets, `:` manquant) ; `docker compose config` montre comment compose lit le fichier.",
      },
      example: {
        invalid: 'services:\n  web:\n    image: "nginx:1.27\n    restart: unless-stopped\n',
        valid: 'services:\n  web:\n    image: "nginx:1.27"\n    restart: unless-stopped\n',
      },
    },
    messages: {
      duplicateKey: {
        en: 'Duplicate key "{{key}}": compose refuses the file. Remove or rename the repeat.',
        fr: "Clé « {{key}} » en double : compose refuse le fichier. Supprimez ou renommez la répétition.",
      },
      tabIndent: {
        en: "Tab in the indentation: YAML allows only spaces, so compose cannot read the file. Indent with spaces.",
        fr: "Tabulation dans l'indentation : le YAML n'accepte que des espaces, compose ne peut donc pas lire le fichier. Indentez avec des espaces.",
      },
      unclosedQuote: {
        en: "Unclosed string: its closing {{quote}} is missing, so compose cannot read the file and the deploy stops. Add it.",
        fr: "Chaîne non fermée : son {{quote}} fermant manque, compose ne peut donc pas lire le fichier et le déploiement s'arrête. Ajoutez-le.",
      },
      unclosedFlow: {
        en: "This {{open}} is not closed or not indented enough: compose cannot read the file. Add the {{close}} or indent the lines.",
        fr: "Ce {{open}} n'est pas refermé ou pas assez indenté : compose ne peut pas lire le fichier. Ajoutez le {{close}} ou indentez les lignes.",
      },
      nestedMapping: {
        en: 'A second ": " in this value: compose cannot read the file and the deploy stops. Put the value in quotes.',
        fr: "Un second « : » dans cette valeur : compose ne peut pas lire le fichier et le déploiement s'arrête. Mettez la valeur entre guillemets.",
      },
      missingColon: {
        en: 'A key without its ":", or a line indented wrongly: compose cannot read the file. Add the ":" or fix the indentation.',
        fr: "Une clé sans son « : », ou une ligne mal indentée : compose ne peut pas lire le fichier. Ajoutez le « : » ou corrigez l'indentation.",
      },
      column: {
        en: "This line is not aligned with the other items of its mapping or list: compose cannot read the file. Align it.",
        fr: "Cette ligne n'est pas alignée sur les autres éléments de son mapping ou de sa liste : compose ne peut pas lire le fichier. Alignez-la.",
      },
      notMapping: {
        en: 'Top-level object must be a mapping: compose refuses a list or a single value. Write keys such as "services:".',
        fr: "L'objet de premier niveau doit être un mapping : compose refuse une liste ou une valeur seule. Écrivez des clés comme « services: ».",
      },
      tooDeep: {
        en: "Collections nested too deeply to be read: compose cannot load this file either. Flatten the nesting.",
        fr: "Collections imbriquées trop profondément pour être lues : compose ne peut pas non plus charger ce fichier. Réduisez l'imbrication.",
      },
      other: {
        en: 'YAML error "{{detail}}": compose cannot read the file, so the deploy stops. Correct the YAML here.',
        fr: "Erreur YAML « {{detail}} » : compose ne peut pas lire le fichier, le déploiement s'arrête. Corrigez le YAML ici.",
      },
    },
  },
  check({ model, report }) {
    for (const problem of model.syntaxErrors) {
      const messageId = KNOWN_ERRORS.find(([pattern]) => pattern.test(problem.message))?.[1] ?? "other";
      let { start, end } = problem;
      if (messageId === "tooDeep") {
        // Where the parser ran out of stack depends on the stack's size: the squiggle takes the line, from its first character.
        const line = model.lines.positionAt(start).line;
        const lineStart = model.lines.lineStarts[line];
        end = model.lines.lineEnd(line);
        start = lineStart + (/^[ \t]*/.exec(model.text.slice(lineStart, end))?.[0].length ?? 0);
      }
      report({
        start,
        end,
        messageId,
        data: dataOf(messageId, model.text, start, end, problem.message),
        // The message shortens the parser's words; the hover quotes them whole.
        ...(messageId === "other" ? { detail: problem.message } : {}),
        // compose-go's own words for it (loader.go), the same in every language.
        ...(messageId === "notMapping" ? { log: "Top-level object must be a mapping" } : {}),
      });
    }
  },
};
