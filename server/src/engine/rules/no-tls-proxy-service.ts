import { removeEntry, removeItems } from "../compose/edits.js";
import { serviceDependencies } from "../compose/dependsOn.js";
import { anchorsDefinedIn, entrySpan, scalarText, seqItems, type ComposeModel, type Entry, type Service } from "../compose/model.js";
import { serviceReservedPort, tlsProxyKind } from "../compose/services.js";
import type { Localized } from "../i18n/index.js";
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

function reasonOf(kind: "acme" | "proxy", service: Service): { en: string; fr: string; port?: number } {
  if (kind === "acme") {
    return { en: "obtains Let's Encrypt certificates", fr: "obtient des certificats Let's Encrypt" };
  }
  const port = serviceReservedPort(service);
  if (port !== undefined) return { en: `is a reverse proxy publishing port ${port}`, fr: `est un reverse proxy qui publie le port ${port}`, port };
  return { en: "is a reverse proxy handling TLS certificates (it mounts /etc/letsencrypt)", fr: "est un reverse proxy qui gère des certificats TLS (il monte /etc/letsencrypt)" };
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
        en: "Elestio already runs the reverse proxy and Let's Encrypt on every VM: `elestio-nginx` (OpenResty) holds ports 80 and 443, issues and renews certificates for the pipeline's domains and forwards them to `172.17.0.1:<port>`. An nginx, Traefik, Caddy or HAProxy service on 80/443, or a certbot/ACME client, duplicates it and breaks the deploy (`port 80 address already in use`). Remove the service and let Elestio's proxy reach the app's port. An nginx serving another port behind Elestio's proxy (as in Elestio's own templates) is fine.",
        fr: "Elestio fait déjà tourner le reverse proxy et Let's Encrypt sur chaque VM : `elestio-nginx` (OpenResty) occupe les ports 80 et 443, obtient et renouvelle les certificats des domaines du pipeline et les transmet à `172.17.0.1:<port>`. Un service nginx, Traefik, Caddy ou HAProxy sur 80/443, ou un client certbot/ACME, le double et casse le déploiement (`port 80 address already in use`). Supprimez le service et laissez le proxy d'Elestio joindre le port de l'application. Un nginx qui sert un autre port derrière le proxy d'Elestio (comme dans les templates d'Elestio) est correct.",
      },
      log: "failed to bind host port for 0.0.0.0:80 - address already in use",
      // no-reserved-host-port's line: one problem for a pasted one, linking the port entries and the proxies publishing the port.
      logPattern: RESERVED_PORT_LOG,
      fix: { en: "Remove the service and the references to it", fr: "Supprimer le service et les références à celui-ci" },
    },
  },
  check({ model, report }) {
    const flagged = model.services.map((service) => ({ service, kind: tlsProxyKind(service) })).filter((f) => f.kind !== undefined);
    const removed = new Set(flagged.map((f) => f.service.name));
    const referencing = flagged.length > 0 ? referencingServices(model) : new Map<string, Service[]>();
    for (const { service, kind } of flagged) {
      const reason = reasonOf(kind!, service);
      const log = reason.port !== undefined ? `failed to bind host port for 0.0.0.0:${reason.port} - address already in use` : undefined;
      const symptom: Localized =
        log !== undefined
          ? {
              en: `the deploy fails with "${log}" (port ${reason.port} address already in use)`,
              fr: `le déploiement échoue avec « ${log} » (port ${reason.port} déjà utilisé)`,
            }
          : {
              en: 'a second one only competes with it (the guide\'s "port 80 address already in use" came from such nginx and certbot services)',
              fr: "un second ne fait que lui faire concurrence (le « port 80 address already in use » du guide venait de tels services nginx et certbot)",
            };
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
        log,
        message: {
          en: `Service "${service.name}" ${reason.en}: Elestio already runs the reverse proxy (elestio-nginx, OpenResty) on ports 80 and 443 and Let's Encrypt for your domains, so ${symptom.en}. Remove it; Elestio's proxy forwards to your app's port on 172.17.0.1.`,
          fr: `Le service « ${service.name} » ${reason.fr} : Elestio fait déjà tourner le reverse proxy (elestio-nginx, OpenResty) sur les ports 80 et 443 et Let's Encrypt pour vos domaines, donc ${symptom.fr}. Supprimez-le ; le proxy d'Elestio transmet au port de votre application sur 172.17.0.1.`,
        },
        fix: edits && {
          title: { en: `Remove service "${service.name}"`, fr: `Supprimer le service « ${service.name} »` },
          edits,
        },
      });
    }
  },
};
