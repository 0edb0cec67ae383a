/**
 * A small LSP client for tests: starts the bundled server (`dist/server.js`)
 * as a child process, talks real JSON-RPC to it over stdio (or node-ipc),
 * answers its workspace/configuration requests from a settings object the
 * test controls, and waits on conditions (a publishDiagnostics for a uri and
 * version), never on fixed delays.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type CancellationToken,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import type {
  CodeAction,
  CodeLens,
  ConfigurationParams,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceEdit,
  ShowDocumentParams,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { tempProject } from "../helpers/cli.js";

export const SERVER_PATH = resolve(__dirname, "../../dist/server.js");

/** Settings as the client holds them: `{ elestio: { rules: {...}, language, pipelineFiles } }`. */
export type ClientSettings = Record<string, unknown>;
/** Settings, or settings per scope (a document's uri; undefined for the workspace's). */
export type SettingsSource = ClientSettings | ((scopeUri: string | undefined) => ClientSettings);

export interface StartOptions {
  locale?: string;
  /** What workspace/configuration answers; the test may replace it with `changeSettings`. */
  settings?: SettingsSource;
  /** Whether the client answers workspace/configuration (default true); without it, initializationOptions. */
  configuration?: boolean;
  initializationOptions?: unknown;
  /** Workspace folders (paths on disk). */
  workspaceFolders?: string[];
  transport?: "stdio" | "node-ipc";
  /** Another bundle of the server (a test's own build); dist/server.js by default. */
  serverPath?: string;
  /** Node options before the server's path (`--require <preload>`, `--expose-gc`). */
  nodeArgs?: string[];
}

export interface LogMessage {
  type: number;
  message: string;
}

interface Waiter {
  check: () => boolean;
  reject: (error: Error) => void;
}

const WAIT_TIMEOUT_MS = 10_000;

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Applies LSP text edits to a text, as an editor would. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x", "yaml", 0, text), [...edits]);
}

/** The value of a dotted section (`elestio`, `elestio.rules`) in settings, as VS Code answers. */
function section(settings: ClientSettings, name: string): unknown {
  let value: unknown = settings;
  for (const part of name.split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value ?? null;
}

/** Each diagnostic as `code range`, to compare with expectedRanges. */
export function rangesOf(diagnostics: readonly { code?: string | number; range: unknown }[]): string[] {
  return diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)}`);
}

/** What the server should publish for a pipeline file's text at `filePath` in the workspace `root`, as rangesOf gives it: a full analysis. */
export function expectedRanges(text: string, filePath: string, root: string): string[] {
  const model = parseCompose(text);
  return lint(model, { isPipeline: true, project: fileProject(filePath, root) }).map((f) => `${f.ruleId} ${JSON.stringify(model.lines.range(f.start, f.end))}`);
}

/** Each diagnostic as `[code, severity, 0-based start line]`, the part most tests compare. */
export function summary(diagnostics: Diagnostic[]): unknown[][] {
  return diagnostics.map((d) => [d.code, d.severity, d.range.start.line]);
}

export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessage[] = [];
  /** Every workspace/configuration item the server asked for. */
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  /** window/showDocument requests, in order (the client answers success). */
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  settings: SettingsSource;
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<Waiter>();
  private readonly texts = new Map<string, string>();
  private exited = false;
  private stderr = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    private readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on("exit", () => {
      this.exited = true;
      for (const waiter of this.waiters) waiter.reject(new Error(`server exited; stderr: ${this.stderr}`));
      this.waiters.clear();
    });
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.diagnostics.push(params);
      this.checkWaiters();
    });
    connection.onNotification("window/logMessage", (params: LogMessage) => {
      this.logs.push(params);
      this.checkWaiters();
    });
    connection.onRequest("workspace/configuration", (params: ConfigurationParams) => {
      this.configurationRequests.push(...params.items);
      return params.items.map((item) => {
        const settings = typeof this.settings === "function" ? this.settings(item.scopeUri) : this.settings;
        return item.section ? section(settings, item.section) : settings;
      });
    });
    connection.onRequest("client/registerCapability", (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("window/showDocument", (params: ShowDocumentParams) => {
      this.shownDocuments.push(params);
      this.checkWaiters();
      return { success: true };
    });
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const serverPath = options.serverPath ?? SERVER_PATH;
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
    const transport = options.transport ?? "stdio";
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverPath, `--${transport}`], {
      stdio: transport === "node-ipc" ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
    });
    const connection =
      transport === "node-ipc"
        ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
        : createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options);
    await client.initialize();
    return client;
  }

  private async initialize(): Promise<void> {
    const configuration = this.options.configuration ?? true;
    const folders = this.options.workspaceFolders ?? [];
    this.initializeResult = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      locale: this.options.locale ?? "en",
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.length > 0 ? folders.map((f) => ({ uri: fileUri(f), name: f.split(/[\\/]/).pop() })) : null,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: {
          configuration,
          didChangeConfiguration: { dynamicRegistration: configuration },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
          workspaceEdit: { documentChanges: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          codeAction: {
            isPreferredSupport: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "source", "source.fixAll"] } },
          },
          codeLens: {},
        },
        window: { showDocument: { support: true } },
      },
    });
    await this.connection.sendNotification("initialized", {});
  }

  private checkWaiters(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) this.waiters.delete(waiter);
  }

  /** Resolves with `probe()`'s first defined result, checked now and after each message from the server. */
  waitFor<T>(probe: () => T | undefined, description: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${description}; stderr: ${this.stderr}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          clearTimeout(timer);
          resolvePromise(value);
          return true;
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (this.exited) reject(new Error(`server exited; stderr: ${this.stderr}`));
      else if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /**
   * The diagnostics published for `uri` at `version`; with `after` (a length of
   * `diagnostics` taken earlier), only a publication that came after it.
   */
  waitForDiagnostics(uri: string, version: number, after = 0): Promise<Diagnostic[]> {
    return this.waitFor(
      () => this.diagnostics.slice(after).find((p) => p.uri === uri && p.version === version)?.diagnostics,
      `diagnostics of ${uri} version ${version}`,
    );
  }

  /** Every publication for a uri, in order. */
  publicationsFor(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.filter((p) => p.uri === uri);
  }

  open(uri: string, text: string, languageId = "yaml", version = 1): void {
    this.texts.set(uri, text);
    void this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-document change). */
  change(uri: string, version: number, text: string): void {
    this.texts.set(uri, text);
    void this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change, as VS Code sends while typing. */
  edit(uri: string, version: number, range: Range, text: string): void {
    this.texts.set(uri, applyTextEdits(this.text(uri), [{ range, newText: text }]));
    void this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  close(uri: string): void {
    this.texts.delete(uri);
    void this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  text(uri: string): string {
    const text = this.texts.get(uri);
    if (text === undefined) throw new Error(`${uri} is not open`);
    return text;
  }

  /**
   * Replaces the settings and tells the server, as an editor does when the
   * user edits them (a client without workspace/configuration sends them along).
   */
  changeSettings(settings: SettingsSource): void {
    this.settings = settings;
    const pushed = typeof settings === "function" ? settings(undefined) : settings;
    void this.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: this.options.configuration === false ? pushed : null,
    });
  }

  /** Tells the server that files changed on disk (the client's file watcher). */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    void this.connection.sendNotification("workspace/didChangeWatchedFiles", { changes });
  }

  request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    return token ? this.connection.sendRequest<R>(method, params, token) : this.connection.sendRequest<R>(method, params);
  }

  /** Any notification, as a client (even a buggy one) may send it. */
  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request("textDocument/hover", { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
    return this.request("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  codeLens(uri: string): Promise<CodeLens[] | null> {
    return this.request("textDocument/codeLens", { textDocument: { uri } });
  }

  /**
   * The text edits of a workspace edit for `uri`, checking that a versioned
   * edit targets the version the client holds.
   */
  editsFor(edit: WorkspaceEdit | undefined, uri: string, version?: number): TextEdit[] {
    if (!edit) throw new Error("no workspace edit");
    const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
    for (const change of edit.documentChanges ?? []) {
      if (!("textDocument" in change) || change.textDocument.uri !== uri) continue;
      if (version !== undefined && change.textDocument.version !== version) {
        throw new Error(`edit for version ${change.textDocument.version}, document at ${version}`);
      }
      edits.push(...(change.edits as TextEdit[]));
    }
    return edits;
  }

  /** Shuts the server down politely, and kills it if it does not exit. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((done) => this.child.once("exit", () => done()));
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), exited]);
      void this.connection.sendNotification("exit");
    } catch {
      // The server is already gone: kill below is a no-op.
    }
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 2_000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  get stderrText(): string {
    return this.stderr;
  }

  /** The server's process id (its /proc entry on Linux). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the server process has exited. */
  get hasExited(): boolean {
    return this.exited;
  }
}

/**
 * A `start` for a test file: every client it starts is stopped by `hook`
 * (vitest's `afterEach` or `afterAll`), whether the tests passed or not.
 */
export function clientStarter(hook: (stop: () => Promise<void>) => void): (options: StartOptions) => Promise<LspClient> {
  const clients: LspClient[] = [];
  hook(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });
  return async (options) => {
    const client = await LspClient.start(options);
    clients.push(client);
    return client;
  };
}

export const FIXTURES = join(__dirname, "..", "fixtures");

/**
 * A temporary workspace folder holding `files` (a Git checkout, so
 * `.gitignore` applies and reads stay inside it).
 */
export function tempWorkspace(files: Record<string, string>): string {
  return tempProject(files, "elestio-lsp-");
}

/**
 * The guide's "before" state of the latigue project, written for these tests
 * from the troubleshooting guide (see test/fixtures/README.md).
 */
export const LATIGUE_BEFORE = readFileSync(join(FIXTURES, "guide-before", "docker-compose.yml"), "utf8");
