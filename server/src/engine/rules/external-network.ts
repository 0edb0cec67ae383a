import { isMap, isScalar, type Node } from "yaml";
import { resolveDefaults } from "../compose/interpolation.js";
import { mapEntries, scalarText, type Entry } from "../compose/model.js";
import type { Rule } from "./types.js";

/** Whether `external:` makes the network external: `true` (or the string "true"), or the legacy `{name: x}` map. */
function isExternal(value: Node | null): boolean {
  if (isMap(value)) return true;
  if (!isScalar(value)) return false;
  if (value.value === true) return true;
  const text = scalarText(value);
  return text !== undefined && resolveDefaults(text).value.trim().toLowerCase() === "true";
}

/**
 * The name of the network on the VM: its `name:`, else the legacy
 * `external: {name: x}`, else its key (compose does not prefix external
 * networks with the project name).
 */
function networkName(network: Entry, entries: readonly Entry[], external: Entry): string {
  const named = scalarText(entries.find((e) => e.key === "name")?.value);
  if (named !== undefined) return resolveDefaults(named).value;
  if (isMap(external.value)) {
    const legacy = scalarText(external.value.get("name", true));
    if (legacy !== undefined) return resolveDefaults(legacy).value;
  }
  return network.key;
}

export const externalNetwork: Rule = {
  meta: {
    id: "external-network",
    severity: "info",
    scope: "pipeline",
    fixable: false,
    docs: {
      title: {
        en: "External networks must exist on the VM before the deploy",
        fr: "Les réseaux externes doivent exister sur la VM avant le déploiement",
      },
      description: {
        en: "Compose does not create a network declared `external: true`: it expects to find it. On a new Elestio VM (or after the network was removed) the deploy stops until someone creates it over SSH with `docker network create <name>`. Create it once on the VM, or drop `external` and let compose create a network for the project.",
        fr: "Compose ne crée pas un réseau déclaré `external: true` : il s'attend à le trouver. Sur une nouvelle VM Elestio (ou après la suppression du réseau), le déploiement s'arrête tant que personne ne l'a créé en SSH avec `docker network create <nom>`. Créez-le une fois sur la VM, ou retirez `external` et laissez compose créer un réseau pour le projet.",
      },
      log: "network shared_saas declared as external, but could not be found",
    },
  },
  check({ model, report }) {
    for (const doc of model.documents) {
      if (!isMap(doc.contents)) continue;
      const networks = mapEntries(doc.contents, doc).find((e) => e.key === "networks");
      if (!isMap(networks?.value)) continue;
      for (const network of mapEntries(networks.value, doc)) {
        if (!isMap(network.value)) continue;
        const entries = mapEntries(network.value, doc);
        const external = entries.find((e) => e.key === "external");
        if (!external || !isExternal(external.value)) continue;
        const name = networkName(network, entries, external);
        const start = external.keyNode.range![0];
        // A block map's range ends past its last line break: the report stops at its last character.
        let end = Math.max(external.keyNode.range![1], external.value?.range?.[1] ?? 0);
        while (end > start && /\s/.test(model.text[end - 1])) end--;
        const log = `network ${name} declared as external, but could not be found`;
        report({
          start,
          end,
          log,
          message: {
            en: `Network "${name}" is external: compose does not create it. It must exist on the VM before the deploy (docker network create ${name}), else the deploy stops with: ${log}`,
            fr: `Le réseau « ${name} » est externe : compose ne le crée pas. Il doit exister sur la VM avant le déploiement (docker network create ${name}), sinon le déploiement s'arrête sur : ${log}`,
          },
        });
      }
    }
  },
};
