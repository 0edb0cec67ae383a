/**
 * What the server knows of an open document: which kind of compose file it is
 * (decided by its name, so that any LSP editor gets the same answer), where
 * its project files are, and one analysis per version shared by diagnostics,
 * hover, code actions and code lens.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { parseCompose, type ComposeModel } from "../engine/compose/model.js";
import { isComposeFileName, isPipelineFile } from "../engine/files.js";
import { resolveLanguage, type Language } from "../engine/i18n/index.js";
import { lint, type Finding, type LintOptions } from "../engine/lint.js";
import { fileProject, type ProjectFiles } from "../engine/project.js";
import type { ServerSettings } from "./settings.js";

/** `pipeline`: every rule; `compose`: the rules of scope `all`; `other`: no diagnostics. */
export type DocumentKind = "pipeline" | "compose" | "other";

export interface DocumentInfo {
  kind: DocumentKind;
  /** The file on disk, for `file:` documents. */
  filePath?: string;
  /** The workspace folder holding the file: reads of project files stay inside it. */
  rootDir?: string;
}

/** The path of a `file:` uri, or undefined for untitled and virtual documents. */
export function uriToFilePath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The last segment of a uri's path (`Untitled-1` for `untitled:Untitled-1`). */
function uriBaseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, "").replace(/^[a-z][a-z0-9+.-]*:/i, "");
  const name = path.split("/").pop() ?? path;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The workspace folders on disk, from initialize and workspace/didChangeWorkspaceFolders. */
export class WorkspaceFolders {
  private folders: string[] = [];

  set(uris: readonly string[]): void {
    this.folders = [];
    this.add(uris);
  }

  add(uris: readonly string[]): void {
    for (const uri of uris) {
      const path = uriToFilePath(uri);
      if (path && !this.folders.includes(resolve(path))) this.folders.push(resolve(path));
    }
  }

  remove(uris: readonly string[]): void {
    const gone = new Set(uris.map(uriToFilePath).filter((p): p is string => !!p).map((p) => resolve(p)));
    this.folders = this.folders.filter((folder) => !gone.has(folder));
  }

  /** Whether the file, symlinks resolved, is inside a workspace folder (itself resolved). */
  holdsReally(filePath: string): boolean {
    const root = this.rootFor(resolve(filePath));
    if (!root) return false;
    try {
      return isInside(realpathSync(root), realpathSync(filePath));
    } catch {
      return false;
    }
  }

  /** The innermost folder holding the file (nested folders are allowed in multi-root workspaces). */
  rootFor(filePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) {
      if (isInside(folder, filePath) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }
}

function classify(uri: string, languageId: string, settings: ServerSettings, folders: WorkspaceFolders): DocumentInfo {
  const filePath = uriToFilePath(uri);
  const rootDir = filePath ? folders.rootFor(filePath) : undefined;
  const name = filePath ?? uriBaseName(uri);
  // Globs with a slash (`deploy/compose.yml`) match the path relative to the workspace folder,
  // or to the project configuration's folder for the globs it sets.
  const base = settings.pipelineFilesBase ?? rootDir;
  const relativePath = filePath && base ? relative(base, filePath).split("\\").join("/") : undefined;
  let kind: DocumentKind = "other";
  if (isPipelineFile(name, settings.pipelineFiles, relativePath)) kind = "pipeline";
  else if (isComposeFileName(name) || languageId === "dockercompose") kind = "compose";
  return { kind, filePath, rootDir };
}

/** One document version, parsed and linted with one set of settings. */
export interface Analysis {
  uri: string;
  version: number;
  info: DocumentInfo;
  settings: ServerSettings;
  language: Language;
  model: ComposeModel;
  findings: readonly Finding[];
  /** The options the findings were computed with; fix-all lints its intermediate texts with them. */
  lintOptions: LintOptions;
  project: ProjectFiles | undefined;
}

interface CacheEntry {
  version: number;
  model: ComposeModel;
  analysis?: Analysis;
  /** The project epoch the analysis was made in: project files (`.env`, `.gitignore`) may have changed since. */
  epoch?: number;
}

/**
 * Documents longer than this are not analysed as you type. Parsing takes
 * about 2 µs a character: a 2 MB file already holds the server for seconds
 * at each pause in typing, during which no other document is served. The
 * CLI has no such limit.
 */
const MAX_ANALYZED_CHARS = 2_000_000;

/**
 * The parse of each open document's current version, and its analysis for the
 * current settings: a document is parsed once per version, and linted again
 * only when its settings or the files around it change.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, CacheEntry>();
  private epoch = 0;

  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly locale: () => string | undefined,
    private readonly onRuleError: (ruleId: string, error: unknown) => void,
  ) {}

  /** The analysis of a document's current text; undefined for documents that get no diagnostics. */
  analyze(document: TextDocument, settings: ServerSettings): Analysis | undefined {
    const info = classify(document.uri, document.languageId, settings, this.folders);
    if (info.kind === "other") return undefined;
    const entry = this.parsed(document);
    const cached = entry.analysis;
    if (cached && cached.settings === settings && entry.epoch === this.epoch && cached.info.kind === info.kind) return cached;

    const project = info.filePath ? fileProject(info.filePath, info.rootDir) : undefined;
    const lintOptions: LintOptions = {
      isPipeline: info.kind === "pipeline",
      project,
      severities: settings.severities,
      dashboardVariables: settings.dashboardVariables,
      proxyTargetPorts: settings.proxyTargetPorts,
      onRuleError: this.onRuleError,
    };
    const analysis: Analysis = {
      uri: document.uri,
      version: document.version,
      info,
      settings,
      language: resolveLanguage(settings.language, this.locale()),
      model: entry.model,
      findings: lint(entry.model, lintOptions),
      lintOptions,
      project,
    };
    entry.analysis = analysis;
    entry.epoch = this.epoch;
    return analysis;
  }

  /** The parse of a document's current version, whatever its kind (explainLog reads any open document). */
  parsed(document: TextDocument): CacheEntry {
    let entry = this.entries.get(document.uri);
    if (!entry || entry.version !== document.version) {
      entry = { version: document.version, model: parseCompose(document.getText(), { maxChars: MAX_ANALYZED_CHARS }) };
      this.entries.set(document.uri, entry);
    }
    return entry;
  }

  /** Files around the documents changed on disk: lint again (without parsing again). */
  projectFilesChanged(): void {
    this.epoch++;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
