/** The project configuration, `.elestio-compose.json` or package.json's "elestio", as the CLI applies it. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";

const TEXT = "services:\n  web:\n    image: nginx:1\n    container_name: web\n    ports: ['8000:8000']\n";

/** [file, rule, severity] of each finding of a JSON run. */
function findings(args: string[], cwd: string): [string, string, string][] {
  const result = runCli(["--format", "json", ...args], { cwd });
  if (result.status === 2) throw new Error(result.stderr);
  return JSON.parse(result.stdout).flatMap((r: { file: string; diagnostics: { ruleId: string; severity: string }[] }) =>
    r.diagnostics.map((d) => [r.file, d.ruleId, d.severity]),
  );
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("the configuration file", () => {
  it("sets rule severities and turns rules off", () => {
    const dir = tempProject({
      "docker-compose.yml": TEXT,
      ".elestio-compose.json": json({ rules: { "no-container-name": "off", "public-port-binding": "error" } }),
    });
    expect(findings([], dir)).toEqual([["docker-compose.yml", "public-port-binding", "error"]]);
    expect(runCli([], { cwd: dir }).status).toBe(1);
  });

  it("sets the pipeline files, globs with a slash being relative to the configuration's folder", () => {
    const dir = tempProject({
      "ops/.elestio-compose.json": json({ pipelineFiles: ["deploy/*.yml"] }),
      "ops/deploy/stack.yml": TEXT,
      "ops/docker-compose.yml": TEXT,
    });
    mkdirSync(join(dir, "tools"));
    const files = ["../ops/deploy/stack.yml", "../ops/docker-compose.yml"];
    // Run from a sibling folder: the globs still start at ops/, where the configuration is.
    expect(findings(files, join(dir, "tools"))).toEqual([
      ["../ops/deploy/stack.yml", "no-container-name", "error"],
      ["../ops/deploy/stack.yml", "public-port-binding", "warning"],
    ]);
    // --pipeline on the command line wins over the configuration, and starts at the current folder.
    expect(findings(["--pipeline", "docker-compose.yml", ...files], join(dir, "tools")).map((f) => f[0])).toEqual([
      "../ops/docker-compose.yml",
      "../ops/docker-compose.yml",
    ]);
    expect(findings(["--pipeline", "deploy/*.yml", ...files], join(dir, "tools"))).toEqual([]);
  });

  it("may be the \"elestio\" key of a package.json; a package.json without it is passed over", () => {
    const dir = tempProject({
      "package.json": json({ name: "app", elestio: { rules: { "no-container-name": "warning" } } }),
      "web/package.json": json({ name: "web" }),
      "web/docker-compose.yml": TEXT,
    });
    expect(findings(["web/docker-compose.yml"], dir)).toEqual([
      ["web/docker-compose.yml", "no-container-name", "warning"],
      ["web/docker-compose.yml", "public-port-binding", "warning"],
    ]);
  });

  it("is the nearest one above each file, .elestio-compose.json before package.json, and no merging", () => {
    const dir = tempProject({
      ".elestio-compose.json": json({ rules: { "no-container-name": "off" } }),
      "docker-compose.yml": TEXT,
      "sub/.elestio-compose.json": json({ rules: { "public-port-binding": "off" } }),
      "sub/package.json": json({ name: "sub", elestio: { rules: { "no-container-name": "hint" } } }),
      "sub/docker-compose.yml": TEXT,
    });
    expect(findings([], dir)).toEqual([
      ["docker-compose.yml", "public-port-binding", "warning"],
      ["sub/docker-compose.yml", "no-container-name", "error"],
    ]);
  });

  it("is not looked for above the Git checkout's root", () => {
    const outer = tempProject({ ".elestio-compose.json": json({ rules: { "no-container-name": "off" } }) });
    mkdirSync(join(outer, "repo", ".git"), { recursive: true });
    writeFileSync(join(outer, "repo", "docker-compose.yml"), TEXT);
    expect(findings([], join(outer, "repo")).map((f) => f[1])).toEqual(["no-container-name", "public-port-binding"]);
  });
});

describe("a configuration with problems: one line, exit 2, nothing linted or fixed", () => {
  const cases: [string, string, string][] = [
    ["invalid JSON", '{"rules": {', "elestio-compose-lint: .elestio-compose.json: not valid JSON ("],
    [
      "an unknown rule, with the id it most likely means",
      json({ rules: { "no-containers-name": "off" } }),
      'elestio-compose-lint: .elestio-compose.json: unknown rule "no-containers-name" (did you mean "no-container-name"?)\n',
    ],
    [
      "a severity that is not one, and an unknown key",
      json({ rules: { "literal-secret": "warn" }, pipelinefiles: ["x.yml"] }),
      'elestio-compose-lint: .elestio-compose.json: rule "literal-secret" takes off, hint, info, warning or error, not "warn" (did you mean "warning"?); unknown key "pipelinefiles" (did you mean "pipelineFiles"?)\n',
    ],
    ["rules that are not an object", json({ rules: ["no-container-name"] }), 'elestio-compose-lint: .elestio-compose.json: "rules" must be an object of rule ids to off, hint, info, warning or error\n'],
    ["empty pipeline files", json({ pipelineFiles: [] }), 'elestio-compose-lint: .elestio-compose.json: "pipelineFiles" must be a non-empty list of globs, such as ["docker-compose.yml"]\n'],
  ];
  for (const [name, config, stderr] of cases) {
    it(name, () => {
      const dir = tempProject({ "docker-compose.yml": TEXT, ".elestio-compose.json": config });
      const result = runCli(["--fix"], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.split("\n")).toHaveLength(2);
      expect(result.stderr.startsWith(stderr)).toBe(true);
      expect(readFileSync(join(dir, "docker-compose.yml"), "utf8")).toBe(TEXT);
    });
  }

  it("names the package.json key and the path from the current folder", () => {
    const dir = tempProject({ "package.json": json({ elestio: "strict" }), "app/docker-compose.yml": TEXT });
    const result = runCli([], { cwd: join(dir, "app") });
    expect(result).toEqual({
      status: 2,
      stdout: "",
      stderr: 'elestio-compose-lint: ../package.json ("elestio"): expected an object such as {"rules": {"no-container-name": "warning"}}\n',
    });
  });
});
