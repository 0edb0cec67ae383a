import { formatScalar } from "../compose/edits.js";
import { dependencyCycles, undefinedReferenceLog, undefinedReferences, type CycleReference, type DependencyCycle, type NamedReferenceKind, type UndefinedReference } from "../compose/undefinedReferences.js";
import { withComposeLog, type Localized } from "../i18n/index.js";
import { editDistance, maxSuggestionDistance, normalizeName } from "../suggest.js";
import type { Fix, LogPattern, Rule } from "./types.js";

/** How a service names another, in a sentence. */
const NAMES_SERVICE: Record<Exclude<NamedReferenceKind, "network" | "volume" | "secret" | "build_secret" | "config" | "extends">, Localized> = {
  depends_on: { en: "depends on", fr: "dépend de" },
  links: { en: "links to", fr: "a un lien (links) vers" },
  volumes_from: { en: "takes the volumes (volumes_from) of", fr: "reprend les volumes (volumes_from) de" },
  network_mode: { en: "shares the network stack (network_mode) of", fr: "partage la pile réseau (network_mode) de" },
  ipc: { en: "shares the IPC namespace (ipc) of", fr: "partage l'espace de noms IPC (ipc) de" },
  pid: { en: "shares the process namespace (pid) of", fr: "partage l'espace de noms des processus (pid) de" },
  uts: { en: "shares the host name namespace (uts) of", fr: "partage l'espace de noms du nom d'hôte (uts) de" },
};

function referenceSentence(reference: UndefinedReference, documents: number): Localized {
  const s = reference.service.name;
  const n = reference.name;
  const noService = { en: "but the file defines no service of that name", fr: "mais le fichier ne définit aucun service de ce nom" };
  switch (reference.kind) {
    case "extends":
      return documents > 1
        ? { en: `Service "${s}" extends "${n}", but its YAML document defines no service of that name (compose looks in the same document).`, fr: `Le service « ${s} » étend « ${n} », mais son document YAML ne définit aucun service de ce nom (compose le cherche dans le même document).` }
        : { en: `Service "${s}" extends "${n}", ${noService.en}.`, fr: `Le service « ${s} » étend « ${n} », ${noService.fr}.` };
    case "network":
      return { en: `Service "${s}" joins the network "${n}", which is not declared under the top-level networks.`, fr: `Le service « ${s} » rejoint le réseau « ${n} », qui n'est pas déclaré dans la section networks de premier niveau.` };
    case "volume":
      return { en: `Service "${s}" mounts the named volume "${n}", which is not declared under the top-level volumes.`, fr: `Le service « ${s} » monte le volume nommé « ${n} », qui n'est pas déclaré dans la section volumes de premier niveau.` };
    case "secret":
      return { en: `Service "${s}" uses the secret "${n}", which is not declared under the top-level secrets.`, fr: `Le service « ${s} » utilise le secret « ${n} », qui n'est pas déclaré dans la section secrets de premier niveau.` };
    case "build_secret":
      return { en: `The build of service "${s}" uses the secret "${n}", which is not declared under the top-level secrets.`, fr: `Le build du service « ${s} » utilise le secret « ${n} », qui n'est pas déclaré dans la section secrets de premier niveau.` };
    case "config":
      return { en: `Service "${s}" uses the config "${n}", which is not declared under the top-level configs.`, fr: `Le service « ${s} » utilise la config « ${n} », qui n'est pas déclarée dans la section configs de premier niveau.` };
    default: {
      const verb = NAMES_SERVICE[reference.kind];
      return { en: `Service "${s}" ${verb.en} "${n}", ${noService.en}.`, fr: `Le service « ${s} » ${verb.fr} « ${n} », ${noService.fr}.` };
    }
  }
}

/** Services of a cycle a message names at most: a longer one (generated files) is cut, else each of its thousands of findings would name all of them. */
const MAX_NAMED = 8;

/** `a -> b -> a`, or for a long cycle its first services and its last, `a -> b -> … -> z -> a`. */
function shortPath(path: readonly string[]): string {
  if (path.length <= MAX_NAMED) return path.join(" -> ");
  return [...path.slice(0, MAX_NAMED - 2), "…", ...path.slice(-2)].join(" -> ");
}

function cycleSentence(cycle: DependencyCycle, { reference }: CycleReference): Localized {
  const s = reference.service.name;
  const n = reference.target;
  const verb = NAMES_SERVICE[reference.kind as keyof typeof NAMES_SERVICE];
  if (s === n) return { en: `Service "${s}" ${verb.en} itself, so it can never start.`, fr: `Le service « ${s} » ${verb.fr} lui-même : il ne peut jamais démarrer.` };
  const path = shortPath(cycle.path);
  return {
    en: `Service "${s}" ${verb.en} "${n}", which leads back to "${s}" through the cycle ${path}, so no service of the cycle can start first.`,
    fr: `Le service « ${s} » ${verb.fr} « ${n} », qui ramène à « ${s} » par le cycle ${path} : aucun service du cycle ne peut démarrer en premier.`,
  };
}

/** The one defined name close to the reference's (never the service itself, for a service); undefined when none or several are. */
function closestName(reference: UndefinedReference): string | undefined {
  const { name } = reference;
  const self = reference.section === "services" ? reference.service.name : undefined;
  const max = maxSuggestionDistance(name.length);
  const wanted = normalizeName(name);
  const close = reference.defined.filter(
    (candidate) => candidate !== self && (normalizeName(candidate) === wanted || (Math.abs(candidate.length - name.length) <= max && editDistance(name, candidate) <= max)),
  );
  return close.length === 1 ? close[0] : undefined;
}

/** Comparisons of a missing name with a defined one, at most, per file. */
const SUGGESTION_BUDGET = 200_000;

/** Characters a name may have to be written as it is in any scalar and in any part of one. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function fixFor(reference: UndefinedReference, target: string): Fix | undefined {
  const { scalar, span } = reference;
  if (!reference.literal || !scalar) return undefined;
  // The list would name it twice (compose's schema wants unique items), or the map hold the key twice; a volume may be mounted twice.
  if (reference.kind !== "volume" && reference.siblings.includes(target)) return undefined;
  // A literal name is in a plain or quoted scalar. Alone in a plain one, the name is quoted if YAML would read it otherwise (`true`, `1`);
  // inside quotes or beside other text (`db:alias`), it must need no escape and keep the rest as it was.
  let newText: string;
  if (reference.whole && scalar.type === "PLAIN") newText = formatScalar(target, "PLAIN");
  else if (SAFE_NAME.test(target)) newText = target;
  else return undefined;
  return { title: { en: `Change to "${target}"`, fr: `Remplacer par « ${target} »` }, edits: [{ start: span.start, end: span.end, newText }] };
}

/** A pasted line and a finding's own name the same fault: quotes aside (older compose left the service unquoted), the file's path aside, a cycle's services in any order. */
function sameFault(pasted: string, own: string): boolean {
  const cycle = (line: string) => {
    const match = /^dependency cycle detected:\s*(.*)$/i.exec(line);
    return match && [...new Set(match[1].split(/\s*->\s*/).map((name) => name.trim()))].sort().join(" ");
  };
  const a = cycle(pasted);
  const b = cycle(own);
  if (a !== null || b !== null) return a === b;
  const plain = (line: string) => line.replace(/"/g, "").replace(/^(cannot extend service \S+) in .+?: service/i, "$1: service").replace(/\s+/g, " ").trim();
  return plain(pasted) === plain(own);
}

const LOG_PATTERN: LogPattern = {
  patterns: [
    /(service\s+"[^"]+"\s+depends on undefined service\s+"?[^\s":]+"?)/i,
    /(service\s+"[^"]+"\s+refers to undefined (?:network|volume|secret|config|build secret)\s+[^\s:]+)/i,
    // The same file's service only: `not found in <file>` is another file's.
    /(cannot extend service\s+"[^"]+"\s+in\s+.+?:\s+service\s+"[^"]+"\s+not found)(?!\s+in\s)/i,
    /(dependency cycle detected:\s*[\w.-]+(?:\s*->\s*[\w.-]+)+)/i,
  ],
  sameFault,
};

export const undefinedReference: Rule = {
  meta: {
    id: "undefined-reference",
    severity: "error",
    scope: "all",
    fixable: true,
    docs: {
      title: {
        en: "Undefined services, networks, volumes, secrets or configs, and dependency cycles",
        fr: "Services, réseaux, volumes, secrets ou configs non définis, et cycles de dépendances",
      },
      description: {
        en: "Compose checks every name a service gives before it starts anything. A service named by `depends_on`, `links`, `volumes_from`, `network_mode: service:<name>` or `extends` (without `file`) must be defined under `services`; a network a service joins, a named volume it mounts (`data:/var/lib/data`, not a path), a secret or a config it uses must be declared at the top level (`default` is the one network that needs no declaration, and `external: true` ones count as declared). A typo, or a name changed in one place only, makes compose refuse the whole project (`invalid compose project`); services whose dependencies lead back to themselves are refused too (`dependency cycle detected`). A name decided by a variable without a default is not judged, `${DB:-db}` is judged by its default, and a service disabled by `profiles` still counts as defined.",
        fr: "Compose vérifie chaque nom que donne un service avant de démarrer quoi que ce soit. Un service nommé par `depends_on`, `links`, `volumes_from`, `network_mode: service:<nom>` ou `extends` (sans `file`) doit être défini sous `services` ; un réseau que rejoint un service, un volume nommé qu'il monte (`data:/var/lib/data`, pas un chemin), un secret ou une config qu'il utilise doivent être déclarés au premier niveau (`default` est le seul réseau qui n'a pas besoin de déclaration, et ceux en `external: true` comptent comme déclarés). Une faute de frappe, ou un nom changé à un seul endroit, fait refuser tout le projet par compose (`invalid compose project`) ; des services dont les dépendances ramènent à eux-mêmes sont refusés aussi (`dependency cycle detected`). Un nom décidé par une variable sans valeur par défaut n'est pas jugé, `${DB:-db}` l'est d'après sa valeur par défaut, et un service désactivé par `profiles` compte comme défini.",
      },
      log: 'service "web" depends on undefined service "cache": invalid compose project',
      logPattern: LOG_PATTERN,
      fix: {
        en: "Change the name to the defined one it most likely means, when exactly one is that close; otherwise define what is missing, or correct the name",
        fr: "Remplacer le nom par le nom défini qu'il désigne sans doute, quand un seul en est aussi proche ; sinon, définir ce qui manque ou corriger le nom",
      },
    },
  },
  check({ model, project, isPipeline, report }) {
    // Compose names the file in `extends`' line: on the pipeline, the dashboard's copy it writes in the app's folder.
    const file = isPipeline ? "/opt/app/<project>/docker-compose.yml" : (project?.filePath ?? "docker-compose.yml");
    const references = undefinedReferences(model);
    // Each name is compared with every defined one: past a budget (a generated file with thousands), no more suggestions, so no more fixes.
    let budget = SUGGESTION_BUDGET;
    const suggestions = references.map((reference) => {
      budget -= reference.defined.length;
      return budget >= 0 ? closestName(reference) : undefined;
    });
    // Two names of a service's list or map that would both become the same one: neither answer is certain.
    const services = new Map(model.services.map((service, index) => [service, index]));
    const rivalKey = (i: number) => `${services.get(references[i].service)}:${references[i].kind}:${suggestions[i]}`;
    const sharing = new Map<string, number>();
    suggestions.forEach((target, i) => {
      if (target !== undefined) sharing.set(rivalKey(i), (sharing.get(rivalKey(i)) ?? 0) + 1);
    });
    references.forEach((reference, i) => {
      const log = undefinedReferenceLog(reference, file);
      const target = suggestions[i];
      const rivals = target !== undefined && sharing.get(rivalKey(i))! > 1;
      report({
        ...reference.span,
        log,
        message: withComposeLog(referenceSentence(reference, model.documents.length), log),
        fix: target !== undefined && !rivals ? fixFor(reference, target) : undefined,
      });
    });
    for (const cycle of dependencyCycles(model)) {
      for (const reference of cycle.references) {
        // compose's line names the whole cycle: the message, the short form (`log` keeps it whole).
        const shown = cycle.path.length <= MAX_NAMED ? cycle.log : `dependency cycle detected: ${shortPath(cycle.path)}`;
        report({ ...reference.span, log: cycle.log, message: withComposeLog(cycleSentence(cycle, reference), shown) });
      }
    }
  },
};
