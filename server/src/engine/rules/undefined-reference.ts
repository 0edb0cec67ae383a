import { formatScalar } from "../compose/edits.js";
import { dependencyCycles, undefinedReferenceLog, undefinedReferences, type NamedReferenceKind, type UndefinedReference } from "../compose/undefinedReferences.js";
import { editDistance, maxSuggestionDistance, normalizeName } from "../suggest.js";
import type { Fix, LogPattern, Report, Rule } from "./types.js";

/** The key a service names the reference under, as written in the file: the message's words for its kind. */
const KEY_OF: Record<NamedReferenceKind, string> = {
  depends_on: "depends_on",
  links: "links",
  volumes_from: "volumes_from",
  network_mode: "network_mode",
  ipc: "ipc",
  pid: "pid",
  uts: "uts",
  extends: "extends",
  network: "networks",
  volume: "volumes",
  secret: "secrets",
  build_secret: "build.secrets",
  config: "configs",
};

/** The message of a name compose cannot find: a service, or a top-level declaration; with the defined name it most likely means. */
function referenceMessage(reference: UndefinedReference, closest: string | undefined, documents: number): Pick<Report, "messageId" | "data"> {
  const { name } = reference;
  // A name the service already gives beside this one is no suggestion: the list would name it twice (a volume may be mounted twice).
  const suggestion = closest !== undefined && (reference.kind === "volume" || !reference.siblings.includes(closest)) ? closest : undefined;
  const key = KEY_OF[reference.kind];
  if (reference.kind === "extends" && documents > 1 && suggestion === undefined) return { messageId: "extendsOtherDocument", data: { name } };
  if (reference.section === "services") {
    return suggestion === undefined ? { messageId: "undefinedService", data: { name, key } } : { messageId: "undefinedServiceSuggestion", data: { name, key, suggestion } };
  }
  const section = reference.section;
  return suggestion === undefined ? { messageId: "undeclared", data: { name, section } } : { messageId: "undeclaredSuggestion", data: { name, section, suggestion } };
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

/** A pasted line and a finding's own name the same fault: quotes aside (older compose left the service unquoted), the file's path aside, a cycle's services in any order (both are the log pattern's matches, which end on a name: nothing to trim). */
function sameFault(pasted: string, own: string): boolean {
  const cycle = (line: string) => {
    const match = /^dependency cycle detected:\s*(.*)$/i.exec(line);
    return match && [...new Set(match[1].split(/\s*->\s*/))].sort().join(" ");
  };
  const a = cycle(pasted);
  const b = cycle(own);
  if (a !== null || b !== null) return a === b;
  const plain = (line: string) => line.replace(/"/g, "").replace(/\s+/g, " ").replace(/^(cannot extend service \S+) in .+?: service/i, "$1: service");
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
        en: "Compose resolves every name a service gives before it starts anything, and refuses the whole project (`invalid compose project`) when one is missing: a service named by `depends_on`, `links`, `volumes_from`, `network_mode: service:<name>` or `extends` (without `file`) must be defined under `services`, and a network, named volume (`data:/data`, not a path), secret or config declared at the top level (`default` and `external: true` ones count). A typo, or a name changed in one place only, is the usual cause; services whose dependencies lead back to themselves are refused too (`dependency cycle detected`). A name a variable decides is judged by its default (`${DB:-db}`), not at all without one, and a service disabled by `profiles` still counts as defined.",
        fr: "Compose résout chaque nom que donne un service avant de démarrer quoi que ce soit, et refuse tout le projet (`invalid compose project`) dès qu'un nom manque : un service nommé par `depends_on`, `links`, `volumes_from`, `network_mode: service:<nom>` ou `extends` (sans `file`) doit être défini sous `services`, et un réseau, un volume nommé (`data:/data`, pas un chemin), un secret ou une config déclarés au premier niveau (`default` et ceux en `external: true` comptent). Une faute de frappe, ou un nom changé à un seul endroit, en est la cause habituelle ; des services dont les dépendances ramènent à eux-mêmes sont refusés aussi (`dependency cycle detected`). Un nom décidé par une variable est jugé d'après sa valeur par défaut (`${DB:-db}`), pas du tout sans elle, et un service désactivé par `profiles` compte comme défini.",
      },
      log: 'service "web" depends on undefined service "cache": invalid compose project',
      logPattern: LOG_PATTERN,
      fix: { en: "Change the name to the defined one it most likely means", fr: "Remplacer le nom par le nom défini qu'il désigne sans doute" },
      manualFix: { en: "Define or declare what is missing, or correct the name", fr: "Définissez ou déclarez ce qui manque, ou corrigez le nom" },
      example: {
        invalid: "services:\n  web:\n    image: nginx\n    depends_on:\n      - cach\n  cache:\n    image: redis\n",
        valid: "services:\n  web:\n    image: nginx\n    depends_on:\n      - cache\n  cache:\n    image: redis\n",
      },
    },
    messages: {
      undefinedService: {
        en: 'Undefined service "{{name}}" in {{key}}: compose refuses the file. Define it or correct the name.',
        fr: "Service « {{name}} » non défini dans {{key}} : compose refuse le fichier. Définissez-le ou corrigez le nom.",
      },
      undefinedServiceSuggestion: {
        en: 'Undefined service "{{name}}" in {{key}}: compose refuses the file. Did you mean "{{suggestion}}"?',
        fr: "Service « {{name}} » non défini dans {{key}} : compose refuse le fichier. Vouliez-vous dire « {{suggestion}} » ?",
      },
      extendsOtherDocument: {
        en: 'No service "{{name}}" in this YAML document, where extends looks: compose refuses the file.',
        fr: "Aucun service « {{name}} » dans ce document YAML, où extends le cherche : compose refuse le fichier.",
      },
      undeclared: {
        en: '"{{name}}" is not declared in the top-level {{section}}: compose refuses the file. Declare it or correct the name.',
        fr: "« {{name}} » n'est pas déclaré dans la section {{section}} : compose refuse le fichier. Déclarez-le ou corrigez le nom.",
      },
      undeclaredSuggestion: {
        en: '"{{name}}" is not declared in the top-level {{section}}: compose refuses the file. Did you mean "{{suggestion}}"?',
        fr: "« {{name}} » n'est pas déclaré dans la section {{section}} : compose refuse le fichier. Vouliez-vous dire « {{suggestion}} » ?",
      },
      cycle: {
        en: '"{{service}}" depends on "{{target}}" ({{key}}) in a cycle: compose refuses the file. Break the cycle.',
        fr: "« {{service}} » dépend de « {{target}} » ({{key}}) dans un cycle : compose refuse le fichier. Rompez le cycle.",
      },
      selfCycle: {
        en: '"{{service}}" depends on itself ({{key}}): compose refuses the file. Remove this dependency.',
        fr: "« {{service}} » dépend de lui-même ({{key}}) : compose refuse le fichier. Supprimez cette dépendance.",
      },
    },
  },
  check({ model, project, isPipeline, report }) {
    // Compose names the file in `extends`' line: on the pipeline, the dashboard's copy it writes in the app's folder.
    const file = isPipeline ? "/opt/app/<pipeline>/docker-compose.yml" : (project?.filePath ?? "docker-compose.yml");
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
        ...referenceMessage(reference, target, model.documents.length),
        fix: target !== undefined && !rivals ? fixFor(reference, target) : undefined,
      });
    });
    for (const cycle of dependencyCycles(model)) {
      for (const { span, reference } of cycle.references) {
        // compose's line names the whole cycle: `log` keeps it whole, the message names the dependency.
        const service = reference.service.name;
        const key = KEY_OF[reference.kind];
        report({
          ...span,
          log: cycle.log,
          ...(service === reference.target ? { messageId: "selfCycle", data: { service, key } } : { messageId: "cycle", data: { service, target: reference.target, key } }),
        });
      }
    }
  },
};
