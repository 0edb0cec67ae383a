import { removeEntry } from "../compose/edits.js";
import { scalarText } from "../compose/model.js";
import type { Rule } from "./types.js";

export const noContainerName: Rule = {
  meta: {
    id: "no-container-name",
    severity: "error",
    scope: "pipeline",
    fixable: true,
    reads: "service",
    docs: {
      title: {
        en: "No container_name in the pipeline's compose file",
        fr: "Pas de container_name dans le compose du pipeline",
      },
      description: {
        en: "A fixed `container_name` makes every redeploy fail while a container of that name exists, for instance one left by an earlier manual deployment: Docker cannot create a second container with the same name. Without it, compose names containers after the project (`<pipeline>-web-1`) and replaces them cleanly.",
        fr: "Un `container_name` fixe fait échouer chaque redéploiement tant qu'un conteneur de ce nom existe, par exemple un reste d'un ancien déploiement manuel : Docker ne peut pas créer un second conteneur du même nom. Sans lui, compose nomme les conteneurs d'après le projet (`<pipeline>-web-1`) et les remplace proprement.",
      },
      log: 'Error response from daemon: Conflict. The container name "/latigue_web" is already in use',
      logPattern: { patterns: [/container name\s+"\/?([^"]+)"\s+is already in use/i] },
      fix: { en: "Remove `container_name`", fr: "Supprimer `container_name`" },
      example: {
        invalid: "services:\n  web:\n    build: .\n    container_name: myapp_web\n    restart: unless-stopped\n",
        valid: "services:\n  web:\n    build: .\n    restart: unless-stopped\n",
      },
    },
    messages: {
      fixedName: {
        en: 'Fixed container_name "{{name}}": redeploys fail while another container has that name. Remove it.',
        fr: "container_name « {{name}} » fixe : un redéploiement échoue tant qu'un autre conteneur porte ce nom. Supprimez-le.",
      },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const entry = service.get("container_name");
      if (!entry) continue;
      const name = scalarText(entry.value);
      // Left empty (or not a string, which invalid-value reports), it fixes no name: compose names the container itself.
      if (!name) continue;
      const end = entry.value?.range?.[1] ?? entry.keyNode.range![1];
      const conflict = `Conflict. The container name "/${name}" is already in use`;
      report({
        start: entry.keyNode.range![0],
        end: Math.max(end, entry.keyNode.range![1]),
        log: `Error response from daemon: ${conflict}`,
        messageId: "fixedName",
        data: { name },
        fix: { title: { en: "Remove container_name", fr: "Supprimer container_name" }, edits: [removeEntry(model, entry)] },
      });
    }
  },
};
