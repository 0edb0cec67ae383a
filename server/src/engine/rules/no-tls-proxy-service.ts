import { breaksAliases, removeEntry, removeItems } from "../compose/edits.js";
import { serviceDependencies } from "../compose/dependsOn.js";
import { entrySpan, seqItems, type ComposeModel, type Entry, type Service } from "../compose/model.js";
import { NAMESPACE_KEYS, serviceLinks, serviceReferences, serviceVolumesFrom, type ServiceReferenceKind } from "../compose/references.js";
import { scalarValue } from "../compose/scalars.js";
import { serviceReservedPort } from "../compose/services.js";
import { tlsProxies, type TlsProxy } from "../compose/tlsProxies.js";
import { RESERVED_PORT_LOG } from "../logLines.js";
import type { OffsetEdit } from "../text.js";
import type { Report, Rule } from "./types.js";

/** The keys whose list items name services: `depends_on` (list form), `links` (`name`, `name:alias`), `volumes_from` (`name`, `name:ro`, `service:name`). */
type ListKey = "depends_on" | "links" | "volumes_from";

const LEGACY_SERVICE_PREFIX = /^service:([^:]+)/;

/** A reference written as a list item (an alias stays an alias), with the service it names (undefined for a `container:` item, which names none). */
interface ListReference {
  source: ReturnType<typeof seqItems>[number]["source"];
  target: string | undefined;
}

/**
 * What a service's list-valued key names, item by item as written (aliases
 * stay aliases, merges followed), with the names as references.ts reads
 * them; undefined without the key or in another form (`depends_on`'s map).
 */
function listReferences(model: ComposeModel, service: Service, key: ListKey): { entry: Entry; items: ListReference[] } | undefined {
  const names = new Map<unknown, string | undefined>();
  if (key === "depends_on") {
    const dependencies = serviceDependencies(model, service);
    if (dependencies.length === 0 || dependencies[0].form !== "list") return undefined;
    for (const d of dependencies) names.set(d.targetNode, scalarValue(model.text, d.targetNode)?.value.trim() ?? d.target.trim());
  } else if (key === "links") {
    for (const link of serviceLinks(model, service)) names.set(link.item.node, link.target);
  } else {
    // Compose v1's `service:<name>[:mode]` names a service too (compose v2 reads `service` as the name and refuses it).
    for (const from of serviceVolumesFrom(model, service)) names.set(from.item.node, from.kind === "service" ? (LEGACY_SERVICE_PREFIX.exec(from.item.value)?.[1] ?? from.target) : undefined);
  }
  const entry = service.get(key);
  if (!entry) return undefined;
  return { entry, items: seqItems(entry.value, service.document).map(({ item, source }) => ({ source, target: names.get(item) })) };
}

/** How a service names another (references.ts's kinds), by name: one pass over the file, however many services are removed. */
type ReferenceIndex = ReadonlyMap<string, readonly { service: Service; kind: ServiceReferenceKind }[]>;

function referenceIndex(model: ComposeModel): ReferenceIndex {
  const index = new Map<string, { service: Service; kind: ServiceReferenceKind }[]>();
  const add = (name: string, service: Service, kind: ServiceReferenceKind) => {
    const list = index.get(name);
    if (list) list.push({ service, kind });
    else index.set(name, [{ service, kind }]);
  };
  for (const reference of serviceReferences(model)) add(reference.target, reference.service, reference.kind);
  for (const service of model.services) {
    for (const from of serviceVolumesFrom(model, service)) {
      const legacy = from.kind === "service" ? LEGACY_SERVICE_PREFIX.exec(from.item.value)?.[1] : undefined;
      if (legacy !== undefined) add(legacy, service, "volumes_from");
    }
  }
  return index;
}

/**
 * Edits that remove every reference to the removed service `name` from the
 * other services: the items of `depends_on`, `links` and `volumes_from`
 * naming it, the entries of a long-form `depends_on`, and `network_mode`,
 * `ipc`, `pid` or `uts: service:<name>` (the service then gets its own
 * stack). A key whose every reference names a removed service goes whole,
 * the same edit in every finding's fix, so that fix-all leaves no empty key.
 * Undefined when another service `extends` it: what to keep of it is the
 * user's call.
 */
function referenceRemovals(model: ComposeModel, name: string, removed: ReadonlySet<string>, index: ReferenceIndex): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [];
  const referencing = new Set<Service>();
  for (const { service, kind } of index.get(name) ?? []) {
    if (service.name === name) continue;
    if (kind === "extends") return undefined;
    if (kind === "network_mode" || (NAMESPACE_KEYS as readonly string[]).includes(kind)) {
      const entry = service.get(kind);
      if (entry) edits.push(removeEntry(model, entry));
    } else referencing.add(service);
  }
  for (const service of referencing) {
    for (const key of ["depends_on", "links", "volumes_from"] as const) {
      const list = listReferences(model, service, key);
      if (list) {
        const targets = list.items.filter((item) => item.target === name);
        if (targets.length === 0) continue;
        const allRemoved = list.items.every((item) => item.target !== undefined && removed.has(item.target));
        edits.push(...removeItems(model, list.entry, (allRemoved ? list.items : targets).map((item) => item.source)));
        continue;
      }
      if (key !== "depends_on") continue;
      // The long form: compose reads its keys as written.
      const dependencies = serviceDependencies(model, service);
      const target = dependencies.find((d) => d.target === name);
      if (!target?.entry) continue;
      const allRemoved = dependencies.every((d) => removed.has(d.target));
      edits.push(removeEntry(model, allRemoved ? target.dependsOn : target.entry));
    }
  }
  // A key shared through an anchor is reached from every service using it: one edit each.
  return edits.filter((edit, i) => edits.findIndex((e) => e.start === edit.start && e.end === edit.end && e.newText === edit.newText) === i);
}

/** The fix's edits: the service and every reference to it; undefined when they cannot be made safely. */
function removalEdits(model: ComposeModel, service: Service, removed: ReadonlySet<string>, index: ReferenceIndex): OffsetEdit[] | undefined {
  const references = referenceRemovals(model, service.name, removed, index);
  if (!references) return undefined;
  // The references are in the other services and each edit once (see referenceRemovals): none lies inside another; overlapping edits would be a mistake.
  const edits = [removeEntry(model, service.entry), ...references];
  const overlapping = edits.some((edit, i) => edits.some((other, j) => j !== i && edit.start < other.end && other.start < edit.end));
  // An anchor removed with the service (or a reference) and used elsewhere would break the alias.
  return overlapping || breaksAliases(model, edits) ? undefined : edits;
}

/**
 * The fixes of the reported services. `removed` is the set of those that
 * can be removed, which decides whether a key naming several of them goes
 * whole: worked out again until no fix depends on a service that has none.
 */
function fixesOf(model: ComposeModel, proxies: readonly TlsProxy[]): Map<Service, OffsetEdit[]> {
  const index = referenceIndex(model);
  // A service merged into `services:` from an anchor is not removed here: the anchor may serve elsewhere.
  let removable = proxies.map((p) => p.service).filter((service) => !service.entry.merged);
  for (let round = 0; round < 4; round++) {
    const removed = new Set(removable.map((service) => service.name));
    const fixes = new Map<Service, OffsetEdit[]>();
    for (const service of removable) {
      const edits = removalEdits(model, service, removed, index);
      if (edits) fixes.set(service, edits);
    }
    if (fixes.size === removable.length) return fixes;
    removable = removable.filter((service) => fixes.has(service));
  }
  return new Map();
}

/** The message and its data for a reported service: a reserved port first (its bind failure is what the deploy prints). */
function messageOf(proxy: TlsProxy, port: number | undefined): Pick<Report, "messageId" | "data"> {
  const service = proxy.service.name;
  const { evidence } = proxy;
  if (port !== undefined) return { messageId: "reservedPort", data: { service, port } };
  switch (evidence.type) {
    case "host-network":
      return { messageId: "hostNetwork", data: { service } };
    case "certificates":
      return { messageId: "tlsProxy", data: { service, path: evidence.path } };
    case "acme-setting":
      return { messageId: "acmeSetting", data: { service, setting: evidence.setting } };
    case "certresolver":
      return { messageId: "certresolver", data: { service, app: evidence.service } };
    case "companion":
      return { messageId: "companion", data: { service } };
    default:
      return { messageId: "acme", data: { service } };
  }
}

export const noTlsProxyService: Rule = {
  meta: {
    id: "no-tls-proxy-service",
    severity: "error",
    scope: "pipeline",
    fixable: true,
    supersedes: ["no-reserved-host-port", "public-port-binding", "loopback-port-binding"],
    docs: {
      title: {
        en: "No reverse proxy or certbot doing Elestio's job",
        fr: "Pas de reverse proxy ni de certbot qui fasse le travail d'Elestio",
      },
      description: {
        en: "On every VM, Elestio's proxy, `elestio-nginx` (OpenResty), already holds ports 80 and 443, obtains and renews the Let's Encrypt certificates of the pipeline's domains and forwards their requests to `172.17.0.1:<port>`. A proxy of your own (nginx, Traefik, Caddy, HAProxy, BunkerWeb, https-portal, nginx-proxy) on 80/443 or in `network_mode: host` cannot bind them, so the deploy fails; a certbot, acme-companion or a proxy set up to get certificates (a Traefik `certresolver`, `AUTO_LETS_ENCRYPT=yes`, a mounted `/etc/letsencrypt`) is redundant, and in standalone mode its renewals try to bind port 80 and fail. An nginx or Traefik serving another port behind Elestio's proxy, as in Elestio's own templates, is no problem.",
        fr: "Sur chaque VM, le proxy d'Elestio, `elestio-nginx` (OpenResty), occupe déjà les ports 80 et 443, obtient et renouvelle les certificats Let's Encrypt des domaines du pipeline et transmet les requêtes de ces domaines à `172.17.0.1:<port>`. Votre propre proxy (nginx, Traefik, Caddy, HAProxy, BunkerWeb, https-portal, nginx-proxy) sur 80/443 ou en `network_mode: host` ne peut pas y écouter et le déploiement échoue ; un certbot, un acme-companion ou un proxy configuré pour obtenir des certificats (un `certresolver` Traefik, `AUTO_LETS_ENCRYPT=yes`, un `/etc/letsencrypt` monté) est superflu, et en mode standalone ses renouvellements tentent d'écouter sur le port 80 et échouent. Un nginx ou un Traefik qui sert un autre port derrière le proxy d'Elestio, comme dans les modèles d'Elestio, ne pose pas de problème.",
      },
      log: "failed to bind host port for 0.0.0.0:80 - address already in use",
      // no-reserved-host-port's line: one problem for a pasted one, linking the port entries and the proxies publishing the port.
      logPattern: RESERVED_PORT_LOG,
      fix: { en: "Remove the service and what refers to it", fr: "Supprimer le service et ce qui y fait référence" },
      manualFix: {
        en: "Remove the service (and the `depends_on`, `links`, `volumes_from` and `network_mode: service:` naming it), then point Elestio's proxy at the app's own port in the dashboard.",
        fr: "Supprimez le service (et les `depends_on`, `links`, `volumes_from` et `network_mode: service:` qui le nomment), puis indiquez au proxy d'Elestio le port de l'application dans le dashboard.",
      },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n  nginx:\n    image: nginx:alpine\n    ports:\n      - "80:80"\n      - "443:443"\n    depends_on:\n      - web\n  certbot:\n    image: certbot/certbot\n',
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
      },
    },
    messages: {
      reservedPort: {
        en: 'Service "{{service}}" publishes port {{port}}, taken by Elestio\'s proxy: the deploy fails. Remove it.',
        fr: "Le service « {{service}} » publie le port {{port}}, pris par le proxy d'Elestio : le déploiement échoue. Supprimez-le.",
      },
      acme: {
        en: 'Service "{{service}}" is redundant: Elestio\'s proxy already gets and renews TLS certificates. Remove it.',
        fr: "Le service « {{service}} » est superflu : le proxy d'Elestio obtient et renouvelle déjà les certificats TLS. Supprimez-le.",
      },
      tlsProxy: {
        en: 'Service "{{service}}" mounts {{path}}: Elestio\'s proxy already handles TLS certificates. Remove it.',
        fr: "Le service « {{service}} » monte {{path}} : le proxy d'Elestio gère déjà les certificats TLS. Supprimez-le.",
      },
      acmeSetting: {
        en: 'Service "{{service}}" gets TLS certificates ({{setting}}), as Elestio\'s proxy does. Remove it.',
        fr: "Le service « {{service}} » obtient des certificats TLS ({{setting}}), comme le proxy d'Elestio. Supprimez-le.",
      },
      certresolver: {
        en: 'Service "{{service}}" gets certificates for "{{app}}" (certresolver), as Elestio\'s proxy does. Remove it.',
        fr: "Le service « {{service}} » obtient les certificats de « {{app}} » (certresolver), comme le proxy d'Elestio. Supprimez-le.",
      },
      companion: {
        en: 'Service "{{service}}" only serves a reverse proxy of your own, which Elestio\'s proxy replaces. Remove it.',
        fr: "Le service « {{service}} » ne sert qu'à votre propre reverse proxy, que remplace celui d'Elestio. Supprimez-le.",
      },
      hostNetwork: {
        en: 'Web server "{{service}}" is in network_mode: host: it collides with Elestio\'s proxy on port 80. Remove it.',
        fr: "Le serveur web « {{service}} » en network_mode: host entre en conflit avec le proxy d'Elestio sur le port 80. Supprimez-le.",
      },
    },
  },
  check({ model, report }) {
    const proxies = tlsProxies(model);
    if (proxies.length === 0) return;
    const fixes = fixesOf(model, proxies);
    for (const proxy of proxies) {
      const { service } = proxy;
      // In `network_mode: host` compose ignores `ports:`: the web server binds the VM's ports itself.
      const port = proxy.evidence.type === "host-network" ? undefined : serviceReservedPort(service);
      const edits = fixes.get(service);
      report({
        start: service.keyNode.range![0],
        end: service.keyNode.range![1],
        // Its removal takes the ports with it: the port rules' findings inside the service are this fault.
        covers: entrySpan(model.text, service.entry),
        // A proxy or certbot that publishes no reserved port breaks nothing the pipeline prints.
        log: port !== undefined ? `failed to bind host port for 0.0.0.0:${port} - address already in use` : null,
        ...messageOf(proxy, port),
        fix: edits && {
          title: { en: `Remove service "${service.name}"`, fr: `Supprimer le service « ${service.name} »` },
          edits,
        },
      });
    }
  },
};
