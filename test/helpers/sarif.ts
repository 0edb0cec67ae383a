/** Validation against the official SARIF 2.1.0 schema (OASIS, errata 01), kept in test/fixtures/sarif. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const SCHEMA = JSON.parse(readFileSync(join(__dirname, "../fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"));

let validate: ReturnType<Ajv["compile"]> | undefined;

/** What makes `log` invalid SARIF 2.1.0, formats (uri, uri-reference, date-time) included; empty when it is valid. */
export function sarifErrors(log: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(SCHEMA);
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
