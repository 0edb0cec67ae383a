import { usesHostNetwork } from "../compose/serviceNetworks.js";
import { scalarText, type ComposeModel } from "../compose/model.js";
import { bindingSpan, bindToAddressEdit, containerPortText, isPublicAddress, reservedHostPort, servicePorts, type PortBinding } from "../compose/ports.js";
import { publicProtocolOf } from "../compose/publicProtocols.js";
import { isDatabaseBinding, serviceImage } from "../compose/services.js";
import type { Rule } from "./types.js";

/** An interpolation, as written. */
const VARIABLE = /\$\{[^}]*\}|\$\w+/;

/**
 * The port a message names: the host port (or range) as published; the
 * container port when Docker picks a random host port; else the variable
 * without a default that decides the host port (`${API_PORT}:4000`), as written.
 */
function shownPort(model: ComposeModel, binding: PortBinding, target: string): string {
  if (binding.published) {
    const [low, high] = binding.published;
    return low === high ? `${low}` : `${low}-${high}`;
  }
  if (binding.randomHostPort) return target;
  // The variable in the host port's own text where its offsets are known (`${BIND:-0.0.0.0}:${API_PORT}:4000` shows `${API_PORT}`, not the address's), else the entry's first.
  const written = scalarText(binding.reportNode) ?? "";
  const part = binding.parts.published;
  const hostPort = part ? model.text.slice(part.start, part.end) : "";
  return VARIABLE.exec(hostPort)?.[0] ?? VARIABLE.exec(written)?.[0] ?? target;
}

export const publicPortBinding: Rule = {
  meta: {
    id: "public-port-binding",
    severity: "warning",
    scope: "pipeline",
    fixable: true,
    reads: "service",
    docs: {
      title: {
        en: "Bind published ports to 172.17.0.1, not to every interface",
        fr: "Lier les ports publiés à 172.17.0.1, pas à toutes les interfaces",
      },
      description: {
        en: "A port published without an address (`\"8000:8000\"`, `0.0.0.0`, `::`) listens on the VM's public IP: unless a firewall in front of the VM blocks it (Docker-published ports bypass ufw), anyone reaches `http://<ip>:8000` in plain HTTP, and a Django app answers `DisallowedHost` for that host. Elestio's proxy sends requests to `172.17.0.1`, the VM's Docker bridge, where Elestio's own templates publish their ports: bound there, a port is out of the internet's reach, while the VM (and an SSH tunnel) still reach it. A database needs no published port, since the other services reach it by its service name (`db:5432`); ports of protocols the proxy does not carry (SSH, mail, DNS, VPN, RustDesk, WebRTC media, UDP) are meant to be public, and not reported.",
        fr: "Un port publié sans adresse (`\"8000:8000\"`, `0.0.0.0`, `::`) écoute sur l'IP publique de la VM : à moins qu'un pare-feu devant la VM ne le bloque (les ports publiés par Docker contournent ufw), n'importe qui joint `http://<ip>:8000` en HTTP, et une application Django répond `DisallowedHost` pour cet hôte. Le proxy d'Elestio envoie les requêtes à `172.17.0.1`, le pont Docker de la VM, là où les modèles d'Elestio publient leurs ports : lié à cette adresse, un port est hors d'atteinte depuis Internet, mais la VM (et un tunnel SSH) le joignent toujours. Une base de données n'a besoin d'aucun port publié, puisque les autres services la joignent par son nom de service (`db:5432`) ; les ports des protocoles que le proxy ne relaie pas (SSH, messagerie, DNS, VPN, RustDesk, médias WebRTC, UDP) sont faits pour être publics, et la règle ne les signale pas.",
      },
      log: "Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.",
      logSource: "app",
      fix: { en: "Bind to 172.17.0.1", fr: "Lier à 172.17.0.1" },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n  db:\n    image: postgres:16\n    ports:\n      - "172.17.0.1:5432:5432"\n',
      },
    },
    messages: {
      webPort: {
        en: "Port {{port}} is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1.",
        fr: "Le port {{port}} est ouvert sur l'IP publique de la VM, sans passer par le proxy d'Elestio ni par TLS. Liez-le à 172.17.0.1.",
      },
      randomPort: {
        en: "Container port {{port}} gets a random port on the VM's public IP, bypassing Elestio's proxy. Bind it to 172.17.0.1.",
        fr: "Le port {{port}} du conteneur est publié sur un port aléatoire de l'IP publique de la VM, hors du proxy d'Elestio. Liez-le à 172.17.0.1.",
      },
      databasePort: {
        en: "Database port {{port}} is open on the VM's public IP. Remove it, or bind it to 172.17.0.1.",
        fr: "Le port {{port}} de la base de données est ouvert sur l'IP publique de la VM. Supprimez-le, ou liez-le à 172.17.0.1.",
      },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      // In network_mode host compose ignores `ports:`: host-network-mode reports the service.
      if (usesHostNetwork(model, service)) continue;
      const image = serviceImage(service);
      for (const binding of servicePorts(service)) {
        if (!binding.hostIpKnown || !isPublicAddress(binding.hostIp)) continue;
        // No container port (`- protocol: tcp`, `"8000:"`): nothing in the container is reached; the schema and invalid-value say what is wrong.
        const target = containerPortText(model, binding);
        if (target === "") continue;
        // 80/443 are no-reserved-host-port's finding.
        if (reservedHostPort(binding) !== undefined) continue;
        // UDP, SSH, mail, VPN, RustDesk, WebRTC media...: protocols the proxy does not carry, meant to be public.
        if (publicProtocolOf(binding, image)) continue;
        const database = isDatabaseBinding(binding, image);
        const edit = bindToAddressEdit(model, binding);
        report({
          ...bindingSpan(model, binding),
          messageId: database ? "databasePort" : binding.randomHostPort ? "randomPort" : "webPort",
          data: { port: shownPort(model, binding, target) },
          // Django's DisallowedHost (the docs' example) is a web port's; an open database prints nothing.
          ...(database ? { log: null } : {}),
          fix: edit && { title: { en: "Bind to 172.17.0.1", fr: "Lier à 172.17.0.1" }, edits: [edit] },
        });
      }
    }
  },
};
