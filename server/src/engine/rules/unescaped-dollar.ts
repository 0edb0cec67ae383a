import { SHELL, SHELL_SCRIPT_FLAG, serviceCommand, type CommandValue } from "../compose/commands.js";
import { containerVariables, serviceEnvironment, type EnvironmentVariable } from "../compose/environment.js";
import { serviceHealthcheck } from "../compose/healthcheck.js";
import { findInterpolations } from "../compose/interpolation.js";
import type { ComposeModel, Service, Span } from "../compose/model.js";
import type { OffsetEdit } from "../text.js";
import type { Rule } from "./types.js";

/** A scalar of a command, entrypoint or healthcheck test, and whether a shell reads it. */
interface Target {
  /** Where the scalar's text is written, quotes included. */
  span: Span;
  /** A plain scalar in a flow collection, where `{` and `,` need quotes. */
  plainInFlow: boolean;
  shell: boolean;
}

/** Index of the script in `[shell, ..., "-c", script, ...]`, or -1. */
function shellScriptIndex(words: readonly string[]): number {
  if (!SHELL.test(words[0] ?? "")) return -1;
  const flag = words.findIndex((w, i) => i > 0 && SHELL_SCRIPT_FLAG.test(w));
  return flag < 0 ? -1 : flag + 1;
}

/** The value's scalars, those at `shellIndexes(texts)` read by a shell. */
function wordTargets(value: Pick<CommandValue, "words" | "flow">, shellIndexes: (texts: string[]) => Set<number>): Target[] {
  const shell = shellIndexes(value.words.map((w) => w.text ?? ""));
  const targets: Target[] = [];
  value.words.forEach((word, index) => {
    if (word.textSpan) targets.push({ span: word.textSpan, plainInFlow: word.plain && value.flow, shell: shell.has(index) });
  });
  return targets;
}

/** `command` / `entrypoint`: a string compose splits into words (no shell), or a list. A shell runs only `sh -c <script>`. */
function commandTargets(value: CommandValue | undefined): Target[] {
  if (!value) return [];
  if (value.form === "string") return wordTargets(value, (texts) => new Set(shellScriptIndex(texts[0].trim().split(/\s+/)) > 0 ? [0] : []));
  return wordTargets(value, (texts) => new Set([shellScriptIndex(texts)]));
}

/** The healthcheck test: a string and `CMD-SHELL` run through a shell; `CMD` only for `sh -c`. */
function testTargets(model: ComposeModel, service: Service): Target[] {
  const test = serviceHealthcheck(model, service).test;
  if (!test) return [];
  if (test.form === "string") return wordTargets(test, () => new Set([0]));
  return wordTargets(test, (texts) => {
    if (texts[0] === "CMD-SHELL") return new Set([1]);
    if (texts[0] === "CMD") return new Set([shellScriptIndex(texts.slice(1)) + 1].filter((i) => i > 0));
    return new Set();
  });
}

/**
 * Where no shell runs, `$$VAR` would reach the program as literal text. The
 * reference can instead repeat the environment's own expression
 * (`${DB_USER:-postgres}`): compose substitutes it from the same `.env`, so
 * the program gets the container's value. Only for expressions that need no
 * quoting where they go, and never to copy a literal value around.
 */
function environmentExpression(variable: EnvironmentVariable | undefined, target: Target, locals: ReadonlySet<string>): string | undefined {
  const value = variable?.value;
  const references = value === undefined ? [] : findInterpolations(value);
  // An expression naming another container variable would only move the fault.
  if (value === undefined || references.length === 0 || references.some((r) => locals.has(r.name))) return undefined;
  if (!/^[A-Za-z0-9_@%+=:./${}?-]+$/.test(value)) return undefined;
  if (target.plainInFlow && /[{}]/.test(value)) return undefined;
  return value;
}

export const unescapedDollar: Rule = {
  meta: {
    id: "unescaped-dollar",
    severity: "warning",
    scope: "all",
    fixable: true,
    // `$VAR` meant for the container: writing `$$VAR` is the fix, the variable need not be set for compose.
    supersedes: ["undefined-variable"],
    docs: {
      title: {
        en: "A container variable in a command, substituted by compose instead",
        fr: "Une variable du conteneur dans une commande, substituée par compose à la place",
      },
      description: {
        en: "Compose substitutes `$VAR` and `${VAR}` everywhere in the file at deploy time, from the shell and `.env`, before any container starts. In a healthcheck, `command` or `entrypoint`, a variable that the service sets in `environment` (`POSTGRES_USER: ${DB_USER:-postgres}`) is therefore not read from the container: compose puts its own value there, usually an empty string, and `pg_isready -U $POSTGRES_USER` runs as `pg_isready -U`. Written `$$VAR`, compose leaves `$VAR` for the container's shell to expand.",
        fr: "Compose substitue `$VAR` et `${VAR}` partout dans le fichier au déploiement, depuis le shell et `.env`, avant qu'aucun conteneur ne démarre. Dans un healthcheck, un `command` ou un `entrypoint`, une variable que le service définit dans `environment` (`POSTGRES_USER: ${DB_USER:-postgres}`) n'est donc pas lue dans le conteneur : compose y met sa propre valeur, le plus souvent une chaîne vide, et `pg_isready -U $POSTGRES_USER` devient `pg_isready -U`. Écrite `$$VAR`, compose laisse `$VAR` au shell du conteneur.",
      },
      fix: { en: "Write `$$VAR`", fr: "Écrire `$$VAR`" },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      if (!service.get("healthcheck") && !service.get("command") && !service.get("entrypoint")) continue;
      const locals = containerVariables(model, service);
      if (locals.size === 0) continue;
      const environment = new Map(serviceEnvironment(model, service).map((v) => [v.name, v]));
      const targets = [...testTargets(model, service), ...commandTargets(serviceCommand(service, "command")), ...commandTargets(serviceCommand(service, "entrypoint"))];
      for (const target of targets) {
        const { start, end } = target.span;
        // Offsets in the raw source slice are source offsets; quotes never hold a `$`.
        for (const item of findInterpolations(model.text.slice(start, end))) {
          if (!locals.has(item.name)) continue;
          const reference = model.text.slice(start + item.start, start + item.end);
          const at = start + item.start;
          let edit: OffsetEdit | undefined;
          let advice: { en: string; fr: string };
          if (target.shell) {
            edit = { start: at, end: at, newText: "$" };
            advice = { en: `write $${reference} for the container's shell to expand it`, fr: `écrivez $${reference} pour que le shell du conteneur la développe` };
          } else {
            const expression = environmentExpression(environment.get(item.name), target, locals);
            if (expression !== undefined) edit = { start: at, end: start + item.end, newText: expression };
            advice = expression !== undefined
              ? { en: `no shell runs this command, so $$ would not help: use the environment's expression ${expression}`, fr: `aucun shell n'exécute cette commande, $$ n'y changerait rien : utilisez l'expression de l'environnement ${expression}` }
              : { en: "no shell runs this command: use the value itself, or run the command with sh -c and write $$", fr: "aucun shell n'exécute cette commande : utilisez la valeur elle-même, ou lancez la commande avec sh -c et écrivez $$" };
          }
          report({
            start: at,
            end: start + item.end,
            message: {
              en: `${reference} names a variable that "${service.name}" sets in environment, but compose substitutes it at deploy time from .env, usually to empty: ${advice.en}.`,
              fr: `${reference} désigne une variable que « ${service.name} » définit dans environment, mais compose la substitue au déploiement depuis .env, le plus souvent par une chaîne vide : ${advice.fr}.`,
            },
            fix: edit && { title: target.shell ? { en: `Write $${reference}`, fr: `Écrire $${reference}` } : { en: "Use the environment's expression", fr: "Utiliser l'expression de l'environnement" }, edits: [edit] },
          });
        }
      }
    }
  },
};
