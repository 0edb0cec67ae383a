/**
 * Reads stay inside the root folder (the workspace, or the Git checkout):
 * the engine's project files (project.ts) report a path out of it, or a
 * symlink leading out of it, as unknown and never read it; and `--fix`
 * writes only the files it was given or found, never through a symlink.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fileProject } from "../../server/src/engine/project.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { runCli } from "../helpers/cli.js";

const SECRET = "OUTSIDE_SECRET_4d1c";

/** A workspace and a folder beside it, with links from the one into the other. */
function layout(): { workspace: string; outside: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "elestio-confine-")));
  const workspace = join(root, "workspace");
  const outside = join(root, "outside");
  mkdirSync(join(workspace, ".git"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.env"), `ONLY_OUTSIDE=${SECRET}\n`);
  writeFileSync(join(outside, "Dockerfile"), "FROM alpine\nHEALTHCHECK CMD true\n");
  writeFileSync(join(workspace, "inside.env"), "A=1\n");
  writeFileSync(join(workspace, "Dockerfile"), "FROM alpine\n");
  symlinkSync(join(outside, "secret.env"), join(workspace, "link-out.env"));
  symlinkSync(outside, join(workspace, "link-out-dir"));
  symlinkSync(join(workspace, "inside.env"), join(workspace, "link-in.env"));
  return { workspace, outside };
}

describe("project files (project.ts)", () => {
  let workspace: string;
  let outside: string;

  beforeAll(() => {
    ({ workspace, outside } = layout());
  });

  it("report paths out of the root as unknown, and never read them", () => {
    const project = fileProject(join(workspace, "docker-compose.yml"), workspace);
    for (const path of ["../../../../../../../../etc/passwd", "/etc/passwd", "../outside/secret.env", join(outside, "secret.env"), "link-out.env", "link-out-dir/secret.env"]) {
      expect(project.exists(path), path).toBeUndefined();
      expect(project.readText(path), path).toBeUndefined();
    }
    expect(project.isGitIgnored("../outside/secret.env")).toBeUndefined();
    expect(project.isGitIgnored("/etc/passwd")).toBeUndefined();
    expect(project.readText("link-out-dir/Dockerfile")).toBeUndefined();
    // `..` after a symlink is resolved as compose resolves it, lexically: inside the root, where there is no such file.
    expect(project.exists("link-out-dir/../outside/secret.env")).toBe(false);
  });

  it("answer for paths inside the root, symlinks that stay inside included", () => {
    const project = fileProject(join(workspace, "docker-compose.yml"), workspace);
    expect(project.exists("inside.env")).toBe(true);
    expect(project.exists("link-in.env")).toBe(true);
    expect(project.exists("missing.env")).toBe(false);
    expect(project.exists("../workspace/inside.env")).toBe(true);
    expect(project.readText("Dockerfile")).toBe("FROM alpine\n");
    expect(project.isGitIgnored("inside.env")).toBe(false);
  });

  it("treat a .env that is a symlink out of the root as absent", () => {
    const { workspace: ws } = layout();
    symlinkSync(join(ws, "..", "outside", "secret.env"), join(ws, ".env"));
    const project = fileProject(join(ws, "docker-compose.yml"), ws);
    expect(project.dotEnv()).toBeUndefined();
    // Through the rules: the variable set only outside is reported as not set, and nothing shows its value.
    const text = "services:\n  web:\n    image: nginx\n    environment:\n      X: ${ONLY_OUTSIDE}\n    env_file:\n      - ../outside/secret.env\n      - link-out.env\n      - ../../../../../../etc/passwd\n    ports: [\"172.17.0.1:8000:80\"]\n";
    const findings = lint(parseCompose(text), { isPipeline: true, project });
    expect(findings.map((f) => f.ruleId)).toEqual(["undefined-variable"]);
    for (const finding of findings) expect(JSON.stringify(finding)).not.toContain(SECRET);
  });

  it("follow a root that is itself reached through a symlink", () => {
    const { workspace: ws } = layout();
    const alias = join(ws, "..", "alias-to-workspace");
    symlinkSync(ws, alias);
    const project = fileProject(join(alias, "docker-compose.yml"), alias);
    expect(project.exists("inside.env")).toBe(true);
    expect(project.exists("link-out.env")).toBeUndefined();
  });
});

/** Every file under `dir` (links not followed) with a hash of its content, or the link's target. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) files[relative(dir, path)] = `link`;
      else if (stat.isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return files;
}

describe("--fix writes", () => {
  const FIXABLE = "version: '3'\nservices:\n  web:\n    image: nginx\n    container_name: web\n    env_file:\n      - .env.production\n";

  function fixture() {
    const { workspace, outside } = layout();
    writeFileSync(join(outside, "docker-compose.yml"), FIXABLE);
    writeFileSync(join(outside, "compose.yaml"), FIXABLE);
    writeFileSync(join(workspace, "docker-compose.yml"), FIXABLE);
    mkdirSync(join(workspace, "sub"));
    writeFileSync(join(workspace, "sub", "docker-compose.yml"), FIXABLE);
    symlinkSync(join(outside, "compose.yaml"), join(workspace, "compose.yaml"));
    symlinkSync(outside, join(workspace, "deploy"));
    return { workspace, outside };
  }

  it("in a folder, fixes the compose files in it and follows no symlink out of it", () => {
    const { workspace, outside } = fixture();
    const outsideBefore = snapshot(outside);
    const before = snapshot(workspace);
    const result = runCli(["--fix", "--exit-zero", "."], { cwd: workspace });
    expect(result.status, result.stderr).toBe(0);
    expect(snapshot(outside)).toEqual(outsideBefore);
    const after = snapshot(workspace);
    const changed = Object.keys(after).filter((path) => after[path] !== before[path]).sort();
    expect(changed).toEqual(["docker-compose.yml", "sub/docker-compose.yml"]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(lstatSync(join(workspace, "compose.yaml")).isSymbolicLink()).toBe(true);
  });

  it("given files, writes those files only", () => {
    const { workspace, outside } = fixture();
    const outsideBefore = snapshot(outside);
    const before = snapshot(workspace);
    const result = runCli(["--fix", "--exit-zero", "sub/docker-compose.yml"], { cwd: workspace });
    expect(result.status, result.stderr).toBe(0);
    const after = snapshot(workspace);
    expect(Object.keys(after).filter((path) => after[path] !== before[path])).toEqual(["sub/docker-compose.yml"]);
    expect(snapshot(outside)).toEqual(outsideBefore);
  });

  it("given a symlink, refuses to write through it", () => {
    const { workspace, outside } = fixture();
    const outsideBefore = snapshot(outside);
    const result = runCli(["--fix", "compose.yaml"], { cwd: workspace });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/symbolic link/);
    expect(snapshot(outside)).toEqual(outsideBefore);
  });
});
