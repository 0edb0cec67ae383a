import { basename, dirname } from "node:path";
import { isMap, isScalar, isSeq } from "yaml";
import { appendToMap, indentUnit } from "../compose/edits.js";
import { resolveDefaults } from "../compose/interpolation.js";
import { mapEntries, scalarText, seqItems, type ComposeModel, type Service } from "../compose/model.js";
import { serviceImage, type ImageRef } from "../compose/services.js";
import type { ProjectFiles } from "../project.js";
import type { Rule } from "./types.js";

/** What the compose file says of a service's healthcheck. `inherited`: options without `test`, the image's test applies. */
type ComposeHealthcheck = "defined" | "disabled" | "none" | "inherited";

function composeHealthcheck(service: Service): ComposeHealthcheck {
  const entry = service.get("healthcheck");
  if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return "none";
  if (!isMap(entry.value)) return "defined";
  const entries = mapEntries(entry.value, service.document);
  const disable = entries.find((e) => e.key === "disable");
  if (disable && String(scalarText(disable.value)).toLowerCase() === "true") return "disabled";
  const test = entries.find((e) => e.key === "test");
  if (!test) return "inherited";
  if (isSeq(test.value)) {
    const first = seqItems(test.value, service.document)[0];
    if (first && scalarText(first.item) === "NONE") return "disabled";
  }
  return "defined";
}

/**
 * Whether the image built from a Dockerfile has a HEALTHCHECK: the last one
 * of the built stage (`target`, else the last), following `FROM <stage>` to
 * earlier stages. `HEALTHCHECK NONE` disables one.
 */
export function dockerfileHasHealthcheck(text: string, target?: string): boolean {
  const instructions: string[] = [];
  let current = "";
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      current += line.replace(/\\\s*$/, " ");
      continue;
    }
    current += line;
    if (current.trim() !== "") instructions.push(current.trim());
    current = "";
  }
  if (current.trim() !== "") instructions.push(current.trim());

  const stages: { name?: string; base: string; healthcheck?: boolean }[] = [];
  for (const instruction of instructions) {
    const match = /^(\S+)\s*(.*)$/.exec(instruction)!;
    const keyword = match[1].toUpperCase();
    const args = match[2];
    if (keyword === "FROM") {
      const words = args.split(/\s+/).filter((w) => !w.startsWith("--"));
      const as = words.findIndex((w) => w.toUpperCase() === "AS");
      stages.push({ base: (words[0] ?? "").toLowerCase(), name: as > 0 ? words[as + 1]?.toLowerCase() : undefined });
    } else if (keyword === "HEALTHCHECK" && stages.length > 0) {
      stages[stages.length - 1].healthcheck = !/^NONE\b/i.test(args.trim());
    }
  }
  let index = target ? stages.findIndex((s) => s.name === target.toLowerCase()) : stages.length - 1;
  if (index < 0) index = stages.length - 1;
  for (let hops = 0; index >= 0 && hops <= stages.length; hops++) {
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
  if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(resolvedContext.value)) return undefined;
  const path = resolvedDockerfile.value.startsWith("/") ? resolvedDockerfile.value : `${resolvedContext.value.replace(/\/+$/, "") || "."}/${resolvedDockerfile.value}`;
  const text = project.readText(path);
  return text === undefined ? undefined : dockerfileHasHealthcheck(text, target);
}

/** Healthchecks for images whose readiness command is well known, in the form the troubleshooting guide uses. */
function knownTest(image: ImageRef | undefined): string | undefined {
  if (!image) return undefined;
  switch (image.name) {
    case "postgres":
    case "postgis":
    case "timescaledb":
    case "timescaledb-ha":
    case "pgvector":
      return '["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]';
    case "mysql":
    case "mysql-server":
      // Over TCP: the temporary server of the first start listens on the socket only.
      return '["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]';
    case "mariadb":
      return '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]';
    case "redis":
      return '["CMD", "redis-cli", "ping"]';
    case "valkey":
      return '["CMD", "valkey-cli", "ping"]';
    case "mongo":
    case "mongodb-community-server": {
      // mongosh ships with MongoDB 5 and later; older images have the legacy `mongo` shell.
      const major = Number(/^(\d+)/.exec(image.tag ?? "")?.[1] ?? Number.NaN);
      const shell = major < 5 ? "mongo" : "mongosh";
      return `["CMD", "${shell}", "--quiet", "--eval", "db.adminCommand('ping')"]`;
    }
    default:
      return undefined;
  }
}

/** The container compose creates for a service: `container_name`, else `<project>-<service>-1`. */
function containerName(model: ComposeModel, service: Service, project: ProjectFiles | undefined): string {
  const fixed = scalarText(service.get("container_name")?.value);
  if (fixed !== undefined) return resolveDefaults(fixed).value;
  const named = scalarText(model.top.find((e) => e.key === "name")?.value);
  let projectName = named !== undefined && resolveDefaults(named).certain ? resolveDefaults(named).value : undefined;
  if (projectName === undefined && project) projectName = basename(dirname(project.filePath)).toLowerCase().replace(/[^a-z0-9_-]/g, "");
  return `${projectName || "<project>"}-${service.name}-1`;
}

export const healthcheckRequired: Rule = {
  meta: {
    id: "healthcheck-required",
    severity: "error",
    scope: "all",
    fixable: true,
    docs: {
      title: {
        en: "`condition: service_healthy` on a service without a healthcheck",
        fr: "`condition: service_healthy` sur un service sans healthcheck",
      },
      description: {
        en: "`depends_on` with `condition: service_healthy` waits until the dependency's container reports healthy. A container with no healthcheck (none in the compose file, none in the image or its Dockerfile, or one disabled) never does: `docker compose up` stops with `dependency failed to start`, and nothing that depends on it starts. For well-known databases the fix adds the usual readiness check (`pg_isready` for PostgreSQL, as in the troubleshooting guide).",
        fr: "`depends_on` avec `condition: service_healthy` attend que le conteneur de la dépendance se déclare en bonne santé. Un conteneur sans healthcheck (aucun dans le compose, aucun dans l'image ou son Dockerfile, ou un healthcheck désactivé) ne l'est jamais : `docker compose up` s'arrête avec `dependency failed to start`, et rien de ce qui en dépend ne démarre. Pour les bases de données connues, le correctif ajoute le test de disponibilité habituel (`pg_isready` pour PostgreSQL, comme dans le guide de dépannage).",
      },
      log: "dependency failed to start: container latigue-db-1 has no healthcheck configured",
      fix: { en: "Add a healthcheck", fr: "Ajouter un healthcheck" },
    },
  },
  check({ model, project, report }) {
    for (const service of model.services) {
      const dependsOn = service.get("depends_on");
      if (!dependsOn || !isMap(dependsOn.value)) continue;
      for (const dependency of mapEntries(dependsOn.value, service.document)) {
        if (!isMap(dependency.value)) continue;
        const options = mapEntries(dependency.value, service.document);
        const option = (key: string) => scalarText(options.find((e) => e.key === key)?.value);
        if (option("condition") !== "service_healthy") continue;
        // An optional dependency that never gets healthy only logs a warning.
        if (option("required")?.toLowerCase() === "false") continue;
        const target = model.service(dependency.key);
        if (!target) continue;
        const state = composeHealthcheck(target);
        if (state === "defined" || state === "inherited") continue;
        const builds = target.get("build") !== undefined;
        if (state === "none" && builds) {
          const fromDockerfile = buildHealthcheck(target, project);
          if (fromDockerfile !== false) continue;
        }
        const log = `dependency failed to start: container ${containerName(model, target, project)} has no healthcheck configured`;
        const reason = state === "disabled"
          ? { en: `"${target.name}" disables its healthcheck`, fr: `« ${target.name} » désactive son healthcheck` }
          : builds
            ? { en: `"${target.name}" has no healthcheck, in the compose file or in its Dockerfile`, fr: `« ${target.name} » n'a pas de healthcheck, ni dans le compose ni dans son Dockerfile` }
            : { en: `"${target.name}" has no healthcheck`, fr: `« ${target.name} » n'a pas de healthcheck` };
        // `healthcheck:` left empty is "none" too, but a second key would not parse: no fix then.
        const test = state === "none" && !builds && !target.get("healthcheck") ? knownTest(serviceImage(target)) : undefined;
        const unit = indentUnit(model);
        const edit = test && target.map
          ? appendToMap(model, target.map, ["healthcheck:", `${unit}test: ${test}`, `${unit}interval: 5s`, `${unit}timeout: 5s`, `${unit}retries: 5`])
          : undefined;
        report({
          start: dependency.keyNode.range![0],
          end: dependency.keyNode.range![1],
          message: {
            en: `${reason.en}, so "${service.name}" waiting for condition: service_healthy never starts: ${log}.`,
            fr: `${reason.fr}, donc « ${service.name} », qui attend condition: service_healthy, ne démarre jamais : ${log}.`,
          },
          fix: edit && { title: { en: `Add a healthcheck to "${target.name}"`, fr: `Ajouter un healthcheck à « ${target.name} »` }, edits: [edit] },
        });
      }
    }
  },
};
