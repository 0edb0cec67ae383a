import { editDistance, maxSuggestionDistance, normalizeName } from "../suggest.js";
import { formatScalar } from "../compose/edits.js";
import { documentOf, mapEntries, valueEntries, type ComposeModel, type Entry } from "../compose/model.js";
import { allowsExtensions, namesKeys, type SchemaNode } from "../compose/schema.js";
import { pathSegments, schemaProblems, type UnknownKeyProblem } from "../compose/validate.js";
import { shortList } from "../i18n/schema-places.js";
import type { Report, Rule } from "./types.js";

/** Prefix completions offered at most: beyond that the key says too little. */
const MAX_COMPLETIONS = 3;

/**
 * The keys of the set closest to `key`: one when the intent is clear, several
 * when it is ambiguous, none when nothing is near. Tried in order: the same
 * key but for case and separators (`Depends-On`), a few edits away
 * (`enviroment`), then the start of a longer key (`stop_grace`).
 */
export function suggestKeys(schema: SchemaNode, key: string): string[] {
  if (allowsExtensions(schema) && /^x[-_]/i.test(key)) return [`x-${key.slice(2)}`];
  const wanted = normalizeName(key);
  const candidates = [...(schema.properties?.keys() ?? [])];
  const same = candidates.filter((candidate) => normalizeName(candidate) === wanted);
  if (same.length > 0) return same;
  let best = maxSuggestionDistance(wanted.length);
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

/** The map's path and the keys a line of compose names: `services.web additional properties 'a', 'b' not allowed`. */
function parseUnknownKeys(line: string): { path: string; keys: string[] } | undefined {
  const current = /^\s*(\S*?)\s*additional properties\s+(.+?)\s+not allowed/i.exec(line);
  if (current) return { path: current[1], keys: [...current[2].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]) };
  const old = /^\s*(\S*?)\s*additional property\s+(\S+)\s+is not allowed/i.exec(line);
  return old ? { path: old[1] === "(root)" ? "" : old[1], keys: [old[2]] } : undefined;
}

/** A pasted line names a finding's key when it names the same map and that key among its keys. */
function sameUnknownKey(pasted: string, own: string): boolean {
  const a = parseUnknownKeys(pasted);
  const b = parseUnknownKeys(own);
  return !!a && !!b && a.path === b.path && b.keys.every((key) => a.keys.includes(key));
}

/** A top-level key whose value has `image` or `build` is a service written outside `services:`. */
function looksLikeService(model: ComposeModel, entry: Entry): boolean {
  return valueEntries(model, entry)?.some((e) => e.key === "image" || e.key === "build") ?? false;
}

interface Unknown {
  problem: UnknownKeyProblem;
  entry: Entry;
  suggestions: string[];
  /** The keys of the map as compose sees it (merges included). */
  effectiveKeys: Set<string>;
}

/** What compose prints for the key (schema/schema.go, santhosh-tekuri/jsonschema's words); at the top level the path is empty. */
export function unknownKeyLog(segments: readonly (string | number)[], key: string): string {
  return `${segments.join(".")} additional properties '${key}' not allowed`.trimStart();
}

/** compose-spec.json's pattern for the names users choose (services, networks, depends_on's keys). */
const NAME_PATTERN = "^[a-zA-Z0-9._-]+$";

/** The message of an unknown key: a refused name, a misplaced service or extension key, a misspelling. */
function messageOf(model: ComposeModel, unknown: Unknown): Pick<Report, "messageId" | "data"> {
  const { entry, problem, suggestions } = unknown;
  const key = entry.key;
  // A map of names (services, depends_on's): the key is a name compose's pattern refuses.
  if (namesKeys(problem.map)?.source === NAME_PATTERN) return { messageId: "invalidName", data: { key } };
  if (suggestions.length === 1) return { messageId: "didYouMean", data: { key, suggestion: suggestions[0] } };
  if (suggestions.length > 1) return { messageId: "didYouMeanOneOf", data: { key, suggestions: shortList(suggestions) } };
  if (pathSegments(problem.path).length === 0 && looksLikeService(model, entry)) return { messageId: "serviceOutsideServices", data: { key } };
  if (/^x-/i.test(key) && !allowsExtensions(problem.map)) return { messageId: "extensionNotAllowed", data: { key } };
  return { messageId: "unknownKey", data: { key } };
}

export const unknownKey: Rule = {
  meta: {
    id: "unknown-key",
    severity: "error",
    scope: "all",
    fixable: true,
    reads: "service",
    docs: {
      title: {
        en: "Unknown or misspelled compose keys",
        fr: "Clés compose inconnues ou mal orthographiées",
      },
      description: {
        en: "Compose checks every key against the Compose Specification and refuses the whole file when one is unknown, before any container starts; current versions print `additional properties 'enviroment' not allowed`, older ones `Additional property enviroment is not allowed`. Keys are checked at every level of the specification's schema, after `<<` merges; `x-*` extension keys are allowed wherever the specification allows them, and names (services, networks, volumes) may only use letters, digits, `.`, `_` and `-`.",
        fr: "Compose vérifie chaque clé selon la Compose Specification et refuse tout le fichier dès qu'une clé est inconnue, avant qu'aucun conteneur ne démarre ; les versions actuelles affichent `additional properties 'enviroment' not allowed`, les plus anciennes `Additional property enviroment is not allowed`. Les clés sont vérifiées à chaque niveau du schéma de la spécification, après les fusions `<<` ; les clés d'extension `x-*` sont acceptées partout où la spécification les autorise, et les noms (services, réseaux, volumes) ne peuvent contenir que des lettres, des chiffres, `.`, `_` et `-`.",
      },
      log: "validating /opt/app/<pipeline>/docker-compose.yml: services.web additional properties 'enviroment' not allowed",
      logPattern: {
        // compose-go's words (santhosh-tekuri/jsonschema), several keys of one map at once; older releases: gojsonschema's.
        patterns: [/((?:[^\s"':]+\s+)?additional properties\s+'.+?'\s+not allowed)/i, /((?:[^\s"':]+\s+)?additional property\s+\S+\s+is not allowed)/i],
        sameFault: sameUnknownKey,
      },
      fix: { en: "Rename the key to the one it most likely means", fr: "Renommer la clé en celle qu'elle désigne sans doute" },
      manualFix: {
        en: "Correct the key's spelling, move it where compose expects it, or remove it",
        fr: "Corrigez l'orthographe de la clé, placez-la là où compose l'attend, ou supprimez-la",
      },
      example: {
        invalid: "services:\n  web:\n    image: nginx\n    enviroment:\n      TZ: Europe/Paris\n",
        valid: "services:\n  web:\n    image: nginx\n    environment:\n      TZ: Europe/Paris\n",
      },
    },
    messages: {
      unknownKey: {
        en: 'Unknown key "{{key}}": compose refuses the file. Check its spelling or remove it.',
        fr: "Clé inconnue « {{key}} » : compose refuse le fichier. Vérifiez son orthographe ou supprimez-la.",
      },
      didYouMean: {
        en: 'Unknown key "{{key}}": compose refuses the file. Did you mean "{{suggestion}}"?',
        fr: "Clé inconnue « {{key}} » : compose refuse le fichier. Vouliez-vous dire « {{suggestion}} » ?",
      },
      didYouMeanOneOf: {
        en: 'Unknown key "{{key}}": compose refuses the file. Did you mean one of: {{suggestions}}?',
        fr: "Clé inconnue « {{key}} » : compose refuse le fichier. Vouliez-vous dire l'une de ces clés : {{suggestions}} ?",
      },
      serviceOutsideServices: {
        en: 'Top-level key "{{key}}" looks like a service: compose refuses the file. Move it under services.',
        fr: "La clé « {{key}} » du premier niveau ressemble à un service : compose refuse le fichier. Placez-la sous services.",
      },
      extensionNotAllowed: {
        en: 'Extension key "{{key}}" is not allowed here: compose refuses the file. Move or remove it.',
        fr: "Clé d'extension « {{key}} » interdite ici : compose refuse le fichier. Déplacez-la ou supprimez-la.",
      },
      invalidName: {
        en: 'Invalid name "{{key}}": compose refuses the file. Use only letters, digits, ".", "_" and "-".',
        fr: "Nom « {{key}} » invalide : compose refuse le fichier. N'utilisez que des lettres, des chiffres, « . », « _ » et « - ».",
      },
    },
  },
  check({ model, report }) {
    const unknowns: Unknown[] = [];
    for (const problem of schemaProblems(model)) {
      if (problem.kind !== "unknown-key") continue;
      const { entry } = problem;
      unknowns.push({ problem, entry, suggestions: suggestKeys(problem.map, entry.key), effectiveKeys: new Set(effectiveKeysOf(model, entry)) });
    }
    for (const unknown of unknowns) report(toReport(model, unknown, unknowns));
  },
};

/** The keys of the map holding the entry, as compose sees it: the keys written there and those it merges. */
function effectiveKeysOf(model: ComposeModel, entry: Entry): string[] {
  return mapEntries(entry.owner, documentOf(entry, model.documents)).map((e) => e.key);
}

function toReport(model: ComposeModel, unknown: Unknown, all: readonly Unknown[]): Report {
  const { entry, suggestions, problem } = unknown;
  const [start, end] = entry.keyNode.range!;
  const log = unknownKeyLog(pathSegments(problem.path), entry.key);
  const result: Report = { start, end, ...messageOf(model, unknown), log };
  if (suggestions.length !== 1) return result;
  const target = suggestions[0];
  // Renaming must not write a key twice in one map (the YAML would not parse), nor hide a key merged with `<<`: the
  // effective keys are both, the written ones and the merged ones.
  const rivals = all.filter((u) => u.entry.owner === entry.owner && u.suggestions.length === 1 && u.suggestions[0] === target && u.entry.pair !== entry.pair);
  if (unknown.effectiveKeys.has(target) || rivals.length > 0) return result;
  result.fix = {
    title: { en: `Rename to "${target}"`, fr: `Renommer en « ${target} »` },
    edits: [{ start, end, newText: formatScalar(target, entry.keyNode.type) }],
  };
  return result;
}
