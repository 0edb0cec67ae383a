/**
 * --format sarif: valid against the official SARIF 2.1.0 schema (OASIS,
 * test/fixtures/sarif), with the registry's rules and their help, and
 * results at the same 1-based places as the other formats.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../server/src/engine/rules/index.js";
import { runCli, tempProject } from "../helpers/cli.js";
import { sarifErrors } from "../helpers/sarif.js";
import { FINDINGS, PIPELINE_FILE, PROJECT } from "./fixture.js";

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
}

let dir: string;
let log: {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } };
    results: SarifResult[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
};
let status: number | null;

beforeAll(() => {
  dir = tempProject(PROJECT);
  const result = runCli(["--format", "sarif"], { cwd: dir });
  status = result.status;
  expect(result.stderr).toBe("");
  log = JSON.parse(result.stdout);
});

describe("--format sarif", () => {
  it("is valid SARIF 2.1.0, and the validator does reject an invalid log", () => {
    expect(sarifErrors(log)).toEqual([]);
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(sarifErrors(broken)).toEqual(["/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1"]);
  });

  it("keeps the exit code of the other formats", () => {
    expect(status).toBe(1);
  });

  it("describes every rule of the registry, with its help in markdown", () => {
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe("elestio-compose-lint");
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    const noContainerName = driver.rules.find((r) => r.id === "no-container-name")!;
    expect(noContainerName.defaultConfiguration).toEqual({ level: "error" });
    expect(noContainerName.help.markdown).toContain("**No container_name in the pipeline's compose file** (`no-container-name`)");
    expect(noContainerName.help.markdown).toContain('```text\nError response from daemon: Conflict. The container name "/latigue_web" is already in use\n```');
    expect(noContainerName.help.markdown).toContain("**Fix:** remove `container_name` (`elestio-compose-lint --fix`)");
    expect(noContainerName.help.text).not.toContain("**");
    // The rule's page: the shipped file, package.json naming no repository.
    expect(noContainerName.helpUri).toBe(pathToFileURL(resolve("docs/rules/no-container-name.md")).href);
    expect(existsSync(fileURLToPath(noContainerName.helpUri!))).toBe(true);
    expect(driver.rules.find((r) => r.id === "loopback-port-binding")!.defaultConfiguration).toEqual({ level: "note" });
  });

  it("reports each finding with its rule, level and 1-based region, in files relative to %SRCROOT%", () => {
    const { results, originalUriBaseIds, tool } = log.runs[0];
    const levels = { error: "error", warning: "warning", info: "note", hint: "note" };
    expect(
      results.map((r) => {
        const { artifactLocation, region } = r.locations[0].physicalLocation;
        return [artifactLocation.uri, r.ruleId, r.level, region.startLine, region.startColumn, region.endLine, region.endColumn];
      }),
    ).toEqual(FINDINGS.map(([file, rule, severity, ...range]) => [file, rule, levels[severity], ...range]));
    for (const result of results) {
      expect(tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    }
    expect(originalUriBaseIds["%SRCROOT%"].uri).toBe(pathToFileURL(dir).href + "/");
    expect(results.find((r) => r.ruleId === "no-container-name")!.message.text).toMatch(/^Fixed container_name "acme_web": /);
  });
});

describe("--format sarif, other cases", () => {
  it("names a file outside the current folder by its absolute URI, and speaks French with --lang fr", () => {
    const project = tempProject({ "app/docker-compose.yml": PIPELINE_FILE, "tools/.keep": "" });
    const result = runCli(["--format", "sarif", "--lang", "fr", "../app/docker-compose.yml"], { cwd: join(project, "tools") });
    const frLog = JSON.parse(result.stdout);
    expect(sarifErrors(frLog)).toEqual([]);
    const [first] = frLog.runs[0].results;
    expect(first.locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(join(project, "app/docker-compose.yml")).href });
    expect(frLog.runs[0].tool.driver.language).toBe("fr");
    expect(frLog.runs[0].results.find((r: SarifResult) => r.ruleId === "no-container-name").message.text).toMatch(/^container_name « acme_web » fixe : /);
    expect(frLog.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "no-container-name").help.markdown).toContain("**Solution :**");
  });

  it("is a valid log without results when nothing is found", () => {
    const result = runCli(["--format", "sarif"], { cwd: tempProject({ "docker-compose.yml": 'services:\n  web:\n    image: nginx:1\n    ports:\n      - "172.17.0.1:8080:80"\n' }) });
    expect(result.status).toBe(0);
    const clean = JSON.parse(result.stdout);
    expect(clean.runs[0].results).toEqual([]);
    expect(sarifErrors(clean)).toEqual([]);
  });
});
