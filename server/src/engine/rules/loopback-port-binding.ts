import { usesHostNetwork } from "../compose/serviceNetworks.js";
import { bindingSpan, bindToAddressEdit, ELESTIO_BRIDGE_ADDRESS, isLoopbackAddress, reservedHostPort, servicePorts } from "../compose/ports.js";
import { isDatabaseBinding, serviceImage } from "../compose/services.js";
import type { Rule } from "./types.js";

export const loopbackPortBinding: Rule = {
  meta: {
    id: "loopback-port-binding",
    severity: "info",
    scope: "pipeline",
    fixable: true,
    reads: "service",
    docs: {
      title: {
        en: "A port bound to 127.0.0.1 is out of reach of Elestio's proxy",
        fr: "Un port lié à 127.0.0.1 est hors de portée du proxy d'Elestio",
      },
      description: {
        en: "Elestio's reverse proxy sends requests to `172.17.0.1:<port>`, the VM's Docker bridge. A port bound to `127.0.0.1` (or `::1`, `localhost`) listens only on the VM's loopback, so the browser gets `502 Bad Gateway` when it is the web port. That suits a port you only reach through an SSH tunnel; bound to `172.17.0.1`, a port stays out of the internet's reach too.",
        fr: "Le reverse proxy d'Elestio envoie les requêtes à `172.17.0.1:<port>`, le pont Docker de la VM. Un port lié à `127.0.0.1` (ou `::1`, `localhost`) n'écoute que sur la boucle locale de la VM : le navigateur reçoit `502 Bad Gateway` si c'est le port web. Cela convient pour un port que vous n'atteignez que par un tunnel SSH ; lié à `172.17.0.1`, un port reste lui aussi hors d'atteinte depuis Internet.",
      },
      log: "502 Bad Gateway",
      logSource: "browser",
      fix: { en: "Bind to 172.17.0.1", fr: "Lier à 172.17.0.1" },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    ports:\n      - "127.0.0.1:8000:8000"\n',
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
      },
    },
    messages: {
      loopback: {
        en: "Port {{port}} is bound to {{address}}: Elestio's proxy cannot reach it (502 if it serves the site). Bind it to 172.17.0.1.",
        fr: "Le port {{port}} est lié à {{address}} : le proxy d'Elestio ne peut pas le joindre (502 s'il sert le site). Liez-le à 172.17.0.1.",
      },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      // In network_mode host compose ignores `ports:`: host-network-mode reports the service.
      if (usesHostNetwork(model, service)) continue;
      const bindings = servicePorts(service);
      const image = serviceImage(service);
      for (const binding of bindings) {
        if (!binding.hostIpKnown || !isLoopbackAddress(binding.hostIp)) continue;
        // A database never sits behind Elestio's proxy: on the loopback it is reached through an SSH tunnel, as it should be.
        if (isDatabaseBinding(binding, image)) continue;
        if (reservedHostPort(binding) !== undefined) continue;
        // The same container port also bound to the bridge: the proxy reaches it there, this one is for local use.
        if (bindings.some((other) => other.target === binding.target && other.hostIp === ELESTIO_BRIDGE_ADDRESS)) continue;
        const port = binding.published ? String(binding.published[0]) : binding.target;
        const edit = bindToAddressEdit(model, binding);
        report({
          ...bindingSpan(model, binding),
          messageId: "loopback",
          data: { port, address: binding.hostIp ?? "" },
          fix: edit && { title: { en: `Bind to ${ELESTIO_BRIDGE_ADDRESS}`, fr: `Lier à ${ELESTIO_BRIDGE_ADDRESS}` }, edits: [edit] },
        });
      }
    }
  },
};
