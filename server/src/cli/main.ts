/** elestio-compose-lint: the process entry point. The CLI itself is runCli in cli.ts. */
import { runCli, type CliIO } from "./cli.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// A closed pipe (`elestio-compose-lint | head`) ends the output, not the process with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const io: CliIO = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin };
void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
