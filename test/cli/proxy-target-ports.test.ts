/** `proxyTargetPorts` of the project configuration in the CLI: the ports the dashboard's proxy forwards to reach proxy-target-port. */
import { describe, expect, it } from "vitest";
import { runCliInProcess, tempProject } from "../helpers/cli.js";

const COMPOSE = 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:3000:3000"\n';

const run = (cwd: string, args: string[] = ["--format", "json"]) => runCliInProcess(args, cwd);

interface Diagnostic {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

async function diagnostics(cwd: string): Promise<Diagnostic[]> {
  const result = await run(cwd);
  if (result.status === 2) throw new Error(result.stderr);
  return JSON.parse(result.stdout).flatMap((report: { diagnostics: Diagnostic[] }) => report.diagnostics);
}

const summary = (found: Diagnostic[]) => found.filter((d) => d.ruleId === "proxy-target-port").map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);

describe("proxy-target-port and the configuration's proxyTargetPorts in the CLI", () => {
  it("a target port no service publishes on 172.17.0.1 is an error, which fails the run", async () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE, ".elestio-compose.json": JSON.stringify({ proxyTargetPorts: [8000] }) });
    expect(summary(await diagnostics(dir))).toEqual(["error 1:1 Proxy target port 8000 is not published on 172.17.0.1: the site answers 502. Publish it there."]);
    expect((await run(dir, [])).status).toBe(1);
  });

  it("the target port published: nothing; from package.json's \"elestio\" too", async () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE, ".elestio-compose.json": JSON.stringify({ proxyTargetPorts: [3000] }) });
    expect(summary(await diagnostics(dir))).toEqual([]);
    const inPackage = tempProject({ "docker-compose.yml": COMPOSE, "package.json": JSON.stringify({ name: "app", elestio: { proxyTargetPorts: [8000] } }) });
    expect(summary(await diagnostics(inPackage))).toEqual(["error 1:1 Proxy target port 8000 is not published on 172.17.0.1: the site answers 502. Publish it there."]);
  });

  it("without the key: an info, only when nothing is published for the proxy", async () => {
    expect(summary(await diagnostics(tempProject({ "docker-compose.yml": COMPOSE })))).toEqual([]);
    const nothing = tempProject({ "docker-compose.yml": "services:\n  web:\n    build: .\n    expose: ['8000']\n" });
    expect(summary(await diagnostics(nothing))).toEqual([
      "info 1:1 No service publishes a TCP port on 172.17.0.1: Elestio's proxy has nothing to reach (502). Publish the web port there.",
    ]);
  });

  it("a bad entry is a configuration error: one line, exit 2", async () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE, ".elestio-compose.json": JSON.stringify({ proxyTargetPorts: ["8000"] }) });
    expect(await run(dir, [])).toEqual({ status: 2, stdout: "", stderr: 'elestio-compose-lint: .elestio-compose.json: "proxyTargetPorts" holds numbers, not strings: write 8000\n' });
  });
});
