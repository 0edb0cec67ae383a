import { valueReferences } from "../compose/interpolatedValues.js";
import { ALWAYS_SET_VARIABLES } from "../dashboardVariables.js";
import type { Rule } from "./types.js";

/** Compose's warning for a variable set nowhere. */
function notSetLog(name: string): string {
  return `The "${name}" variable is not set. Defaulting to a blank string.`;
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
        en: "Compose replaces `${VAR}` and `$VAR` everywhere in the file before reading it, even inside another variable's default, with values from the shell and the `.env` beside the file; on Elestio, the pipeline writes that `.env` from **Dashboard → Environment variables**. A variable set nowhere becomes an empty string, with only a warning in the logs. List the names the dashboard sets under `dashboardVariables` in `.elestio-compose.json` (**Elestio: Import the dashboard's variables** does it) and the rule warns about the ones it lacks.",
        fr: "Compose remplace `${VAR}` et `$VAR` partout dans le fichier avant de le lire, même dans la valeur par défaut d'une autre variable, par les valeurs du shell et du `.env` à côté du fichier ; sur Elestio, le pipeline écrit ce `.env` à partir de **Dashboard → Environment variables**. Une variable définie nulle part devient une chaîne vide, avec un simple avertissement dans les logs. Listez les noms que le dashboard définit sous `dashboardVariables` dans `.elestio-compose.json` (la commande **Elestio: Importer les variables du dashboard** s'en charge) : la règle signale alors celles qui lui manquent.",
      },
      log: 'The "DB_PASSWORD" variable is not set. Defaulting to a blank string.',
      // One problem for all of them: each has the same cause and the same fix.
      logPattern: { patterns: [/\bthe\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s+variable is not set/i], oneProblem: true },
      manualFix: {
        en: "Set the variable in **Dashboard → Environment variables**, or give it a default in the file: `${NAME:-value}`.",
        fr: "Définissez la variable dans **Dashboard → Environment variables**, ou donnez-lui une valeur par défaut dans le fichier : `${NAME:-valeur}`.",
      },
      example: {
        invalid: "services:\n  web:\n    build: .\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}\n",
        valid: "services:\n  web:\n    build: .\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY in the dashboard}\n",
      },
    },
    messages: {
      notInDashboard: {
        en: "{{name}} is not set in the dashboard: compose leaves it empty. Set it in Dashboard → Environment variables.",
        fr: "{{name}} n'est pas définie dans le dashboard : compose la laisse vide. Définissez-la dans Dashboard → Environment variables.",
      },
      unsetPipeline: {
        en: "{{name}} has no default: it is empty unless set in Dashboard → Environment variables.",
        fr: "{{name}} n'a pas de valeur par défaut : elle est vide si Dashboard → Environment variables ne la définit pas.",
      },
      unsetLocal: {
        en: "{{name}} has no default and the .env beside this file lacks it: empty unless the shell sets it.",
        fr: "{{name}} n'a ni valeur par défaut ni valeur dans le .env à côté : vide si le shell ne la définit pas.",
      },
    },
  },
  check({ model, project, isPipeline, dashboardVariables, report }) {
    const defined = project?.dotEnv();
    // The dashboard feeds the pipeline's file only; elsewhere the shell and the .env do.
    const dashboard = isPipeline ? dashboardVariables : undefined;
    const messageId = dashboard ? "notInDashboard" : isPipeline ? "unsetPipeline" : "unsetLocal";
    // Compose substitutes the argument of every form (default, error message, alternative) before it looks at the variable.
    for (const reference of valueReferences(model)) {
      const { name } = reference;
      if (reference.kind !== "bare") continue;
      if (defined?.has(name) || ALWAYS_SET_VARIABLES.has(name) || dashboard?.has(name)) continue;
      // Once per variable and file, at its first use that is this rule's (not a container variable unescaped-dollar owns):
      // every use has the same cause and the same fix.
      report({ ...reference.span, messageId, data: { name }, log: notSetLog(name), once: name, ...(dashboard ? { severity: "warning" as const } : {}) });
    }
  },
};
