/**
 * `--explain`: a pipeline log explained through the built CLI, in text (with
 * `→ file:line:column` links) and JSON (with ranges), from a file or from
 * standard input (`-`). The links are the findings of the compose file
 * given, linted as the CLI lints it without --explain: as the pipeline file
 * or not by its name, with the project configuration's severities.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";

const FIXTURE = join(__dirname, "../fixtures/engine/explain");
/** The latigue stack before the guide's fixes, and a log of its failed deployments (test/engine/explain.test.ts explains the same). */
const COMPOSE = readFileSync(join(FIXTURE, "docker-compose.yml"), "utf8");
const LOG = readFileSync(join(FIXTURE, "pipeline.log"), "utf8");

/** The lines that name a problem and those that link it: `● title  (id)`, `  → file:line:column`. */
function outline(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("● ") || line.startsWith("  → "));
}

/** The JSON output's problems as `[id, ["file:line:column-endLine:endColumn", ...]]`. */
function linksOf(stdout: string): [string, string[]][] {
  const { problems } = JSON.parse(stdout) as { problems: { id: string; ranges: { file: string; line: number; column: number; endLine: number; endColumn: number }[] }[] };
  return problems.map((p) => [p.id, p.ranges.map((r) => `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`)]);
}

describe("--explain", () => {
  it("prints each problem with its explanation and the file:line:column of each finding that causes it", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE, "pipeline.log": LOG });
    const result = runCli(["--explain", "pipeline.log", "docker-compose.yml"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(outline(result.stdout)).toEqual([
      "● The attribute version is obsolete  (obsolete-version)",
      "  → docker-compose.yml:4:1",
      "● Variables not set: LATIGUE_DB_PASSWORD, DJANGO_SECRET_KEY  (undefined-variable)",
      "  → docker-compose.yml:15:26",
      "  → docker-compose.yml:16:40",
      "● Env file not found: .env.production  (env-file-not-dotenv)",
      "  → docker-compose.yml:13:9",
      '● Network "shared_apps" not found  (external-network)',
      "  → docker-compose.yml:52:5",
      '● Container name "/latigue_web" already in use  (no-container-name)',
      "  → docker-compose.yml:9:5",
      "● Port 80 already in use  (no-reserved-host-port)",
      "  → docker-compose.yml:35:3",
      "● Port 443 already in use  (no-reserved-host-port)",
      "● No healthcheck on latigue-postgres-1  (healthcheck-required)",
      "  → docker-compose.yml:24:7",
      "● DisallowedHost: Invalid HTTP_HOST header '159.195.104.193:8000'  (disallowed-host)",
      "  → docker-compose.yml:17:7",
      "  → docker-compose.yml:19:9",
      "● 502 Bad Gateway  (bad-gateway)",
    ]);
    // The explanation, indented under its title, its markdown rendered for a terminal as plain text: no `**` marks, no backticks.
    expect(result.stdout).toContain(
      '● Container name "/latigue_web" already in use  (no-container-name)\n  What happened: Docker refused to create the container latigue_web: a container with that name already exists on the VM.\n',
    );
    expect(result.stdout).not.toContain("**");
    expect(result.stdout).not.toContain("`");
    expect(result.stdout).not.toMatch(/ +$/m);
    // The dashboard's copy: one note, last, without a bullet.
    expect(result.stdout).toMatch(/\n\nNote: the pipeline deploys the dashboard's copy of the compose file\n {2}Creating docker compose file in the log: [^\n]+\n\n {2}After each change to the compose file, paste it into Dashboard → your CI\/CD service → Docker compose [^\n]+\n\n$/);
  });

  it("in colour, bold where the editor shows bold and code in cyan, without the marks", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE, "pipeline.log": LOG });
    const { stdout } = runCli(["--explain", "pipeline.log", "docker-compose.yml"], { cwd: dir, env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(stdout).toContain("  \u001b[1mWhat happened:\u001b[22m Docker refused to create the container \u001b[36mlatigue_web\u001b[39m: a container");
    expect(stdout).not.toContain("**");
  });

  it("--format json: the problems with their ranges, 1-based, start and end", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE, "pipeline.log": LOG });
    const result = runCli(["--explain", "pipeline.log", "--format", "json", "docker-compose.yml"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(linksOf(result.stdout)).toEqual([
      ["obsolete-version", ["docker-compose.yml:4:1-4:15"]],
      ["undefined-variable", ["docker-compose.yml:15:26-15:46", "docker-compose.yml:16:40-16:62"]],
      ["env-file-not-dotenv", ["docker-compose.yml:13:9-13:24"]],
      ["external-network", ["docker-compose.yml:52:5-52:19"]],
      ["no-container-name", ["docker-compose.yml:9:5-9:32"]],
      ["no-reserved-host-port", ["docker-compose.yml:35:3-35:8"]],
      ["no-reserved-host-port", []],
      ["healthcheck-required", ["docker-compose.yml:24:7-24:15"]],
      ["disallowed-host", ["docker-compose.yml:17:7-17:52", "docker-compose.yml:19:9-19:20"]],
      ["bad-gateway", []],
      ["dashboard-copy", []],
    ]);
    const copy = (JSON.parse(result.stdout) as { problems: { title: string; explanation: string; note?: boolean }[] }).problems.at(-1)!;
    expect(copy.title).toBe("Note: the pipeline deploys the dashboard's copy of the compose file");
    expect(copy.note).toBe(true);
    expect(copy.explanation).toMatch(/^`Creating docker compose file` in the log: /);
  });

  it("--explain - reads the log from standard input: the same output as from a file", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE, "pipeline.log": LOG });
    for (const format of ["text", "json"]) {
      const fromStdin = runCli(["--explain", "-", "--format", format, "docker-compose.yml"], { cwd: dir, input: LOG });
      expect(fromStdin).toEqual(runCli(["--explain", "pipeline.log", "--format", format, "docker-compose.yml"], { cwd: dir }));
    }
    // Without a compose file: the same problems, no links.
    const bare = runCli(["--explain", "-", "--format", "json"], { cwd: dir, input: LOG });
    expect(linksOf(bare.stdout).map(([id, links]) => [id, links.length])).toEqual(linksOf(runCli(["--explain", "pipeline.log", "--format", "json", "docker-compose.yml"], { cwd: dir }).stdout).map(([id]) => [id, 0]));
  });

  it("a log with no known failure, in English and French", () => {
    const dir = tempProject({});
    expect(runCli(["--explain", "-"], { cwd: dir, input: "Running clone script.\nCreating .env file\n" })).toEqual({ status: 0, stdout: "No known error in this log.\n", stderr: "" });
    expect(runCli(["--explain", "-", "--lang", "fr"], { cwd: dir, input: "" })).toEqual({ status: 0, stdout: "Aucune erreur connue dans ces logs.\n", stderr: "" });
    // The pipeline's own step is no error: said so, then the note.
    const copyStep = runCli(["--explain", "-"], { cwd: dir, input: "Running clone script.\nCreating docker compose file\n" });
    expect(copyStep.stdout).toMatch(/^No known error in this log\.\n\nNote: the pipeline deploys the dashboard's copy of the compose file\n {2}Creating docker compose file in the log: /);
  });

  it("names the compose file relative to the current folder, however it was given", () => {
    const log = 'Conflict. The container name "/latigue_web" is already in use\n';
    const dir = tempProject({ "deploy/docker-compose.yml": COMPOSE, "pipeline.log": log });
    const { stdout } = runCli(["--explain", "pipeline.log", join(dir, "deploy/docker-compose.yml")], { cwd: dir });
    expect(outline(stdout)).toEqual(['● Container name "/latigue_web" already in use  (no-container-name)', "  → deploy/docker-compose.yml:9:5"]);
  });

  it("links what the CLI would report: the project configuration's severities, and the rules of a file that is not the pipeline's", () => {
    const log = 'Error response from daemon: Conflict. The container name "/latigue_web" is already in use\ndependency failed to start: container latigue-postgres-1 has no healthcheck configured\n';
    const dir = tempProject({ "docker-compose.yml": COMPOSE, "compose.dev.yml": COMPOSE });
    writeFileSync(join(dir, "pipeline.log"), log);
    expect(linksOf(runCli(["--explain", "pipeline.log", "--format", "json", "docker-compose.yml"], { cwd: dir }).stdout)).toEqual([
      ["no-container-name", ["docker-compose.yml:9:5-9:32"]],
      ["healthcheck-required", ["docker-compose.yml:24:7-24:15"]],
      ["dashboard-copy", []],
    ]);
    // no-container-name is a pipeline rule: a dev file has no such finding; healthcheck-required applies to every compose file.
    expect(linksOf(runCli(["--explain", "pipeline.log", "--format", "json", "compose.dev.yml"], { cwd: dir }).stdout)).toEqual([
      ["no-container-name", []],
      ["healthcheck-required", ["compose.dev.yml:24:7-24:15"]],
      ["dashboard-copy", []],
    ]);
    // --pipeline makes it the pipeline file, as when linting.
    expect(linksOf(runCli(["--explain", "pipeline.log", "--format", "json", "--pipeline", "compose.dev.yml", "compose.dev.yml"], { cwd: dir }).stdout)[0]).toEqual(["no-container-name", ["compose.dev.yml:9:5-9:32"]]);
    writeFileSync(join(dir, ".elestio-compose.json"), JSON.stringify({ rules: { "no-container-name": "off" } }));
    expect(linksOf(runCli(["--explain", "pipeline.log", "--format", "json", "docker-compose.yml"], { cwd: dir }).stdout)[0]).toEqual(["no-container-name", []]);
  });

  it("prints text or json only", () => {
    const dir = tempProject({ "pipeline.log": LOG });
    expect(runCli(["--explain", "pipeline.log", "--format", "sarif"], { cwd: dir })).toEqual({ status: 2, stdout: "", stderr: "elestio-compose-lint: --explain prints text or json, not sarif\n" });
  });
});
