/**
 * A service's healthcheck, as compose and Docker read it: the `healthcheck`
 * map (merges and aliases resolved), its `test` in each form compose accepts
 * (a string, `["CMD", ...]`, `["CMD-SHELL", "..."]`, `["NONE"]`), `disable`
 * with compose's boolean cast, and, for a service that builds, the
 * Dockerfile's HEALTHCHECK. The only reader of `healthcheck`: rules, hovers
 * and the log explainer ask it whether a service has one and where its test
 * is written.
 */
import { posix } from "node:path";
import { isMap, isScalar, type Node } from "yaml";
import type { ProjectFiles } from "../project.js";
import { commandValue, type CommandValue } from "./commands.js";
import { resolveDefaults } from "./interpolation.js";
import { mapEntries, scalarText, serviceFact, type ComposeModel, type Entry, type Service } from "./model.js";
import { composeBoolean } from "./values.js";

/**
 * The form of a `test`: a string (compose runs it as `CMD-SHELL`), or a list
 * whose first word Docker reads case-sensitively: `CMD`, `CMD-SHELL`, `NONE`;
 * `empty` for `[]` (the image's test applies), `other` for any other first
 * word (Docker runs no probe then).
 */
export type HealthcheckTestForm = "string" | "CMD" | "CMD-SHELL" | "NONE" | "empty" | "other";

/** A `test` as a command line (its entry, value, span, words and flow as CommandValue), with its form. */
export interface HealthcheckTest extends Omit<CommandValue, "form"> {
  form: HealthcheckTestForm;
  /** The command on one line, as a hover shows it: the string, or the words after `CMD` / `CMD-SHELL`. */
  command: string | undefined;
}

/**
 * What the compose file says of a service's healthcheck: `defined` (a test),
 * `disabled` (`disable: true` or `test: ["NONE"]`), `inherited` (options
 * without a test, `test: []` or `test:` left empty: the image's test
 * applies), `none` (no healthcheck, or `healthcheck:` left empty).
 */
export type ComposeHealthcheckState = "defined" | "disabled" | "inherited" | "none";

export interface ServiceHealthcheck {
  /** The service's `healthcheck` entry. */
  entry: Entry | undefined;
  state: ComposeHealthcheckState;
  /** The `disable` entry (the key is case-sensitive: `Disable` is not it). */
  disable: Entry | undefined;
  test: HealthcheckTest | undefined;
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** The service's healthcheck in the compose file (computed once per parse: treat as read-only). */
export function serviceHealthcheck(_model: ComposeModel, service: Service): ServiceHealthcheck {
  // Spans come from the nodes alone: the fact is the service's (and so its model's).
  return serviceFact(service, readHealthcheck);
}

function readHealthcheck(service: Service): ServiceHealthcheck {
  const entry = service.get("healthcheck");
  if (!entry || isEmpty(entry.value)) return { entry, state: "none", disable: undefined, test: undefined };
  // Compose refuses a healthcheck that is not a map; nothing is claimed of it.
  if (!isMap(entry.value)) return { entry, state: "defined", disable: undefined, test: undefined };
  const options = mapEntries(entry.value, service.document);
  const disable = options.find((e) => e.key === "disable");
  const testEntry = options.find((e) => e.key === "test");
  const test = testEntry ? readTest(testEntry, service) : undefined;
  let state: ComposeHealthcheckState;
  if (composeBoolean(disable?.value) === true || test?.form === "NONE") state = "disabled";
  else if (!testEntry || isEmpty(testEntry.value) || test?.form === "empty") state = "inherited";
  else state = "defined";
  return { entry, state, disable, test };
}

function readTest(entry: Entry, service: Service): HealthcheckTest | undefined {
  const value = commandValue(entry, service.document);
  if (!value) return undefined;
  const { words } = value;
  if (value.form === "string") return { ...value, form: "string", command: words[0].text };
  const first = words[0]?.text;
  const form: HealthcheckTestForm = words.length === 0 ? "empty" : first === "CMD" || first === "CMD-SHELL" || first === "NONE" ? first : "other";
  // An item that is not a string (compose refuses the file) shows no word.
  const texts = words.map((w) => w.text).filter((text) => text !== undefined);
  return { ...value, form, command: form === "CMD" || form === "CMD-SHELL" ? texts.slice(1).join(" ") : texts.join(" ") };
}

/**
 * Whether the image built from a Dockerfile has a HEALTHCHECK: the last one
 * of the built stage (`target`, else the last), following `FROM <stage>` to
 * earlier stages. `HEALTHCHECK NONE` disables one.
 */
export function dockerfileHasHealthcheck(text: string, target?: string): boolean {
  const instructions: string[] = [];
  // A blank line is an instruction with no keyword, which the walk below passes over like an unknown one.
  const add = (instruction: string) => instructions.push(instruction.trim());
  let current = "";
  for (const line of text.split(/\r\n|\r|\n/)) {
    // A comment line is dropped, also between continued lines.
    if (/^\s*#/.test(line)) continue;
    // Docker joins a line ending with `\` to the next one as they are, with no space between.
    const continued = /\\\s*$/.exec(line);
    if (continued) {
      current += line.slice(0, continued.index);
      continue;
    }
    add(current + line);
    current = "";
  }
  add(current);

  const stages: { name?: string; base: string; healthcheck?: boolean }[] = [];
  for (const instruction of instructions) {
    const [word] = instruction.split(/\s/, 1);
    const keyword = word.toUpperCase();
    const args = instruction.slice(word.length).trim();
    if (keyword === "FROM") {
      // FROM [--platform=...] <image> [AS <name>]
      const [image, as, name] = args.split(/\s+/).filter((w) => !w.startsWith("--"));
      stages.push({ base: (image ?? "").toLowerCase(), name: as?.toUpperCase() === "AS" ? name?.toLowerCase() : undefined });
    } else if (keyword === "HEALTHCHECK" && stages.length > 0) {
      stages[stages.length - 1].healthcheck = !/^NONE\b/i.test(args);
    }
  }
  let index = target ? stages.findIndex((s) => s.name === target.toLowerCase()) : stages.length - 1;
  if (index < 0) index = stages.length - 1;
  // `FROM <stage>` names an earlier stage: each step goes back, and the walk ends.
  while (index >= 0) {
    const stage = stages[index];
    if (stage.healthcheck !== undefined) return stage.healthcheck;
    index = stages.findIndex((s, i) => i < index && s.name === stage.base);
  }
  return false;
}

/** For a service that builds: whether its Dockerfile has a HEALTHCHECK; undefined when it cannot be read. */
function buildHealthcheck(service: Service, project: ProjectFiles | undefined): boolean | undefined {
  const build = service.get("build")!;
  let context = ".";
  let dockerfile = "Dockerfile";
  let target: string | undefined;
  if (isMap(build.value)) {
    const entries = mapEntries(build.value, service.document);
    const get = (key: string) => scalarText(entries.find((e) => e.key === key)?.value);
    const inline = get("dockerfile_inline");
    target = get("target");
    if (inline !== undefined) return dockerfileHasHealthcheck(inline, target);
    context = get("context") ?? context;
    dockerfile = get("dockerfile") ?? dockerfile;
  } else {
    context = scalarText(build.value) ?? context;
  }
  if (!project) return undefined;
  const resolvedContext = resolveDefaults(context);
  const resolvedDockerfile = resolveDefaults(dockerfile);
  if (!resolvedContext.certain || !resolvedDockerfile.certain) return undefined;
  // A Git URL or a remote context: nothing on disk to read.
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i.test(resolvedContext.value)) return undefined;
  const path = resolvedDockerfile.value.startsWith("/") ? resolvedDockerfile.value : posix.join(resolvedContext.value, resolvedDockerfile.value);
  const text = project.readText(path);
  return text === undefined ? undefined : dockerfileHasHealthcheck(text, target);
}

export interface HealthcheckStatus {
  /** What the compose file says. */
  state: ComposeHealthcheckState;
  /** Whether the service builds its image (`build:`). */
  builds: boolean;
  /** With nothing in the compose file, for a service that builds: whether its Dockerfile has a HEALTHCHECK; undefined when it cannot be read, and otherwise. */
  dockerfile: boolean | undefined;
  /**
   * Whether the container ends up with no healthcheck, so that a service
   * waiting for `service_healthy` fails with `container ... has no
   * healthcheck configured`: disabled, or none in the compose file nor in
   * the Dockerfile it builds. An image's own HEALTHCHECK cannot be seen from
   * here: a service that runs an image with none in the file counts as missing.
   */
  missing: boolean;
}

/** Whether a service gets a healthcheck, from the compose file and the Dockerfile it builds (read through `project`). */
export function healthcheckState(model: ComposeModel, service: Service, project: ProjectFiles | undefined): HealthcheckStatus {
  const { state } = serviceHealthcheck(model, service);
  const builds = service.get("build") !== undefined;
  const dockerfile = state === "none" && builds ? buildHealthcheck(service, project) : undefined;
  const missing = state === "disabled" || (state === "none" && (!builds || dockerfile === false));
  return { state, builds, dockerfile, missing };
}
