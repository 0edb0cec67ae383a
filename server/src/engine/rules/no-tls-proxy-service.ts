import { removeEntry, removeItems } from "../compose/edits.js";
import { serviceDependencies } from "../compose/dependsOn.js";
import { anchorsDefinedIn, entrySpan, scalarText, seqItems, type ComposeModel, type Entry, type Service } from "../compose/model.js";
import { serviceReservedPort, tlsProxyKind, type TlsProxyKind } from "../compose/services.js";
import { RESERVED_PORT_LOG } from "../logLines.js";
import type { OffsetEdit } from "../text.js";
import type { Rule } from "./types.js";

type ReferenceKey = "depends_on" | "links";

/**
 * What a service's `depends_on` or `links` names (aliases and merge keys
 * followed): the list items, with their source nodes, or the entries of a
 * long-form `depends_on`. `depends_on` as compose/dependsOn.ts reads it; a
 * `links` entry is `nginx` or `nginx:alias`.
 */
function referencesOf(model: ComposeModel, service: Service, key: ReferenceKey) {
  if (key === "depends_on") {
    const dependencies = serviceDependencies(model, service);
    if (dependencies.length === 0) return undefined;
    const entry = dependencies[0].dependsOn;
    if (dependencies[0].form === "map") return { form: "map" as const, entry, entries: dependencies.flatMap((d) => d.entry ?? []) };
    return { form: "list" as const, entry, items: dependencies.flatMap((d) => (d.source ? [{ name: d.target.trim(), source: d.source }] : [])) };
  }
  const entry = service.get(key);
  if (!entry) return undefined;
  const items = seqItems(entry.value, service.document).map(({ item, source }) => ({ name: scalarText(item)?.split(":")[0].trim(), source }));
  return { form: "list" as const, entry, items };
}

/**
 * Edits that remove the references to `name` from the other services'
 * `depends_on` and `links`. A list (or long-form `depends_on`) whose every
 * reference names a removed service goes whole, the same edit in every
 * finding's fix, so that fix-all leaves no empty key.
 */
function referenceRemovals(model: ComposeModel, name: string, removed: ReadonlySet<string>, referencing: ReadonlyMap<string, readonly Service[]>): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const other of referencing.get(name) ?? []) {
    if (other.name === name) continue;
    for (const key of ["depends_on", "links"] as const) {
      const references = referencesOf(model, other, key);
      if (!references) continue;
      if (references.form === "list") {
        const { entry, items } = references;
        const targets = items.filter((item) => item.name === name);
        if (targets.length === 0) continue;
        const allRemoved = items.every((item) => item.name !== undefined && removed.has(item.name));
        edits.push(...removeItems(model, entry, (allRemoved ? items : targets).map((item) => item.source)));
      } else {
        const { entry, entries } = references;
        const target = entries.find((e) => e.key === name);
        if (!target) continue;
        const allRemoved = entries.every((e) => removed.has(e.key));
        edits.push(removeEntry(model, allRemoved ? entry : target));
      }
    }
  }
  // A `depends_on` shared through an anchor is reached from every service using it: one edit each.
  return edits.filter((edit, i) => edits.findIndex((e) => e.start === edit.start && e.end === edit.end && e.newText === edit.newText) === i);
}

/**
 * For each name, the services whose `depends_on` or `links` may name it (in
 * file order): one pass over the services, so that removing several proxies
 * does not scan every service once per proxy.
 */
function referencingServices(model: ComposeModel): Map<string, Service[]> {
  const referencing = new Map<string, Service[]>();
  const add = (name: string | undefined, service: Service) => {
    if (name === undefined) return;
    const list = referencing.get(name);
    if (!list) referencing.set(name, [service]);
    else if (list[list.length - 1] !== service) list.push(service);
  };
  for (const service of model.services) {
    for (const key of ["depends_on", "links"] as const) {
      const references = referencesOf(model, service, key);
      if (references?.form === "list") for (const item of references.items) add(item.name, service);
      else if (references) for (const entry of references.entries) add(entry.key, service);
    }
  }
  return referencing;
}

/** True when an anchor defined in the entry is used outside `start..end`: removing the entry would break the alias. */
function anchorsUsedOutside(model: ComposeModel, entry: Entry, start: number, end: number): boolean {
  const anchors = anchorsDefinedIn(entry);
  if (anchors.length === 0) return false;
  const outside = model.text.slice(0, start) + model.text.slice(end);
  return anchors.some((anchor) => outside.includes(`*${anchor}`));
}

/**
 * The message a flagged service gets: a service publishing 80/443 fails to
 * bind it, whatever it is; else an ACME client is redundant, and a proxy
 * mounting /etc/letsencrypt handles TLS that Elestio's proxy already does.
 */
function messageOf(kind: TlsProxyKind, port: number | undefined): "reservedPort" | "acme" | "tlsProxy" {
  if (port !== undefined) return "reservedPort";
  return kind === "acme" ? "acme" : "tlsProxy";
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
        en: "On every VM, Elestio's proxy, `elestio-nginx` (OpenResty), already holds ports 80 and 443, obtains and renews the Let's Encrypt certificates of the pipeline's domains and forwards their requests to `172.17.0.1:<port>`. A proxy of your own (nginx, Traefik, Caddy, HAProxy) on 80/443 cannot bind them, so the deploy fails; a certbot or other ACME client is redundant, and in standalone mode its renewals try to bind port 80 and fail. An nginx serving another port behind Elestio's proxy, as in Elestio's own templates, is no problem.",
        fr: "Sur chaque VM, le proxy d'Elestio, `elestio-nginx` (OpenResty), occupe déjà les ports 80 et 443, obtient et renouvelle les certificats Let's Encrypt des domaines du pipeline et transmet les requêtes de ces domaines à `172.17.0.1:<port>`. Votre propre proxy (nginx, Traefik, Caddy, HAProxy) sur 80/443 ne peut pas y écouter et le déploiement échoue ; un certbot ou un autre client ACME est superflu, et en mode standalone ses renouvellements tentent d'écouter sur le port 80 et échouent. Un nginx qui sert un autre port derrière le proxy d'Elestio, comme dans les modèles d'Elestio, ne pose pas de problème.",
      },
      log: "failed to bind host port for 0.0.0.0:80 - address already in use",
      // no-reserved-host-port's line: one problem for a pasted one, linking the port entries and the proxies publishing the port.
      logPattern: RESERVED_PORT_LOG,
      fix: { en: "Remove the service and what refers to it", fr: "Supprimer le service et ce qui y fait référence" },
      manualFix: {
        en: "Remove the service (and the `depends_on` and `links` naming it), then point Elestio's proxy at the app's own port in the dashboard.",
        fr: "Supprimez le service (et les `depends_on` et `links` qui le nomment), puis indiquez au proxy d'Elestio le port de l'application dans le dashboard.",
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
        en: 'Service "{{service}}" mounts /etc/letsencrypt: Elestio\'s proxy already handles TLS certificates. Remove it.',
        fr: "Le service « {{service}} » monte /etc/letsencrypt : le proxy d'Elestio gère déjà les certificats TLS. Supprimez-le.",
      },
    },
  },
  check({ model, report }) {
    const flagged = model.services.map((service) => ({ service, kind: tlsProxyKind(service) })).filter((f) => f.kind !== undefined);
    const removed = new Set(flagged.map((f) => f.service.name));
    const referencing = flagged.length > 0 ? referencingServices(model) : new Map<string, Service[]>();
    for (const { service, kind } of flagged) {
      const port = serviceReservedPort(service);
      const messageId = messageOf(kind!, port);
      let edits: OffsetEdit[] | undefined;
      // A service merged into `services:` from an anchor is not removed here: the anchor may serve elsewhere.
      if (!service.entry.merged) {
        const removal = removeEntry(model, service.entry);
        if (!anchorsUsedOutside(model, service.entry, removal.start, removal.end)) {
          edits = [removal, ...referenceRemovals(model, service.name, removed, referencing)];
        }
      }
      report({
        start: service.keyNode.range![0],
        end: service.keyNode.range![1],
        // Its removal takes the ports with it: the port rules' findings inside the service are this fault.
        covers: entrySpan(model.text, service.entry),
        // A proxy or certbot that publishes no reserved port breaks nothing the pipeline prints.
        log: port !== undefined ? `failed to bind host port for 0.0.0.0:${port} - address already in use` : null,
        messageId,
        data: port !== undefined ? { service: service.name, port } : { service: service.name },
        fix: edits && {
          title: { en: `Remove service "${service.name}"`, fr: `Supprimer le service « ${service.name} »` },
          edits,
        },
      });
    }
  },
};
