/**
 * elestio-compose-lint: the engine for CI and terminals.
 *
 *   elestio-compose-lint [--format text|json] [--fix] [--lang en|fr] [--pipeline GLOB]...
 *                        [--explain FILE|-] [PATH...]
 *
 * Exit 0 without error-severity findings, 1 with some, 2 for usage and input errors.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { toJson, toText, type FileReport } from "./cli-format.js";
import { parseCompose } from "./engine/compose/model.js";
import { explainLog } from "./engine/explain.js";
import { DEFAULT_PIPELINE_FILES, isComposeFileName, isPipelineFile } from "./engine/files.js";
import { fixAll } from "./engine/fixes.js";
import { languageFromLocale, type Language } from "./engine/i18n/index.js";
import { lint } from "./engine/lint.js";
import { fileProject } from "./engine/project.js";
import { LineIndex } from "./engine/text.js";

const USAGE = `Usage: elestio-compose-lint [options] [PATH...]

Lints Docker Compose files for Elestio CI/CD pipelines. PATH is a compose file or
a folder searched for compose files (default: the current folder).

Options:
  --format text|json   output format (default: text)
  --fix                apply every available fix in place, then report what remains
  --lang en|fr         language of messages (default: from LANG)
  --pipeline GLOB      files the Elestio pipeline deploys (repeatable; default:
                       ${DEFAULT_PIPELINE_FILES.join(", ")})
  --explain FILE|-     explain a pipeline log (a file, or - for standard input);
                       with a PATH, point at the compose lines that cause it
  --exit-zero          exit 0 even when errors are found
  -h, --help           show this help
  -v, --version        show the version
`;

class UsageError extends Error {}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git", "dist", "vendor"]);

function findComposeFiles(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) findComposeFiles(join(dir, entry.name), found);
    } else if (entry.isFile() && isComposeFileName(entry.name)) {
      found.push(join(dir, entry.name));
    }
  }
}

/** The files to lint: named files as given, folders searched; a missing path is a usage error. */
function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      findComposeFiles(path, found);
      files.push(...found);
    } else files.push(path);
  }
  if (files.length === 0) throw new UsageError(`no compose files found in ${paths.join(", ")}`);
  return [...new Set(files)];
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}

function language(option: string | undefined): Language {
  if (option !== undefined) {
    if (option !== "en" && option !== "fr") throw new UsageError(`--lang takes en or fr, not "${option}"`);
    return option;
  }
  return languageFromLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
}

function lintFile(path: string, pipelineGlobs: string[]) {
  const absolute = resolve(path);
  const isPipeline = isPipelineFile(absolute, pipelineGlobs, relative(process.cwd(), absolute));
  const project = fileProject(absolute);
  return { isPipeline, lintSource: (source: string) => lint(parseCompose(source), { isPipeline, project }) };
}

/** The guide's problem 4, which no diagnostic can show: the pipeline deploys the dashboard's copy. */
function dashboardNote(files: string[], lang: Language): string {
  const list = files.join(", ");
  return lang === "fr"
    ? `Rappel : le pipeline Elestio déploie la copie de ${list} enregistrée dans le dashboard, pas celle du dépôt. Après une modification, collez-la dans le dashboard (service CI/CD → Docker compose), puis redéployez.\n`
    : `Note: the Elestio pipeline deploys the copy of ${list} stored in the dashboard, not the repository's. After a change, paste it into the dashboard (CI/CD service → Docker compose), then redeploy.\n`;
}

/**
 * --fix writes the file only where it is: a symlink is left alone, so that a
 * link in a repository can never make the CLI write outside it.
 */
function writeFixed(path: string, text: string): void {
  if (lstatSync(path).isSymbolicLink()) throw new UsageError(`not fixing ${path}: it is a symbolic link (${realpathSync(path)})`);
  writeFileSync(path, text);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        fix: { type: "boolean", default: false },
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
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = values.format;
  if (format !== "text" && format !== "json") throw new UsageError(`--format takes text or json, not "${format}"`);
  const lang = language(values.lang);
  const pipelineGlobs = values.pipeline ?? DEFAULT_PIPELINE_FILES;

  if (values.explain !== undefined) return explain(values.explain, positionals, lang, format);

  const files = collectFiles(positionals.length > 0 ? positionals : ["."]);
  const reports: FileReport[] = [];
  const pipelineFiles: string[] = [];
  for (const file of files) {
    let text = readText(file);
    const { isPipeline, lintSource } = lintFile(file, pipelineGlobs);
    if (isPipeline) pipelineFiles.push(file);
    if (values.fix) {
      const fixed = fixAll(text, lintSource);
      if (fixed.text !== text) {
        writeFixed(file, fixed.text);
        text = fixed.text;
      }
    }
    reports.push({ file, lines: new LineIndex(text), findings: lintSource(text) });
  }

  if (format === "json") process.stdout.write(JSON.stringify(toJson(reports, lang), null, 2) + "\n");
  else {
    process.stdout.write(toText(reports, lang, { color: useColor() }));
    if (pipelineFiles.length > 0) process.stdout.write(dashboardNote(pipelineFiles, lang));
  }
  const hasErrors = reports.some((r) => r.findings.some((f) => f.severity === "error"));
  return hasErrors && !values["exit-zero"] ? 1 : 0;
}

async function explain(source: string, positionals: string[], lang: Language, format: "text" | "json"): Promise<number> {
  const log = source === "-" ? await readStdin() : readText(source);
  const composeFile = positionals.length > 0 ? collectFiles(positionals)[0] : undefined;
  const composeText = composeFile === undefined ? undefined : readText(composeFile);
  const model = composeText === undefined ? undefined : parseCompose(composeText);
  const problems = explainLog(log, lang, model);
  const located = problems.map((problem) => ({
    ...problem,
    ranges: model
      ? problem.ranges.map((range) => {
          const start = model.lines.positionAt(range.start);
          const end = model.lines.positionAt(range.end);
          return { file: composeFile!, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
        })
      : [],
  }));
  if (format === "json") {
    process.stdout.write(JSON.stringify({ problems: located }, null, 2) + "\n");
    return 0;
  }
  if (located.length === 0) {
    process.stdout.write(lang === "fr" ? "Aucune erreur connue dans ce journal.\n" : "No known error in this log.\n");
    return 0;
  }
  const color = useColor();
  for (const problem of located) {
    process.stdout.write(`${color ? "\u001b[1m" : ""}● ${problem.title}${color ? "\u001b[0m" : ""}  (${problem.id})\n`);
    process.stdout.write(problem.explanation.trim().replace(/^/gm, "  ") + "\n");
    for (const r of problem.ranges) process.stdout.write(`  → ${r.file}:${r.line}:${r.column}\n`);
    process.stdout.write("\n");
  }
  return 0;
}

function useColor(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stdout.isTTY);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "dev";

// A closed pipe (`elestio-compose-lint | head`) ends the output, not the process with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    process.stderr.write(`elestio-compose-lint: ${message}\n`);
    process.exitCode = 2;
  },
);
