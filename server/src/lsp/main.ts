/**
 * elestio-compose-language-server: the process entry point. Reads the
 * transport from the command line (vscode-languageserver's own flags) and
 * serves the LSP on it; the server itself is startServer in server.ts.
 */
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { SERVER_VERSION, startServer } from "./server.js";

const USAGE = "Usage: elestio-compose-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n";
const args = process.argv.slice(2);

if (args.includes("--version")) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (!args.some((arg) => /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/.test(arg))) {
  process.stderr.write(USAGE);
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
