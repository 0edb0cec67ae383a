import { privilegedCapabilities, servicePrivileged } from "../compose/privileges.js";
import type { Rule } from "./types.js";

export const privilegedContainer: Rule = {
  meta: {
    id: "privileged-container",
    severity: "warning",
    scope: "all",
    fixable: false,
    reads: "service",
    docs: {
      title: {
        en: "No privileged container, no `SYS_ADMIN` or `ALL` capability",
        fr: "Pas de conteneur privilégié, ni de capacité `SYS_ADMIN` ou `ALL`",
      },
      description: {
        en: "`privileged: true` gives the container every capability and every device of the VM, without the isolation Docker sets up: a process in it can mount the VM's disks and load kernel modules, so it controls the VM and every app on it. `cap_add: [ALL]` does as much, and `SYS_ADMIN` nearly as much (mounts, namespaces). A few apps need it (a VPN server, Docker in Docker); most run without it.",
        fr: "`privileged: true` donne au conteneur toutes les capacités et tous les périphériques de la VM, sans l'isolation que Docker met en place : un processus du conteneur peut monter les disques de la VM et charger des modules du noyau, il contrôle donc la VM et chaque application qu'elle héberge. `cap_add: [ALL]` en fait autant, et `SYS_ADMIN` presque autant (montages, espaces de noms). Quelques applications en ont besoin (un serveur VPN, Docker dans Docker) ; la plupart s'en passent.",
      },
      manualFix: {
        en: "Remove `privileged` (or the capability) and grant only what the app uses: the capabilities it needs (`cap_add: [NET_ADMIN]` for a VPN), the devices it opens (`devices:`).",
        fr: "Supprimez `privileged` (ou la capacité) et n'accordez que ce dont l'application se sert : les capacités qu'il lui faut (`cap_add: [NET_ADMIN]` pour un VPN), les périphériques qu'elle ouvre (`devices:`).",
      },
      example: {
        invalid: "services:\n  vpn:\n    image: example/vpn\n    privileged: true\n",
        valid: "services:\n  vpn:\n    image: example/vpn\n    cap_add:\n      - NET_ADMIN\n    devices:\n      - /dev/net/tun\n",
      },
    },
    messages: {
      privileged: {
        en: 'Service "{{service}}" is privileged: it can take over the VM. Remove privileged unless the app requires it.',
        fr: "Le service « {{service}} » est privilégié : il peut prendre le contrôle de la VM. Retirez privileged sauf si l'application l'exige.",
      },
      capability: {
        en: 'Service "{{service}}" adds capability {{capability}}: it can take over the VM. Add only those the app needs.',
        fr: "Le service « {{service}} » ajoute la capacité {{capability}} : il peut prendre le contrôle de la VM. N'ajoutez que celles qu'il lui faut.",
      },
    },
  },
  check({ model, report }) {
    // Nothing fails at deploy time: no log line.
    for (const service of model.services) {
      const privileged = servicePrivileged(model, service);
      // `false`, or a variable without a default (nothing known): not reported.
      if (privileged?.value === true) report({ ...privileged.span, messageId: "privileged", data: { service: service.name } });
      for (const capability of privilegedCapabilities(model, service)) {
        report({ ...capability.span, messageId: "capability", data: { service: service.name, capability: capability.name } });
      }
    }
  },
};
