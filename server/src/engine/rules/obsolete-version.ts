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
  return end < model.text.length ? { ...edit, end } : edit;
}

export const obsoleteVersion: Rule = {
  meta: {
    id: "obsolete-version",
    severity: "warning",
    scope: "all",
    fixable: true,
    docs: {
      title: {
        en: "Obsolete top-level `version`",
        fr: "`version` obsolète au premier niveau",
      },
      description: {
        en: "Compose v2 ignores the top-level `version` and warns about it on every command, the pipeline's `docker compose up` included. The file format is the Compose Specification whatever the number says, so it only misleads readers.",
        fr: "Compose v2 ignore la clé `version` de premier niveau et le signale à chaque commande, y compris au `docker compose up` du pipeline. Le format est celui de la Compose Specification quel que soit ce numéro : il ne fait qu'induire le lecteur en erreur.",
      },
      log: `docker-compose.yml: ${LOG}`,
      logPattern: { patterns: [/the attribute\s+[`'"]?version[`'"]?\s+is obsolete/i] },
      fix: { en: "Remove `version`", fr: "Supprimer `version`" },
    },
  },
  check({ model, project, isPipeline, report }) {
    // Compose names the file: on the pipeline, the dashboard's copy it writes as docker-compose.yml in the app's folder.
    const log = `${isPipeline ? "/opt/app/<project>/docker-compose.yml" : (project?.filePath ?? "docker-compose.yml")}: ${LOG}`;
    for (const entry of model.top) {
      if (entry.key !== "version" || entry.merged) continue;
      const end = entry.value?.range?.[1] ?? entry.keyNode.range![1];
      report({
        start: entry.keyNode.range![0],
        end: Math.max(end, entry.keyNode.range![1]),
        log,
        message: {
          en: `Compose ignores this key and warns: ${LOG}.`,
          fr: `Compose ignore cette clé et avertit : ${LOG}.`,
        },
        fix: { title: { en: "Remove version", fr: "Supprimer version" }, edits: [removeVersion(model, entry)] },
      });
    }
  },
};
