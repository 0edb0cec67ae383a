import { SHELL, SHELL_SCRIPT_FLAG, type CommandWord } from "../compose/commands.js";
import { formatScalar } from "../compose/edits.js";
import { containerVariables } from "../compose/environment.js";
import { serviceHealthcheck, type HealthcheckTest } from "../compose/healthcheck.js";
import { findInterpolations } from "../compose/interpolation.js";
import type { ComposeModel, Service } from "../compose/model.js";
import type { OffsetEdit } from "../text.js";
import type { Rule } from "./types.js";

export type ShellSyntaxKind = "operator" | "command" | "escaped" | "variable";

export interface ShellSyntax {
  /** Index in the exec arguments (0 is the program). */
  index: number;
  kind: ShellSyntaxKind;
  /** The offending text: the argument, or the variable reference in it. */
  token: string;
}

/**
 * The arguments of the service's healthcheck test when it is in exec form,
 * `["CMD", program, args...]` (a merged healthcheck included), program first;
 * undefined for other forms and for a list with an item that is not a string.
 */
function execFormArguments(model: ComposeModel, service: Service): { test: HealthcheckTest; args: string[] } | undefined {
  const test = serviceHealthcheck(model, service).test;
  if (test?.form !== "CMD") return undefined;
  const args: string[] = [];
  for (const word of test.words.slice(1)) {
    if (word.text === undefined) return undefined;
    args.push(word.text);
  }
  return { test, args };
}

/** Flags whose next argument is a script in the program's own language (`node -e`, `psql -c`, `mongosh --eval`): not shell text. */
const SCRIPT_FLAG = /^(?:-[a-zA-Z]?[cer]|--eval|--command|--execute)$/;
const INLINE_SCRIPT = /^--(?:eval|command|execute)=/;
/** An argument that is a shell operator or redirection on its own. */
const OPERATOR = /^(?:\|\||&&|\||;|&|>>?|<|[0-9]>>?|[0-9]?>&[0-9]|&>>?|[0-9&]?>>?\/\S*)$/;
/** A whole shell command in one argument: operators between words. */
const COMMAND_OPERATOR = /(?:^|\s)(?:\|\||&&|\||>>?|<|[0-9]>>?|[0-9]?>&[0-9]|&>>?)(?:\s|$)|;\s+\S/;
/** `$$VAR`, `$${VAR}`, `$$(...)`: compose turns them into a literal `$...` that only a shell would expand. */
const ESCAPED = /\$\$(?:\{[^}]*\}|\([^)]*\)|[A-Za-z_][A-Za-z0-9_]*)/;

/**
 * The arguments of an exec-form test (program first) that only a shell
 * understands. `locals` are the variables the service sets in `environment`
 * with its own value: `$VAR` naming one of them means the container's value,
 * which no shell is there to read (compose substitutes its own at deploy time).
 */
export function shellSyntax(args: readonly string[], locals: ReadonlySet<string>): ShellSyntax[] {
  if (args.length === 0) return [];
  if (SHELL.test(args[0]) && args.slice(1).some((a) => SHELL_SCRIPT_FLAG.test(a))) return [];
  const found: ShellSyntax[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (index > 0 && SCRIPT_FLAG.test(args[index - 1])) continue;
    if (INLINE_SCRIPT.test(arg)) continue;
    if (OPERATOR.test(arg)) found.push({ index, kind: "operator", token: arg });
    else if (/\s/.test(arg) && (index === 0 || COMMAND_OPERATOR.test(arg))) found.push({ index, kind: "command", token: arg });
    else {
      const escaped = ESCAPED.exec(arg);
      const local = findInterpolations(arg).find((i) => locals.has(i.name));
      if (escaped) found.push({ index, kind: "escaped", token: escaped[0] });
      else if (local) found.push({ index, kind: "variable", token: arg.slice(local.start, local.end) });
    }
  }
  return found;
}

/** `$VAR` → `$$VAR` for the container's own variables: the shell must expand them, not compose. */
function escapeLocals(text: string, locals: ReadonlySet<string>): string {
  let result = "";
  let cursor = 0;
  for (const item of findInterpolations(text)) {
    if (!locals.has(item.name)) continue;
    result += text.slice(cursor, item.start) + "$";
    cursor = item.start;
  }
  return result + text.slice(cursor);
}

const BARE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const BARE_WITH_VARIABLES = /^[A-Za-z0-9_@%+=:,./${}-]+$/;

/** One exec argument as a shell word: operators and whole commands bare, others quoted when needed. */
function shellWord(arg: string, kind: ShellSyntaxKind | undefined, locals: ReadonlySet<string>): string {
  const text = escapeLocals(arg, locals);
  if (kind === "operator" || kind === "command") return text;
  if (BARE_WORD.test(text)) return text;
  if (text.includes("$")) {
    // Double quotes keep `$VAR` expandable by the shell.
    return BARE_WITH_VARIABLES.test(text) ? text : `"${text.replace(/[\\"`]/g, "\\$&")}"`;
  }
  return `'${text.replace(/'/g, "'\\''")}'`;
}

function shellCommand(args: readonly string[], syntax: readonly ShellSyntax[], locals: ReadonlySet<string>): string {
  const kinds = new Map(syntax.map((s) => [s.index, s.kind]));
  return args.map((arg, i) => shellWord(arg, kinds.get(i), locals)).join(" ");
}

/** A scalar in the style of the word `like`, valid inside a flow collection when `flow`. */
function yamlScalar(text: string, like: CommandWord, flow: boolean): string {
  if (like.plain && flow && /[,[\]{}]/.test(text)) return JSON.stringify(text);
  return formatScalar(text, like.scalar?.type);
}

/** Rewrites the test as `["CMD-SHELL", "<command>"]`, in the list's own style. */
function convertEdits(model: ComposeModel, test: HealthcheckTest, command: string): OffsetEdit[] | undefined {
  // Each item must be written as a string scalar, not an alias, to be rewritten in place.
  const words = test.words;
  if (words.length < 2 || words.some((w) => !w.scalar || w.source !== w.node)) return undefined;
  const [first, second] = words;
  const last = words[words.length - 1];
  const flow = test.flow;
  const edits: OffsetEdit[] = [{ ...first.span, newText: yamlScalar("CMD-SHELL", first, flow) }];
  if (flow) {
    edits.push({ start: second.span.start, end: last.span.end, newText: yamlScalar(command, first, flow) });
    return edits;
  }
  edits.push({ ...second.span, newText: yamlScalar(command, first, flow) });
  let previousLine = model.lines.positionAt(second.span.end).line;
  for (const item of words.slice(2)) {
    const { line } = model.lines.positionAt(item.span.start);
    const lineStart = model.lines.lineStarts[line];
    // Each remaining item must sit alone on its lines to be deleted with them.
    if (line <= previousLine || !/^[ \t]*-[ \t]+$/.test(model.text.slice(lineStart, item.span.start))) return undefined;
    const lastLine = model.lines.positionAt(item.span.end).line;
    edits.push({ start: lineStart, end: model.lines.nextLineStart(lastLine), newText: "" });
    previousLine = lastLine;
  }
  return edits;
}

function describe(problem: ShellSyntax, program: string): { en: string; fr: string } {
  switch (problem.kind) {
    case "variable":
      return {
        en: `the exec form has no shell to read ${problem.token} from the container's environment: compose substitutes it at deploy time from .env, usually to empty`,
        fr: `la forme exec n'a pas de shell pour lire ${problem.token} dans l'environnement du conteneur : compose le substitue au déploiement depuis .env, le plus souvent par une chaîne vide`,
      };
    case "escaped":
      return {
        en: `the exec form runs ${program} without a shell: ${problem.token.slice(1)} reaches it as literal text, never expanded`,
        fr: `la forme exec lance ${program} sans shell : ${problem.token.slice(1)} lui parvient tel quel, jamais développé`,
      };
    default:
      return {
        en: `the exec form runs ${program} without a shell: "${problem.token}" is passed to it as a literal argument, so the check never runs what it says`,
        fr: `la forme exec lance ${program} sans shell : « ${problem.token} » lui est passé comme argument littéral, le test ne fait donc pas ce qu'il dit`,
      };
  }
}

export const healthcheckExecShell: Rule = {
  meta: {
    id: "healthcheck-exec-shell",
    severity: "error",
    scope: "all",
    fixable: true,
    // Converting the test to CMD-SHELL is the fix for every `$VAR` in it.
    supersedes: ["unescaped-dollar", "undefined-variable"],
    docs: {
      title: {
        en: "Shell syntax in an exec-form healthcheck",
        fr: "Syntaxe shell dans un healthcheck en forme exec",
      },
      description: {
        en: 'A healthcheck `test: ["CMD", ...]` runs the program directly, without a shell. Shell syntax in its arguments (`||`, `&&`, `|`, `;`, `>`, `<`, `$VAR` of the container) is passed to the program as literal text: `["CMD", "curl", "-f", "http://localhost/", "||", "exit", "1"]` hands `||`, `exit` and `1` to curl as extra URLs. The check then fails or passes for the wrong reason, and a service waiting for `service_healthy` fails with `dependency failed to start`. `CMD-SHELL` runs the command through `/bin/sh -c`.',
        fr: "Un healthcheck `test: [\"CMD\", ...]` lance le programme directement, sans shell. La syntaxe shell de ses arguments (`||`, `&&`, `|`, `;`, `>`, `<`, `$VAR` du conteneur) est passée telle quelle au programme : `[\"CMD\", \"curl\", \"-f\", \"http://localhost/\", \"||\", \"exit\", \"1\"]` donne `||`, `exit` et `1` à curl comme URL supplémentaires. Le test échoue ou réussit pour une mauvaise raison, et un service qui attend `service_healthy` échoue avec `dependency failed to start`. `CMD-SHELL` exécute la commande avec `/bin/sh -c`.",
      },
      fix: { en: 'Convert to `["CMD-SHELL", "<command>"]`', fr: 'Convertir en `["CMD-SHELL", "<commande>"]`' },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const exec = execFormArguments(model, service);
      if (!exec) continue;
      const locals = containerVariables(model, service);
      const { test, args } = exec;
      const problems = shellSyntax(args, locals);
      if (problems.length === 0) continue;
      const { en, fr } = describe(problems[0], args[0]);
      const command = shellCommand(args, problems, locals);
      const edits = convertEdits(model, test, command);
      report({
        ...test.span,
        message: {
          en: `Healthcheck of "${service.name}": ${en}. Use ["CMD-SHELL", "${command}"].`,
          fr: `Healthcheck de « ${service.name} » : ${fr}. Utilisez ["CMD-SHELL", "${command}"].`,
        },
        fix: edits && { title: { en: "Convert to CMD-SHELL", fr: "Convertir en CMD-SHELL" }, edits },
      });
    }
  },
};
