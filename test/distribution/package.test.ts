/**
 * The npm package as users get it: `npm pack` (in a copy of the repository,
 * so that its prepack build does not replace the bundles the other tests
 * use), the tarball's contents, an offline install of it, the README's CI
 * recipes run word for word against a fixture project (npx resolving the
 * package from a local registry that serves only this tarball), and the
 * pre-commit hook's definition.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { builtinModules } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMPOSE_FILE_GLOBS, isComposeFileName } from "../../server/src/engine/files.js";
import { tempProject } from "../helpers/cli.js";
import { readmeBlock } from "../helpers/readme.js";
import { sarifErrors } from "../helpers/sarif.js";
import { npmInStage, stageRepository } from "../helpers/stage.js";
import { PROJECT } from "../cli/fixture.js";
import { shippedDocs } from "../package/shipped-docs.js";

const ROOT = join(__dirname, "../..");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const CLEAN = { "docker-compose.yml": 'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n    ports:\n      - "172.17.0.1:8080:80"\n' };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process, which serves the local registry meanwhile. */
function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

let work: string;
let tarball: string;
let registry: Server;
let registryUrl: string;
/** Every path the local registry was asked for: only this package may be fetched. */
const requested: string[] = [];

/** npm with a cache, a user config and a registry of the test's own. */
function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(work, "home"),
    npm_config_cache: join(work, "npm-cache"),
    npm_config_userconfig: join(work, "home", ".npmrc"),
    npm_config_registry: registryUrl,
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
    NO_COLOR: "1",
    LANG: "en_US.UTF-8",
    ...extra,
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "elestio-dist-"));
  mkdirSync(join(work, "home"));
  writeFileSync(join(work, "home", ".npmrc"), "");
  const stage = join(work, "stage");
  stageRepository(stage);
  const packed = join(work, "packed");
  mkdirSync(packed);
  npmInStage(stage, ["pack", "--pack-destination", packed]);
  const [name] = readdirSync(packed);
  tarball = join(packed, name);

  // A registry that knows one package: this tarball.
  const bytes = readFileSync(tarball);
  const tarballPath = `/${PKG.name}/-/${name}`;
  registry = createServer((request, response) => {
    requested.push(request.url ?? "");
    if (request.url === `/${PKG.name}`) {
      const manifest = {
        name: PKG.name,
        version: PKG.version,
        bin: PKG.bin,
        engines: { node: PKG.engines.node },
        dist: {
          tarball: `${registryUrl}${tarballPath.slice(1)}`,
          integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
          shasum: createHash("sha1").update(bytes).digest("hex"),
        },
      };
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ name: PKG.name, "dist-tags": { latest: PKG.version }, versions: { [PKG.version]: manifest } }));
    } else if (request.url === tarballPath) {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      response.end(bytes);
    } else {
      response.writeHead(404, { "content-type": "application/json" });
      response.end('{"error":"not found"}');
    }
  });
  await new Promise<void>((done) => registry.listen(0, "127.0.0.1", done));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
}, 240_000);

afterAll(async () => {
  await new Promise<void>((done) => (registry ? registry.close(() => done()) : done()));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("holds only what runs and what it links: the two bundles, package.json, README, LICENSE, THIRD_PARTY_NOTICES, CHANGELOG and the docs", () => {
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
    const expected = [
      "package/CHANGELOG.md",
      "package/LICENSE",
      "package/README.md",
      "package/THIRD_PARTY_NOTICES.md",
      "package/dist/cli.js",
      "package/dist/server.js",
      "package/package.json",
      // The rule pages the CLI's SARIF helpUri and the language server's links open, and the docs they link to.
      ...shippedDocs().map((path) => `package/${path}`),
    ];
    expect(listing).toEqual(expected.sort());
  });

  it("needs nothing from the registry at run time: no dependencies, and bundles that require only Node's modules", () => {
    expect(PKG.dependencies ?? {}).toEqual({});
    expect(PKG.bin).toEqual({ "elestio-compose-lint": "dist/cli.js", "elestio-compose-language-server": "dist/server.js" });
    for (const bundle of ["dist/cli.js", "dist/server.js"]) {
      const code = execFileSync("tar", ["-xzOf", tarball, `package/${bundle}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      expect(code.startsWith("#!/usr/bin/env node\n"), bundle).toBe(true);
      const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
      expect(required.length, bundle).toBeGreaterThan(0);
      expect(required.filter((name) => !builtinModules.includes(name.replace(/^node:/, ""))), bundle).toEqual([]);
    }
  });
});

describe("installed from the tarball, offline", () => {
  let project: string;
  beforeAll(async () => {
    project = join(work, "installed");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "someone-elses-project", private: true }));
    const install = await run("npm", ["install", "--offline", "--no-save", tarball], { cwd: project, env: npmEnv() });
    expect(install.status, install.stderr).toBe(0);
  }, 120_000);

  it("runs node_modules/.bin/elestio-compose-lint", async () => {
    const dir = tempProject(PROJECT);
    const result = await run(join(project, "node_modules/.bin/elestio-compose-lint"), ["--format", "json"], { cwd: dir, env: npmEnv() });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).map((r: { file: string }) => r.file)).toEqual(["deploy/compose.dev.yaml", "docker-compose.yml"]);
    const version = await run(join(project, "node_modules/.bin/elestio-compose-lint"), ["--version"], { cwd: dir, env: npmEnv() });
    expect(version.stdout).toBe(`${PKG.version}\n`);
  });

  it("runs node_modules/.bin/elestio-compose-language-server", async () => {
    const result = await run(join(project, "node_modules/.bin/elestio-compose-language-server"), ["--version"], { cwd: project, env: npmEnv() });
    expect(result).toEqual({ status: 0, stdout: `${PKG.version}\n`, stderr: "" });
  });
});

/** The commands of a README recipe: a GitHub workflow's `run:` steps, a GitLab job's `script:` lines. */
function recipeCommands(name: "github-actions" | "gitlab-ci"): string[] {
  const workflow = parse(readmeBlock("recipe", name).code);
  if (name === "github-actions") {
    return Object.values(workflow.jobs as Record<string, { steps: { run?: string }[] }>).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
  }
  return Object.values(workflow as Record<string, { script?: string[] }>).flatMap((job) => job.script ?? []);
}

describe("the README's CI recipes, their commands run as written", () => {
  // A cache of their own, as on a CI runner: npx fetches the package from the registry.
  const ciEnv = (extra: NodeJS.ProcessEnv) => npmEnv({ npm_config_cache: join(work, "ci-npm-cache"), CI: "true", ...extra });
  it("GitHub Actions: annotations and a failed step on errors, then a valid SARIF file for code scanning", async () => {
    const [annotate, sarif, ...rest] = recipeCommands("github-actions");
    expect(rest).toEqual([]);
    const dir = tempProject(PROJECT);
    // GitHub runs `run:` steps with `bash -e {0}`.
    const annotated = await run("bash", ["-e", "-c", annotate], { cwd: dir, env: ciEnv({ GITHUB_ACTIONS: "true" }) });
    expect(annotated.status, annotated.stderr).toBe(1);
    expect(annotated.stdout).toContain("::error file=docker-compose.yml,line=5,col=5,endLine=5,endColumn=29,title=no-container-name::");
    expect(annotated.stdout).toContain("::warning file=docker-compose.yml,line=7,col=9,endLine=7,endColumn=20,title=public-port-binding::");

    const scanned = await run("bash", ["-e", "-c", sarif], { cwd: dir, env: ciEnv({ GITHUB_ACTIONS: "true" }) });
    expect(scanned.status, scanned.stderr).toBe(0);
    const log = JSON.parse(readFileSync(join(dir, "elestio-compose.sarif"), "utf8"));
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("no-container-name");

    const clean = await run("bash", ["-e", "-c", annotate], { cwd: tempProject(CLEAN), env: ciEnv({ GITHUB_ACTIONS: "true" }) });
    expect(clean).toMatchObject({ status: 0, stdout: "" });
  }, 180_000);

  it("GitLab CI: the job fails on the fixture's errors and passes on a clean project", async () => {
    const commands = recipeCommands("gitlab-ci");
    expect(commands).toHaveLength(1);
    // GitLab's node image runs the script with sh.
    const failed = await run("sh", ["-e", "-c", commands[0]], { cwd: tempProject(PROJECT), env: ciEnv({ GITLAB_CI: "true" }) });
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stdout).toContain('docker-compose.yml:5:5  error  Fixed container_name "acme_web": redeploys fail');
    const passed = await run("sh", ["-e", "-c", commands[0]], { cwd: tempProject(CLEAN), env: ciEnv({ GITLAB_CI: "true" }) });
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.stdout).toContain("No problems in 1 file.");
  }, 180_000);

  it("fetched nothing but this package from the registry", () => {
    expect(new Set(requested)).toEqual(new Set([`/${PKG.name}`, `/${PKG.name}/-/${tarball.split("/").pop()}`]));
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const [hook] = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; language: string; files: string }[];

  it("runs the package's CLI with node", () => {
    expect(hook).toMatchObject({ id: "elestio-compose-lint", entry: "elestio-compose-lint", language: "node" });
    expect(Object.keys(PKG.bin)).toContain(hook.entry);
  });

  it("selects the files the CLI treats as compose files", () => {
    const files = new RegExp(hook.files);
    const names = [
      "docker-compose.yml",
      "docker-compose.yaml",
      "compose.yml",
      "compose.yaml",
      "deploy/docker-compose.prod.yml",
      "compose.override.yaml",
      "my-docker-compose.yml",
      "docker.compose.yml",
      "app/compose-dev.yml",
      "docker-compose.yml.bak",
      "composer.json",
      "docker-compose.json",
      "config.yml",
      "compose/config.yml",
      "notes-compose.yml",
      "Docker-Compose.yml",
    ];
    expect(COMPOSE_FILE_GLOBS.length).toBeGreaterThan(0);
    for (const name of names) expect(files.test(name), name).toBe(isComposeFileName(name));
    expect(names.filter((name) => files.test(name))).toHaveLength(9);
  });
});
