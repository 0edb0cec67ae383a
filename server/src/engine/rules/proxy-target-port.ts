import { ELESTIO_BRIDGE_ADDRESS, isLoopbackAddress, isPublicAddress, publishesPort, reservedHostPort, servicePorts, type PortBinding } from "../compose/ports.js";
import { serviceNetworkMode } from "../compose/serviceNetworks.js";
import type { ComposeModel } from "../compose/model.js";
import type { Rule } from "./types.js";

/** Whether Elestio's proxy may reach the binding at `172.17.0.1`: bound there, on every interface, or on an address a variable decides. TCP only: the proxy speaks HTTP. */
function reachableByProxy(binding: PortBinding): boolean {
  if (binding.protocol !== "tcp") return false;
  return !binding.hostIpKnown || binding.hostIp === ELESTIO_BRIDGE_ADDRESS || isPublicAddress(binding.hostIp);
}

/**
 * Whether the file may publish ports it does not show, or serve without
 * publishing: services from other files (`include`, `extends`), a service on
 * the host's network (it listens on 172.17.0.1 itself), or one a variable may
 * put there.
 */
function hidesPorts(model: ComposeModel): boolean {
  if (model.top.some((entry) => entry.key === "include")) return true;
  return model.services.some((service) => {
    if (service.get("extends")) return true;
    const mode = serviceNetworkMode(model, service);
    return mode !== undefined && (mode.kind === "host" || !mode.certain);
  });
}

export const proxyTargetPort: Rule = {
  meta: {
    id: "proxy-target-port",
    severity: "error",
    scope: "pipeline",
    fixable: false,
    docs: {
      title: {
        en: "The proxy's target port must be published on 172.17.0.1",
        fr: "Le port cible du proxy doit être publié sur 172.17.0.1",
      },
      description: {
        en: "Elestio's reverse proxy forwards each domain to `http://172.17.0.1:<target port>/`, the target port set in the dashboard. When no service publishes that port on the VM's Docker bridge (or on every interface), the proxy gets no answer and the browser shows `502 Bad Gateway`. List the dashboard's target ports under `proxyTargetPorts` in `.elestio-compose.json` and each one is checked; without the list, the rule only tells when nothing at all is published for the proxy.",
        fr: "Le reverse proxy d'Elestio transmet chaque domaine à `http://172.17.0.1:<port cible>/`, le port cible défini dans le dashboard. Si aucun service ne publie ce port sur le pont Docker de la VM (ou sur toutes les interfaces), le proxy n'obtient pas de réponse et le navigateur affiche `502 Bad Gateway`. Listez les ports cibles du dashboard sous `proxyTargetPorts` dans `.elestio-compose.json` : chacun est alors vérifié ; sans cette liste, la règle signale seulement qu'aucun port n'est publié pour le proxy.",
      },
      log: "502 Bad Gateway",
      logSource: "browser",
      manualFix: {
        en: 'Publish the app\'s port on the bridge with the target port as host port (`"172.17.0.1:8000:8000"`), or set the dashboard\'s target port to the one the app publishes.',
        fr: "Publiez le port de l'application sur le pont avec le port cible comme port hôte (`\"172.17.0.1:8000:8000\"`), ou définissez dans le dashboard le port cible que l'application publie.",
      },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    expose:\n      - "8000"\n',
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
      },
    },
    messages: {
      portNotPublished: {
        en: "Proxy target port {{port}} is not published on 172.17.0.1: the site answers 502. Publish it there.",
        fr: "Le port cible {{port}} du proxy n'est publié sur 172.17.0.1 par aucun service : le site répond 502. Publiez-le à cette adresse.",
      },
      portsNotPublished: {
        en: "Proxy target ports {{ports}} are not published on 172.17.0.1: the site answers 502. Publish them there.",
        fr: "Les ports cibles {{ports}} du proxy ne sont publiés sur 172.17.0.1 par aucun service : le site répond 502. Publiez-les.",
      },
      nothingPublished: {
        en: "No service publishes a TCP port on 172.17.0.1: Elestio's proxy has nothing to reach (502). Publish the web port there.",
        fr: "Aucun service ne publie de port TCP sur 172.17.0.1 : le proxy d'Elestio n'a rien à joindre (502). Publiez-y le port web.",
      },
    },
  },
  check({ model, proxyTargetPorts, report }) {
    const services = model.top.find((entry) => entry.key === "services");
    if (!services?.keyNode.range || model.services.length === 0 || hidesPorts(model)) return;
    // What a syntax error hides may publish the port: yaml-syntax reports the file, nothing is concluded from the rest.
    if (model.syntaxErrors.length > 0) return;
    const range = { start: services.keyNode.range[0], end: services.keyNode.range[1] };
    const all = model.services.flatMap((service) => servicePorts(service));
    const bindings = all.filter(reachableByProxy);
    const targets = [...new Set(proxyTargetPorts ?? [])];
    if (targets.length === 0) {
      // Without the dashboard's target ports: only a file that publishes nothing the proxy could reach,
      // and no port on the loopback, which loopback-port-binding reports where it is written, with its fix.
      const onLoopback = all.some((binding) => binding.protocol === "tcp" && binding.hostIpKnown && isLoopbackAddress(binding.hostIp) && reservedHostPort(binding) === undefined);
      if (bindings.length === 0 && !onLoopback) report({ ...range, messageId: "nothingPublished", severity: "info" });
      return;
    }
    // A port a variable decides may be the target.
    const missing = targets.filter((port) => !bindings.some((binding) => !binding.certain || publishesPort(binding, port)));
    if (missing.length === 1) report({ ...range, messageId: "portNotPublished", data: { port: missing[0] } });
    else if (missing.length > 1) report({ ...range, messageId: "portsNotPublished", data: { ports: missing.join(", ") } });
  },
};
