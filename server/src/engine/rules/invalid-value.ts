import { formatScalar, removeEntry, removeItems } from "../compose/edits.js";
import { CONVERSION_WORDS, type Conversion, type ConversionId } from "../compose/conversions.js";
import type { ComposeModel } from "../compose/model.js";
import type { JsonType } from "../compose/schema.js";
import { pathSegments, schemaProblems, type SchemaProblem, type ValueKind } from "../compose/validate.js";
import { portSyntaxProblems, PROTOCOLS, type PortSyntaxProblem } from "../compose/portSyntax.js";
import { servicePorts } from "../compose/ports.js";
import { withComposeLog, type Localized } from "../i18n/index.js";
import { subjectOf } from "../i18n/schema-places.js";
import { editDistance, maxSuggestionDistance } from "../suggest.js";
import type { Fix, Report, Rule } from "./types.js";

/** How compose-go names a type in its errors (schema/schema.go humanReadableType): `object` is `mapping`, several are sorted. */
function composeTypes(types: readonly JsonType[]): string {
  const names = [...new Set(types.map((type) => (type === "object" ? "mapping" : type)))].sort();
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

const TYPE_WORDS: Record<ValueKind, Localized> = {
  object: { en: "a mapping of keys", fr: "une table de clés" },
  array: { en: "a list", fr: "une liste" },
  string: { en: "a string", fr: "une chaîne" },
  number: { en: "a number", fr: "un nombre" },
  integer: { en: "a whole number", fr: "un nombre entier" },
  boolean: { en: "true or false", fr: "true ou false" },
  null: { en: "empty", fr: "vide" },
};

function typeList(types: readonly JsonType[], language: "en" | "fr"): string {
  // A whole number is a number: "a number" alone says it when both are allowed.
  let kinds = types.includes("number") ? types.filter((type) => type !== "integer") : types;
  // `true` or `false`, or a string that interpolation makes one: the string is not the user's choice.
  if (kinds.length === 2 && kinds.includes("boolean") && kinds.includes("string")) kinds = ["boolean"];
  const words = [...new Set(kinds.map((type) => TYPE_WORDS[type][language]))];
  if (words.length === 1) return words[0];
  return `${words.slice(0, -1).join(", ")} ${language === "en" ? "or" : "ou"} ${words[words.length - 1]}`;
}

/** What a converted value must look like, for the message. */
const CONVERSION_TEXTS: Record<ConversionId, Localized> = {
  integer: { en: "a whole number", fr: "un nombre entier" },
  number: { en: "a number", fr: "un nombre" },
  boolean: { en: "true or false", fr: "true ou false" },
  duration: { en: "a duration such as 30s, 1m30s or 2h", fr: "une durée comme 30s, 1m30s ou 2h" },
  bytes: { en: "a size such as 512m or 1g", fr: "une taille comme 512m ou 1g" },
  restart: { en: 'one of "no", "always", "on-failure", "on-failure:N" and "unless-stopped"', fr: "l'une des valeurs « no », « always », « on-failure », « on-failure:N » et « unless-stopped »" },
  restart_condition: { en: 'one of "none", "on-failure" and "any"', fr: "l'une des valeurs « none », « on-failure » et « any »" },
};

/** compose's policies, for a fix of `pull_policy` (its schema pattern). */
const PULL_POLICIES = ["always", "never", "missing", "build", "if_not_present", "daily", "weekly"];

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

function quoted(value: string, language: "en" | "fr"): string {
  return language === "en" ? `"${value}"` : `« ${value} »`;
}

/** What compose prints for the problem; `path` is compose's dotted path of the value. */
function logOf(problem: SchemaProblem): string {
  const path = pathText(problem);
  if (problem.composeType) return `${path} must be a ${composeTypes(problem.composeType)}`.trimStart();
  switch (problem.kind) {
    case "type":
      return `${path} must be a ${composeTypes(problem.composeExpected)}`.trimStart();
    case "enum":
      return `${path} value must be one of ${problem.allowed.map((value) => `'${value}'`).join(", ")}`;
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

/** Go's time.ParseDuration's error for a text that is not a duration. */
function durationError(value: string): string {
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return `time: missing unit in duration ${JSON.stringify(value)}`;
  const unit = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w))*(?:\d+(?:\.\d*)?|\.\d+)([^\d.]+)/u.exec(value);
  return unit ? `time: unknown unit ${JSON.stringify(unit[1])} in duration ${JSON.stringify(value)}` : `time: invalid duration ${JSON.stringify(value)}`;
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
        const [name] = value.split(":");
        return value.includes(":") && /^(no|none|always|any|unless-stopped)$/.test(name)
          ? "invalid restart policy: maximum retry count can only be used with 'on-failure'"
          : `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
      }
    }
  })();
  switch (conversion.stage) {
    case "cast": return `error while interpolating ${segments.join(".")}: failed to cast to expected type: ${error}`;
    case "decode": return `'${decodedName(segments)}' ${error}`;
    case "engine": return `Error response from daemon: ${error}`;
  }
}

function message(problem: SchemaProblem, log: string): Localized {
  const segments = pathSegments(problem.path);
  const subject = subjectOf(problem.kind === "duplicate" ? segments.slice(0, -1) : segments);
  const text = (en: string, fr: string): Localized => withComposeLog({ en, fr }, log);
  switch (problem.kind) {
    case "type":
      return text(
        `${subject.en} must be ${typeList(problem.expected, "en")}, not ${TYPE_WORDS[problem.actual].en}.`,
        `${subject.fr} doit être ${typeList(problem.expected, "fr")}, pas ${TYPE_WORDS[problem.actual].fr}.`,
      );
    case "enum": {
      const value = problem.value.value;
      const list = (language: "en" | "fr") => problem.allowed.map((v) => quoted(v, language)).join(", ");
      return text(
        `${subject.en} is ${quoted(value, "en")}${fromDefault(problem, "en")}: compose accepts ${list("en")}.`,
        `${subject.fr} vaut ${quoted(value, "fr")}${fromDefault(problem, "fr")} : compose accepte ${list("fr")}.`,
      );
    }
    case "pattern":
      return text(
        `${subject.en} is ${quoted(problem.value.value, "en")}${fromDefault(problem, "en")}, which compose does not accept here.`,
        `${subject.fr} vaut ${quoted(problem.value.value, "fr")}${fromDefault(problem, "fr")}, ce que compose n'accepte pas ici.`,
      );
    case "range": {
      const below = problem.minimum !== undefined && Number(problem.value.value) < problem.minimum;
      const bound = below ? problem.minimum : problem.maximum;
      return text(
        `${subject.en} is ${problem.value.value}: compose accepts ${below ? "at least" : "at most"} ${bound}.`,
        `${subject.fr} vaut ${problem.value.value} : compose accepte ${below ? "au moins" : "au plus"} ${bound}.`,
      );
    }
    case "required":
      return text(
        `${subject.en} needs the key "${problem.missing}".`,
        `${subject.fr} doit avoir la clé « ${problem.missing} ».`,
      );
    case "duplicate":
      return text(
        `${subject.en} lists ${quoted(problem.value.value, "en")} twice: compose refuses repeated items.`,
        `${subject.fr} contient deux fois ${quoted(problem.value.value, "fr")} : compose refuse les éléments répétés.`,
      );
    case "conversion": {
      const expected = CONVERSION_TEXTS[problem.conversion.id];
      return text(
        `${subject.en} is ${quoted(problem.value.value, "en")}${fromDefault(problem, "en")}: compose needs ${expected.en}.`,
        `${subject.fr} vaut ${quoted(problem.value.value, "fr")}${fromDefault(problem, "fr")} : compose attend ${expected.fr}.`,
      );
    }
    case "unknown-key":
      return { en: "", fr: "" };
  }
}

/** `(the default of ${VAR:-x})` when interpolation gave the value. */
function fromDefault(problem: SchemaProblem & { value: { written: string; value: string } }, language: "en" | "fr"): string {
  if (problem.value.written === problem.value.value || !problem.value.written.includes("$")) return "";
  return language === "en" ? ` (the default of ${problem.value.written})` : ` (la valeur par défaut de ${problem.value.written})`;
}


/** The one fix certain to be meant: the nearest allowed word, a repeated item removed, a `version` number dropped. */
function fixOf(model: ComposeModel, problem: SchemaProblem): Fix | undefined {
  switch (problem.kind) {
    case "enum":
    case "pattern":
    case "conversion": {
      const words = problem.kind === "enum" ? problem.allowed : problem.kind === "pattern" ? (pathSegments(problem.path).at(-1) === "pull_policy" ? PULL_POLICIES : undefined) : CONVERSION_WORDS[problem.conversion.id];
      // A value interpolation gave is not the text to replace.
      if (!words || problem.value.written !== problem.value.value) return undefined;
      const target = nearest(problem.value.value, words);
      if (!target) return undefined;
      const node = problem.value.node;
      return {
        title: { en: `Change to "${target}"`, fr: `Remplacer par « ${target} »` },
        edits: [{ start: node.range![0], end: node.range![1], newText: formatScalar(target, node.type === "PLAIN" && /^(no|yes|on|off|true|false)$/i.test(target) ? "QUOTE_DOUBLE" : node.type) }],
      };
    }
    case "duplicate": {
      if (!problem.list) return undefined;
      return {
        title: { en: `Remove the repeated ${quoted(problem.value.value, "en")}`, fr: `Supprimer le ${quoted(problem.value.value, "fr")} répété` },
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

/** A short-syntax port compose cannot parse: the message, and for a misspelt protocol the one it most likely means. */
function portReport(problem: PortSyntaxProblem): Report {
  const index = servicePorts(problem.service).indexOf(problem.binding);
  const subject = subjectOf(["services", problem.service.name, "ports", index]);
  const [host, container] = problem.fault === "ranges" ? [problem.binding.short!.published!, problem.binding.short!.target] : ["", ""];
  const text: Localized = (() => {
    switch (problem.fault) {
      case "protocol":
        return { en: `${subject.en}: "${problem.text}" is not a protocol compose knows, which are tcp, udp and sctp.`, fr: `${subject.fr} : « ${problem.text} » n'est pas un protocole connu de compose, qui connaît tcp, udp et sctp.` };
      case "containerPort":
        return { en: `${subject.en}: the container port "${problem.text}" is neither a port (0 to 65535) nor a range such as 8000-8010.`, fr: `${subject.fr} : le port du conteneur « ${problem.text} » n'est ni un port (0 à 65535) ni une plage comme 8000-8010.` };
      case "hostPort":
        return { en: `${subject.en}: the host port "${problem.text}" is neither a port (0 to 65535) nor a range such as 8000-8010.`, fr: `${subject.fr} : le port de l'hôte « ${problem.text} » n'est ni un port (0 à 65535) ni une plage comme 8000-8010.` };
      case "ranges":
        return { en: `${subject.en}: the host range ${host} and the container range ${container} differ in length.`, fr: `${subject.fr} : la plage de l'hôte ${host} et celle du conteneur ${container} n'ont pas la même longueur.` };
    }
  })();
  const result: Report = { start: problem.span.start, end: problem.span.end, message: withComposeLog(text, problem.log), log: problem.log };
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
    supersedes: ["obsolete-version"],
    docs: {
      title: {
        en: "Values compose refuses: wrong type, unknown word, unconvertible text",
        fr: "Valeurs que compose refuse : mauvais type, mot inconnu, texte inconvertible",
      },
      description: {
        en: "Compose checks every value against the Compose Specification's schema after interpolation, then converts numbers, booleans, durations and sizes, and stops the deployment on the first it cannot take: a string where a list is needed, `restart: allways`, `condition: service_healty`, `retries: five`, `interval: 30` (a duration needs its unit). A value holding `${VAR}` is judged only where the result is certain: by its default (`${VAR:-30s}`), never when a variable alone decides it.",
        fr: "Compose vérifie chaque valeur selon le schéma de la Compose Specification après l'interpolation, puis convertit nombres, booléens, durées et tailles, et arrête le déploiement sur la première qu'il ne peut pas prendre : une chaîne là où il faut une liste, `restart: allways`, `condition: service_healty`, `retries: five`, `interval: 30` (une durée a besoin de son unité). Une valeur contenant `${VAR}` n'est jugée que là où le résultat est certain : par sa valeur par défaut (`${VAR:-30s}`), jamais quand une variable seule en décide.",
      },
      log: "validating /opt/app/<project>/docker-compose.yml: services.web.depends_on.db.condition value must be one of 'service_started', 'service_healthy', 'service_completed_successfully'",
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
      fix: { en: "Change the value to the one compose accepts that it most likely means", fr: "Remplacer la valeur par celle, acceptée par compose, qu'elle désigne sans doute" },
    },
  },
  check({ model, report }) {
    for (const problem of schemaProblems(model)) {
      if (problem.kind === "unknown-key") continue;
      const log = logOf(problem);
      const result: Report = { start: problem.span.start, end: problem.span.end, message: message(problem, log), log };
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
