/**
 * The language server's lifetime: one server per window, started when the
 * first compose document opens (the extension also activates for plain YAML
 * files, which must not cost a process).
 */
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { SETTINGS_SECTION } from "../../server/src/protocol.js";
import { documentSelector, isComposeDocument } from "./composeDocuments.js";
import { ruleDocumentationMiddleware } from "./ruleDocumentation.js";

/** The client's id: vscode-languageclient reads `<id>.trace.server`. */
const CLIENT_ID = "elestio";

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly trace: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (!this.starting && this.checks(document)) void this.start();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.pipelineFiles`)) this.startIfNeeded();
      }),
    );
    this.startIfNeeded();
  }

  /** Whether the server checks this document (it is given every YAML document, and answers for compose files). */
  checks(document: vscode.TextDocument): boolean {
    return isComposeDocument(document);
  }

  private startIfNeeded(): void {
    if (!this.starting && vscode.workspace.textDocuments.some((document) => this.checks(document))) void this.start();
  }

  get isRunning(): boolean {
    return this.client?.isRunning() ?? false;
  }

  start(): Promise<LanguageClient> {
    this.starting ??= this.create().catch((error: unknown) => {
      this.starting = undefined;
      this.output.error(`The Elestio language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    return this.starting;
  }

  async sendRequest<R>(method: string, params: unknown): Promise<R> {
    const client = await this.start();
    return client.sendRequest<R>(method, params);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async create(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      outputChannel: this.output,
      traceOutputChannel: this.trace,
      synchronize: { configurationSection: SETTINGS_SECTION },
      diagnosticCollectionName: "elestio",
      middleware: ruleDocumentationMiddleware(this.context),
    };
    const client = new LanguageClient(CLIENT_ID, "Elestio Compose", serverOptions, clientOptions);
    this.client = client;
    await client.start();
    return client;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client?.isRunning()) await client.stop();
  }

  /** Stops listening; `stop()` (awaited by deactivate) stops the server. */
  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
