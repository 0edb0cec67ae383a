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
  const reference = `\${${variable.name}}`;
  return {
    ...variable.valueSpan,
    messageId: "plainValue",
    data: { reference },
    fix: edits && { title: { en: `Reference ${reference}`, fr: `Référencer ${reference}` }, edits },
  };
}

function literalDefaultReport(variable: EnvironmentVariable, item: Interpolation): Report {
  const start = variable.valueSpan.start + item.argumentStart!;
  const edits = referenceEdit(variable, variable.valueSpan.start + item.start, variable.valueSpan.start + item.end, item.name);
  const reference = `\${${item.name}}`;
  return {
    start,
    end: start + item.argument!.length,
    // The default's own variable: the one to set in the dashboard (`POSTGRES_PASSWORD: ${DB_PASSWORD:-admin}` names DB_PASSWORD).
    messageId: "plainDefault",
    data: { reference },
    fix: edits && { title: { en: `Remove the default: ${reference}`, fr: `Supprimer la valeur par défaut : ${reference}` }, edits },
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
        en: "The pipeline's compose file is in your Git repository, and Elestio's dashboard keeps a copy of it: a password, token or key written there, as a value (`DB_PASSWORD=admin`) or as a default (`${DB_PASSWORD:-admin123}`), can be read by anyone with access to either, history included. Variables set under **Dashboard → Environment variables** are written to `.env` on the VM at each deploy, where `${DB_PASSWORD}` reads them.",
        fr: "Le compose du pipeline est versionné dans Git et le dashboard d'Elestio en garde une copie : un mot de passe, un jeton ou une clé qui y est écrit en clair, comme valeur (`DB_PASSWORD=admin`) ou comme valeur par défaut (`${DB_PASSWORD:-admin123}`), est lisible par quiconque a accès à l'un ou à l'autre, historique compris. Les variables définies dans **Dashboard → Environment variables** sont écrites dans `.env` sur la VM à chaque déploiement, où `${DB_PASSWORD}` les lit.",
      },
      fix: { en: "Reference `${NAME}`", fr: "Référencer `${NAME}`" },
      manualFix: {
        en: "Set the value under **Dashboard → Environment variables** and write `${NAME}` in its place.",
        fr: "Définissez la valeur dans **Dashboard → Environment variables** et écrivez `${NAME}` à sa place.",
      },
      example: {
        invalid: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: admin123\n",
        valid: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
      },
    },
    messages: {
      // The reference names the variable: one name only, so that long names still fit.
      plainValue: {
        en: "Secret in plain text, committed to Git: write {{reference}} and set it in the dashboard.",
        fr: "Secret en clair, versionné dans Git : écrivez {{reference}} et définissez-le dans le dashboard.",
      },
      plainDefault: {
        en: "Secret in plain text as a default, committed to Git: write {{reference}} and set it in the dashboard.",
        fr: "Secret en clair en valeur par défaut, versionné dans Git : écrivez {{reference}} et définissez-le dans le dashboard.",
      },
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
