/** --max-warnings, --stdin with --stdin-filename, and --stdin --fix. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";

const TWO_WARNINGS = 'version: "3"\nservices:\n  web:\n    image: nginx:1\n    ports: ["8000:8000"]\n';
const WITH_CONTAINER_NAME = "services:\n  web:\n    image: nginx:1\n    container_name: web # pinned\n    ports: ['8000:8000']\n";

describe("--max-warnings", () => {
  const dir = tempProject({ "docker-compose.yml": TWO_WARNINGS });

  it("exits 1 when the warnings are more than N, with one line on stderr, like ESLint", () => {
    const result = runCli(["--max-warnings", "1"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("elestio-compose-lint: 2 warnings, more than the maximum of 1 set by --max-warnings.\n");
    expect(result.stdout).toContain("2 problems (2 warnings)");
  });

  it("exits 0 at exactly N warnings, and without the option", () => {
    expect(runCli(["--max-warnings", "2"], { cwd: dir })).toMatchObject({ status: 0, stderr: "" });
    expect(runCli([], { cwd: dir }).status).toBe(0);
  });

  it("counts warnings only, not infos and hints", () => {
    const quiet = tempProject({ "docker-compose.yml": "services:\n  web:\n    image: nginx:1\n    ports: ['127.0.0.1:8000:8000']\n    environment:\n      A: ${A}\n" });
    expect(runCli(["--max-warnings", "0"], { cwd: quiet }).status).toBe(0);
  });

  it("gives way to --exit-zero, and speaks French", () => {
    const result = runCli(["--max-warnings", "0", "--exit-zero", "--lang", "fr"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("elestio-compose-lint : 2 avertissements, au-delà du maximum de 0 fixé par --max-warnings.\n");
  });

  it("takes a whole number", () => {
    for (const value of ["-1", "two", "1.5", ""]) {
      const result = runCli([`--max-warnings=${value}`], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`elestio-compose-lint: --max-warnings takes a number of warnings (0 or more), not "${value}"\n`);
    }
  });
});

describe("--stdin", () => {
  it("lints standard input as the file named by --stdin-filename: its name decides the rules", () => {
    const dir = tempProject({});
    const asPipeline = runCli(["--stdin", "--stdin-filename", "docker-compose.yml", "--format", "json"], { cwd: dir, input: WITH_CONTAINER_NAME });
    expect(asPipeline.status).toBe(1);
    expect(JSON.parse(asPipeline.stdout)).toEqual([
      {
        file: "docker-compose.yml",
        diagnostics: [
          expect.objectContaining({ ruleId: "no-container-name", line: 4, column: 5 }),
          expect.objectContaining({ ruleId: "public-port-binding", line: 5, column: 13 }),
        ],
      },
    ]);
    const asDevFile = runCli(["--stdin", "--stdin-filename", "docker-compose.dev.yml", "--format", "json"], { cwd: dir, input: WITH_CONTAINER_NAME });
    expect(asDevFile.status).toBe(0);
    expect(JSON.parse(asDevFile.stdout)[0].diagnostics).toEqual([]);
  });

  it("is the pipeline's docker-compose.yml in the current folder without --stdin-filename", () => {
    const result = runCli(["--stdin"], { cwd: tempProject({}), input: WITH_CONTAINER_NAME });
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")[0]).toMatch(/^docker-compose\.yml:4:5 {2}error {2}Fixed container_name "web"/);
  });

  it("reads the .env and the configuration of the folder the name points into", () => {
    const dir = tempProject({
      "app/.env": "SITE_URL=https://example.org\n",
      "app/.elestio-compose.json": JSON.stringify({ pipelineFiles: ["stack.yml"], rules: { "public-port-binding": "error" } }),
    });
    const text = "services:\n  web:\n    image: nginx:1\n    ports: ['8000:8000']\n    environment:\n      SITE_URL: ${SITE_URL}\n      OTHER: ${OTHER}\n";
    const result = runCli(["--stdin", "--stdin-filename", "app/stack.yml", "--format", "json"], { cwd: dir, input: text });
    const diagnostics = JSON.parse(result.stdout)[0].diagnostics.map((d: { ruleId: string; severity: string; line: number }) => [d.ruleId, d.severity, d.line]);
    expect(diagnostics).toEqual([
      ["public-port-binding", "error", 4],
      ["undefined-variable", "hint", 7],
    ]);
  });

  it("--fix prints the fixed text on stdout and reports what remains on stderr, leaving the disk alone", () => {
    const dir = tempProject({ "docker-compose.yml": "untouched\n" });
    const result = runCli(["--stdin", "--fix", "--stdin-filename", "docker-compose.yml"], { cwd: dir, input: WITH_CONTAINER_NAME });
    expect(result.stdout).toBe("services:\n  web:\n    image: nginx:1\n    ports: ['172.17.0.1:8000:8000']\n");
    expect(result.stderr).toBe("No problems in 1 file.\n");
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, "docker-compose.yml"), "utf8")).toBe("untouched\n");
  });

  it("--fix prints the text unchanged when nothing is fixable, and exits 1 when errors remain", () => {
    const broken = "services:\n  web:\n    image: nginx:1\n  db: [\n";
    const result = runCli(["--stdin", "--fix", "--format", "json"], { cwd: tempProject({}), input: broken });
    expect(result.stdout).toBe(broken);
    expect(JSON.parse(result.stderr)[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["yaml-syntax"]);
    expect(result.status).toBe(1);
  });

  const misuses: [string, string[], string][] = [
    ["files and --stdin", ["--stdin", "docker-compose.yml"], "--stdin lints standard input, not files: drop docker-compose.yml or --stdin"],
    ["--stdin-filename alone", ["--stdin-filename", "x.yml"], "--stdin-filename goes with --stdin"],
    ["an empty --stdin-filename", ["--stdin", "--stdin-filename="], "--stdin-filename needs a file name"],
    ["--stdin with --explain", ["--stdin", "--explain", "log.txt"], "--explain and --stdin cannot be used together"],
  ];
  for (const [name, args, message] of misuses) {
    it(`refuses ${name}: exit 2 with one line`, () => {
      const result = runCli(args, { cwd: tempProject({}), input: "" });
      expect(result).toEqual({ status: 2, stdout: "", stderr: `elestio-compose-lint: ${message}\n` });
    });
  }
});
