import type { Localized } from "../i18n/index.js";
import { containerVariables } from "../compose/environment.js";
import { serviceHealthcheck } from "../compose/healthcheck.js";
import { valueReferences } from "../compose/interpolatedValues.js";
import type { ComposeModel, Span } from "../compose/model.js";
import type { Rule } from "./types.js";

/**
 * Variables that are set without any `.env`: compose-go's loader sets
 * COMPOSE_PROJECT_NAME to the project's name before it interpolates, and the
 * shell that runs compose always exports PWD and HOME.
 */
const ALWAYS_SET = new Set(["COMPOSE_PROJECT_NAME", "PWD", "HOME"]);

/** Source ranges where `unescaped-dollar` reports the variables that the service itself sets: it is the more specific rule there. */
interface SpecificZone {
  start: number;
  end: number;
  names: ReadonlySet<string>;
}

/** Zones sorted by start, with the furthest end reached so far: a lookup is a binary search, not a scan of every service. */
interface ZoneIndex {
  zones: SpecificZone[];
  maxEnd: number[];
}

function zoneIndex(zones: SpecificZone[]): ZoneIndex {
  zones.sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  let furthest = -1;
  for (const zone of zones) maxEnd.push((furthest = Math.max(furthest, zone.end)));
  return { zones, maxEnd };
}

/** Whether a zone holding `offset` names `name`. */
function inZone(index: ZoneIndex, offset: number, name: string): boolean {
  const { zones, maxEnd } = index;
  let low = 0;
  let high = zones.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (zones[mid].start <= offset) low = mid + 1;
    else high = mid;
  }
  // Zones starting at or before the offset, walked back while one of them can still reach past it.
  for (let i = low - 1; i >= 0 && maxEnd[i] > offset; i--) {
    const zone = zones[i];
    if (offset < zone.end && zone.names.has(name)) return true;
  }
  return false;
}

function specificZones(model: ComposeModel): SpecificZone[] {
  const zones: SpecificZone[] = [];
  for (const service of model.services) {
    // The same command, entrypoint and test unescaped-dollar reads: merged ones included.
    const spans: Span[] = [];
    for (const key of ["command", "entrypoint"]) {
      const range = service.get(key)?.value?.range;
      if (range) spans.push({ start: range[0], end: range[1] });
    }
    const test = serviceHealthcheck(model, service).test;
    if (test) spans.push(test.span);
    if (spans.length === 0) continue;
    const names = containerVariables(model, service);
    if (names.size === 0) continue;
    for (const span of spans) zones.push({ ...span, names });
  }
  return zones;
}

/** Compose's warning for a variable set nowhere. */
function notSetLog(name: string): string {
  return `The "${name}" variable is not set. Defaulting to a blank string.`;
}

function message(name: string, nested: boolean, isPipeline: boolean, log: string): Localized {
  const source: Localized = isPipeline
    ? {
        en: "the Elestio pipeline takes its value from the dashboard's environment variables (written to .env); if it is not set there, compose substitutes an empty string",
        fr: "le pipeline Elestio prend sa valeur dans les variables d'environnement du dashboard (écrites dans .env) ; si elle n'y est pas définie, compose la remplace par une chaîne vide",
      }
    : {
        en: "compose takes its value from the shell or the .env beside the file; if it is set in neither, compose substitutes an empty string",
        fr: "compose prend sa valeur dans le shell ou dans le .env à côté du fichier ; si elle n'est définie ni dans l'un ni dans l'autre, compose la remplace par une chaîne vide",
      };
  const nestedNote: Localized = nested
    ? {
        en: " Compose evaluates it even where it is only another variable's default.",
        fr: " Compose l'évalue même là où elle ne sert que de valeur par défaut à une autre variable.",
      }
    : { en: "", fr: "" };
  return {
    en: `Variable "${name}" has no default and no .env beside this file defines it: ${source.en} and warns: ${log}${nestedNote.en}`,
    fr: `La variable « ${name} » n'a pas de valeur par défaut et aucun .env à côté de ce fichier ne la définit : ${source.fr} et avertit : ${log}${nestedNote.fr}`,
  };
}

export const undefinedVariable: Rule = {
  meta: {
    id: "undefined-variable",
    severity: "hint",
    scope: "all",
    fixable: false,
    docs: {
      title: {
        en: "Variables with no default that the .env beside the file does not define",
        fr: "Variables sans valeur par défaut que le .env à côté du fichier ne définit pas",
      },
      description: {
        en: "Compose replaces `${VAR}` and `$VAR` everywhere in the file before reading it. On Elestio the value comes from the dashboard's environment variables, which the pipeline writes to `.env`; a variable set nowhere becomes an empty string, with only a warning in the log. Set it under Dashboard, Environment variables, give it a default (`${VAR:-value}`), make it required (`${VAR:?message}`), or write `$$VAR` when the container's shell should expand it.",
        fr: "Compose remplace `${VAR}` et `$VAR` partout dans le fichier avant de le lire. Sur Elestio, la valeur vient des variables d'environnement du dashboard, que le pipeline écrit dans `.env` ; une variable définie nulle part devient une chaîne vide, avec un simple avertissement dans le journal. Définissez-la dans le dashboard (Environment variables), donnez-lui une valeur par défaut (`${VAR:-valeur}`), rendez-la obligatoire (`${VAR:?message}`), ou écrivez `$$VAR` si c'est le shell du conteneur qui doit la développer.",
      },
      log: 'The "DB_PASSWORD" variable is not set. Defaulting to a blank string.',
    },
  },
  check({ model, project, isPipeline, report }) {
    const defined = project?.dotEnv();
    let zones: ZoneIndex | undefined;
    const inSpecificZone = (offset: number, name: string) => inZone((zones ??= zoneIndex(specificZones(model))), offset, name);
    // Compose substitutes the argument of every form (default, error message, alternative) before it looks at the variable.
    for (const reference of valueReferences(model)) {
      if (reference.kind !== "bare") continue;
      if (defined?.has(reference.name) || ALWAYS_SET.has(reference.name)) continue;
      // unescaped-dollar looks at the top-level references of a command or test, not into defaults.
      if (!reference.nested && inSpecificZone(reference.span.start, reference.name)) continue;
      const log = notSetLog(reference.name);
      report({ ...reference.span, message: message(reference.name, reference.nested, isPipeline, log), log });
    }
  },
};
