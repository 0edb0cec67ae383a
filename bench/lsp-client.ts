/**
 * A minimal LSP client over stdio, enough to time diagnostics: it starts a
 * server, answers what servers ask of an editor (configuration, capability
 * registration, progress), and resolves a promise on the publishDiagnostics
 * of the version of a document it sent (the next one, from a server that
 * does not say which version it checked).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { now } from "./stats.js";

export interface Diagnostics {
  uri: string;
  version?: number;
  count: number;
  /** performance.now() when the notification arrived. */
  at: number;
}

interface Waiter {
  uri: string;
  /** The document version sent: a publication of an older one is not its answer. */
  version?: number;
  resolve: (diagnostics: Diagnostics) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** A dotted lookup in the settings tree, as workspace/configuration asks (`yaml`, `elestio`, `[yaml]`). */
function section(settings: Record<string, unknown>, name: string | undefined): unknown {
  if (!name) return settings;
  if (name in settings) return settings[name];
  let current: unknown = settings;
  for (const part of name.split(".")) {
    if (current === null || typeof current !== "object" || !(part in current)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Clock ticks per second of /proc's CPU times (100 on Linux, asked once). */
let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export class LspClient {
  readonly process: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  /** Every publishDiagnostics received, in order. */
  readonly published: Diagnostics[] = [];
  /** Publications, while a version was awaited, of an older version of the document (superseded work the server still published). */
  stale = 0;
  /** Full or incremental, from the server's textDocumentSync capability. */
  private incremental = true;
  private stderr = "";
  private exited: string | undefined;

  constructor(
    command: readonly string[],
    private readonly settings: Record<string, unknown>,
    cwd: string,
  ) {
    this.process = spawn(command[0], command.slice(1), { cwd, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
    this.process.stderr!.on("data", (chunk: Buffer) => {
      if (this.stderr.length < 20_000) this.stderr += chunk.toString();
    });
    this.process.on("exit", (code, signal) => {
      this.exited = `exited with ${signal ?? code}`;
      for (const waiter of this.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`server ${this.exited} before diagnostics: ${this.stderr.slice(-2000)}`));
      }
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const diagnostics: Diagnostics = { uri: params.uri, version: params.version, count: params.diagnostics.length, at: now() };
      this.published.push(diagnostics);
      // A server that names the version it checked answers a waiter only with that version (or a later one);
      // one that names none answers with its next publication.
      const index = this.waiters.findIndex((w) => w.uri === params.uri && (w.version === undefined || params.version === undefined || params.version >= w.version));
      if (index < 0 && this.waiters.some((w) => w.uri === params.uri)) this.stale++;
      if (index >= 0) {
        const [waiter] = this.waiters.splice(index, 1);
        clearTimeout(waiter.timer);
        waiter.resolve(diagnostics);
      }
    });
    this.connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) => params.items.map((item) => section(this.settings, item.section) ?? null));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("client/unregisterCapability", () => null);
    this.connection.onRequest("window/workDoneProgress/create", () => null);
    this.connection.onRequest("workspace/workspaceFolders", () => null);
    this.connection.onRequest("window/showMessageRequest", () => null);
    this.connection.onNotification(() => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  async initialize(rootPath: string, initializationOptions?: unknown): Promise<void> {
    const rootUri = pathToFileURL(rootPath).href;
    const result = await this.connection.sendRequest<{ capabilities: { textDocumentSync?: number | { change?: number } } }>("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "bench" }],
      locale: "en",
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ["markdown", "plaintext"] },
          completion: { completionItem: { snippetSupport: true } },
        },
        window: { workDoneProgress: true },
      },
    });
    const sync = result.capabilities.textDocumentSync;
    const kind = typeof sync === "number" ? sync : sync?.change;
    this.incremental = kind === 2;
    await this.connection.sendNotification("initialized", {});
    await this.connection.sendNotification("workspace/didChangeConfiguration", { settings: this.settings });
  }

  /**
   * Resolves on the next publishDiagnostics for `uri` of `version` or later
   * (any version when the server names none); registered before the message
   * that causes it is sent.
   */
  nextDiagnostics(uri: string, timeoutMs: number, version?: number): Promise<Diagnostics> {
    if (this.exited) return Promise.reject(new Error(`server ${this.exited}: ${this.stderr.slice(-2000)}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.findIndex((w) => w.timer === timer);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`no diagnostics for ${uri}${version === undefined ? "" : ` version ${version}`} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push({ uri, version, resolve, reject, timer });
    });
  }

  /** didOpen; resolves with the ms until the first diagnostics. */
  async open(path: string, languageId: string, timeoutMs: number): Promise<{ ms: number; diagnostics: Diagnostics }> {
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, "utf8");
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    const next = this.nextDiagnostics(uri, timeoutMs, 1);
    const start = now();
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
    const diagnostics = await next;
    return { ms: diagnostics.at - start, diagnostics };
  }

  /** Inserts `insert` at a position (one keystroke); resolves with the ms until the diagnostics of the new version. */
  async type(path: string, line: number, character: number, insert: string, timeoutMs: number): Promise<{ ms: number; diagnostics: Diagnostics }> {
    const uri = pathToFileURL(path).href;
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const text = this.texts.get(uri)!;
    const lines = text.split("\n");
    lines[line] = lines[line].slice(0, character) + insert + lines[line].slice(character);
    const updated = lines.join("\n");
    this.texts.set(uri, updated);
    const change = this.incremental ? { range: { start: { line, character }, end: { line, character } }, text: insert } : { text: updated };
    const next = this.nextDiagnostics(uri, timeoutMs, version);
    const start = now();
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    const diagnostics = await next;
    return { ms: diagnostics.at - start, diagnostics };
  }

  /**
   * Types `count` characters at a position, `intervalMs` apart (a burst of
   * typing), then waits until the server has been quiet for `quietMs`.
   * Resolves with the ms from the last keystroke to the last diagnostics.
   */
  async burst(path: string, line: number, character: number, count: number, intervalMs: number, quietMs: number): Promise<number> {
    const uri = pathToFileURL(path).href;
    let lastSent = 0;
    for (let i = 0; i < count; i++) {
      const version = (this.versions.get(uri) ?? 1) + 1;
      this.versions.set(uri, version);
      const text = this.texts.get(uri)!;
      const lines = text.split("\n");
      lines[line] = lines[line].slice(0, character + i) + "y" + lines[line].slice(character + i);
      const updated = lines.join("\n");
      this.texts.set(uri, updated);
      const change = this.incremental ? { range: { start: { line, character: character + i }, end: { line, character: character + i } }, text: "y" } : { text: updated };
      lastSent = now();
      await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
      if (i < count - 1) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    const before = this.published.length;
    for (;;) {
      await this.settle(quietMs, 600_000);
      const after = this.published.slice(before).filter((p) => p.uri === uri && p.at > lastSent);
      if (after.length > 0) return after[after.length - 1].at - lastSent;
      if (this.exited) throw new Error(`server ${this.exited}`);
    }
  }

  async close(path: string): Promise<void> {
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri: pathToFileURL(path).href } });
  }

  /** Waits until no diagnostics have arrived for `quietMs` (a server may publish late, or twice). */
  async settle(quietMs: number, maxMs = 30_000): Promise<void> {
    const start = now();
    for (;;) {
      const last = this.published.length > 0 ? this.published[this.published.length - 1].at : start;
      const quietFor = now() - Math.max(last, start);
      if (quietFor >= quietMs || now() - start > maxMs) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, quietMs - quietFor)));
    }
  }

  /**
   * CPU time the server process has used (user + system, every thread), from
   * /proc (Linux), in ms; 10 ms resolution. Against the wall time of an edit,
   * it tells the server's work from its waiting (a debounce, or a machine
   * busy with other processes).
   */
  cpuMs(): number | undefined {
    try {
      const stat = readFileSync(`/proc/${this.process.pid}/stat`, "utf8");
      // The fields after the command name (which may hold spaces) in parentheses: utime and stime are the 14th and 15th of the line.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
    } catch {
      return undefined;
    }
  }

  /** Resident memory of the server process, from /proc (Linux), in bytes. */
  rss(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, "utf8");
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((resolve) => setTimeout(resolve, 3_000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // The process is killed below if it did not exit.
    }
    const timer = setTimeout(() => this.process.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  get errorOutput(): string {
    return this.stderr;
  }
}
