import { hostNetworkName, networkDeclarations } from "../compose/networks.js";
import type { Rule } from "./types.js";

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
      logPattern: { patterns: [/network\s+"?([^\s"]+?)"?\s+declared as external,?\s+but could not be found/i] },
      manualFix: {
        en: "Create the network once on the VM, over SSH: `docker network create <name>`.",
        fr: "Créez le réseau une fois sur la VM, en SSH : `docker network create <nom>`.",
      },
    },
  },
  check({ model, report }) {
    for (const network of networkDeclarations(model)) {
      if (network.external !== true || !network.externalSpan) continue;
      const name = hostNetworkName(network)!;
      const log = `network ${name} declared as external, but could not be found`;
      report({
        ...network.externalSpan,
        log,
        message: {
          en: `Network "${name}" is external: compose does not create it. It must exist on the VM before the deploy (docker network create ${name}), else the deploy stops with: ${log}`,
          fr: `Le réseau « ${name} » est externe : compose ne le crée pas. Il doit exister sur la VM avant le déploiement (docker network create ${name}), sinon le déploiement s'arrête sur : ${log}`,
        },
      });
    }
  },
};
