import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { bindMountMissingFile } from "../../server/src/engine/rules/bind-mount-missing-file.js";
import { gitIndexText } from "../helpers/git-index.js";
import { testRule } from "./rule-tester.js";

const NGINX = "services:\n  web:\n    image: nginx:1.27\n    volumes:\n";
const runcLog = (host: string, target: string) =>
  "Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: " +
  `unable to start container process: error during container init: error mounting "${host}" to rootfs at "${target}": ` +
  `mount src=${host}, dst=${target}, dstFd=/proc/thread-self/fd/8, flags=0x5000: not a directory: unknown: ` +
  "Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type";

testRule(bindMountMissingFile, {
  valid: [
    {
      name: "committed: the checkout's .git/index lists it",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n",
      files: { "nginx.conf": "events {}\n", ".git/index": gitIndexText(["docker-compose.yml", "nginx.conf"]) },
    },
    { name: "without the project on disk nothing is known of the file", code: `${NGINX}      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n` },
    { name: "a committed file", files: { "nginx.conf": "events {}\n" }, code: `${NGINX}      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n` },
    {
      name: "folders the app fills, absent or ignored: Docker creates them",
      files: { ".gitignore": "data/\nmedia/\n" },
      code: "services:\n  web:\n    build: .\n    volumes:\n      - ./data:/app/data\n      - ./media:/app/media\n      - ./logs:/var/log/app\n      - type: bind\n        source: ./uploads\n        target: /app/uploads\n",
    },
    {
      name: "folders with a dot: a dotfile folder, a .d folder, a version",
      files: {},
      code: "services:\n  web:\n    image: php:8.2-fpm\n    volumes:\n      - ./.data:/data\n      - ./nginx/conf.d:/etc/nginx/conf.d\n      - ./initdb.d:/docker-entrypoint-initdb.d\n      - ./php8.2:/usr/local/etc/php\n      - ./.n8n:/home/node/.n8n\n",
    },
    { name: "the .env the pipeline writes, even ignored and absent", files: { ".gitignore": ".env\n" }, code: "services:\n  web:\n    build: .\n    volumes:\n      - ./.env:/app/.env:ro\n" },
    {
      name: "a source a variable decides, with or without a default",
      files: {},
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ${NGINX_CONF:-./nginx.conf}:/etc/nginx/nginx.conf\n      - ./${SITE}.conf:/etc/nginx/conf.d/site.conf\n      - type: bind\n        source: ${CONFIG_FILE}\n        target: /app/config.yml\n",
    },
    {
      name: "absolute and home paths, named volumes, a tmpfs",
      files: {},
      code: "services:\n  web:\n    image: app:1\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ~/.ssh/id_ed25519:/root/.ssh/id_ed25519:ro\n      - config:/app/config.yml\n      - type: tmpfs\n        target: /tmp/cache.db\nvolumes:\n  config: {}\n",
    },
    { name: "outside the checkout: not looked at", files: {}, code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ../../elsewhere/nginx.conf:/etc/nginx/nginx.conf\n" },
    { name: "a dev file may mount what it likes", pipeline: false, files: {}, code: `${NGINX}      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n` },
    { name: "a file Git does not ignore any more (a ! rule)", files: { ".gitignore": "*.json\n!config.json\n", "config.json": "{}" }, code: "services:\n  web:\n    build: .\n    volumes:\n      - ./config.json:/app/config.json\n" },
    {
      name: "elestio.yml runs a command before the deploy (Elestio's templates write servers.json in scripts/preInstall.sh)",
      files: { "elestio.yml": 'config:\n  runTime: "dockerCompose"\nlifeCycleConfig:\n  preInstallCommand: "./scripts/preInstall.sh"\n  postInstallCommand: ""\n' },
      code: "services:\n  pgadmin:\n    image: dpage/pgadmin4:8\n    volumes:\n      - ./servers.json:/pgadmin4/servers.json\n",
    },
    {
      name: "preDeployCommand, unquoted, in elestio.yaml",
      files: { "elestio.yaml": "lifeCycleConfig:\n  preInstallCommand:\n  preDeployCommand: bash ./scripts/certs.sh # writes the keys\n" },
      code: "services:\n  web:\n    build: .\n    volumes:\n      - ./certs/key.pem:/run/key.pem\n",
    },
    {
      name: "the docs' valid example, with its files beside it",
      files: { ...bindMountMissingFile.meta.docs.example.validFiles },
      code: bindMountMissingFile.meta.docs.example.valid,
    },
  ],
  invalid: [
    {
      name: "on disk but not committed (the checkout's .git/index lacks it): the clone lacks it too",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n",
      files: { "nginx.conf": "events {}\n", ".git/index": gitIndexText(["docker-compose.yml"]) },
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 21, messageId: "notCommitted", message: '"./nginx.conf" is not committed: the pipeline\'s clone lacks it and mounts an empty folder instead. Commit it.' }],
      output: null,
    },
    {
      name: "the nginx.conf the clone lacks: the source part of the item only",
      files: {},
      code: `${NGINX}      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n`,
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 21,
          messageId: "notInRepository",
          message: '"./nginx.conf" is not in the repository: the deploy mounts an empty folder instead. Commit the file.',
          log: runcLog("/opt/app/<pipeline>/nginx.conf", "/etc/nginx/nginx.conf"),
        },
      ],
    },
    {
      name: "a file on disk that Git ignores, quoted",
      files: { ".gitignore": "config.json\n", "config.json": "{}" },
      code: 'services:\n  web:\n    build: .\n    volumes:\n      - "./config.json:/app/config.json"\n',
      errors: [
        {
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 23,
          messageId: "gitIgnored",
          message: 'Git ignores "./config.json": the deploy mounts an empty folder instead. Commit the file.',
          log: runcLog("/opt/app/<pipeline>/config.json", "/app/config.json"),
        },
      ],
    },
    {
      name: "in an ignored folder, and with its folder missing",
      files: { ".gitignore": "secrets/\n", "secrets/key.pem": "x" },
      code: "services:\n  web:\n    build: .\n    volumes:\n      - ./secrets/key.pem:/run/key.pem:ro\n      - ./docker/nginx/default.conf:/etc/nginx/conf.d/default.conf\n",
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 26, messageId: "gitIgnored" },
        { line: 6, column: 9, endLine: 6, endColumn: 36, messageId: "notInRepository" },
      ],
    },
    {
      name: "long syntax: the source value, quotes included; a bare relative path too",
      files: {},
      code: 'services:\n  traefik:\n    image: traefik:v3\n    volumes:\n      - type: bind\n        source: "./acme.json"\n        target: /acme.json\n      - {type: bind, source: config/app.yml, target: /app/config.yml, read_only: true}\n',
      errors: [
        { line: 6, column: 17, endLine: 6, endColumn: 30, messageId: "notInRepository", log: runcLog("/opt/app/<pipeline>/acme.json", "/acme.json") },
        { line: 8, column: 30, endLine: 8, endColumn: 44, messageId: "notInRepository" },
      ],
    },
    {
      name: "long syntax with create_host_path: false: Docker refuses the mount",
      files: {},
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        source: ./nginx.conf\n        target: /etc/nginx/nginx.conf\n        bind:\n          create_host_path: false\n",
      errors: [
        {
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 29,
          messageId: "missingNoCreate",
          message: "\"./nginx.conf\" is missing from the pipeline's clone, so its mount fails. Commit the file.",
          log: 'Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /opt/app/<pipeline>/nginx.conf',
        },
      ],
    },
    {
      name: "a file without an extension: a well-known name, or a target that is a file",
      files: {},
      code: "services:\n  caddy:\n    image: caddy:2\n    volumes:\n      - ./Caddyfile:/etc/caddy/Caddyfile\n      - ./settings:/app/settings.yml\n      - ./.htpasswd:/etc/nginx/.htpasswd\n",
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 20, messageId: "notInRepository" },
        { line: 6, column: 9, endLine: 6, endColumn: 19, messageId: "notInRepository" },
        { line: 7, column: 9, endLine: 7, endColumn: 20, messageId: "notInRepository" },
      ],
    },
    {
      name: "dotfiles with an extension, and a .env that is not the pipeline's",
      files: {},
      code: "services:\n  web:\n    build: .\n    volumes:\n      - ./.env.local:/app/.env.local\n      - ./app/.env:/app/.env\n",
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 21, messageId: "notInRepository" },
        { line: 6, column: 9, endLine: 6, endColumn: 19, messageId: "notInRepository" },
      ],
    },
    {
      name: "the same file in two services, one through a merge key: once per place it is written",
      files: {},
      code: "x-app: &app\n  image: app:1\n  volumes:\n    - ./config.yml:/app/config.yml\nservices:\n  web:\n    <<: *app\n  worker:\n    <<: *app\n  cron:\n    image: app:1\n    volumes: [./config.yml:/app/config.yml]\n",
      errors: [
        { line: 4, column: 7, endLine: 4, endColumn: 19, messageId: "notInRepository" },
        { line: 12, column: 15, endLine: 12, endColumn: 27, messageId: "notInRepository" },
      ],
    },
    {
      name: "elestio.yml whose commands before the deploy are empty",
      files: { "elestio.yml": 'lifeCycleConfig:\n  preInstallCommand: ""\n  preDeployCommand: \'\'\n  postInstallCommand: "./scripts/postInstall.sh"\n' },
      code: "services:\n  pgadmin:\n    image: dpage/pgadmin4:8\n    volumes:\n      - ./servers.json:/pgadmin4/servers.json\n",
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 23, messageId: "notInRepository" }],
    },
    {
      name: "the docs' invalid example, with its files beside it",
      files: { ...bindMountMissingFile.meta.docs.example.invalidFiles },
      code: bindMountMissingFile.meta.docs.example.invalid,
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 21, messageId: "gitIgnored" }],
    },
  ],
});

describe("bind-mount-missing-file in a pasted log", () => {
  const text = "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n";
  const dir = mkdtempSync(join(tmpdir(), "elestio-bind-"));
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, "docker-compose.yml"), text);
  let model: ComposeModel;
  let findings: Finding[];
  const rules = [bindMountMissingFile];
  beforeEach(() => {
    model = parseCompose(text);
    findings = lint(model, { isPipeline: true, project: fileProject(join(dir, "docker-compose.yml"), dir), rules });
  });
  const linked = (log: string) => explainLog(log, "en", model, { findings, rules }).filter((p) => !p.note).map((p) => [p.id, p.ranges.map((r) => text.slice(r.start, r.end))]);

  it("recognises its own example line", () => {
    expect(linked(bindMountMissingFile.meta.docs.log!)).toEqual([["bind-mount-missing-file", ["./nginx.conf"]]]);
  });

  it("links the file the line names, in any app folder or through Docker Desktop's /host_mnt", () => {
    const runc = (host: string, target: string) => `Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${host}" to rootfs at "${target}": mount src=${host}, dst=${target}, dstFd=/proc/thread-self/fd/8, flags=0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`;
    expect(linked(runc("/opt/app/shop/site.conf", "/etc/nginx/conf.d/default.conf"))).toEqual([["bind-mount-missing-file", ["./site.conf"]]]);
    expect(linked(runc("/host_mnt/Users/me/shop/nginx.conf", "/etc/nginx/nginx.conf"))).toEqual([["bind-mount-missing-file", ["./nginx.conf"]]]);
    // runc 1.1's words, and the daemon's refusal with create_host_path: false.
    expect(linked('error mounting "/opt/app/shop/nginx.conf" to rootfs at "/etc/nginx/nginx.conf": mount /opt/app/shop/nginx.conf:/etc/nginx/nginx.conf (via /proc/self/fd/6), flags: 0x5000: not a directory: unknown')).toEqual([
      ["bind-mount-missing-file", ["./nginx.conf"]],
    ]);
    expect(linked('invalid mount config for type "bind": bind source path does not exist: /opt/app/shop/site.conf')).toEqual([["bind-mount-missing-file", ["./site.conf"]]]);
  });

  it("a line that names no path links every finding", () => {
    expect(linked('caused \\"not a directory\\"": unknown: Are you trying to mount a directory onto a file (or vice-versa)?')).toEqual([["bind-mount-missing-file", ["./nginx.conf", "./site.conf"]]]);
  });
});

/** The sources the rule reports in `text`, a pipeline's compose file in a checkout holding `files` (and nothing else). */
function reported(text: string, files: Record<string, string> = {}): Finding[] {
  const dir = mkdtempSync(join(tmpdir(), "elestio-bind-"));
  mkdirSync(join(dir, ".git"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, "docker-compose.yml"), text);
  return lint(parseCompose(text), { isPipeline: true, project: fileProject(join(dir, "docker-compose.yml"), dir), rules: [bindMountMissingFile] });
}
const sources = (text: string, findings: Finding[]) => findings.map((f) => text.slice(f.start, f.end));

describe("which missing mount sources are files", () => {
  it.each([
    // Well-known file names without an extension, or dotfiles without a second dot: files.
    { mount: "./coredns/Corefile:/etc/coredns/Corefile", file: true },
    { mount: "./Dockerfile:/app/Dockerfile:ro", file: true },
    { mount: "./Makefile:/app/Makefile", file: true },
    { mount: "./Procfile:/app/Procfile", file: true },
    { mount: "./Gemfile:/app/Gemfile", file: true },
    { mount: "./cron/crontab:/etc/crontabs/root", file: true },
    { mount: "./auth/htpasswd:/etc/nginx/htpasswd", file: true },
    { mount: "./.npmrc:/root/.npmrc:ro", file: true },
    { mount: "./.pgpass:/root/.pgpass", file: true },
    { mount: "./.netrc:/root/.netrc", file: true },
    { mount: "./.pypirc:/root/.pypirc", file: true },
    { mount: "./ssh/authorized_keys:/home/git/.ssh/authorized_keys", file: true },
    { mount: "./ssh/known_hosts:/root/.ssh/known_hosts", file: true },
    // Several dots: the last part is the extension.
    { mount: "./nginx.prod.conf:/etc/nginx/conf.d", file: true },
    // A bare Git repository and a path ending with / are folders, whatever the name before.
    { mount: "./repo.git:/srv/git/repo", file: false },
    { mount: "./nginx.conf/:/etc/nginx/conf.d/", file: false },
    { mount: "./site/:/usr/share/nginx/html/", file: false },
    // An "extension" longer than ten characters is no extension.
    { mount: "./app.configuration:/etc/app", file: false },
    // Two dots in a row: no extension the rule reads.
    { mount: "./settings..local.json:/etc/app", file: false },
    // Windows separators: the last segment is the name (html), not the path run together.
    { mount: ".\\site.v1\\html:/usr/share/nginx/html", file: false },
  ])("$mount", ({ mount, file }) => {
    const text = `${NGINX}      - ${mount}\n`;
    expect(sources(text, reported(text))).toEqual(file ? [mount.slice(0, mount.indexOf(":"))] : []);
  });

  it("a .env written with Windows separators is still the pipeline's .env", () => {
    expect(reported(`${NGINX}      - .\\.env:/app/.env:ro\n`)).toEqual([]);
  });

  it("a variable elsewhere in the file does not make the source uncertain", () => {
    const text = "services:\n  web:\n    image: nginx:${NGINX_TAG:-1.27}\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n";
    expect(sources(text, reported(text))).toEqual(["./nginx.conf"]);
  });

  it.each(["/etc/ssl/certs/ca.pem:/certs/ca.pem:ro", "~/certs/server.pem:/certs/server.pem:ro"])("a source outside the checkout is not looked for there: %s", (mount) => {
    expect(reported(`${NGINX}      - ${mount}\n`)).toEqual([]);
  });

  it("the log of a long-form mount with no target, and of a source with Windows separators", () => {
    const noTarget = reported(`${NGINX}      - type: bind\n        source: ./app.conf\n`);
    expect(noTarget.map((f) => f.log)).toEqual([
      'Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/opt/app/<pipeline>/app.conf" to rootfs at "": mount src=/opt/app/<pipeline>/app.conf, dst=, dstFd=/proc/thread-self/fd/8, flags=0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type',
    ]);
    const windows = reported(`${NGINX}      - type: bind\n        source: .\\conf\\app.conf\n        target: /etc/app.conf\n        bind:\n          create_host_path: false\n`);
    expect(windows.map((f) => f.log)).toEqual(['Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /opt/app/<pipeline>/conf/app.conf']);
  });
});

describe("elestio.yml's commands before the deploy", () => {
  const text = `${NGINX}      - ./servers.json:/pgadmin4/servers.json\n`;
  it.each([
    { name: "a command", elestio: 'lifeCycleConfig:\n  preInstallCommand: "./scripts/preInstall.sh"\n', runs: true },
    { name: "a space before the colon", elestio: "lifeCycleConfig:\n  preDeployCommand : ./scripts/preDeploy.sh\n", runs: true },
    { name: "a command commented out", elestio: "lifeCycleConfig:\n  # preInstallCommand: ./scripts/preInstall.sh\n  postInstallCommand: ./scripts/postInstall.sh\n", runs: false },
    { name: "a quoted space (double quotes)", elestio: 'lifeCycleConfig:\n  preInstallCommand: " "\n', runs: false },
    { name: "a quoted space (single quotes)", elestio: "lifeCycleConfig:\n  preInstallCommand: ' '\n", runs: false },
    { name: "empty quotes after two spaces", elestio: 'lifeCycleConfig:\n  preInstallCommand:  ""\n', runs: false },
    // Pasted from a web page: a no-break space before the command, which YAML keeps in the value.
    { name: "a command after a no-break space", elestio: "lifeCycleConfig:\n  preInstallCommand: \u00a0./scripts/preInstall.sh\n", runs: true },
  ])("$name", ({ elestio, runs }) => {
    expect(sources(text, reported(text, { "elestio.yml": elestio }))).toEqual(runs ? [] : ["./servers.json"]);
  });
});

describe("bind-mount-missing-file: the path a pasted line names", () => {
  const text = "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./site.conf:/etc/nginx/conf.d/default.conf:ro\n";
  it.each([
    { name: "runc's line with spaces doubled", line: runcLog("/opt/app/shop/site.conf", "/etc/nginx/conf.d/default.conf").replace('mounting "', 'mounting  "').replace('" to rootfs', '"  to rootfs') },
    { name: "the daemon's refusal with no space after the colon", line: 'invalid mount config for type "bind": bind source path does not exist:/opt/app/shop/site.conf' },
    { name: "the daemon's refusal on Windows", line: 'invalid mount config for type "bind": bind source path does not exist: C:\\Users\\me\\shop\\site.conf' },
    { name: "Docker Desktop with the checkout in /opt/app", line: runcLog("/host_mnt/opt/app/shop/site.conf", "/etc/nginx/conf.d/default.conf") },
  ])("$name", ({ line }) => {
    const findings = reported(text);
    const problems = explainLog(line, "en", parseCompose(text), { findings, rules: [bindMountMissingFile] }).filter((p) => p.id === "bind-mount-missing-file");
    expect(problems.flatMap((p) => p.ranges).map((r) => text.slice(r.start, r.end))).toEqual(["./site.conf"]);
  });
});

describe("a source that links outside the checkout", () => {
  it("is not reported: what the clone gets there is not known", () => {
    const dir = mkdtempSync(join(tmpdir(), "elestio-bind-"));
    mkdirSync(join(dir, ".git"));
    const outside = mkdtempSync(join(tmpdir(), "elestio-outside-"));
    writeFileSync(join(outside, "nginx.conf"), "events {}\n");
    symlinkSync(join(outside, "nginx.conf"), join(dir, "nginx.conf"));
    writeFileSync(join(dir, ".git", "index"), gitIndexText(["docker-compose.yml"]));
    const text = `${NGINX}      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n`;
    writeFileSync(join(dir, "docker-compose.yml"), text);
    expect(lint(parseCompose(text), { isPipeline: true, project: fileProject(join(dir, "docker-compose.yml"), dir), rules: [bindMountMissingFile] })).toEqual([]);
  });
});
