import { hostNetworkName, networkDeclarations } from "../compose/networks.js";
import type { Rule } from "./types.js";

export const externalNetwork: Rule = {
  meta: {
    id: "external-network",
    severity: "info",
    scope: "pipeline",
    fixable: false,
    reads: "service",
    docs: {
      title: {
        en: "External networks must exist on the VM before the deploy",
        fr: "Les réseaux externes doivent exister sur la VM avant le déploiement",
      },
      description: {
        en: "`external: true` tells compose that the network already exists, shared with other projects: compose never creates it. A new Elestio VM (or one where the network was removed) does not have it, so every deploy stops until someone creates it over SSH.",
        fr: "`external: true` indique à compose que le réseau existe déjà, partagé avec d'autres projets : compose ne le crée jamais. Une nouvelle VM Elestio (ou une VM dont le réseau a été supprimé) ne l'a pas, et chaque déploiement s'arrête tant que personne ne l'a créé en SSH.",
      },
      log: "network shared_saas declared as external, but could not be found",
      logPattern: { patterns: [/network\s+"?([^\s"]+?)"?\s+declared as external,?\s+but could not be found/i] },
      manualFix: {
        en: "Create the network once on the VM, over SSH (`docker network create <name>`), or remove `external: true` if no other project on the VM uses it.",
        fr: "Créez le réseau une fois sur la VM, en SSH (`docker network create <nom>`), ou retirez `external: true` si aucun autre projet de la VM ne l'utilise.",
      },
      example: {
        invalid: "services:\n  web:\n    build: .\n    networks:\n      - shared\nnetworks:\n  shared:\n    external: true\n",
        valid: "services:\n  web:\n    build: .\n    networks:\n      - shared\nnetworks:\n  shared:\n    driver: bridge\n",
      },
    },
    messages: {
      external: {
        en: 'Network "{{network}}" is external: the deploy stops unless the VM has it. Create it there first.',
        fr: "Le réseau « {{network}} » est externe : le déploiement s'arrête si la VM ne l'a pas. Créez-le d'abord sur la VM.",
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
        messageId: "external",
        data: { network: name },
      });
    }
  },
};
