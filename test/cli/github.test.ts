/** --format github: one workflow command per finding, escaped as the Actions runner parses them. */
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../../server/src/cli/github.js";
import { runCli, tempProject } from "../helpers/cli.js";
import { FINDINGS, PROJECT } from "./fixture.js";

/** The runner's parser (actions/runner ActionCommand): `::name k=v,k=v::data`, then unescaping. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string) => text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const properties = Object.fromEntries(
    match[2].split(",").map((pair) => {
      const [key, value] = pair.split("=");
      return [key, unescape(value)];
    }),
  );
  return { command: match[1], properties, message: unescape(match[3]) };
}

describe("--format github", () => {
  it("prints an error, warning or notice with file, 1-based range and the rule id as title", () => {
    const result = runCli(["--format", "github"], { cwd: tempProject(PROJECT) });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    const commands = { error: "error", warning: "warning", info: "notice", hint: "notice" };
    expect(lines.map((line) => line.slice(0, line.indexOf("::", 2)))).toEqual(
      FINDINGS.map(
        ([file, rule, severity, line, col, endLine, endColumn]) =>
          `::${commands[severity]} file=${file},line=${line},col=${col},endLine=${endLine},endColumn=${endColumn},title=${rule}`,
      ),
    );
    const parsed = parseCommand(lines[3]);
    expect(parsed.command).toBe("error");
    expect(parsed.message).toBe('Fixed container_name "acme_web": redeploys fail while another container has that name. Remove it.');
  });

  it("escapes what would end a property or the message, so that the runner reads it back intact", () => {
    expect(escapeData("50% done\r\nnext: a, b")).toBe("50%25 done%0D%0Anext: a, b");
    expect(escapeProperty("dir,a:b/100%.yml")).toBe("dir%2Ca%3Ab/100%25.yml");
    const dir = tempProject({ "we,ird:100%/docker-compose.yml": 'services:\n  web:\n    image: x\n    container_name: a\n    ports:\n      - "172.17.0.1:8000:8000"\n' });
    const [line] = runCli(["--format", "github"], { cwd: dir }).stdout.trimEnd().split("\n");
    expect(line.startsWith("::error file=we%2Cird%3A100%25/docker-compose.yml,line=4,col=5,")).toBe(true);
    expect(parseCommand(line).properties.file).toBe("we,ird:100%/docker-compose.yml");
  });

  it("prints nothing when there is nothing to annotate", () => {
    const result = runCli(["--format", "github"], { cwd: tempProject({ "docker-compose.yml": 'services:\n  web:\n    image: nginx:1\n    ports:\n      - "172.17.0.1:8080:80"\n' }) });
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});
