import type { Localized } from "../i18n/index.js";
import { valueReferences } from "../compose/interpolatedValues.js";
import type { Rule } from "./types.js";

/**
 * Variables that are set without any `.env`: compose-go's loader sets
 * COMPOSE_PROJECT_NAME to the project's name before it interpolates, and the
 * shell that runs compose always exports PWD and HOME.
 */
const ALWAYS_SET = new Set(["COMPOSE_PROJECT_NAME", "PWD", "HOME"]);

/** Compose's warning for a variable set nowhere. */
function notSetLog(name: string): string {
  return `The "${name}" variable is not set. Defaulting to a blank string.`;
}

function message(name: string, nested: boolean, isPipeline: boolean, log: string): Localized {
  const source: Localized = isPipeline
    ? {
        en: "the Elestio pipeline takes its value from the dashboard's environment variables (written to .env); if it is not set there, compose substitutes an empty string",
        fr: "le pipeline Elestio prend sa valeur dans les variables d'environnement du dashboard (écrites dans .env) ; si elle n'y est pas définie, compose la remplace par une chaîne vide",
      }
    : {
        en: "compose takes its value from the shell or the .env beside the file; if it is set in neither, compose substitutes an empty string",
        fr: "compose prend sa valeur dans le shell ou dans le .env à côté du fichier ; si elle n'est définie ni dans l'un ni dans l'autre, compose la remplace par une chaîne vide",
      };
  const nestedNote: Localized = nested
    ? {
        en: " Compose evaluates it even where it is only another variable's default.",
        fr: " Compose l'évalue même là où elle ne sert que de valeur par défaut à une autre variable.",
      }
    : { en: "", fr: "" };
  return {
    en: `Variable "${name}" has no default and no .env beside this file defines it: ${source.en} and warns: ${log}${nestedNote.en}`,
    fr: `La variable « ${name} » n'a pas de valeur par défaut et aucun .env à côté de ce fichier ne la définit : ${source.fr} et avertit : ${log}${nestedNote.fr}`,
  };
}

export const undefinedVariable: Rule = {
  meta: {
    id: "undefined-variable",
    severity: "hint",
    scope: "all",
    fixable: false,
    docs: {
      title: {
        en: "Variables with no default that the .env beside the file does not define",
        fr: "Variables sans valeur par défaut que le .env à côté du fichier ne définit pas",
      },
      description: {
        en: "Compose replaces `${VAR}` and `$VAR` everywhere in the file before reading it. On Elestio the value comes from the dashboard's environment variables, which the pipeline writes to `.env`; a variable set nowhere becomes an empty string, with only a warning in the log. Set it under Dashboard, Environment variables, give it a default (`${VAR:-value}`), make it required (`${VAR:?message}`), or write `$$VAR` when the container's shell should expand it.",
        fr: "Compose remplace `${VAR}` et `$VAR` partout dans le fichier avant de le lire. Sur Elestio, la valeur vient des variables d'environnement du dashboard, que le pipeline écrit dans `.env` ; une variable définie nulle part devient une chaîne vide, avec un simple avertissement dans le journal. Définissez-la dans le dashboard (Environment variables), donnez-lui une valeur par défaut (`${VAR:-valeur}`), rendez-la obligatoire (`${VAR:?message}`), ou écrivez `$$VAR` si c'est le shell du conteneur qui doit la développer.",
      },
      log: 'The "DB_PASSWORD" variable is not set. Defaulting to a blank string.',
      // One problem for all of them: each has the same cause and the same fix.
      logPattern: { patterns: [/\bthe\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s+variable is not set/i], oneProblem: true },
      manualFix: {
        en: "Set the variable in **Dashboard → Environment variables**, or give it a default in the file: `${NAME:-value}`.",
        fr: "Définissez la variable dans **Dashboard → Environment variables**, ou donnez-lui une valeur par défaut dans le fichier : `${NAME:-valeur}`.",
      },
    },
  },
  check({ model, project, isPipeline, report }) {
    const defined = project?.dotEnv();
    // Compose substitutes the argument of every form (default, error message, alternative) before it looks at the variable.
    for (const reference of valueReferences(model)) {
      if (reference.kind !== "bare") continue;
      if (defined?.has(reference.name) || ALWAYS_SET.has(reference.name)) continue;
      const log = notSetLog(reference.name);
      report({ ...reference.span, message: message(reference.name, reference.nested, isPipeline, log), log });
    }
  },
};
