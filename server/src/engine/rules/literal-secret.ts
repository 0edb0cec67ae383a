import { serviceEnvironment, type EnvironmentVariable } from "../compose/environment.js";
import { findInterpolations, type Interpolation } from "../compose/interpolation.js";
import type { OffsetEdit } from "../text.js";
import type { Report, Rule } from "./types.js";

const SECRET_SEGMENT = /PASSWORD|PASSWD|SECRET|TOKEN|APIKEY/;
/** Words after the secret one that make the name a setting about the secret, not the secret: `ACCESS_TOKEN_EXPIRE_MINUTES`, `PASSWORD_MIN_LENGTH`. */
const QUALIFIER = new Set(["EXPIRE", "EXPIRES", "EXPIRY", "EXPIRATION", "TTL", "LIFETIME", "TIMEOUT", "LENGTH", "ALGORITHM", "ENABLED", "REQUIRED", "POLICY", "URL", "URI", "ENDPOINT", "PATH", "TYPE", "HEADER", "NAME"]);
/** Flags and public halves: `MYSQL_ALLOW_EMPTY_PASSWORD`, `MYSQL_RANDOM_ROOT_PASSWORD`, `S3_ACCESS_KEY` (the key's id, paired with a secret key), `STRIPE_PUBLISHABLE_KEY`. */
const NOT_SECRET = /ALLOW_EMPTY|RANDOM_ROOT_PASSWORD|^ACCESS_KEY$|(?<!SECRET)_ACCESS_KEY$|(?:^|_)(?:PUBLIC|PUBLISHABLE)_KEY$/;

/**
 * A variable name that says it holds a secret: `DB_PASSWORD`, `JWT_SECRET`,
 * `GITHUB_TOKEN`, `STRIPE_API_KEY`, `SSH_PRIVATE_KEY`, `APP_KEY`; not
 * `*_FILE` (a path to the secret) nor `*_KEY_ID`.
 */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.endsWith("_FILE") || upper.endsWith("_KEY_ID") || NOT_SECRET.test(upper)) return false;
  const segments = upper.split("_");
  let last = -1;
  segments.forEach((segment, i) => {
    const key = segment === "KEY" && i > 0 && (i === segments.length - 1 || segments[i - 1] === "API" || segments[i - 1] === "PRIVATE");
    if (key || SECRET_SEGMENT.test(segment)) last = i;
  });
  return last >= 0 && !segments.slice(last + 1).some((s) => QUALIFIER.has(s));
}

/** Values that cannot be a secret: booleans, an empty pair of quotes, a path to a secret file. */
const NOT_SECRET_VALUE = /^(?:true|false|yes|no|on|off|""|''|\/[\w./-]+)$/i;

/** Text outside the interpolations: what stays literal whatever the variables hold. */
function literalPart(text: string, interpolations: readonly Interpolation[]): string {
  let literal = "";
  let cursor = 0;
  for (const item of interpolations) {
    literal += text.slice(cursor, item.start);
    cursor = item.end;
  }
  return (literal + text.slice(cursor)).trim();
}

const WHERE = {
  en: "it ends up in Git and in the dashboard's compose; set it under Dashboard → Environment variables",
  fr: "elle se retrouve dans Git et dans le compose du dashboard ; définissez-la dans Dashboard → Environment variables",
};

function referenceEdit(variable: EnvironmentVariable, start: number, end: number, name: string): OffsetEdit[] | undefined {
  if (!variable.editable || !variable.node) return undefined;
  const reference = `\${${name}}`;
  if (variable.node.type === "PLAIN" && variable.flow) {
    // `{` and `}` would end a plain scalar in a flow collection: the new value is double-quoted whole.
    const [nodeStart, nodeEnd] = variable.node.range!;
    const value = variable.raw.slice(0, start - variable.valueSpan.start) + reference + variable.raw.slice(end - variable.valueSpan.start);
    const prefix = variable.form === "list" ? `${variable.name}=` : "";
    return [{ start: nodeStart, end: nodeEnd, newText: JSON.stringify(prefix + value) }];
  }
  return [{ start, end, newText: reference }];
}

function literalValueReport(variable: EnvironmentVariable): Report {
  const edits = referenceEdit(variable, variable.valueSpan.start, variable.valueSpan.end, variable.name);
  return {
    ...variable.valueSpan,
    message: {
      en: `${variable.name} is given a literal value: ${WHERE.en}, and write ${variable.name}=\${${variable.name}}.`,
      fr: `${variable.name} reçoit une valeur littérale : ${WHERE.fr}, et écrivez ${variable.name}=\${${variable.name}}.`,
    },
    fix: edits && { title: { en: `Reference \${${variable.name}}`, fr: `Référencer \${${variable.name}}` }, edits },
  };
}

function literalDefaultReport(variable: EnvironmentVariable, item: Interpolation): Report {
  const start = variable.valueSpan.start + item.argumentStart!;
  const edits = referenceEdit(variable, variable.valueSpan.start + item.start, variable.valueSpan.start + item.end, item.name);
  return {
    start,
    end: start + item.argument!.length,
    message: {
      en: `${variable.name} has a literal default in \${${item.name}${item.operator}…}: ${WHERE.en}, and write \${${item.name}}.`,
      fr: `${variable.name} a une valeur par défaut littérale dans \${${item.name}${item.operator}…} : ${WHERE.fr}, et écrivez \${${item.name}}.`,
    },
    fix: edits && { title: { en: `Reference \${${item.name}}`, fr: `Référencer \${${item.name}}` }, edits },
  };
}

export const literalSecret: Rule = {
  meta: {
    id: "literal-secret",
    severity: "warning",
    scope: "pipeline",
    fixable: true,
    docs: {
      title: {
        en: "A secret written in the compose file",
        fr: "Un secret écrit dans le fichier compose",
      },
      description: {
        en: "A password, token or key given a literal value in `environment` (`DB_PASSWORD=admin`), or as the default of an interpolation (`${DB_PASSWORD:-admin123}`), is committed to Git and stored in the compose copy the Elestio dashboard keeps. Set it under Dashboard → Environment variables instead: the pipeline writes those to `.env`, and `${DB_PASSWORD}` reads it from there.",
        fr: "Un mot de passe, un jeton ou une clé qui reçoit une valeur littérale dans `environment` (`DB_PASSWORD=admin`), ou comme valeur par défaut d'une interpolation (`${DB_PASSWORD:-admin123}`), est commité dans Git et conservé dans la copie du compose que garde le dashboard Elestio. Définissez-le plutôt dans Dashboard → Environment variables : le pipeline les écrit dans `.env`, où `${DB_PASSWORD}` va le lire.",
      },
      fix: { en: "Reference `${NAME}`", fr: "Référencer `${NAME}`" },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const variable of serviceEnvironment(model, service)) {
        if (variable.value === undefined || variable.value.trim() === "") continue;
        const secretKey = isSecretName(variable.name);
        if (!secretKey && !variable.raw.includes("${")) continue;
        const interpolations = findInterpolations(variable.raw);
        if (secretKey && literalPart(variable.raw, interpolations) !== "") {
          if (NOT_SECRET_VALUE.test(variable.value.trim())) continue;
          report(literalValueReport(variable));
          continue;
        }
        // A default is checked in any value: `postgres://app:${DB_PASSWORD:-admin}@db/app` holds one too.
        for (const item of interpolations) {
          if (item.operator !== ":-" && item.operator !== "-") continue;
          if (!secretKey && !isSecretName(item.name)) continue;
          const argument = item.argument ?? "";
          const literal = literalPart(argument, findInterpolations(argument));
          if (literal === "" || NOT_SECRET_VALUE.test(literal)) continue;
          report(literalDefaultReport(variable, item));
        }
      }
    }
  },
};
