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

/** The message of the first problem found: its id and data. */
function messageOf(problem: ShellSyntax, program: string, service: string): { messageId: string; data: Record<string, string> } {
  switch (problem.kind) {
    case "variable":
      return { messageId: "containerVariable", data: { service, variable: problem.token } };
    case "escaped":
      return { messageId: "escapedVariable", data: { service, program, variable: problem.token.slice(1) } };
    case "command":
      return problem.index === 0
        ? { messageId: "programName", data: { service, command: problem.token } }
        : { messageId: "wholeCommand", data: { service, argument: problem.token } };
    default:
      return { messageId: "operator", data: { service, program, operator: problem.token } };
  }
}

export const healthcheckExecShell: Rule = {
  meta: {
    id: "healthcheck-exec-shell",
    severity: "error",
    scope: "all",
    fixable: true,
    reads: "service",
    // Converting the test to CMD-SHELL is the fix for every `$VAR` in it.
    supersedes: ["unescaped-dollar", "undefined-variable"],
    docs: {
      title: {
        en: "Shell syntax in an exec-form healthcheck",
        fr: "Syntaxe shell dans un healthcheck en forme exec",
      },
      description: {
        en: 'A healthcheck `test: ["CMD", ...]` runs the program directly, without a shell: `||`, `&&`, `|`, `;`, `>` and `<` reach it as literal arguments (`["CMD", "curl", "-f", "http://localhost/", "||", "exit", "1"]` hands `||`, `exit` and `1` to curl as extra URLs), so the check fails or passes for the wrong reason. `$VAR` is replaced by compose at deploy time (usually by nothing), and `$$VAR` reaches the program as the literal text `$VAR`, never expanded. `CMD-SHELL` runs the command through `/bin/sh -c`, where all of this works.',
        fr: "Un healthcheck `test: [\"CMD\", ...]` lance le programme directement, sans shell : `||`, `&&`, `|`, `;`, `>` et `<` lui parviennent comme arguments littéraux (`[\"CMD\", \"curl\", \"-f\", \"http://localhost/\", \"||\", \"exit\", \"1\"]` donne `||`, `exit` et `1` à curl comme URL supplémentaires), et le test échoue ou réussit pour une mauvaise raison. `$VAR` est remplacée par compose au déploiement (le plus souvent par rien) et `$$VAR` parvient au programme sous la forme du texte `$VAR`, sans jamais être développée. `CMD-SHELL` exécute la commande avec `/bin/sh -c`, où tout cela fonctionne.",
      },
      fix: { en: 'Convert to `["CMD-SHELL", "<command>"]`', fr: 'Convertir en `["CMD-SHELL", "<commande>"]`' },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health/", "||", "exit", "1"]\n      interval: 10s\n',
        valid: 'services:\n  web:\n    build: .\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:8000/health/ || exit 1"]\n      interval: 10s\n',
      },
    },
    messages: {
      operator: {
        en: 'Healthcheck of "{{service}}": CMD has no shell; "{{operator}}" is just an argument to {{program}}. Use CMD-SHELL.',
        fr: "Healthcheck de « {{service}} » : CMD n'a pas de shell ; « {{operator}} » n'est qu'un argument de {{program}}. Utilisez CMD-SHELL.",
      },
      wholeCommand: {
        en: 'Healthcheck of "{{service}}": CMD has no shell; "{{argument}}" is one argument. Use CMD-SHELL.',
        fr: "Healthcheck de « {{service}} » : CMD n'a pas de shell ; « {{argument}} » forme un seul argument. Utilisez CMD-SHELL.",
      },
      programName: {
        en: 'Healthcheck of "{{service}}": CMD looks for a program called "{{command}}". Use CMD-SHELL.',
        fr: "Healthcheck de « {{service}} » : CMD cherche un programme nommé « {{command}} ». Utilisez CMD-SHELL.",
      },
      containerVariable: {
        en: 'Healthcheck of "{{service}}": compose replaces {{variable}} on deploy, usually by nothing. Use CMD-SHELL.',
        fr: "Healthcheck de « {{service}} » : compose remplace {{variable}} au déploiement, le plus souvent par rien. Utilisez CMD-SHELL.",
      },
      escapedVariable: {
        en: 'Healthcheck of "{{service}}": CMD has no shell; {{program}} gets "{{variable}}" unexpanded. Use CMD-SHELL.',
        fr: "Healthcheck de « {{service}} » : CMD n'a pas de shell ; {{program}} reçoit « {{variable}} » tel quel. Utilisez CMD-SHELL.",
      },
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
      const command = shellCommand(args, problems, locals);
      const edits = convertEdits(model, test, command);
      // The message names the first problem; the fix's title shows the whole command it writes.
      const converted = `["CMD-SHELL", ${JSON.stringify(command)}]`;
      report({
        ...test.span,
        ...messageOf(problems[0], args[0], service.name),
        fix: edits && { title: { en: `Convert to ${converted}`, fr: `Convertir en ${converted}` }, edits },
      });
    }
  },
};
