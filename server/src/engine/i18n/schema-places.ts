/**
 * Where a key or value of the compose file is, in words: `in service "web"`,
 * `in healthcheck of service "web"`, `in network "backend"`. From the path
 * compose names it by (compose/validate.ts), for unknown-key, invalid-value
 * and their hovers.
 */
import type { Localized } from "./index.js";

type Segment = string | number;

/** Top-level sections whose keys are names: the words for one of their entries. */
interface SectionNoun {
  en: string;
  /** `dans le service`, `dans la config`. */
  frIn: string;
  /** `du service`, `de la config`. */
  frOf: string;
}

const SECTION_NOUNS: Record<string, SectionNoun> = {
  services: { en: "service", frIn: "dans le service", frOf: "du service" },
  networks: { en: "network", frIn: "dans le réseau", frOf: "du réseau" },
  volumes: { en: "volume", frIn: "dans le volume", frOf: "du volume" },
  secrets: { en: "secret", frIn: "dans le secret", frOf: "du secret" },
  configs: { en: "config", frIn: "dans la config", frOf: "de la config" },
  models: { en: "model", frIn: "dans le modèle", frOf: "du modèle" },
};

/** A path inside an entry, as a user reads it: `deploy.resources.limits`, `ports[0]`, `depends_on.db`. */
export function innerPath(segments: readonly Segment[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}

/** `in service "web"`, `in healthcheck of service "web"`, `at the top level`, `in include[0]`. */
export function placeOf(segments: readonly Segment[]): Localized {
  if (segments.length === 0) return { en: "at the top level", fr: "au premier niveau" };
  const [section, name, ...rest] = segments;
  const noun = typeof section === "string" ? SECTION_NOUNS[section] : undefined;
  if (noun && name !== undefined) {
    const quoted = { en: `"${name}"`, fr: `« ${name} »` };
    if (rest.length === 0) return { en: `in ${noun.en} ${quoted.en}`, fr: `${noun.frIn} ${quoted.fr}` };
    const inner = innerPath(rest);
    return { en: `in ${inner} of ${noun.en} ${quoted.en}`, fr: `dans ${inner} ${noun.frOf} ${quoted.fr}` };
  }
  const inner = innerPath(segments);
  return { en: `in ${inner}`, fr: `dans ${inner}` };
}

/** What a value is, for a message's subject: `healthcheck.retries of service "web"`, `service "web"`, `version`. */
export function subjectOf(segments: readonly Segment[]): Localized {
  const [section, name, ...rest] = segments;
  const noun = typeof section === "string" ? SECTION_NOUNS[section] : undefined;
  if (noun && name !== undefined) {
    const quoted = { en: `"${name}"`, fr: `« ${name} »` };
    if (rest.length === 0) return { en: `${noun.en} ${quoted.en}`, fr: `${noun.frIn.replace(/^dans /, "")} ${quoted.fr}` };
    const inner = innerPath(rest);
    return { en: `${inner} of ${noun.en} ${quoted.en}`, fr: `${inner} ${noun.frOf} ${quoted.fr}` };
  }
  if (segments.length === 0) return { en: "the file", fr: "le fichier" };
  const inner = innerPath(segments);
  return { en: inner, fr: inner };
}
