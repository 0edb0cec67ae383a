import { usesHostNetwork } from "../compose/serviceNetworks.js";
import { removeItems } from "../compose/edits.js";
import { seqItems } from "../compose/model.js";
import { bindingSpan, reservedHostPort, servicePorts, type PortBinding } from "../compose/ports.js";
import { RESERVED_PORT_LOG } from "../logLines.js";
import type { Rule } from "./types.js";

/** The address Docker prints in its bind error: the binding's own, or 0.0.0.0 for every interface. */
function bindAddress(binding: PortBinding): string {
  const address = binding.hostIpKnown && binding.hostIp ? binding.hostIp : "0.0.0.0";
  return address.includes(":") ? `[${address}]` : address;
}

export const noReservedHostPort: Rule = {
  meta: {
    id: "no-reserved-host-port",
    severity: "error",
    scope: "pipeline",
    fixable: true,
    reads: "service",
    docs: {
      title: {
        en: "No host port 80 or 443: Elestio's proxy holds them",
        fr: "Pas de port hôte 80 ni 443 : le proxy d'Elestio les occupe",
      },
      description: {
        en: "On every Elestio VM, the reverse proxy `elestio-nginx` (OpenResty) listens on ports 80 and 443, terminates TLS with Let's Encrypt certificates and forwards each domain's requests to `172.17.0.1:<port>`. Docker cannot bind a host port that another process holds, so the container does not start. Publish the app on another port bound to `172.17.0.1` and make that port the proxy's target in the dashboard.",
        fr: "Sur chaque VM Elestio, le reverse proxy `elestio-nginx` (OpenResty) écoute sur les ports 80 et 443, assure la terminaison TLS avec des certificats Let's Encrypt et envoie les requêtes de chaque domaine à `172.17.0.1:<port>`. Docker ne peut pas publier un port hôte qu'un autre processus occupe déjà : le conteneur ne démarre pas. Publiez l'application sur un autre port lié à `172.17.0.1` et indiquez ce port comme cible du proxy dans le dashboard.",
      },
      log: "failed to bind host port for 0.0.0.0:80 - address already in use",
      logPattern: RESERVED_PORT_LOG,
      fix: { en: "Remove the port", fr: "Supprimer le port" },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    ports:\n      - "80:8000"\n      - "172.17.0.1:8000:8000"\n',
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
      },
    },
    messages: {
      reservedPort: {
        en: "Host port {{port}} belongs to Elestio's proxy: the deploy fails (\"address already in use\"). Remove it.",
        fr: "Le port hôte {{port}} appartient au proxy d'Elestio : le déploiement échoue (« address already in use »). Supprimez-le.",
      },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      // In network_mode host compose ignores `ports:`: host-network-mode reports the service.
      if (usesHostNetwork(model, service)) continue;
      const portsEntry = service.get("ports");
      if (!portsEntry) continue;
      const bindings = servicePorts(service);
      const reserved = bindings.filter((b) => reservedHostPort(b) !== undefined);
      if (reserved.length === 0) continue;
      const everyEntryReserved = seqItems(portsEntry.value, service.document).length === reserved.length;
      for (const binding of reserved) {
        const port = reservedHostPort(binding)!;
        const log = `failed to bind host port for ${bindAddress(binding)}:${port} - address already in use`;
        // When every entry goes, each finding removes the whole `ports:` (fix-all dedupes the identical edit).
        const items = everyEntryReserved ? reserved.map((b) => b.node) : [binding.node];
        report({
          ...bindingSpan(model, binding),
          log,
          messageId: "reservedPort",
          data: { port },
          fix: { title: { en: `Remove port ${port}`, fr: `Supprimer le port ${port}` }, edits: removeItems(model, portsEntry, items) },
        });
      }
    }
  },
};
