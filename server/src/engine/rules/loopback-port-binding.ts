import { bindingSpan, bindToAddressEdit, ELESTIO_BRIDGE_ADDRESS, isLoopbackAddress, reservedHostPort, servicePorts } from "../compose/ports.js";
import type { Rule } from "./types.js";

export const loopbackPortBinding: Rule = {
  meta: {
    id: "loopback-port-binding",
    severity: "info",
    scope: "pipeline",
    fixable: true,
    docs: {
      title: {
        en: "A port bound to 127.0.0.1 is out of reach of Elestio's proxy",
        fr: "Un port lié à 127.0.0.1 est hors de portée du proxy d'Elestio",
      },
      description: {
        en: "Elestio's reverse proxy forwards to `172.17.0.1:<port>`, the VM's Docker bridge. A port bound to `127.0.0.1` (or `::1`, `localhost`) only listens on the VM's loopback: the proxy cannot reach it, and if it is the web port, the site answers 502 Bad Gateway. That is fine for a port you only reach through an SSH tunnel; otherwise bind it to `172.17.0.1`.",
        fr: "Le reverse proxy d'Elestio transmet à `172.17.0.1:<port>`, le pont Docker de la VM. Un port lié à `127.0.0.1` (ou `::1`, `localhost`) n'écoute que sur la boucle locale de la VM : le proxy ne peut pas le joindre et, si c'est le port web, le site répond 502 Bad Gateway. C'est correct pour un port que vous n'atteignez que par un tunnel SSH ; sinon, liez-le à `172.17.0.1`.",
      },
      log: "502 Bad Gateway",
      fix: { en: "Bind to 172.17.0.1", fr: "Lier à 172.17.0.1" },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const bindings = servicePorts(service);
      for (const binding of bindings) {
        if (!binding.hostIpKnown || !isLoopbackAddress(binding.hostIp)) continue;
        if (reservedHostPort(binding) !== undefined) continue;
        // The same container port also bound to the bridge: the proxy reaches it there, this one is for local use.
        if (bindings.some((other) => other.target === binding.target && other.hostIp === ELESTIO_BRIDGE_ADDRESS)) continue;
        const port = binding.published ? String(binding.published[0]) : binding.target;
        const edit = bindToAddressEdit(model, binding);
        report({
          ...bindingSpan(model, binding),
          message: {
            en: `Port ${port} is bound to ${binding.hostIp}: Elestio's proxy forwards to ${ELESTIO_BRIDGE_ADDRESS} and cannot reach it, so if this is the web port the site answers 502 Bad Gateway. Fine for a port you only use through an SSH tunnel; otherwise bind it to ${ELESTIO_BRIDGE_ADDRESS}.`,
            fr: `Le port ${port} est lié à ${binding.hostIp} : le proxy d'Elestio transmet à ${ELESTIO_BRIDGE_ADDRESS} et ne peut pas le joindre ; si c'est le port web, le site répond 502 Bad Gateway. C'est correct pour un port utilisé seulement par un tunnel SSH ; sinon, liez-le à ${ELESTIO_BRIDGE_ADDRESS}.`,
          },
          fix: edit && { title: { en: `Bind to ${ELESTIO_BRIDGE_ADDRESS}`, fr: `Lier à ${ELESTIO_BRIDGE_ADDRESS}` }, edits: [edit] },
        });
      }
    }
  },
};
