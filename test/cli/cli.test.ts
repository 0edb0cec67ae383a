import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";

const WITH_CONTAINER_NAME = 'services:\n  web:\n    image: nginx:alpine\n    container_name: latigue_web\n    restart: unless-stopped\n    ports:\n      - "172.17.0.1:8080:80"\n';

describe("exit codes and JSON output", () => {
  it("reports a pipeline file's error as JSON with 1-based positions and exits 1", () => {
    const dir = tempProject({ "docker-compose.yml": WITH_CONTAINER_NAME });
    const result = runCli(["--format", "json", "docker-compose.yml"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout);
    expect(report).toEqual([
      {
        file: "docker-compose.yml",
        diagnostics: [
          {
            ruleId: "no-container-name",
            severity: "error",
            message: 'Fixed container_name "latigue_web": redeploys fail while another container has that name. Remove it.',
            line: 4,
            column: 5,
            endLine: 4,
            endColumn: 32,
            fixable: true,
          },
        ],
      },
    ]);
  });

  it("gives other compose files the generic rules only, and exits 0", () => {
    const dir = tempProject({ "docker-compose.dev.yml": WITH_CONTAINER_NAME });
    const result = runCli(["--format", "json", "docker-compose.dev.yml"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).not.toContain("no-container-name");
  });

  it("--pipeline makes other files pipeline files", () => {
    const dir = tempProject({ "deploy/app.yml": WITH_CONTAINER_NAME });
    const result = runCli(["--format", "json", "--pipeline", "deploy/*.yml", "deploy/app.yml"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)[0].diagnostics[0].ruleId).toBe("no-container-name");
  });

  it("--exit-zero exits 0 despite errors", () => {
    const dir = tempProject({ "docker-compose.yml": WITH_CONTAINER_NAME });
    expect(runCli(["--exit-zero"], { cwd: dir }).status).toBe(0);
  });
});

describe("finding files", () => {
  it("searches folders for compose files (the current folder by default), skipping node_modules and hidden folders", () => {
    const dir = tempProject({
      "docker-compose.yml": "services:\n  a:\n    image: x\n",
      "deploy/compose.prod.yaml": "services:\n  a:\n    image: x\n",
      "node_modules/pkg/docker-compose.yml": WITH_CONTAINER_NAME,
      ".hidden/docker-compose.yml": WITH_CONTAINER_NAME,
      "notes.yml": WITH_CONTAINER_NAME,
    });
    const result = runCli(["--format", "json"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).map((r: { file: string }) => r.file)).toEqual(["deploy/compose.prod.yaml", "docker-compose.yml"]);
  });
});

describe("usage and input errors: exit 2 with one line", () => {
  const cases: [string, string[], Record<string, string>, string][] = [
    ["a missing file", ["nope.yml"], {}, "elestio-compose-lint: no such file or folder: nope.yml\n"],
    ["a folder without compose files", ["."], { "README.md": "hi" }, "elestio-compose-lint: no compose files found in .\n"],
    ["an unknown option", ["--colour"], {}, "elestio-compose-lint: Unknown option '--colour'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--colour\"\n"],
    ["a bad format", ["--format", "xml"], {}, 'elestio-compose-lint: --format takes text, json, sarif or github, not "xml"\n'],
    ["a bad language", ["--lang", "de"], {}, 'elestio-compose-lint: --lang takes en or fr, not "de"\n'],
  ];
  for (const [name, args, files, stderr] of cases) {
    it(name, () => {
      const result = runCli(args, { cwd: tempProject(files) });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(stderr);
    });
  }
});

describe("text output", () => {
  it("prints file:line:col, severity, message and rule id, then a summary", () => {
    const dir = tempProject({ "docker-compose.yml": WITH_CONTAINER_NAME });
    const result = runCli([], { cwd: dir });
    expect(result.stdout.split("\n")[0]).toBe(
      'docker-compose.yml:4:5  error  Fixed container_name "latigue_web": redeploys fail while another container has that name. Remove it.  no-container-name',
    );
    // No zero counts in the summary.
    expect(result.stdout).toContain("1 problem (1 error) in 1 file; 1 fixable with --fix.");
  });

  it("speaks French with --lang fr or a French LANG", () => {
    const dir = tempProject({ "docker-compose.yml": WITH_CONTAINER_NAME });
    for (const result of [runCli(["--lang", "fr"], { cwd: dir }), runCli([], { cwd: dir, env: { LANG: "fr_FR.UTF-8" } })]) {
      expect(result.stdout).toContain("docker-compose.yml:4:5  erreur  container_name « latigue_web » fixe");
      expect(result.stdout).toContain("1 problème (1 erreur) dans 1 fichier ; 1 corrigeable avec --fix.");
      expect(result.stdout).toContain("À savoir : le pipeline Elestio déploie la copie de docker-compose.yml stockée dans le dashboard");
    }
  });

  it("names files relative to the current folder, however they were given", () => {
    const dir = tempProject({ "deploy/docker-compose.yml": WITH_CONTAINER_NAME });
    const result = runCli([join(dir, "deploy/docker-compose.yml")], { cwd: dir });
    expect(result.stdout.split("\n")[0]).toMatch(/^deploy\/docker-compose\.yml:4:5 {2}error {2}/);
    expect(result.stdout).toContain("Note: the Elestio pipeline deploys the copy of deploy/docker-compose.yml stored in the dashboard");
  });

  it("colours only a terminal, or when FORCE_COLOR asks", () => {
    const dir = tempProject({ "docker-compose.yml": WITH_CONTAINER_NAME });
    expect(runCli([], { cwd: dir }).stdout).not.toContain("\u001b[");
    expect(runCli([], { cwd: dir, env: { FORCE_COLOR: "1", NO_COLOR: "" } }).stdout).toContain("\u001b[31merror\u001b[0m");
  });
});

describe("--fix", () => {
  it("rewrites the file with the editor's edits, keeps the rest byte for byte, and reports what remains", () => {
    const ports = '    ports:\n      - "172.17.0.1:8080:80"\n';
    const original = `# keep me\nservices:\n  web:\n    image: nginx:alpine   # pinned later\n    container_name: latigue_web\n\n    restart: unless-stopped\n${ports}`;
    const dir = tempProject({ "docker-compose.yml": original });
    const result = runCli(["--fix", "--format", "json"], { cwd: dir });
    expect(readFileSync(join(dir, "docker-compose.yml"), "utf8")).toBe(`# keep me\nservices:\n  web:\n    image: nginx:alpine   # pinned later\n\n    restart: unless-stopped\n${ports}`);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)[0].diagnostics).toEqual([]);
    const again = runCli(["--fix"], { cwd: dir });
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, "docker-compose.yml"), "utf8")).toBe(`# keep me\nservices:\n  web:\n    image: nginx:alpine   # pinned later\n\n    restart: unless-stopped\n${ports}`);
  });

  it("never writes through a symbolic link", () => {
    const outside = tempProject({ "docker-compose.yml": WITH_CONTAINER_NAME });
    const dir = tempProject();
    symlinkSync(join(outside, "docker-compose.yml"), join(dir, "docker-compose.yml"));
    const result = runCli(["--fix", "docker-compose.yml"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^elestio-compose-lint: not fixing docker-compose.yml: it is a symbolic link \(.*\)\n$/);
    expect(readFileSync(join(outside, "docker-compose.yml"), "utf8")).toBe(WITH_CONTAINER_NAME);
  });

  it("leaves a file with nothing to fix untouched", () => {
    const dir = tempProject({ "docker-compose.yml": "services:\n  a:\n    image: x\n" });
    writeFileSync(join(dir, "docker-compose.yml"), "services:\n  a:\n    image: x\n");
    expect(runCli(["--fix"], { cwd: dir }).status).toBe(0);
  });
});
