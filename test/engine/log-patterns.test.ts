/**
 * The rules' log patterns (meta.docs.logPattern) against lines as users paste
 * them: compose v2's and v1's wordings, Docker's and Podman's, names quoted or
 * bare, and runs of spaces where compose printed one (a log viewer that pads
 * its columns, a wrapped line joined again). Each rule's own example line is
 * checked in explainers.test.ts; these are the other forms the patterns
 * promise to read.
 */
import { describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { hover } from "../../server/src/engine/hover/index.js";
import { lint } from "../../server/src/engine/lint.js";
import { spanText } from "../helpers/spans.js";

/** The ids of the problems explained, the closing note left out. */
const problems = (log: string): string[] =>
  explainLog(log, "en")
    .filter((p) => !p.note)
    .map((p) => p.id);

describe("a pasted line in another form than the rule's own is still explained", () => {
  it.each([
    // env-file-not-dotenv: compose v2, then v1.
    ["env-file-not-dotenv", "env file  /opt/app/shop/.env.production  not found", "a run of spaces on both sides of the path"],
    ["env-file-not-dotenv", "Couldn't find env file: /opt/app/shop/.env.production", "compose v1's wording"],
    ["env-file-not-dotenv", "Couldnt find env file: /opt/app/shop/.env.production", "an apostrophe lost to a shell's single quotes"],
    ["env-file-not-dotenv", "Couldn't find env file /opt/app/shop/.env.production", "no colon after `file`"],
    ["env-file-not-dotenv", "Couldn't find env file:  /opt/app/shop/.env.production", "a run of spaces after the colon"],
    ["env-file-not-dotenv", 'Couldn\'t find env file: "/opt/app/shop/.env.production"', "the path in quotes"],
    // external-volume: compose v2 quotes the name.
    ["external-volume", "external volume pgdata not found", "the name bare"],
    ["external-volume", 'external volume  "pgdata"  not found', "a run of spaces on both sides of the name"],
    // external-network: v2, and v1's `Network … declared as external, but could not be found.`
    ["external-network", "network shared declared as external but could not be found", "no comma"],
    ["external-network", "Network  shared  declared as external,  but could not be found.", "runs of spaces"],
    // no-container-name: Docker prints the name with a slash, Podman without.
    ["no-container-name", 'Error: creating container storage: the container name "app-web" is already in use by 3f2a', "the name without its slash"],
    ["no-container-name", 'Conflict. The container name  "/app-web"  is already in use by container "3f2a"', "runs of spaces around the name"],
    // undefined-variable: compose quotes the name.
    ["undefined-variable", "WARN[0000] The DB_PASSWORD variable is not set. Defaulting to a blank string.", "the name bare"],
    ["undefined-variable", 'WARN[0000] The  "DB_PASSWORD"  variable is not set. Defaulting to a blank string.', "runs of spaces around the name"],
    // obsolete-version: compose v2 quotes the key in backquotes.
    ["obsolete-version", "WARN[0000] docker-compose.yml: the attribute version is obsolete, it will be ignored", "the key bare"],
    ["obsolete-version", "WARN[0000] docker-compose.yml: the attribute  `version`  is obsolete, it will be ignored", "runs of spaces around the key"],
  ])("%s: %j (%s)", (id, line) => {
    expect(problems(line)).toEqual([id]);
  });
});

/** The findings each problem a pasted log explains links in `model`, as range and text. */
const linkedIn = (model: ComposeModel) => (log: string) => explainLog(log, "en", model).filter((p) => !p.note).map((p) => p.ranges.map((r) => spanText(model, r)));

describe("env-file-not-dotenv: the finding a pasted path links", () => {
  // Two wrong env files: the log names one, which links its finding only.
  const model = parseCompose("services:\n  web:\n    image: app:1\n    env_file:\n      - .env.production\n      - .env.local\n");
  const linked = linkedIn(model);

  it.each([
    ["the pipeline's own path, in another app's folder", "env file /opt/app/shop/.env.local not found"],
    ["a log of another machine: a path ending with the file's", "env file /home/me/shop/.env.local not found"],
    ["a Windows machine's path, with backslashes", "env file C:\\Users\\me\\shop\\.env.local not found"],
    ["a checkout under a folder of its own named opt/app: only the VM's /opt/app/<app>/ is the app's folder", "env file /home/me/opt/app/shop/.env.local not found"],
  ])("%s", (_, log) => {
    expect(linked(log)).toEqual([["6:9-6:19 .env.local"]]);
  });
});

describe("env-file-not-dotenv: compose v1's wording links an env file given by its absolute path", () => {
  // Outside /opt/app/<app>/ the path is compared whole: its first character is part of it.
  const model = parseCompose("services:\n  web:\n    image: app:1\n    env_file:\n      - /srv/shop/.env.production\n      - .env.local\n");
  const linked = linkedIn(model);

  it.each([
    ["v1, with a colon", "ERROR: Couldn't find env file: /srv/shop/.env.production"],
    ["v1, the path in quotes", "ERROR: Couldn't find env file: '/srv/shop/.env.production'"],
    ["v2", "env file /srv/shop/.env.production not found"],
  ])("%s", (_, log) => {
    expect(linked(log)).toEqual([["5:9-5:34 /srv/shop/.env.production"]]);
  });
});

describe("the log line a finding's hover shows", () => {
  // A web port's DisallowedHost is the docs' example; an open database port prints nothing, so its hover shows no line.
  const model = parseCompose('services:\n  web:\n    image: app:1\n    ports:\n      - "8000:8000"\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n');
  // Linted inside each test, not while the file loads: a mutant that throws there then fails a test, not the whole file.
  const shown = (port: string) => hover(model, lint(model, { isPipeline: true }), model.text.indexOf(port) + 1, "en", { isPipeline: true })?.markdown.includes("for example:\n\n```text\nInvalid HTTP_HOST header");

  it.each([
    ["8000:8000", true],
    ["5432:5432", false],
  ])("%s: the example shown: %s", (port, example) => {
    expect(shown(port)).toBe(example);
  });
});
