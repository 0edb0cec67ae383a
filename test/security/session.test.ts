/**
 * A whole editor session on a hostile workspace, over real JSON-RPC, with
 * the server watched (test/security/watch.ts): it starts no process, opens
 * no network connection and looks nothing up, holds no socket but the
 * editor's, and opens no file outside the workspace, though the workspace
 * asks for all of it: commands and healthchecks that would leave marker
 * files, Git configuration and hooks that run commands, env files and a
 * `.env` pointing out of the workspace (`../../etc/passwd`, symlinks), a
 * build context outside it.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver";
import { LspClient, SERVER_PATH, fileUri } from "../lsp/harness.js";
import { childrenOf, createWatcher, ipSocketInodes, socketInodes, unixSockets, type Watcher } from "./watch.js";

const SECRET = "TOP_SECRET_OUTSIDE_VALUE_7f3a";
const onLinux = process.platform === "linux";

let root: string;
let workspace: string;
let outside: string;
let markers: string;
let watcher: Watcher;
let client: LspClient;
let uri: string;
let diagnostics: Diagnostic[];
const texts: string[] = [];

function marker(name: string): string {
  return join(markers, `PWNED-${name}`);
}

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "elestio-hostile-ws-")));
  workspace = join(root, "workspace");
  outside = join(root, "outside");
  markers = join(root, "markers");
  for (const d of [workspace, outside, markers, join(workspace, ".git", "hooks")]) mkdirSync(d, { recursive: true });

  writeFileSync(join(outside, "secret.env"), `OUTSIDE_ONLY_VAR=${SECRET}\nDB_PASSWORD=${SECRET}\n`);
  writeFileSync(join(outside, "Dockerfile"), `FROM alpine\nHEALTHCHECK CMD echo ${SECRET}\n`);
  // Git would run these on status, diff or checkout: nothing here may run Git.
  writeFileSync(join(workspace, ".git", "config"), `[core]\n\tfsmonitor = touch ${marker("fsmonitor")}\n\tpager = touch ${marker("pager")}\n\thooksPath = .git/hooks\n`);
  for (const hook of ["post-checkout", "pre-commit", "fsmonitor-watchman"]) {
    writeFileSync(join(workspace, ".git", "hooks", hook), `#!/bin/sh\ntouch ${marker(`hook-${hook}`)}\n`);
    chmodSync(join(workspace, ".git", "hooks", hook), 0o755);
  }
  writeFileSync(join(workspace, ".gitignore"), ".env.local\n");
  symlinkSync(join(outside, "secret.env"), join(workspace, ".env"));
  symlinkSync(join(outside, "secret.env"), join(workspace, "link-out.env"));
  symlinkSync(outside, join(workspace, "link-out-dir"));
  writeFileSync(join(workspace, ".env.local"), `FOO=$(touch ${marker("dotenv")})\nBAR=\`touch ${marker("backticks")}\`\n`);
  writeFileSync(join(workspace, "Dockerfile"), `FROM alpine\nRUN touch ${marker("dockerfile")}\n`);
  writeFileSync(join(workspace, "package.json"), JSON.stringify({ name: "x", scripts: { postinstall: `touch ${marker("npm")}`, test: `touch ${marker("npm-test")}` } }));
  writeFileSync(
    join(workspace, "docker-compose.yml"),
    `x-hack: "$(touch ${marker("interpolation")})"
services:
  web:
    build:
      context: .
      dockerfile: Dockerfile
    command: sh -c "touch ${marker("command")}"
    entrypoint: ["/bin/sh", "-c", "touch ${marker("entrypoint")}"]
    environment:
      LEAK: \${OUTSIDE_ONLY_VAR}
      SHELL_OUT: "\`touch ${marker("env-backticks")}\`"
    env_file:
      - ../../../../../../../../../etc/passwd
      - /etc/shadow
      - ../outside/secret.env
      - link-out.env
      - link-out-dir/secret.env
      - .env.local
    healthcheck:
      test: ["CMD-SHELL", "touch ${marker("healthcheck")}"]
    depends_on:
      builder:
        condition: service_healthy
      outsider:
        condition: service_healthy
  builder:
    build: .
  outsider:
    build:
      context: ../outside
  linked:
    build: link-out-dir
    labels:
      - "traefik.http.routers.x.rule=Host(\`example.com\`)"
`,
  );

  watcher = createWatcher();
  client = await LspClient.start({ workspaceFolders: [workspace], settings: { elestio: {} }, nodeArgs: watcher.nodeArgs });
  uri = fileUri(join(workspace, "docker-compose.yml"));
  client.open(uri, readFileSync(join(workspace, "docker-compose.yml"), "utf8"));
  diagnostics = await client.waitForDiagnostics(uri, 1);
  texts.push(...diagnostics.map((d) => JSON.stringify(d.message)));

  // The rest of a session: hovers on every line, every quick fix, fix-all, code lens, a log explained, files changed.
  const lineCount = client.text(uri).split("\n").length;
  for (let line = 0; line <= lineCount; line++) {
    for (const character of [2, 6, 12, 30]) {
      const hover = await client.hover(uri, { line, character });
      if (hover) texts.push(JSON.stringify(hover.contents));
    }
  }
  for (const diagnostic of diagnostics) texts.push(JSON.stringify(await client.codeActions(uri, diagnostic.range, [diagnostic])));
  texts.push(JSON.stringify(await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll.elestio"])));
  texts.push(JSON.stringify(await client.codeLens(uri)));
  texts.push(JSON.stringify(await client.request("elestio/explainLog", { text: "env file /opt/app/x/.env.production not found\ndependency failed to start: container x-builder-1 has no healthcheck configured", uri })));
  texts.push(JSON.stringify(await client.request("elestio/explainLog", { text: "address already in use", uri: fileUri(join(outside, "secret.env")) })));
  client.filesChanged([{ uri: fileUri(join(workspace, ".env")), type: 2 }]);
  client.change(uri, 2, `${client.text(uri)}\n`);
  texts.push(...(await client.waitForDiagnostics(uri, 2)).map((d) => JSON.stringify(d.message)));
}, 120_000);

afterAll(async () => {
  await client?.stop();
});

describe("a session on a hostile workspace", () => {
  it("runs nothing: no process, no marker file", () => {
    expect(watcher.records().filter((r) => r.kind === "exec")).toEqual([]);
    expect(readdirSync(markers)).toEqual([]);
    if (onLinux) expect(childrenOf(client.pid!)).toEqual([]);
  });

  it("sends nothing over the network, and holds no socket but the editor's", () => {
    expect(watcher.records().filter((r) => r.kind === "network")).toEqual([]);
    if (!onLinux) return;
    const sockets = socketInodes(client.pid!);
    const ip = ipSocketInodes(client.pid!);
    expect(sockets.filter((inode) => ip.has(inode)), "TCP, UDP or raw sockets").toEqual([]);
    // stdio to the editor: unnamed socket pairs (or pipes); never a bound path such as /var/run/docker.sock.
    const unix = unixSockets(client.pid!);
    for (const inode of sockets) expect(unix.get(inode), `socket ${inode}`).toBe("");
  });

  it("opens no file outside the workspace, /etc/passwd and the symlinked .env included", () => {
    const reads = watcher.records().filter((r) => r.kind === "read");
    expect(reads.length).toBeGreaterThan(0);
    const outsideReads = reads.filter((r) => {
      const path = resolve(r.detail);
      // Node's module loader reads the server's own bundle through fs.
      if (path === SERVER_PATH) return false;
      const rel = relative(workspace, path);
      return rel.startsWith("..") || resolve(rel) === rel;
    });
    expect(outsideReads).toEqual([]);
  });

  it("shows nothing of the files outside, and treats the symlinked .env as absent", () => {
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("root:x:0:0");
    }
    // The variable is only defined in the file the .env symlink points to: for the server it is not set.
    expect(diagnostics.some((d) => d.code === "undefined-variable" && JSON.stringify(d.message).includes("OUTSIDE_ONLY_VAR"))).toBe(true);
    // Nothing is claimed of the env files outside: neither that they exist, nor that they are missing.
    const lines = client.text(uri).split("\n");
    const envFindings = diagnostics.filter((d) => d.code === "env-file-not-dotenv").map((d) => lines[d.range.start.line].trim());
    expect(envFindings).toEqual(["- .env.local"]);
    expect(existsSync(join(workspace, ".env"))).toBe(true);
  });
});
