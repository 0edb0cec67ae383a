import { serviceCommand, shellScriptIndex, type CommandValue } from "../compose/commands.js";
import { containerVariables, serviceEnvironment, type EnvironmentVariable } from "../compose/environment.js";
import { serviceHealthcheck } from "../compose/healthcheck.js";
import { findInterpolations } from "../compose/interpolation.js";
import type { ComposeModel, Service, Span } from "../compose/model.js";
import type { Rule } from "./types.js";

/** A scalar of a command, entrypoint or healthcheck test, and whether a shell reads it. */
interface Target {
  /** Where the scalar's text is written, quotes included. */
  span: Span;
  /** A plain scalar in a flow collection, where `{` and `,` need quotes. */
  plainInFlow: boolean;
  shell: boolean;
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
    reads: "service",
    // `$VAR` meant for the container: writing `$$VAR` is the fix, the variable need not be set for compose.
    supersedes: ["undefined-variable"],
    docs: {
      title: {
        en: "A container variable in a command, replaced by compose before the container starts",
        fr: "Variable du conteneur dans une commande : compose la remplace avant le démarrage",
      },
      description: {
        en: "Compose replaces `$VAR` and `${VAR}` everywhere in the file at deploy time, with values from the shell and `.env`, before any container starts. A variable the service sets in `environment` (`POSTGRES_USER: ${DB_USER:-postgres}`) is therefore not read in the container, and `pg_isready -U $POSTGRES_USER` runs as `pg_isready -U`. Write it `$$VAR` and compose leaves `$VAR` for the container's shell to expand; where no shell runs the command, `$$` does not help.",
        fr: "Compose remplace `$VAR` et `${VAR}` partout dans le fichier au déploiement, par les valeurs du shell et de `.env`, avant qu'aucun conteneur ne démarre. Une variable que le service définit dans `environment` (`POSTGRES_USER: ${DB_USER:-postgres}`) n'est donc pas lue dans le conteneur, et `pg_isready -U $POSTGRES_USER` devient `pg_isready -U`. Écrite `$$VAR`, la variable reste `$VAR` et c'est le shell du conteneur qui la développe ; là où aucun shell ne lance la commande, `$$` n'y change rien.",
      },
      fix: { en: "Write `$$VAR`", fr: "Écrire `$$VAR`" },
      manualFix: {
        en: "Write the value itself, or run the command through `sh -c` and write `$$VAR`.",
        fr: "Écrivez la valeur elle-même, ou lancez la commande avec `sh -c` et écrivez `$$VAR`.",
      },
      example: {
        invalid: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]\n',
        valid: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER"]\n',
      },
    },
    messages: {
      shell: {
        en: "Compose, not the container, expands {{variable}} (usually to nothing). Write ${{variable}}.",
        fr: "Compose, et non le conteneur, remplace {{variable}} (le plus souvent par rien). Écrivez ${{variable}}.",
      },
      expression: {
        en: "Compose expands {{variable}} (usually to nothing); no shell runs here. Use the environment's expression.",
        fr: "Compose remplace {{variable}} (souvent par rien) et la commande n'a pas de shell. Utilisez l'expression d'environment.",
      },
      noShell: {
        en: "Compose expands {{variable}} (usually to nothing); no shell runs here. Use the value or sh -c with $$.",
        fr: "Compose remplace {{variable}} (souvent par rien) et la commande n'a pas de shell. Écrivez la valeur ou passez par sh -c et $$.",
      },
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
          const range = { start: at, end: start + item.end };
          if (target.shell) {
            const title = { en: `Write $${reference}`, fr: `Écrire $${reference}` };
            report({ ...range, messageId: "shell", data: { variable: reference }, fix: { title, edits: [{ start: at, end: at, newText: "$" }] } });
            continue;
          }
          const expression = environmentExpression(environment.get(item.name), target, locals);
          if (expression === undefined) {
            report({ ...range, messageId: "noShell", data: { variable: reference } });
            continue;
          }
          const title = { en: `Write ${expression}, as in environment`, fr: `Écrire ${expression}, comme dans environment` };
          report({ ...range, messageId: "expression", data: { variable: reference }, fix: { title, edits: [{ ...range, newText: expression }] } });
        }
      }
    }
  },
};
