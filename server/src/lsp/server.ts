/**
 * The language server: wires an LSP connection to the engine. Everything
 * Elestio-specific lives in ../engine; this file only decides when to lint
 * and turns results into LSP messages. `startServer` takes any connection:
 * main.ts gives it the process's (stdio, node-ipc, socket, pipe), tests may
 * give it one over in-memory streams.
 */
import { readFileSync, statSync } from "node:fs";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type CodeLens,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { Cancelled, codeActions } from "./codeActions.js";
import { toDiagnostic } from "./convert.js";
import { AnalysisCache, SUPERSEDED, WorkspaceFolders, uriToFilePath, type Analysis } from "./documents.js";
import { parseCompose, type ComposeModel } from "../engine/compose/model.js";
import { CONFIG_FILE_NAME, ConfigFinder, describeProblems, type ConfigLookup } from "../engine/config.js";
import { explainLog } from "../engine/explain.js";
import { hover } from "../engine/hover/index.js";
import { pick, resolveLanguage } from "../engine/i18n/index.js";
import { knownRuleIds, lint, type Finding } from "../engine/lint.js";
import { fileProject } from "../engine/project.js";
import { messages } from "./messages.js";
import { ChangeScheduler } from "./scheduler.js";
import { Commands, EXPLAIN_LOG_METHOD, FIX_ALL_KIND, ServerCommands, SETTINGS_SECTION, type ExplainLogParams, type ExplainLogResult } from "../protocol.js";
import { ruleDocsLocation } from "../ruleDocs.js";
import { SettingsStore, withProjectConfig, type ServerSettings } from "./settings.js";

/** Compose files larger than this are not read from disk for explainLog. */
const MAX_FILE_BYTES = 5_000_000;

/** Set by esbuild.mjs from package.json. */
declare const __VERSION__: string | undefined;
export const SERVER_VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "dev";

/** Serves the LSP over `connection` until it closes: registers every handler, then listens. */
export function startServer(connection: Connection): void {
  const version = SERVER_VERSION;
  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders();

  let locale: string | undefined;
  let settings = new SettingsStore(undefined, undefined, () => undefined);
  let supportsDocumentChanges = false;
  let supportsConfigurationRegistration = false;
  let supportsWatchedFilesRegistration = false;
  let supportsWorkspaceFolders = false;
  let supportsShowDocument = false;
  /** Each rule's page: codeDescription.href, the hover's link, "Show documentation". */
  const ruleDocs = ruleDocsLocation();

  /**
   * An internal error of one part (a rule, a hover provider, a code action, a
   * piece of the explainer), logged once per part: a part that throws on one
   * file usually throws on every keystroke. The part is left out; the rest answers.
   */
  const reportedOnce = (line: (part: string) => string) => {
    const failed = new Set<string>();
    return (part: string, error: unknown): void => {
      if (failed.has(part)) return;
      failed.add(part);
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      connection.console.error(`${line(part)} ${detail}`);
    };
  };
  const cache = new AnalysisCache(folders, () => locale, reportedOnce((ruleId) => `Rule ${ruleId} failed; its findings are missing until the server restarts.`));
  const hoverError = reportedOnce((part) => `Hover ${part} failed; hovers leave it out.`);
  const codeActionError = reportedOnce((part) => `Code action ${part} failed; the other actions are still offered.`);
  const codeLensError = reportedOnce((part) => `Code lens ${part} failed; it is not shown.`);

  connection.onInitialize((params): InitializeResult => {
    locale = params.locale ?? undefined;
    const { workspace } = params.capabilities;
    supportsDocumentChanges = workspace?.workspaceEdit?.documentChanges === true;
    supportsConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    supportsWatchedFilesRegistration = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsWorkspaceFolders = workspace?.workspaceFolders === true;
    supportsShowDocument = params.capabilities.window?.showDocument?.support === true;
    const pull = workspace?.configuration === true;
    settings = new SettingsStore(
      params.initializationOptions,
      pull ? (uri) => connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION }) : undefined,
      (error) => connection.console.warn(`workspace/configuration failed, using the initial settings: ${String(error)}`),
    );

    if (params.workspaceFolders) folders.set(params.workspaceFolders.map((f) => f.uri));
    else if (params.rootUri) folders.set([params.rootUri]);

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [ServerCommands.showRuleDocumentation] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "elestio-compose-language-server", version },
    };
  });

  connection.onInitialized(() => {
    if (supportsConfigurationRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(reportFailure);
    }
    if (supportsWatchedFilesRegistration) {
      // Findings depend on these files beside the compose file: `.env`, env files, `.gitignore`.
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          // And the project configuration, `.elestio-compose.json` or package.json's "elestio" key.
          watchers: [
            { globPattern: "**/.env*" },
            { globPattern: "**/*.env" },
            { globPattern: "**/.gitignore" },
            // What the checkout tracks: a commit changes what the pipeline's clone holds (bind-mount-missing-file).
            { globPattern: "**/.git/index" },
            // An override file beside the pipeline file, which compose merges (override-file-merged).
            { globPattern: "**/{compose,docker-compose}.override.{yml,yaml}" },
            { globPattern: `**/${CONFIG_FILE_NAME}` },
            { globPattern: "**/package.json" },
          ],
        })
        .catch(reportFailure);
    }
    if (supportsWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders.remove(event.removed.map((f) => f.uri));
        folders.add(event.added.map((f) => f.uri));
        cache.projectFilesChanged();
        revalidateAll();
      });
    }
    connection.console.info(`Elestio Compose language server ${version} (locale ${locale ?? "unset"})`);
  });

  // ---------------------------------------------------------------------------
  // Analysis and diagnostics

  const projectConfigs = new ConfigFinder(undefined, knownRuleIds());
  /** Configurations whose problems were reported: once per version of the file, not per keystroke. */
  const reportedConfigs = new WeakSet<ConfigLookup>();

  /**
   * A document's settings: the editor's, with the project configuration found
   * upward from the file over them. A configuration with problems is reported
   * once and its valid part still applies, so diagnostics go on.
   */
  async function documentSettings(uri: string): Promise<ServerSettings> {
    const editorSettings = await settings.get(uri);
    const path = uriToFilePath(uri);
    if (!path) return editorSettings;
    const lookup = projectConfigs.find(path);
    if (lookup.problems.length > 0 && !reportedConfigs.has(lookup)) {
      reportedConfigs.add(lookup);
      const restApplies = Boolean(lookup.config?.rules || lookup.config?.pipelineFiles || lookup.config?.dashboardVariables || lookup.config?.proxyTargetPorts);
      connection.console.warn(`Project configuration ${describeProblems(lookup)}. ${messages.projectConfigTail(restApplies).en}`);
      // A notification, not showWarningMessage's request: a client without window/showMessageRequest must not fail it.
      const message = pick(messages.projectConfigProblems(describeProblems(lookup), restApplies), resolveLanguage(editorSettings.language, locale));
      connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(reportFailure);
    }
    return withProjectConfig(editorSettings, lookup.config);
  }

  /** The analysis of a document's current version, or undefined when it is not open or gets no diagnostics. */
  async function analysisOf(uri: string): Promise<Analysis | undefined> {
    if (!documents.get(uri)) return undefined;
    const effective = await documentSettings(uri);
    // The document may have changed or closed while the settings were on their way.
    const document = documents.get(uri);
    return document ? cache.analyze(document, effective) : undefined;
  }

  /** When each change is linted: at once while its document's analyses are cheap, coalesced by their cost when not. */
  const changes = new ChangeScheduler((uri) => void validate(uri).catch(reportFailure));
  /** Bumped by every validation of a uri: only the latest one may publish. */
  const generations = new Map<string, number>();
  /** Uris whose last publication was not empty: a document that stops being a compose file is cleared once. */
  const published = new Set<string>();

  async function validate(uri: string): Promise<void> {
    changes.cancel(uri);
    const generation = (generations.get(uri) ?? 0) + 1;
    generations.set(uri, generation);
    const document = documents.get(uri);
    if (!document) return;
    const documentVersion = document.version;
    // Whether this validation's result is still wanted: its document open (not reopened since) at the
    // version it started with, and no later validation started (newer settings, another change).
    const stillWanted = () => documents.get(uri) === document && document.version === documentVersion && generations.get(uri) === generation;
    const effective = await documentSettings(uri);
    // Never publish for an older version, nor with settings older than a later validation's.
    if (!stillWanted()) return;
    const started = performance.now();
    // It yields to the event loop as it goes: a newer version that arrives meanwhile stops it at the next yield.
    const analysis = await cache.analyzeCooperatively(document, effective, stillWanted);
    if (analysis === SUPERSEDED || !stillWanted()) return;
    // Wall time, yields included: what the user waited for, and what the next change's schedule is based on
    // (work for other documents in the yields counts too, which only errs toward coalescing).
    changes.finished(uri, performance.now() - started);
    if (!analysis) {
      if (published.delete(uri)) publish({ uri, version: documentVersion, diagnostics: [] });
      return;
    }
    const diagnostics = analysis.findings.map((f) => toDiagnostic(f, analysis.model.lines, analysis.language, ruleDocs.url));
    if (diagnostics.length > 0) published.add(uri);
    else published.delete(uri);
    publish({ uri, version: documentVersion, diagnostics });
  }

  function publish(params: PublishDiagnosticsParams): void {
    connection.sendDiagnostics(params).catch(reportFailure);
  }

  function revalidateAll(): void {
    for (const document of documents.all()) void validate(document.uri).catch(reportFailure);
  }

  function reportFailure(error: unknown): void {
    connection.console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }

  /** The uri whose didOpen is being handled: TextDocuments follows onDidOpen with onDidChangeContent. */
  let opening: string | undefined;

  documents.onDidOpen((event) => {
    opening = event.document.uri;
    void validate(event.document.uri).catch(reportFailure);
  });

  documents.onDidChangeContent((event) => {
    if (opening === event.document.uri) {
      opening = undefined;
      return;
    }
    changes.changed(event.document.uri);
  });

  documents.onDidClose((event) => {
    const { uri } = event.document;
    changes.forget(uri);
    generations.set(uri, (generations.get(uri) ?? 0) + 1);
    settings.forget(uri);
    cache.delete(uri);
    published.delete(uri);
    publish({ uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params.settings);
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    cache.projectFilesChanged();
    revalidateAll();
  });

  // ---------------------------------------------------------------------------
  // Hover, code actions, code lens

  connection.onHover(async (params) => {
    const analysis = await analysisOf(params.textDocument.uri);
    if (!analysis) return null;
    const { model, findings, language, info, project } = analysis;
    const { dashboardVariables } = analysis.settings;
    const result = hover(model, findings, model.lines.offsetAt(params.position), language, { isPipeline: info.kind === "pipeline", project, dashboardVariables, onError: hoverError, docsUrl: ruleDocs.url });
    if (!result) return null;
    return { contents: { kind: "markdown", value: result.markdown }, range: model.lines.range(result.start, result.end) };
  });

  connection.onCodeAction(async (params, token) => {
    const analysis = await analysisOf(params.textDocument.uri);
    // Fix-all can take a while on a large file: let a cancellation that is
    // already on its way arrive before starting it.
    if (params.context.only?.some((kind) => FIX_ALL_KIND.startsWith(kind))) await new Promise((resolve) => setImmediate(resolve));
    if (!analysis || token.isCancellationRequested) return [];
    const workspaceEdit = (edits: TextEdit[]): WorkspaceEdit =>
      supportsDocumentChanges
        ? { documentChanges: [TextDocumentEdit.create({ uri: analysis.uri, version: analysis.version }, edits)] }
        : { changes: { [analysis.uri]: edits } };
    try {
      return codeActions(analysis, params, token, workspaceEdit, ruleDocs.url, codeActionError);
    } catch (error) {
      if (error instanceof Cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, "fix-all cancelled");
      throw error;
    }
  });

  // "Show documentation for <id>": the page the code action names, in the client's viewer
  // (VS Code's client opens it rendered before it gets here, see client/src/languageClient.ts).
  connection.onExecuteCommand(async (params) => {
    if (params.command !== ServerCommands.showRuleDocumentation) return null;
    const [ruleId, url] = (params.arguments ?? []) as unknown[];
    if (typeof url !== "string" || !/^(?:https?|file):/.test(url)) return new ResponseError(ErrorCodes.InvalidParams, `no documentation page for ${String(ruleId)}`);
    if (!supportsShowDocument) {
      connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `${String(ruleId)}: ${url}` }).catch(reportFailure);
      return null;
    }
    const shown = await connection.window.showDocument({ uri: url, external: !url.startsWith("file:") });
    return shown.success;
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    const analysis = await analysisOf(params.textDocument.uri);
    if (!analysis) return [];
    try {
      if (analysis.info.kind !== "pipeline") return [];
      const start = { line: 0, character: 0 };
      return [
        {
          range: { start, end: start },
          command: { title: pick(messages.codeLens, analysis.language), command: Commands.openDashboardAndCopyCompose, arguments: [analysis.uri] },
        },
      ];
    } catch (error) {
      codeLensError(Commands.openDashboardAndCopyCompose, error);
      return [];
    }
  });

  // ---------------------------------------------------------------------------
  // elestio/explainLog

  /** The compose file a log is explained against: an open document, else a readable file. */
  function composeModelOf(uri: string): ComposeModel | undefined {
    const document = documents.get(uri);
    if (document) return cache.parsed(document).model;
    const path = uriToFilePath(uri);
    // Only a file of the workspace, symlinks resolved: a request never makes the server read elsewhere.
    if (!path || !folders.holdsReally(path)) return undefined;
    try {
      if (!statSync(path).isFile() || statSync(path).size > MAX_FILE_BYTES) return undefined;
      return parseCompose(readFileSync(path, "utf8"));
    } catch {
      return undefined;
    }
  }

  const explainError = reportedOnce((piece) => `Explaining a log: ${piece} failed; its problems lack their links, or are missing.`);

  /**
   * The compose file a log is explained against, with its findings, so that
   * the links are where the light bulbs are: an open document's analysis;
   * else (a file not open, or open but not linted) its parse linted as the
   * pipeline file, with its settings (the workspace's and the project
   * configuration's for a file not open: settings are kept per open document).
   */
  async function explainedFile(uri: string): Promise<{ model: ComposeModel; findings: readonly Finding[] } | undefined> {
    const analysis = await analysisOf(uri);
    if (analysis) return { model: analysis.model, findings: analysis.findings };
    const model = composeModelOf(uri);
    if (!model) return undefined;
    const path = uriToFilePath(uri);
    const effective = documents.get(uri) ? await documentSettings(uri) : withProjectConfig(await settings.get(undefined), path ? projectConfigs.find(path).config : undefined);
    const project = path ? fileProject(path, folders.rootFor(path)) : undefined;
    return { model, findings: lint(model, { isPipeline: true, project, severities: effective.severities, dashboardVariables: effective.dashboardVariables, proxyTargetPorts: effective.proxyTargetPorts, onRuleError: explainError }) };
  }

  connection.onRequest(EXPLAIN_LOG_METHOD, async (params: ExplainLogParams): Promise<ExplainLogResult | ResponseError> => {
    if (typeof params?.text !== "string" || (params.uri !== undefined && typeof params.uri !== "string")) {
      return new ResponseError(ErrorCodes.InvalidParams, "elestio/explainLog expects {text: string, uri?: string}");
    }
    const { text, uri } = params;
    // Settings are kept per open document only; another file's request reads the workspace's.
    const language = resolveLanguage((await settings.get(uri && documents.get(uri) ? uri : undefined)).language, locale);
    const file = uri ? await explainedFile(uri) : undefined;
    const model = file?.model;
    const problems = explainLog(text, language, model, { findings: file?.findings, onError: explainError }).map((problem) => ({
      id: problem.id,
      title: problem.title,
      explanation: problem.explanation,
      ranges: uri && model ? problem.ranges.map((r) => ({ uri, range: model.lines.range(r.start, r.end) })) : [],
    }));
    return { problems };
  });

  documents.listen(connection);
  connection.listen();
}
