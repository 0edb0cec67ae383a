import { removeEntry } from "../compose/edits.js";
import type { ComposeModel, Entry } from "../compose/model.js";
import type { OffsetEdit } from "../text.js";
import type { Rule } from "./types.js";

const LOG = "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion";

/** Removes the key; when it opened the file, the blank lines after it go too, so the file does not start with one. */
function removeVersion(model: ComposeModel, entry: Entry): OffsetEdit {
  const edit = removeEntry(model, entry);
  if (edit.start !== 0 || edit.newText !== "" || entry.owner.flow) return edit;
  let end = edit.end;
  for (;;) {
    const match = /^[ \t]*(?:\r\n|\r|\n)/.exec(model.text.slice(end));
    if (!match) break;
    end += match[0].length;
  }
  return { ...edit, end };
}

export const obsoleteVersion: Rule = {
  meta: {
    id: "obsolete-version",
    severity: "warning",
    scope: "all",
    fixable: true,
    reads: "service",
    docs: {
      title: {
        en: "Obsolete top-level `version`",
        fr: "`version` obsolète au premier niveau",
      },
      description: {
        en: "Since Compose v2, the file format is the Compose Specification whatever `version` says: the key selects nothing and only misleads readers. Its warning adds a line to every pipeline log, next to the errors that matter.",
        fr: "Depuis Compose v2, le format est celui de la Compose Specification, quoi que dise `version` : la clé ne sélectionne rien et ne fait qu'induire le lecteur en erreur. Son avertissement ajoute une ligne aux logs de chaque déploiement, à côté des erreurs qui comptent.",
      },
      log: `docker-compose.yml: ${LOG}`,
      logPattern: { patterns: [/the attribute\s+[`'"]?version[`'"]?\s+is obsolete/i] },
      fix: { en: "Remove `version`", fr: "Supprimer `version`" },
      example: {
        invalid: 'version: "3.8"\n\nservices:\n  web:\n    build: .\n',
        valid: "services:\n  web:\n    build: .\n",
      },
    },
    messages: {
      obsolete: {
        en: 'Obsolete "version" key: Compose v2 ignores it and prints a warning on every run. Remove it.',
        fr: "Clé « version » obsolète : Compose v2 l'ignore et affiche un avertissement à chaque lancement. Supprimez-la.",
      },
    },
  },
  check({ model, project, isPipeline, report }) {
    // Compose names the file: on the pipeline, the dashboard's copy it writes as docker-compose.yml in the app's folder.
    const log = `${isPipeline ? "/opt/app/<pipeline>/docker-compose.yml" : (project?.filePath ?? "docker-compose.yml")}: ${LOG}`;
    for (const entry of model.top) {
      if (entry.key !== "version" || entry.merged) continue;
      const end = entry.value?.range?.[1] ?? entry.keyNode.range![1];
      report({
        start: entry.keyNode.range![0],
        end: Math.max(end, entry.keyNode.range![1]),
        log,
        messageId: "obsolete",
        fix: { title: { en: "Remove version", fr: "Supprimer version" }, edits: [removeVersion(model, entry)] },
      });
    }
  },
};
