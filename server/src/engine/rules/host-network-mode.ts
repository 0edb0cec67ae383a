import { servicePorts } from "../compose/ports.js";
import { serviceNetworkMode } from "../compose/serviceNetworks.js";
import { webServerKind } from "../compose/services.js";
import type { Rule } from "./types.js";

export const hostNetworkMode: Rule = {
  meta: {
    id: "host-network-mode",
    severity: "warning",
    scope: "pipeline",
    fixable: false,
    reads: "service",
    docs: {
      title: {
        en: "No service on the VM's network (`network_mode: host`)",
        fr: "Pas de service sur le réseau de la VM (`network_mode: host`)",
      },
      description: {
        en: "With `network_mode: host` the container shares the VM's network stack: every port its processes listen on is open on the VM's public IP, outside Elestio's proxy and its TLS. The service's `ports:` are then ignored, so nothing can bind it to `172.17.0.1` instead. A process listening on 80 or 443 collides with Elestio's proxy, which holds them, and does not start.",
        fr: "Avec `network_mode: host`, le conteneur partage la pile réseau de la VM : chaque port sur lequel ses processus écoutent est ouvert sur l'IP publique de la VM, hors du proxy d'Elestio et de son TLS. Les `ports:` du service sont alors ignorés, si bien que rien ne peut le lier à `172.17.0.1`. Un processus qui écoute sur le port 80 ou 443 entre en conflit avec le proxy d'Elestio, qui les occupe, et ne démarre pas.",
      },
      manualFix: {
        en: 'Remove `network_mode: host` and publish the port the proxy forwards to on `172.17.0.1` (`"172.17.0.1:8000:8000"`); the other services reach it by its service name. Keep host mode only for a tool that needs the VM\'s network (a VPN, network monitoring).',
        fr: "Supprimez `network_mode: host` et publiez sur `172.17.0.1` le port vers lequel le proxy envoie les requêtes (`\"172.17.0.1:8000:8000\"`) ; les autres services le joignent par son nom de service. Ne gardez le mode host que pour un outil qui a besoin du réseau de la VM (un VPN, une supervision réseau).",
      },
      example: {
        invalid: "services:\n  web:\n    build: .\n    network_mode: host\n",
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
      },
    },
    messages: {
      hostNetwork: {
        en: 'Service "{{service}}" uses network_mode host: every port it opens is public. Use ports: on 172.17.0.1 instead.',
        fr: "Le service « {{service}} » utilise network_mode host : chaque port qu'il ouvre est public. Publiez plutôt ses ports sur 172.17.0.1.",
      },
      ignoredPorts: {
        en: 'Service "{{service}}" uses network_mode host: ports: is ignored, every port it opens is public. Drop host mode.',
        fr: "Le service « {{service}} » utilise network_mode host : ports: est ignoré, chaque port qu'il ouvre est public. Retirez network_mode.",
      },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const mode = serviceNetworkMode(model, service);
      if (mode?.kind !== "host") continue;
      // A web server or proxy in host mode takes the VM's 80/443: no-tls-proxy-service reports it, one finding per fault.
      if (webServerKind(service) !== undefined) continue;
      // The pipeline does not fail (the app may, in its own logs, on a port the VM already uses): no log line.
      report({
        ...mode.span,
        messageId: servicePorts(service).length > 0 ? "ignoredPorts" : "hostNetwork",
        data: { service: service.name },
      });
    }
  },
};
