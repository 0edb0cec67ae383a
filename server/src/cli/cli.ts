/**
 * elestio-compose-lint: the engine for CI, terminals and pre-commit. This
 * file only wires options to the engine: reading is in cli-input.ts, each
 * output format in its own module.
 *
 * Exit 0 without error-severity findings (nor more warnings than
 * --max-warnings), 1 with some, 2 for usage, input and configuration errors
 * and for a rule that throws (its findings for that file are missing).
 * `runCli` touches the process only through the CliIO it is given: main.ts
 * passes the process's, tests may pass their own.
 */
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { shownPath, toJson, toText, type FileReport } from "./format.js";
import { toGithub } from "./github.js";
import { collectFiles, readText, UsageError, writeFixed } from "./input.js";
import { toSarif } from "./sarif.js";
import { ruleDocsLocation } from "../ruleDocs.js";
import { parseCompose } from "../engine/compose/model.js";
import { ConfigFinder, describeProblems } from "../engine/config.js";
import { explainLog } from "../engine/explain.js";
import { markdownToTerminal } from "./terminal.js";
import { DEFAULT_PIPELINE_FILES, isPipelineFile } from "../engine/files.js";
import { fixAll } from "../engine/fixes.js";
import { languageFromLocale, type Language } from "../engine/i18n/index.js";
import { knownRuleIds, lint, type Finding, type LintOptions } from "../engine/lint.js";
import { fileProject } from "../engine/project.js";
import { LineIndex } from "../engine/text.js";

const FORMATS = ["text", "json", "sarif", "github"] as const;
type Format = (typeof FORMATS)[number];

/** The name standard input is linted as without --stdin-filename: the pipeline's file. */
const DEFAULT_STDIN_FILENAME = "docker-compose.yml";

const USAGE = `Usage: elestio-compose-lint [options] [PATH...]
       elestio-compose-lint [options] --stdin [--stdin-filename NAME]

Lints Docker Compose files for Elestio CI/CD pipelines. PATH is a compose file or
a folder searched for compose files (default: the current folder).

Options:
  --format FORMAT        text (default), json, sarif (SARIF 2.1.0, for code
                         scanning) or github (GitHub Actions annotations)
  --fix                  apply every available fix in place, then report what
                         remains; with --stdin, print the fixed text instead
  --max-warnings N       exit 1 when there are more than N warnings
  --stdin                lint standard input
  --stdin-filename NAME  the file standard input stands for: its name decides
                         the rules, its folder the configuration and .env
                         (default: ${DEFAULT_STDIN_FILENAME})
  --lang en|fr           language of messages (default: from LANG)
  --pipeline GLOB        files the Elestio pipeline deploys (repeatable; default:
                         .elestio-compose.json's pipelineFiles, else
                         ${DEFAULT_PIPELINE_FILES.join(", ")})
  --explain FILE|-       explain a pipeline log (a file, or - for standard input);
                         with a PATH, point at the compose lines that cause it
  --exit-zero            exit 0 even when errors are found (a rule's internal
                         error still exits 2)
  -h, --help             show this help
  -v, --version          show the version

Configuration: the nearest .elestio-compose.json (or "elestio" key of a
package.json) above each file, up to the Git checkout's root:
  {"pipelineFiles": ["docker-compose.yml"], "rules": {"<rule id>": "off|hint|info|warning|error"}}
`;

/** What the CLI reads from and writes to: the process's in main.ts. */
export interface CliIO {
  /** The folder relative paths are read from and reported against. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  readStdin(): Promise<string>;
}

interface Options {
  format: Format;
  fix: boolean;
  maxWarnings?: number;
  stdin?: { filename: string };
  lang: Language;
  pipeline?: string[];
  explain?: string;
  exitZero: boolean;
  paths: string[];
}

function language(option: string | undefined, env: CliIO["env"]): Language {
  if (option !== undefined) {
    if (option !== "en" && option !== "fr") throw new UsageError(`--lang takes en or fr, not "${option}"`);
    return option;
  }
  return languageFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

function parseOptions(argv: string[], env: CliIO["env"]): Options | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        fix: { type: "boolean", default: false },
        "max-warnings": { type: "string" },
        stdin: { type: "boolean", default: false },
        "stdin-filename": { type: "string" },
        lang: { type: "string" },
        pipeline: { type: "string", multiple: true },
        explain: { type: "string" },
        "exit-zero": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (values.version) return "version";
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes ${FORMATS.slice(0, -1).join(", ")} or ${FORMATS.at(-1)}, not "${values.format}"`);
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!/^\d+$/.test(values["max-warnings"].trim()) || !Number.isSafeInteger(maxWarnings)) {
      throw new UsageError(`--max-warnings takes a number of warnings (0 or more), not "${values["max-warnings"]}"`);
    }
  }
  if (values["stdin-filename"] !== undefined && !values.stdin) throw new UsageError("--stdin-filename goes with --stdin");
  if (values.stdin && positionals.length > 0) throw new UsageError(`--stdin lints standard input, not files: drop ${positionals[0]} or --stdin`);
  if (values.stdin && values.explain !== undefined) throw new UsageError("--explain and --stdin cannot be used together");
  if (values["stdin-filename"] === "") throw new UsageError("--stdin-filename needs a file name");
  return {
    format,
    fix: values.fix,
    maxWarnings,
    stdin: values.stdin ? { filename: values["stdin-filename"] ?? DEFAULT_STDIN_FILENAME } : undefined,
    lang: language(values.lang, env),
    pipeline: values.pipeline,
    explain: values.explain,
    exitZero: values["exit-zero"],
    paths: positionals,
  };
}

/** One compose text to lint, and what decides how: the rules, their severities, the files around it. */
interface Target {
  /** The path as the user named it (the --stdin-filename for standard input). */
  file: string;
  isPipeline: boolean;
  /** How its text is linted: pipeline file or not, the files around it, the configuration's severities. */
  lintOptions: LintOptions;
  lintText: (text: string) => Finding[];
}

/**
 * How each file is linted: `--pipeline` globs (relative to the current
 * folder) over the configuration's `pipelineFiles` (relative to its folder)
 * over the defaults, the configuration's rule severities, the names of the
 * variables the dashboard sets and the ports its proxy forwards to. A configuration with problems stops the run
 * before any file is linted or fixed.
 */
function targetsFor(files: string[], pipelineOption: string[] | undefined, cwd: string, onRuleError?: (file: string, ruleId: string, error: unknown) => void): Target[] {
  const configs = new ConfigFinder((path) => relative(cwd, path) || path, knownRuleIds());
  return files.map((file) => {
    const absolute = resolve(cwd, file);
    const lookup = configs.find(absolute);
    if (lookup.problems.length > 0) throw new UsageError(describeProblems(lookup));
    const { config } = lookup;
    const globs = pipelineOption ?? config?.pipelineFiles ?? DEFAULT_PIPELINE_FILES;
    const base = pipelineOption || !config?.pipelineFiles ? cwd : dirname(config.file);
    const isPipeline = isPipelineFile(absolute, globs, relative(base, absolute));
    const severities = config?.rules ?? {};
    const lintOptions: LintOptions = {
      isPipeline,
      project: fileProject(absolute),
      severities,
      dashboardVariables: config?.dashboardVariables,
      proxyTargetPorts: config?.proxyTargetPorts,
      onRuleError: onRuleError && ((ruleId, error) => onRuleError(file, ruleId, error)),
    };
    return { file, isPipeline, lintOptions, lintText: (text) => lint(parseCompose(text), lintOptions) };
  });
}

/** What no diagnostic can show: the pipeline deploys the dashboard's copy. The files relative to the current folder. */
function dashboardNote(files: string[], lang: Language, cwd: string): string {
  const list = files.map((file) => shownPath(file, cwd)).join(", ");
  return lang === "fr"
    ? `À savoir : le pipeline Elestio déploie la copie de ${list} stockée dans le dashboard, pas celle du dépôt. Après une modification, collez-la dans Dashboard → votre service CI/CD → Docker compose, puis redéployez.\n`
    : `Note: the Elestio pipeline deploys the copy of ${list} stored in the dashboard, not the repository's. After a change, paste it into Dashboard → your CI/CD service → Docker compose, then redeploy.\n`;
}

function render(format: Format, reports: FileReport[], lang: Language, io: CliIO): string {
  switch (format) {
    case "json":
      return JSON.stringify(toJson(reports, lang), null, 2) + "\n";
    case "sarif":
      return JSON.stringify(toSarif(reports, lang, { cwd: io.cwd, version: VERSION, docsUrl: ruleDocsLocation().url }), null, 2) + "\n";
    case "github":
      return toGithub(reports, lang, io.cwd);
    case "text":
      return toText(reports, lang, { color: useColor(io), cwd: io.cwd });
  }
}

function tooManyWarnings(warnings: number, maximum: number, lang: Language): string {
  return lang === "fr"
    ? `elestio-compose-lint : ${warnings} avertissement${warnings > 1 ? "s" : ""}, au-delà du maximum de ${maximum} fixé par --max-warnings.\n`
    : `elestio-compose-lint: ${warnings} warning${warnings > 1 ? "s" : ""}, more than the maximum of ${maximum} set by --max-warnings.\n`;
}

/**
 * Runs the CLI on `argv` (without the program name) and resolves to its exit
 * code. A usage, input or configuration error is one line on stderr and 2.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    io.stderr.write(`elestio-compose-lint: ${message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const options = parseOptions(argv, io.env);
  if (options === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (options === "version") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const { format, lang } = options;
  if (options.explain !== undefined) return explain(options.explain, options, io);

  const reports: FileReport[] = [];
  const pipelineFiles: string[] = [];
  let fixedStdin: string | undefined;
  const files = options.stdin ? [options.stdin.filename] : collectFiles(options.paths.length > 0 ? options.paths : ["."], io.cwd);
  // A rule that throws loses its findings for that file, and the run cannot say the file is clean: one line per
  // rule and file on stderr, the other rules' findings printed, and exit 2 (an internal error, as ESLint's).
  const failedRules = new Set<string>();
  const onRuleError = (file: string, ruleId: string, error: unknown) => {
    const key = `${ruleId}\0${file}`;
    if (failedRules.has(key)) return;
    failedRules.add(key);
    io.stderr.write(`elestio-compose-lint: internal error: rule ${ruleId} failed on ${shownPath(file, io.cwd)}: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  for (const target of targetsFor(files, options.pipeline, io.cwd, onRuleError)) {
    let text: string;
    if (options.stdin) {
      text = await io.readStdin();
      if (options.fix) text = fixedStdin = fixAll(text, target.lintText).text;
    } else {
      text = readText(target.file, io.cwd);
      if (options.fix) {
        const fixed = fixAll(text, target.lintText).text;
        if (fixed !== text) writeFixed(target.file, (text = fixed), io.cwd);
      }
    }
    if (target.isPipeline) pipelineFiles.push(target.file);
    reports.push({ file: target.file, lines: new LineIndex(text), findings: target.lintText(text) });
  }

  const report = render(format, reports, lang, io);
  if (fixedStdin !== undefined) {
    // Standard output is the fixed text, for editors and scripts that pipe through the CLI; the report goes aside.
    io.stdout.write(fixedStdin);
    io.stderr.write(report);
  } else {
    io.stdout.write(report);
    if (format === "text" && pipelineFiles.length > 0) io.stdout.write(dashboardNote(pipelineFiles, lang, io.cwd));
  }

  const findings = reports.flatMap((r) => r.findings);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const overWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (overWarnings) io.stderr.write(tooManyWarnings(warnings, options.maxWarnings!, lang));
  // --exit-zero is for findings: an internal error still fails the run.
  if (failedRules.size > 0) return 2;
  return (errors > 0 || overWarnings) && !options.exitZero ? 1 : 0;
}

/**
 * --explain: the problems of a pasted log, linked to the findings of the
 * compose file given (the first one found), linted as a run without
 * --explain would lint it. A piece of the explainer (or a rule) that throws
 * is one line on stderr; the others still explain.
 */
async function explain(source: string, options: Options, io: CliIO): Promise<number> {
  const { format, lang } = options;
  if (format !== "text" && format !== "json") throw new UsageError(`--explain prints text or json, not ${format}`);
  const log = source === "-" ? await io.readStdin() : readText(source, io.cwd);
  const composeFile = options.paths.length > 0 ? collectFiles(options.paths, io.cwd)[0] : undefined;
  const target = composeFile === undefined ? undefined : targetsFor([composeFile], options.pipeline, io.cwd)[0];
  const model = composeFile === undefined ? undefined : parseCompose(readText(composeFile, io.cwd));
  const failed = new Set<string>();
  const onError = (piece: string, error: unknown) => {
    if (failed.has(piece)) return;
    failed.add(piece);
    io.stderr.write(`elestio-compose-lint: explaining the log, ${piece} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  const findings = model && target ? lint(model, { ...target.lintOptions, onRuleError: onError }) : undefined;
  const problems = explainLog(log, lang, model, { findings, onError });
  const located = problems.map((problem) => ({
    ...problem,
    ranges: model
      ? problem.ranges.map((range) => {
          const start = model.lines.positionAt(range.start);
          const end = model.lines.positionAt(range.end);
          return { file: shownPath(composeFile!, io.cwd), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
        })
      : [],
  }));
  if (format === "json") {
    io.stdout.write(JSON.stringify({ problems: located }, null, 2) + "\n");
    return 0;
  }
  // The closing note (the dashboard's copy) is no error: alone, the log shows none.
  if (located.every((problem) => problem.note)) {
    io.stdout.write(lang === "fr" ? "Aucune erreur connue dans ces logs.\n" : "No known error in this log.\n");
    if (located.length > 0) io.stdout.write("\n");
  }
  const color = useColor(io);
  const bold = (line: string) => (color ? `\u001b[1m${line}\u001b[0m` : line);
  for (const problem of located) {
    // A problem: `● title  (id)`; the note: its title ("Note: …") alone.
    io.stdout.write(`${problem.note ? bold(problem.title) : `${bold(`● ${problem.title}`)}  (${problem.id})`}\n`);
    io.stdout.write(markdownToTerminal(problem.explanation.trim(), color).replace(/^(?=.)/gm, "  ") + "\n");
    for (const r of problem.ranges) io.stdout.write(`  → ${r.file}:${r.line}:${r.column}\n`);
    io.stdout.write("\n");
  }
  return 0;
}

function useColor(io: CliIO): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return true;
  return Boolean(io.stdout.isTTY);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "dev";
