/**
 * A real VS Code for the end-to-end tests: code-server (VS Code served to a
 * browser), installed once from the npm registry by the project's
 * scripts/install-e2e-tools.sh into a cache outside the repository (with
 * Debian's chromium), started with a fresh profile and the packaged
 * extension for each run.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
export const CODE_SERVER_VERSION = "4.100.3";
export const CHROMIUM = process.env.ELESTIO_E2E_CHROMIUM ?? "/usr/bin/chromium";

const INSTALL_SCRIPT = resolve(ROOT, "scripts/install-e2e-tools.sh");

export function codeServerDir(): string {
  return process.env.ELESTIO_E2E_CODE_SERVER ?? join(homedir(), ".cache", "elestio-compose-e2e", `code-server-${CODE_SERVER_VERSION}`);
}

function entryPoint(dir = codeServerDir()): string {
  return join(dir, "node_modules/code-server/out/node/entry.js");
}

/** Installs code-server (and Debian's chromium) unless a finished install is cached. */
export function ensureCodeServer(): void {
  const dir = codeServerDir();
  const done = join(dir, ".elestio-e2e-installed");
  if (existsSync(done) && existsSync(entryPoint(dir)) && existsSync(CHROMIUM)) return;
  // The script writes the marker itself once the install is complete, and installs chromium when it is missing.
  execFileSync("bash", [INSTALL_SCRIPT, dir], { stdio: "inherit", env: { ...process.env, CODE_SERVER_VERSION } });
  if (!existsSync(done) || !existsSync(CHROMIUM)) throw new Error(`scripts/install-e2e-tools.sh did not leave code-server in ${dir} and chromium at ${CHROMIUM}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "editor.minimap.enabled": false,
  "editor.hover.delay": 200,
  "files.autoSave": "off",
  "window.restoreWindows": "none",
  "chat.commandCenter.enabled": false,
  // The LSP traffic in the "Elestio Compose" output channel, whose log file a test reads.
  "elestio.trace.server": "messages",
};

/**
 * VS Code runs in a language only when a language pack for it is installed,
 * and packs come from the marketplace, out of reach here. VS Code finds packs
 * through languagepacks.json in its user data folder: this registers an
 * empty one, so that VS Code's own texts stay English (the default for every
 * missing translation) while extensions run in `locale`.
 */
function registerLanguagePack(userData: string, locale: string): void {
  const translations = join(userData, `e2e-language-pack-${locale}.i18n.json`);
  writeFileSync(translations, JSON.stringify({ version: "1.0.0", contents: {} }));
  const pack = {
    hash: `e2e-${locale}`,
    extensions: [{ extensionIdentifier: { id: `elestio-compose-e2e.language-pack-${locale}` }, version: "1.0.0" }],
    translations: { vscode: translations },
    label: locale,
  };
  writeFileSync(join(userData, "languagepacks.json"), JSON.stringify({ [locale]: pack }));
}

export interface CodeServer {
  url: string;
  /** Folder of this run: profile, extensions, log. */
  home: string;
  log: string;
  stop(): Promise<void>;
}

/** Starts a fresh code-server with the .vsix installed, serving `workspace`. */
export async function startCodeServer(options: {
  vsix: string;
  workspace: string;
  trust?: boolean;
  /** VS Code's display language: extensions then get it as vscode.env.language, with their l10n bundles. */
  locale?: string;
}): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), "elestio-e2e-vscode-"));
  const userData = join(home, "user-data");
  const extensions = join(home, "extensions");
  mkdirSync(join(userData, "User"), { recursive: true });
  writeFileSync(join(userData, "User", "settings.json"), JSON.stringify(USER_SETTINGS, null, 2));
  const entry = entryPoint();
  execFileSync(process.execPath, [entry, "--extensions-dir", extensions, "--user-data-dir", userData, "--install-extension", options.vsix], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (options.locale) registerLanguagePack(userData, options.locale);

  const port = await freePort();
  const log = join(home, "code-server.log");
  const out = createWriteStream(log);
  const args = [
    entry,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-getting-started-override",
    "--user-data-dir", userData,
    "--extensions-dir", extensions,
    ...(options.trust === false ? [] : ["--disable-workspace-trust"]),
    ...(options.locale ? ["--locale", options.locale] : []),
    options.workspace,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const url = `http://127.0.0.1:${port}`;

  await new Promise<void>((ready, failed) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("HTTP server listening")) {
        child.stdout?.off("data", onData);
        ready();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => failed(new Error(`code-server exited with ${code}; see ${log}`)));
  });

  return {
    url,
    home,
    log,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((done) => child.once("exit", done));
        process.kill(-child.pid, "SIGTERM");
        await exited;
      }
      out.end();
    },
  };
}

/** Removes a run's folder unless the test asked to keep it (ELESTIO_E2E_KEEP=1) for debugging. */
export function cleanUp(dir: string): void {
  if (process.env.ELESTIO_E2E_KEEP !== "1") rmSync(dir, { recursive: true, force: true });
}
