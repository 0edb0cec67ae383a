/**
 * The CLI run in-process: runCli with its own CliIO prints and exits as
 * dist/cli.js does as a process, byte for byte, and never exits the process
 * that called it.
 */
import { expect, it } from "vitest";
import { runCli as runInProcess, type CliIO } from "../../server/src/cli/cli.js";
import { runCli as runProcess, tempProject } from "../helpers/cli.js";

const TEXT = "version: '3.8'\nservices:\n  web:\n    image: ghcr.io/acme/web:1.4\n    container_name: web\n    ports:\n      - '80:80'\n";

async function inProcess(args: string[], cwd: string, stdin = "") {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    cwd,
    env: { NO_COLOR: "1", LANG: "en_US.UTF-8" },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: () => Promise.resolve(stdin),
  };
  const status = await runInProcess(args, io);
  return { status, stdout, stderr };
}

it.each([
  ["text", ["docker-compose.yml"]],
  ["json", ["--format", "json", "docker-compose.yml"]],
  ["a folder, in French", ["--lang", "fr", "."]],
  ["a usage error", ["--format", "xml"]],
  ["a missing file", ["nothing.yml"]],
])("%s: the same output and exit code as the process", async (_name, args) => {
  const dir = tempProject({ "docker-compose.yml": TEXT });
  expect(await inProcess(args, dir)).toEqual(runProcess(args, { cwd: dir }));
});

it("reads standard input from its CliIO and prints the fixed text", async () => {
  const dir = tempProject();
  const result = await inProcess(["--stdin", "--fix"], dir, TEXT);
  expect(result).toEqual(runProcess(["--stdin", "--fix"], { cwd: dir, input: TEXT }));
  expect(result.stdout).toBe("services:\n  web:\n    image: ghcr.io/acme/web:1.4\n");
});
