/** What the benchmark bundles of the engine, built as dist/server.js and dist/cli.js are (esbuild.mjs's options). */
import { parseAllDocuments } from "yaml";
import { PARSE_OPTIONS } from "../server/src/engine/compose/model.js";

export { parseCompose } from "../server/src/engine/compose/model.js";
export { lint } from "../server/src/engine/lint.js";

/** The parse alone, as parseCompose calls it (same bundle, same options): what the model and the rules add is measured against it. */
export function ownParse(text: string): unknown {
  return parseAllDocuments(text, PARSE_OPTIONS);
}
