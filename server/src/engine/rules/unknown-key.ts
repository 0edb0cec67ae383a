import { editDistance } from "../suggest.js";
import type { Localized } from "../i18n/index.js";
import { formatScalar } from "../compose/edits.js";
import { itemEntries, valueEntries, writtenKeys, type ComposeModel, type Entry } from "../compose/model.js";
import { isAllowedKey, SERVICE_KEYS, TOP_LEVEL_KEYS, type KeySchema } from "../compose/spec-keys.js";
import type { Report, Rule } from "./types.js";

/** Where a map sits, for the message and for compose's own error text. */
interface PlaceText {
  /** `in service "web"`, `in healthcheck of service "web"`. */
  where: Localized;
  /** Compose's path to the map in its validation error: `(root)`, `services.web`, `services.web.healthcheck`. */
  composePath: string;
  /** A readable path inside the service (`deploy.resources`), empty for the service itself. */
  inner: string;
}

interface Place {
  /**
   * Whether compose's error names this path. Under a `oneOf` of the schema
   * (build, depends_on, ports, volumes, env_file: a string or a map) compose
   * may report the other alternative instead, so its text is not quoted.
   */
  exactLog: boolean;
  service?: string;
  /** The texts, built only for a map with an unknown key: most maps have none. */
  text(): PlaceText;
}

const TOP_PLACE: Place = {
  exactLog: true,
  text: () => ({ where: { en: "at the top level", fr: "au premier niveau" }, composePath: "(root)", inner: "" }),
};

function servicePlace(name: string): Place {
  return {
    exactLog: true,
    service: name,
    text: () => ({ where: { en: `in service "${name}"`, fr: `dans le service « ${name} »` }, composePath: `services.${name}`, inner: "" }),
  };
}

/** The place of a map nested in a service: `label` is a key, a list item (`ports[0]`) or a dependency name. */
function nestedPlace(parent: Place, label: string, composeSegment: string, exact: boolean): Place {
  const service = parent.service ?? "";
  return {
    exactLog: parent.exactLog && exact,
    service,
    text: () => {
      const outer = parent.text();
      const inner = outer.inner ? `${outer.inner}${label.startsWith("[") ? "" : "."}${label}` : label;
      return {
        where: { en: `in ${inner} of service "${service}"`, fr: `dans ${inner} du service « ${service} »` },
        composePath: `${outer.composePath}.${composeSegment}`,
        inner,
      };
    },
  };
}

/** The keys whose schema is a `oneOf` (a string or list, or a long-form map). */
const ONE_OF_KEYS = new Set(["build", "depends_on", "ports", "volumes", "env_file"]);


/** Case, `-`, `.` and spaces do not count: `Depends-On` is `depends_on`. */
function normalize(key: string): string {
  return key.toLowerCase().replace(/[-.\s]/g, "_");
}

/** How far a misspelling may be from the key it means: one edit for short keys, up to three for long ones. */
function maxDistance(length: number): number {
  if (length <= 4) return 1;
  if (length <= 9) return 2;
  return 3;
}

/** Prefix completions offered at most: beyond that the key says too little. */
const MAX_COMPLETIONS = 3;

/**
 * The keys of the set closest to `key`: one when the intent is clear, several
 * when it is ambiguous, none when nothing is near. Tried in order: the same
 * key but for case and separators (`Depends-On`), a few edits away
 * (`enviroment`), then the start of a longer key (`stop_grace`).
 */
export function suggestKeys(schema: KeySchema, key: string): string[] {
  if (schema.extensions && /^x[-_]/i.test(key)) return [`x-${key.slice(2)}`];
  const wanted = normalize(key);
  const candidates = [...schema.keys.keys()];
  const same = candidates.filter((candidate) => normalize(candidate) === wanted);
  if (same.length > 0) return same;
  let best = maxDistance(wanted.length);
  let closest: string[] = [];
  for (const candidate of candidates) {
    // A key whose length differs by more than the best distance so far cannot be closer.
    if (Math.abs(candidate.length - wanted.length) > best) continue;
    const distance = editDistance(wanted, candidate);
    if (distance > best) continue;
    if (distance < best || closest.length === 0) closest = [];
    best = distance;
    closest.push(candidate);
  }
  if (closest.length > 0) return closest;
  if (wanted.length < 3) return [];
  const completions = candidates.filter((candidate) => candidate.startsWith(wanted));
  return completions.length <= MAX_COMPLETIONS ? completions : [];
}

function quoteList(names: string[], language: "en" | "fr"): string {
  const quoted = names.map((name) => (language === "en" ? `"${name}"` : `« ${name} »`));
  if (quoted.length === 1) return quoted[0];
  const last = quoted.pop()!;
  return `${quoted.join(", ")} ${language === "en" ? "or" : "ou"} ${last}`;
}

/** A top-level key whose value has `image` or `build` is a service written outside `services:`. */
function looksLikeService(model: ComposeModel, entry: Entry): boolean {
  return valueEntries(model, entry)?.some((e) => e.key === "image" || e.key === "build") ?? false;
}

interface Unknown {
  entry: Entry;
  place: Place;
  suggestions: string[];
  /** The keys of the map as compose sees it (merges included). */
  effectiveKeys: Set<string>;
}

/** Compose's error for the key, when its text is certain (see Place.exactLog). */
function composeLog(unknown: Unknown): string | undefined {
  return unknown.place.exactLog ? `${unknown.place.text().composePath} Additional property ${unknown.entry.key} is not allowed` : undefined;
}

function message(model: ComposeModel, unknown: Unknown, atTopLevel: boolean, log: string | undefined): Localized {
  const { entry, place, suggestions } = unknown;
  const key = entry.key;
  const { where } = place.text();
  let en = `Unknown key "${key}" ${where.en}.`;
  let fr = `Clé inconnue « ${key} » ${where.fr}.`;
  if (suggestions.length > 0) {
    en += ` Did you mean ${quoteList(suggestions, "en")}?`;
    fr += ` Vouliez-vous dire ${quoteList(suggestions, "fr")} ?`;
  } else if (atTopLevel && looksLikeService(model, entry)) {
    en += " It looks like a service: services go under the services key.";
    fr += " On dirait un service : les services se placent sous la clé services.";
  }
  if (log !== undefined) {
    en += ` Compose stops with: ${log}`;
    fr += ` Compose s'arrête sur : ${log}`;
  } else {
    en += " Compose rejects the file.";
    fr += " Compose refuse le fichier.";
  }
  return { en, fr };
}

export const unknownKey: Rule = {
  meta: {
    id: "unknown-key",
    severity: "error",
    scope: "all",
    fixable: true,
    docs: {
      title: {
        en: "Unknown or misspelt compose keys",
        fr: "Clés compose inconnues ou mal orthographiées",
      },
      description: {
        en: "Compose checks every key against the Compose Specification and refuses the whole file when one is unknown: a misspelt `enviroment`, `depends-on` or `Healthcheck` stops the deployment before any container starts. Keys are checked at the top level, in services, and in the long forms of healthcheck, depends_on, build, deploy, ports, volumes and env_file; `x-*` extension keys are allowed wherever the specification allows them.",
        fr: "Compose vérifie chaque clé selon la Compose Specification et refuse tout le fichier dès qu'une clé est inconnue : un `enviroment`, un `depends-on` ou un `Healthcheck` mal orthographié arrête le déploiement avant qu'aucun conteneur ne démarre. Les clés sont vérifiées au premier niveau, dans les services et dans les formes longues de healthcheck, depends_on, build, deploy, ports, volumes et env_file ; les clés d'extension `x-*` sont acceptées partout où la spécification les autorise.",
      },
      log: "validating /opt/app/<project>/docker-compose.yml: services.web Additional property enviroment is not allowed",
      logPattern: { patterns: [/([^\s"']+\s+additional property\s+\S+)\s+is not allowed/i] },
      fix: { en: "Rename the key to the one it most likely means", fr: "Renommer la clé en celle qu'elle désigne sans doute" },
    },
  },
  check({ model, report }) {
    const unknowns: Unknown[] = [];
    // model.top holds every document's top-level entries: each document's map is checked on its own.
    const byDocument = new Map<unknown, Entry[]>();
    for (const entry of model.top) byDocument.set(entry.owner, [...(byDocument.get(entry.owner) ?? []), entry]);
    for (const entries of byDocument.values()) checkEntries(model, entries, TOP_LEVEL_KEYS, TOP_PLACE, unknowns);
    // The model has resolved each service's entries (and their `<<` merges) once already.
    for (const service of model.services) {
      if (service.map) checkEntries(model, service.entries, SERVICE_KEYS, servicePlace(service.name), unknowns);
    }
    for (const unknown of unknowns) report(toReport(model, unknown, unknowns));
  },
};

/** Records the unknown keys of a map's entries, then looks into the values the schema describes. */
function checkEntries(model: ComposeModel, entries: readonly Entry[], schema: KeySchema, place: Place, unknowns: Unknown[]): void {
  let effectiveKeys: Set<string> | undefined;
  for (const entry of entries) {
    if (!isAllowedKey(schema, entry.key)) {
      effectiveKeys ??= new Set(entries.map((e) => e.key));
      unknowns.push({ entry, place, suggestions: suggestKeys(schema, entry.key), effectiveKeys });
      continue;
    }
    const child = schema.keys.get(entry.key);
    if (!child || !entry.value) continue;
    const exact = !ONE_OF_KEYS.has(entry.key);
    const mapping = child.map || child.named ? valueEntries(model, entry) : undefined;
    if (child.map && mapping) checkEntries(model, mapping, child.map, nestedPlace(place, entry.key, entry.key, exact), unknowns);
    if (child.named && mapping) {
      const namedPlace = nestedPlace(place, entry.key, entry.key, exact);
      for (const named of mapping) {
        const namedEntries = valueEntries(model, named);
        if (namedEntries) checkEntries(model, namedEntries, child.named, nestedPlace(namedPlace, named.key, named.key, exact), unknowns);
      }
    }
    if (child.items) {
      itemEntries(model, entry)?.forEach((item, index) => {
        if (item) checkEntries(model, item, child.items!, nestedPlace(place, `${entry.key}[${index}]`, `${entry.key}.${index}`, exact), unknowns);
      });
    }
  }
}

function toReport(model: ComposeModel, unknown: Unknown, all: readonly Unknown[]): Report {
  const { entry, suggestions } = unknown;
  const [start, end] = entry.keyNode.range!;
  const log = composeLog(unknown);
  const result: Report = { start, end, message: message(model, unknown, unknown.place === TOP_PLACE, log), log };
  if (suggestions.length !== 1) return result;
  const target = suggestions[0];
  // Renaming must not write a key twice in one map (the YAML would not parse), nor hide a key merged with `<<`.
  const ownerHasTarget = writtenKeys(entry).includes(target);
  const rivals = all.filter((u) => u.entry.owner === entry.owner && u.suggestions.length === 1 && u.suggestions[0] === target && u.entry.pair !== entry.pair);
  if (ownerHasTarget || unknown.effectiveKeys.has(target) || rivals.length > 0) return result;
  result.fix = {
    title: { en: `Rename to "${target}"`, fr: `Renommer en « ${target} »` },
    edits: [{ start, end, newText: formatScalar(target, entry.keyNode.type) }],
  };
  return result;
}

