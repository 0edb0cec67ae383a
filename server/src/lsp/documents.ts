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
import { reparseIncrementally, type ServiceEdit } from "../engine/compose/incremental.js";
import { parseCompose, type ComposeModel } from "../engine/compose/model.js";
import { isComposeFileName, isPipelineFile } from "../engine/files.js";
import { resolveLanguage, type Language } from "../engine/i18n/index.js";
import { lintStateSteps, relintSteps, type LintState } from "../engine/incrementalLint.js";
import { drain, type Finding, type LintOptions } from "../engine/lint.js";
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
  /** What each rule reported: the basis of the next version's analysis after an edit inside one service (the cache's analyses have it). */
  lintState?: LintState;
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
  /** Set when the model was made from the previous version's by an edit inside one service. */
  edit?: ServiceEdit;
  /** The previous version's analysis, when `edit` is set: its findings outside the edited service carry over. */
  basis?: { analysis: Analysis; epoch: number };
}

/**
 * Documents longer than this are not analysed as you type. Parsing takes
 * about 2 µs a character: a 2 MB file already holds the server for seconds
 * at each pause in typing, during which no other document is served. The
 * CLI has no such limit.
 */
const MAX_ANALYZED_CHARS = 2_000_000;

/** How long analyzeCooperatively works before it lets the event loop receive what arrived meanwhile. */
const YIELD_AFTER_MS = 10;

/** What analyzeCooperatively resolves to when a newer version made its work useless. */
export const SUPERSEDED = Symbol("superseded");

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
    return drain(this.analysisSteps(document, settings));
  }

  /**
   * analyze, with a yield to the event loop whenever a slice of work has run
   * for `sliceMs`: changes that arrive meanwhile are received, and
   * `stillWanted()` (false once a newer version makes this one useless) stops
   * the analysis at the next yield. Resolves to SUPERSEDED when it stopped.
   */
  async analyzeCooperatively(document: TextDocument, settings: ServerSettings, stillWanted: () => boolean, sliceMs = YIELD_AFTER_MS): Promise<Analysis | undefined | typeof SUPERSEDED> {
    const steps = this.analysisSteps(document, settings);
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart < sliceMs) continue;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!stillWanted()) return SUPERSEDED;
      sliceStart = performance.now();
    }
  }

  /**
   * The steps of an analysis: the parse, then one rule per step. The text and
   * version are read once, at the start: TextDocuments updates a document in
   * place, and a yield between steps may see a newer version arrive.
   */
  private *analysisSteps(document: TextDocument, settings: ServerSettings): Generator<void, Analysis | undefined, void> {
    const info = classify(document.uri, document.languageId, settings, this.folders);
    if (info.kind === "other") return undefined;
    const entry = this.parsed(document);
    const cached = entry.analysis;
    if (cached && cached.settings === settings && entry.epoch === this.epoch && cached.info.kind === info.kind) return cached;
    const epoch = this.epoch;
    yield;

    // After an edit inside one service, the previous version's findings elsewhere carry over when nothing else changed.
    const basis = entry.basis;
    const previous = basis && basis.analysis.settings === settings && basis.epoch === epoch && basis.analysis.info.kind === info.kind ? basis.analysis : undefined;
    const project = previous ? previous.project : info.filePath ? fileProject(info.filePath, info.rootDir) : undefined;
    const lintOptions: LintOptions = previous?.lintOptions ?? {
      isPipeline: info.kind === "pipeline",
      project,
      severities: settings.severities,
      dashboardVariables: settings.dashboardVariables,
      proxyTargetPorts: settings.proxyTargetPorts,
      onRuleError: this.onRuleError,
    };
    const lintState = previous?.lintState && entry.edit ? yield* relintSteps(previous.lintState, entry.model, entry.edit, lintOptions) : yield* lintStateSteps(entry.model, lintOptions);
    // The basis is used once: the next version's is this analysis.
    entry.basis = undefined;
    const analysis: Analysis = {
      uri: document.uri,
      version: entry.version,
      info,
      settings,
      language: resolveLanguage(settings.language, this.locale()),
      model: entry.model,
      findings: lintState.findings,
      lintState,
      lintOptions,
      project,
    };
    // Kept only while it is still the entry of the document's version, in the epoch it was made in.
    if (this.entries.get(document.uri) === entry && this.epoch === epoch) {
      entry.analysis = analysis;
      entry.epoch = epoch;
    }
    return analysis;
  }

  /** The parse of a document's current version, whatever its kind (explainLog reads any open document). */
  parsed(document: TextDocument): CacheEntry {
    const previous = this.entries.get(document.uri);
    if (previous && previous.version === document.version) return previous;
    const text = document.getText();
    // An edit inside one service parses that service again, and nothing else (see reparseIncrementally).
    const incremental = previous && text.length <= MAX_ANALYZED_CHARS ? reparseIncrementally(previous.model, text) : undefined;
    let entry: CacheEntry;
    if (previous && incremental?.model) {
      const basis = previous.analysis && previous.epoch !== undefined ? { analysis: previous.analysis, epoch: previous.epoch } : undefined;
      entry = { version: document.version, model: incremental.model, edit: incremental.edit, basis };
    } else entry = { version: document.version, model: parseCompose(text, { maxChars: MAX_ANALYZED_CHARS }) };
    this.entries.set(document.uri, entry);
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
