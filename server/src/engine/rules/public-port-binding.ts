import { scalarText } from "../compose/model.js";
import { bindingSpan, bindToAddressEdit, isPublicAddress, reservedHostPort, servicePorts, type PortBinding } from "../compose/ports.js";
import { isDatabaseImage, isDatabasePort, serviceImage } from "../compose/services.js";
import type { Rule } from "./types.js";

/**
 * Container ports of protocols Elestio's HTTP proxy does not carry, which
 * clients must reach on the VM's own address: SSH, SMTP, DNS, POP3, IMAP,
 * RTMP live streams, STUN/TURN. Publishing them is the point, not a leak.
 */
const DIRECT_PROTOCOL_PORTS = new Set([22, 25, 53, 110, 143, 465, 587, 993, 995, 1935, 3478, 5349]);

/** The first container port of a binding (`8000` for `8000-8001`), when it is a number. */
function targetPort(binding: PortBinding): number | undefined {
  const match = /^(\d+)/.exec(binding.target.trim());
  return match ? Number(match[1]) : undefined;
}

function describePort(binding: PortBinding): { en: string; fr: string } {
  if (binding.published) {
    const [low, high] = binding.published;
    const ports = low === high ? `${low}` : `${low}-${high}`;
    return { en: `Port ${ports} is published`, fr: `Le port ${ports} est publié` };
  }
  if (binding.randomHostPort) {
    return { en: `Container port ${binding.target} is published on a random host port`, fr: `Le port ${binding.target} du conteneur est publié sur un port hôte aléatoire` };
  }
  if (binding.target) return { en: `Container port ${binding.target} is published`, fr: `Le port ${binding.target} du conteneur est publié` };
  // Both sides come from variables without defaults (`${PORT}:${PORT}`): name the entry as written.
  const written = scalarText(binding.reportNode) ?? "";
  return { en: `Port "${written}" is published`, fr: `Le port « ${written} » est publié` };
}

export const publicPortBinding: Rule = {
  meta: {
    id: "public-port-binding",
    severity: "warning",
    scope: "pipeline",
    fixable: true,
    docs: {
      title: {
        en: "Bind published ports to 172.17.0.1, not to every interface",
        fr: "Lier les ports publiés à 172.17.0.1, pas à toutes les interfaces",
      },
      description: {
        en: "A port published without an address (`\"8000:8000\"`, or `0.0.0.0`, `::`) is open on the VM's public IP: anyone reaches the app on `http://<ip>:8000`, without Elestio's proxy and its TLS. Django then answers `Invalid HTTP_HOST header: '<ip>:8000'` (DisallowedHost), and a database port is exposed to the internet. Elestio's proxy forwards to `172.17.0.1`, the VM's Docker bridge: bind to `\"172.17.0.1:8000:8000\"`, as Elestio's own templates do.",
        fr: "Un port publié sans adresse (`\"8000:8000\"`, ou `0.0.0.0`, `::`) est ouvert sur l'IP publique de la VM : n'importe qui joint l'application sur `http://<ip>:8000`, sans le proxy d'Elestio ni son TLS. Django répond alors `Invalid HTTP_HOST header: '<ip>:8000'` (DisallowedHost), et un port de base de données est exposé à Internet. Le proxy d'Elestio transmet à `172.17.0.1`, le pont Docker de la VM : liez à `\"172.17.0.1:8000:8000\"`, comme les templates d'Elestio.",
      },
      log: "Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.",
      fix: { en: "Bind to 172.17.0.1", fr: "Lier à 172.17.0.1" },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const image = serviceImage(service);
      for (const binding of servicePorts(service)) {
        if (!binding.hostIpKnown || !isPublicAddress(binding.hostIp)) continue;
        // 80/443 are no-reserved-host-port's finding; UDP and mail, SSH, TURN... are meant to be public.
        if (reservedHostPort(binding) !== undefined || binding.protocol !== "tcp") continue;
        const target = targetPort(binding);
        if (target !== undefined && DIRECT_PROTOCOL_PORTS.has(target)) continue;
        const database = isDatabaseImage(image) || (target !== undefined && isDatabasePort(target, image));
        const what = describePort(binding);
        const shown = binding.published ? String(binding.published[0]) : "<port>";
        const edit = bindToAddressEdit(model, binding);
        report({
          ...bindingSpan(model, binding),
          message: database
            ? {
                en: `${what.en} on every interface: it exposes the database to the internet on the VM's public IP. Bind it to 172.17.0.1 (the VM and Elestio's proxy still reach it), or drop the port if only other services of this file use it.`,
                fr: `${what.fr} sur toutes les interfaces : la base de données est exposée à Internet sur l'IP publique de la VM. Liez-le à 172.17.0.1 (la VM et le proxy d'Elestio le joignent toujours), ou retirez le port si seuls d'autres services de ce fichier l'utilisent.`,
              }
            : {
                en: `${what.en} on every interface: it is open on the VM's public IP, bypassing Elestio's proxy and its TLS. A request to http://<ip>:${shown} reaches the container directly: that is how Django's "Invalid HTTP_HOST header: '<ip>:${shown}'" (DisallowedHost) happens. Bind it to 172.17.0.1, where Elestio's proxy forwards.`,
                fr: `${what.fr} sur toutes les interfaces : il est ouvert sur l'IP publique de la VM, en contournant le proxy d'Elestio et son TLS. Une requête vers http://<ip>:${shown} atteint directement le conteneur : c'est ainsi qu'arrive le « Invalid HTTP_HOST header: '<ip>:${shown}' » (DisallowedHost) de Django. Liez-le à 172.17.0.1, où le proxy d'Elestio transmet.`,
              },
          fix: edit && { title: { en: "Bind to 172.17.0.1", fr: "Lier à 172.17.0.1" }, edits: [edit] },
        });
      }
    }
  },
};
