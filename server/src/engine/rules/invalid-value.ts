import { formatScalar, removeEntry, removeItems } from "../compose/edits.js";
import { CONVERSION_WORDS, CONVERTED_KEYS, type Conversion, type ConversionId } from "../compose/conversions.js";
import type { ComposeModel } from "../compose/model.js";
import type { JsonType } from "../compose/schema.js";
import type { ScalarValue } from "../compose/scalars.js";
import { pathSegments, schemaProblems, type SchemaProblem } from "../compose/validate.js";
import { portSyntaxProblems, PROTOCOLS, type PortSyntaxProblem } from "../compose/portSyntax.js";
import { placeOf, shortList } from "../i18n/schema-places.js";
import { editDistance, maxSuggestionDistance } from "../suggest.js";
import type { Fix, Report, Rule } from "./types.js";

/** How compose-go names a type in its errors (schema/schema.go humanReadableType): `object` is `mapping`, several are sorted. */
function composeTypes(types: readonly JsonType[]): string {
  const names = [...new Set(types.map((type) => (type === "object" ? "mapping" : type)))].sort();
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/**
 * The message for a value of the wrong type, by the types compose accepts
 * there. `null` is left out (an empty value is never judged), a whole number
 * is a number, and `true`/`false` or a string that interpolation makes one
 * is a boolean: the string is not the user's choice.
 */
function typeMessageId(types: readonly JsonType[]): string {
  const set = new Set<JsonType>(types.filter((type) => type !== "null"));
  if (set.has("integer")) {
    set.delete("integer");
    set.add("number");
  }
  const is = (...kinds: JsonType[]) => set.size === kinds.length && kinds.every((kind) => set.has(kind));
  if (is("object")) return "typeMapping";
  if (is("array")) return "typeList";
  if (is("array", "object")) return "typeMappingOrList";
  if (is("string")) return "typeString";
  if (is("array", "string")) return "typeStringOrList";
  if (is("object", "string")) return "typeStringOrMapping";
  if (is("boolean") || is("boolean", "string") || is("boolean", "object", "string")) return "typeBoolean";
  if (is("number")) return "typeNumber";
  if (is("number", "string")) return "typeNumberOrString";
  if (is("number", "object", "string")) return types.includes("integer") ? "typeNumberOrMapping" : "typePort";
  if (is("boolean", "number", "string")) return "typeScalar";
  return "wrongType";
}

/** The message of a value compose cannot convert, by what it converts it to. */
const CONVERSION_MESSAGES: Record<ConversionId, string> = {
  integer: "notInteger",
  number: "notNumber",
  boolean: "notBoolean",
  duration: "notDuration",
  bytes: "notSize",
  restart: "restartPolicy",
  restart_condition: "restartCondition",
};

/** The longest list of accepted words a message shows: the log line, in the hover, has them all. */
const ALLOWED_CHARS = 24;

/** The keys compose reads as a duration: a bare number there is a duration without its unit, whatever the schema's type says. */
const DURATION_KEYS = new Set(CONVERTED_KEYS.filter(([, id]) => id === "duration").map(([pointer]) => pointer.slice(pointer.lastIndexOf("/") + 1)));

/** compose's policies, for a fix of `pull_policy` (its schema pattern). */
const PULL_POLICIES = ["always", "never", "missing", "build", "if_not_present", "refresh", "daily", "weekly"];

/** The one word `value` most likely means, a few edits away; undefined when none or several are as close. */
function nearest(value: string, words: readonly string[]): string | undefined {
  const limit = maxSuggestionDistance(value.length);
  let best = limit + 1;
  let found: string[] = [];
  for (const word of words) {
    const distance = editDistance(value.toLowerCase(), word.toLowerCase());
    if (distance < best) {
      best = distance;
      found = [word];
    } else if (distance === best) found.push(word);
  }
  return found.length === 1 && best <= limit ? found[0] : undefined;
}

/** What compose prints for the problem; `path` is compose's dotted path of the value. */
function logOf(problem: SchemaProblem): string {
  const path = pathText(problem);
  if (problem.composeType) return `${path} must be a ${composeTypes(problem.composeType)}`;
  switch (problem.kind) {
    case "type":
      return `${path} must be a ${composeTypes(problem.composeExpected)}`;
    case "enum":
      // jsonschema names a single allowed value without "one of": `value must be 'all'`.
      return `${path} value must be ${problem.allowed.length === 1 ? "" : "one of "}${problem.allowed.map((value) => `'${value}'`).join(", ")}`;
    case "pattern":
      return `${path} '${problem.value.value}' does not match pattern '${problem.pattern}'`;
    case "range":
      return problem.minimum !== undefined && Number(problem.value.value) < problem.minimum
        ? `${path} must be greater than or equal to ${problem.minimum}`
        : `${path} must be less than or equal to ${problem.maximum}`;
    case "required":
      return `${path} missing property '${problem.missing}'`;
    case "duplicate":
      return `${pathText(problem, -1)} items at ${problem.firstIndex} and ${problem.index} are equal`;
    case "conversion":
      return conversionLog(problem.conversion, pathSegments(problem.path), problem.value.value);
    case "unknown-key":
      return "";
  }
}

function pathText(problem: SchemaProblem, drop = 0): string {
  const segments = pathSegments(problem.path);
  return segments.slice(0, segments.length + drop).join(".");
}

/** The top-level sections whose keys are names: mapstructure writes them in brackets. */
const NAMED = new Set(["services", "networks", "volumes", "secrets", "configs", "models"]);

/** mapstructure's name for a value, as compose prints it when decoding fails: `services[web].healthcheck.interval`. */
function decodedName(segments: readonly (string | number)[]): string {
  let name = "";
  segments.forEach((segment, index) => {
    if (typeof segment === "number" || (index === 1 && NAMED.has(String(segments[0])))) name += `[${segment}]`;
    else name += name ? `.${segment}` : segment;
  });
  return name;
}

/** The units str2duration (Go's time.ParseDuration, with days and weeks) knows. */
const DURATION_UNITS = new Set(["ns", "us", "µs", "μs", "ms", "s", "m", "h", "d", "w"]);

/**
 * str2duration's error for a text that is not a duration, read as it reads it:
 * number by number, each followed by all the letters up to the next digit or
 * dot as its unit (`1m30` misses the unit of its 30, `1m 30s` has the unit `m `).
 */
function durationError(value: string): string {
  const quoted = JSON.stringify(value);
  let rest = value.replace(/^[-+]/, "");
  while (rest !== "") {
    const [number, whole, fraction] = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (!whole && !fraction) break;
    rest = rest.slice(number.length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (!unit) return `time: missing unit in duration ${quoted}`;
    if (!DURATION_UNITS.has(unit)) return `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`;
    rest = rest.slice(unit.length);
  }
  return `time: invalid duration ${quoted}`;
}

function conversionLog(conversion: Conversion, segments: readonly (string | number)[], value: string): string {
  const quoted = JSON.stringify(value);
  const error = (() => {
    switch (conversion.id) {
      case "integer": return `strconv.Atoi: parsing ${quoted}: invalid syntax`;
      case "number": return `strconv.ParseFloat: parsing ${quoted}: invalid syntax`;
      case "boolean": return `invalid boolean: ${value}`;
      case "duration": return durationError(value);
      case "bytes": return `invalid size: '${value}'`;
      case "restart":
      case "restart_condition": {
        return misplacedRetries(value)
          ? "invalid restart policy: maximum retry count can only be used with 'on-failure'"
          : `invalid restart policy: unknown policy '${value.split(":")[0]}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
      }
    }
  })();
  switch (conversion.stage) {
    case "cast": return `error while interpolating ${segments.join(".")}: failed to cast to expected type: ${error}`;
    case "decode": return `'${decodedName(segments)}' ${error}`;
    case "engine": return `Error response from daemon: ${error}`;
  }
}

/** A restart policy with a retry count that only `on-failure` takes (`always:3`): the engine's own words for it. */
function misplacedRetries(value: string): boolean {
  return /^(no|none|always|any|unless-stopped):/.test(value);
}

/** The words a misspelled value is compared with, for a suggestion and a fix. */
function wordsOf(problem: SchemaProblem): readonly string[] | undefined {
  switch (problem.kind) {
    case "enum": return problem.allowed;
    case "pattern": return pathSegments(problem.path).at(-1) === "pull_policy" ? PULL_POLICIES : undefined;
    case "conversion": return CONVERSION_WORDS[problem.conversion.id];
    default: return undefined;
  }
}

type Message = Pick<Report, "messageId" | "data">;

/** A repeated list item as the message and the fix name it: its value, or as written when a variable without a default decides it. */
function repeatedItem(value: ScalarValue): string {
  return value.certain ? value.value : value.written;
}

function messageOf(model: ComposeModel, problem: SchemaProblem): Message {
  const segments = pathSegments(problem.path);
  const key = placeOf(problem.kind === "duplicate" ? segments.slice(0, -1) : segments);
  switch (problem.kind) {
    case "type": {
      const written = model.text.slice(problem.span.start, problem.span.end);
      if (segments.length === 1 && segments[0] === "version") return { messageId: "versionNumber", data: { value: written } };
      const last = segments.at(-1);
      if ((problem.actual === "number" || problem.actual === "integer") && typeof last === "string" && DURATION_KEYS.has(last)) return { messageId: "notDuration", data: { key, value: written } };
      return { messageId: typeMessageId(problem.expected), data: { key } };
    }
    case "enum":
    case "pattern":
    case "conversion": {
      const value = problem.value.value;
      const words = wordsOf(problem);
      const suggestion = words && nearest(value, words);
      const engine = problem.kind === "conversion" && problem.conversion.stage === "engine";
      if (engine && misplacedRetries(value)) return { messageId: "restartRetries", data: { value } };
      if (suggestion) return engine ? { messageId: "restartDidYouMean", data: { value, suggestion } } : { messageId: "didYouMean", data: { key, value, suggestion } };
      if (problem.kind === "conversion") return { messageId: CONVERSION_MESSAGES[problem.conversion.id], data: engine ? { value } : { key, value } };
      if (words) return { messageId: "notAllowed", data: { key, value, allowed: shortList(words, ALLOWED_CHARS) } };
      return { messageId: "badFormat", data: { key, value } };
    }
    case "range": {
      const below = problem.minimum !== undefined && Number(problem.value.value) < problem.minimum;
      return below
        ? { messageId: "tooSmall", data: { key, value: problem.value.value, minimum: problem.minimum! } }
        : { messageId: "tooLarge", data: { key, value: problem.value.value, maximum: problem.maximum! } };
    }
    case "required":
      return { messageId: "missingKey", data: { key, missing: problem.missing } };
    case "duplicate":
      return { messageId: "duplicate", data: { key, value: repeatedItem(problem.value) } };
    case "unknown-key":
      throw new Error("unknown keys are unknown-key's");
  }
}

/** The one fix certain to be meant: the nearest allowed word, a repeated item removed, a `version` number dropped. */
function fixOf(model: ComposeModel, problem: SchemaProblem): Fix | undefined {
  switch (problem.kind) {
    case "enum":
    case "pattern":
    case "conversion": {
      const words = wordsOf(problem);
      // A value interpolation gave is not the text to replace.
      if (!words || problem.value.written !== problem.value.value) return undefined;
      const target = nearest(problem.value.value, words);
      if (!target) return undefined;
      const node = problem.value.node;
      return {
        title: { en: `Change to "${target}"`, fr: `Remplacer par « ${target} »` },
        edits: [{ start: node.range![0], end: node.range![1], newText: formatScalar(target, node.type) }],
      };
    }
    case "duplicate": {
      if (!problem.list) return undefined;
      const repeated = repeatedItem(problem.value);
      return {
        title: { en: `Remove the repeated "${repeated}"`, fr: `Supprimer le « ${repeated} » répété` },
        edits: removeItems(model, problem.list, [problem.value.node]),
      };
    }
    case "type":
      // The top-level `version` is obsolete: a number there is fixed by removing it, as obsolete-version would.
      if (problem.entry && pathSegments(problem.path).join(".") === "version" && !problem.entry.merged) {
        return { title: { en: "Remove version", fr: "Supprimer version" }, edits: [removeEntry(model, problem.entry)] };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A short-syntax port compose cannot parse: the message, and for a misspelled protocol the one it most likely means. */
function portReport(problem: PortSyntaxProblem): Report {
  const message = ((): Message => {
    switch (problem.fault) {
      case "protocol": return { messageId: "portProtocol", data: { protocol: problem.text } };
      case "containerPort": return { messageId: "portContainer", data: { port: problem.text } };
      case "hostPort": return { messageId: "portHost", data: { port: problem.text } };
      case "ranges": return { messageId: "portRanges", data: { host: problem.binding.short!.published!, container: problem.text } };
    }
  })();
  const result: Report = { start: problem.span.start, end: problem.span.end, ...message, log: problem.log };
  const target = problem.fault === "protocol" && problem.binding.parts.protocol ? nearest(problem.text, PROTOCOLS) : undefined;
  if (target) {
    result.fix = { title: { en: `Change to "${target}"`, fr: `Remplacer par « ${target} »` }, edits: [{ start: problem.span.start, end: problem.span.end, newText: target }] };
  }
  return result;
}

export const invalidValue: Rule = {
  meta: {
    id: "invalid-value",
    severity: "error",
    scope: "all",
    fixable: true,
    reads: "service",
    supersedes: ["obsolete-version"],
    docs: {
      title: {
        en: "Values compose refuses: wrong type, unknown word, unconvertible text",
        fr: "Valeurs que compose refuse : mauvais type, mot inconnu, texte inconvertible",
      },
      description: {
        en: "Compose checks every value against the Compose Specification's schema after interpolation, then converts numbers, booleans, durations and sizes, and refuses the file on the first value it cannot take; Docker itself checks the restart policy, when it creates the container. A value holding `${VAR}` is judged only where the result is certain: by its default (`${VAR:-30s}`), never when a variable alone decides it.",
        fr: "Compose vérifie chaque valeur selon le schéma de la Compose Specification après l'interpolation, puis convertit nombres, booléens, durées et tailles, et refuse le fichier dès la première valeur qu'il ne peut pas prendre ; Docker vérifie lui-même la politique de redémarrage, à la création du conteneur. Une valeur contenant `${VAR}` n'est jugée que là où le résultat est certain : d'après sa valeur par défaut (`${VAR:-30s}`), jamais quand une variable seule en décide.",
      },
      log: "validating /opt/app/<pipeline>/docker-compose.yml: services.web.depends_on.db.condition value must be one of 'service_started', 'service_healthy', 'service_completed_successfully'",
      logPattern: {
        patterns: [
          /((?<![^\s"'=])[^\s"'=:]+ value must be (?:one of )?'[^']*'(?:, '[^']*')*)/i,
          /((?<![^\s"'=])[^\s"'=:]+ must be an? (?:mapping|array|string|number|integer|boolean|null)(?:(?:, | or )(?:mapping|array|string|number|integer|boolean|null))*)/i,
          /((?<![^\s"'=])[^\s"'=:]+ '.*' does not match pattern '.*')/i,
          /((?<![^\s"'=])[^\s"'=:]+ missing propert(?:y|ies) '.+')/i,
          /((?<![^\s"'=])[^\s"'=:]+ must be (?:greater|less) than or equal to -?\d+)/i,
          /((?<![^\s"'=])[^\s"'=:]+ items at \d+ and \d+ are equal)/i,
          /(error while interpolating [^\s:]+: failed to cast to expected type: (?:strconv\.\w+: parsing "[^"]*": invalid syntax|invalid boolean: [^"\\]*?))(?:\\n|["}]|$)/i,
          /('[^']+' (?:time: (?:missing unit in|unknown unit "[^"]*" in|invalid) duration "[^"]*"|invalid size: '[^']*'|invalid boolean: [^"\\]*?(?=\\n|["}]|$)|strconv\.\w+: parsing "[^"]*": invalid syntax))/i,
          /(invalid restart policy: (?:unknown policy '[^']*'|maximum retry count can only be used with 'on-failure'))/i,
          /(invalid (?:proto|containerPort|hostPort): [^\s"\\]+|invalid ranges specified for container and host Ports: [^\s"\\]+ and [^\s"\\]+)/i,
        ],
      },
      fix: { en: "Replace the value with the accepted one it most likely means", fr: "Remplacer la valeur par la valeur acceptée qu'elle désigne sans doute" },
      manualFix: { en: "Write a value of the type or form the message names", fr: "Écrivez une valeur du type ou de la forme qu'indique le message" },
      example: {
        invalid: "services:\n  web:\n    image: nginx\n    restart: allways\n",
        valid: "services:\n  web:\n    image: nginx\n    restart: always\n",
      },
    },
    messages: {
      typeMapping: { en: "{{key}} must be a mapping (key: value): compose refuses the file.", fr: "{{key}} doit être une table (clé: valeur) : compose refuse le fichier." },
      typeList: { en: "{{key}} must be a list (- item): compose refuses the file.", fr: "{{key}} doit être une liste (- élément) : compose refuse le fichier." },
      typeMappingOrList: {
        en: "{{key}} must be a mapping (key: value) or a list (- item): compose refuses the file.",
        fr: "{{key}} doit être une table (clé: valeur) ou une liste (- élément) : compose refuse le fichier.",
      },
      typeString: { en: "{{key}} must be a string: compose refuses the file.", fr: "{{key}} doit être une chaîne de caractères : compose refuse le fichier." },
      typeStringOrList: { en: "{{key}} must be a string or a list: compose refuses the file.", fr: "{{key}} doit être une chaîne ou une liste : compose refuse le fichier." },
      typeStringOrMapping: { en: "{{key}} must be a string or a mapping: compose refuses the file.", fr: "{{key}} doit être une chaîne ou une table : compose refuse le fichier." },
      typeBoolean: { en: "{{key}} must be true or false: compose refuses the file.", fr: "{{key}} doit valoir true ou false : compose refuse le fichier." },
      typeNumber: { en: "{{key}} must be a number: compose refuses the file.", fr: "{{key}} doit être un nombre : compose refuse le fichier." },
      typeNumberOrString: { en: "{{key}} must be a number or a string: compose refuses the file.", fr: "{{key}} doit être un nombre ou une chaîne : compose refuse le fichier." },
      typeNumberOrMapping: {
        en: "{{key}} must be a number or a mapping (soft, hard): compose refuses the file.",
        fr: "{{key}} doit être un nombre ou une table (soft, hard) : compose refuse le fichier.",
      },
      typePort: {
        en: '{{key}} must be a port (8000 or "8000:8000") or a mapping: compose refuses the file.',
        fr: '{{key}} doit être un port (8000 ou "8000:8000") ou une table : compose refuse le fichier.',
      },
      typeScalar: {
        en: "{{key}} must be a single value, not a list or a mapping: compose refuses the file.",
        fr: "{{key}} doit être une valeur simple, ni une liste ni une table : compose refuse le fichier.",
      },
      wrongType: { en: "{{key}} has a type compose does not accept here: compose refuses the file.", fr: "{{key}} a un type que compose n'accepte pas ici : compose refuse le fichier." },
      versionNumber: {
        en: "version: {{value}} is a number: compose refuses the file. The key is obsolete: remove it.",
        fr: "version: {{value}} est un nombre : compose refuse le fichier. Cette clé est obsolète : supprimez-la.",
      },
      didYouMean: {
        en: '{{key}} is "{{value}}": compose refuses the file. Did you mean "{{suggestion}}"?',
        fr: "{{key}} vaut « {{value}} » : compose refuse le fichier. Vouliez-vous dire « {{suggestion}} » ?",
      },
      notAllowed: {
        en: '{{key}} is "{{value}}": compose refuses the file (it accepts: {{allowed}}).',
        fr: "{{key}} vaut « {{value}} » : compose refuse le fichier (valeurs acceptées : {{allowed}}).",
      },
      badFormat: {
        en: '{{key}} is "{{value}}", not in the format compose expects: compose refuses the file.',
        fr: "{{key}} vaut « {{value}} », hors du format attendu par compose : compose refuse le fichier.",
      },
      tooSmall: { en: "{{key}} is {{value}}: compose refuses the file. Use {{minimum}} or more.", fr: "{{key}} vaut {{value}} : compose refuse le fichier. Utilisez {{minimum}} ou plus." },
      tooLarge: { en: "{{key}} is {{value}}: compose refuses the file. Use {{maximum}} or less.", fr: "{{key}} vaut {{value}} : compose refuse le fichier. Utilisez {{maximum}} ou moins." },
      missingKey: {
        en: '{{key}} has no "{{missing}}" key: compose refuses the file. Add it.',
        fr: "{{key}} n'a pas de clé « {{missing}} » : compose refuse le fichier. Ajoutez-la.",
      },
      duplicate: {
        en: '{{key}} lists "{{value}}" twice: compose refuses the file. Remove the repeat.',
        fr: "{{key}} contient deux fois « {{value}} » : compose refuse le fichier. Supprimez le doublon.",
      },
      notInteger: { en: '{{key}} is "{{value}}": compose refuses the file. Use a whole number.', fr: "{{key}} vaut « {{value}} » : compose refuse le fichier. Utilisez un nombre entier." },
      notNumber: { en: '{{key}} is "{{value}}": compose refuses the file. Use a number.', fr: "{{key}} vaut « {{value}} » : compose refuse le fichier. Utilisez un nombre." },
      notBoolean: { en: '{{key}} is "{{value}}": compose refuses the file. Use true or false.', fr: "{{key}} vaut « {{value}} » : compose refuse le fichier. Utilisez true ou false." },
      notDuration: {
        en: '{{key}} is "{{value}}": compose refuses the file. Use a duration such as 30s or 1m30s.',
        fr: "{{key}} vaut « {{value}} » : compose refuse le fichier. Utilisez une durée comme 30s ou 1m30s.",
      },
      notSize: {
        en: '{{key}} is "{{value}}": compose refuses the file. Use a size such as 512m or 1g.',
        fr: "{{key}} vaut « {{value}} » : compose refuse le fichier. Utilisez une taille comme 512m ou 1g.",
      },
      restartDidYouMean: {
        en: 'Unknown restart policy "{{value}}": Docker won\'t create the container. Did you mean "{{suggestion}}"?',
        fr: "Politique de redémarrage « {{value}} » inconnue : Docker ne crée pas le conteneur. Vouliez-vous dire « {{suggestion}} » ?",
      },
      restartPolicy: {
        en: 'Unknown restart policy "{{value}}": Docker won\'t create the container. Use no, always, on-failure or unless-stopped.',
        fr: "Politique de redémarrage « {{value}} » inconnue : Docker ne crée pas le conteneur. Utilisez no, always, on-failure ou unless-stopped.",
      },
      restartCondition: {
        en: 'Unknown restart condition "{{value}}": Docker won\'t create the container. Use none, on-failure or any.',
        fr: "Condition de redémarrage « {{value}} » inconnue : Docker ne crée pas le conteneur. Utilisez none, on-failure ou any.",
      },
      restartRetries: {
        en: 'Restart policy "{{value}}": Docker won\'t create the container. Only on-failure takes a retry count.',
        fr: "Politique de redémarrage « {{value}} » : Docker ne crée pas le conteneur. Seul on-failure accepte un nombre d'essais.",
      },
      portProtocol: {
        en: 'Unknown port protocol "{{protocol}}": compose refuses the file. Use tcp, udp or sctp.',
        fr: "Protocole de port « {{protocol}} » inconnu : compose refuse le fichier. Utilisez tcp, udp ou sctp.",
      },
      portContainer: {
        en: 'Invalid container port "{{port}}": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.',
        fr: "Port du conteneur « {{port}} » invalide : compose refuse le fichier. Utilisez un port de 0 à 65535 ou une plage comme 8000-8010.",
      },
      portHost: {
        en: 'Invalid host port "{{port}}": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.',
        fr: "Port de l'hôte « {{port}} » invalide : compose refuse le fichier. Utilisez un port de 0 à 65535 ou une plage comme 8000-8010.",
      },
      portRanges: {
        en: "Host range {{host}} and container range {{container}} differ in length: compose refuses the file. Make them match.",
        fr: "Les plages de l'hôte ({{host}}) et du conteneur ({{container}}) n'ont pas la même longueur : compose refuse le fichier. Alignez-les.",
      },
    },
  },
  check({ model, report }) {
    for (const problem of schemaProblems(model)) {
      if (problem.kind === "unknown-key") continue;
      const log = logOf(problem);
      const result: Report = { start: problem.span.start, end: problem.span.end, ...messageOf(model, problem), log };
      const fix = fixOf(model, problem);
      if (fix) result.fix = fix;
      if (problem.kind === "type" && problem.entry && pathText(problem) === "version") {
        const [start] = problem.entry.keyNode.range!;
        result.covers = { start, end: Math.max(problem.span.end, problem.entry.keyNode.range![1]) };
      }
      report(result);
    }
    for (const problem of portSyntaxProblems(model)) report(portReport(problem));
  },
};
