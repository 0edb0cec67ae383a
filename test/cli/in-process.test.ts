/**
 * The CLI run in-process: runCli with its own CliIO prints and exits as
 * dist/cli.js does as a process, byte for byte, and never exits the process
 * that called it.
 */
import { expect, it } from "vitest";
import { runCli as runProcess, runCliInProcess as inProcess, tempProject } from "../helpers/cli.js";

const TEXT = "version: '3.8'\nservices:\n  web:\n    image: ghcr.io/acme/web:1.4\n    container_name: web\n    ports:\n      - '80:80'\n";


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
