import { basename, dirname } from "node:path";
import { serviceDependencies, waitsUntilHealthy } from "../compose/dependsOn.js";
import { appendToMap, indentUnit } from "../compose/edits.js";
import { healthcheckState } from "../compose/healthcheck.js";
import { resolveDefaults } from "../compose/interpolation.js";
import { scalarText, type ComposeModel, type Service } from "../compose/model.js";
import { serviceImage, type ImageRef } from "../compose/services.js";
import type { ProjectFiles } from "../project.js";
import type { Rule } from "./types.js";

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

/**
 * Whether the container a pasted log names is the one a finding's log names.
 * The project part of `<project>-db-1` is the placeholder, or a guess (the
 * folder's name) unless `name:` sets it, and compose v1 wrote `latigue_db_1`:
 * the names agree when equal, or when the pasted one ends with a tail of the
 * finding's after its first word (`db` of `<project>-db`, of `my-repo-db`).
 */
function sameContainer(pasted: string, own: string): boolean {
  const normal = (name: string) => name.replace(/^\//, "").toLowerCase().replace(/_/g, "-").replace(/-\d+$/, "");
  const named = normal(pasted);
  const words = normal(own).split("-");
  if (named === words.join("-")) return true;
  for (let i = 1; i < words.length; i++) {
    const tail = words.slice(i).join("-");
    if (named === tail || named.endsWith(`-${tail}`)) return true;
  }
  return false;
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
      logPattern: { patterns: [/container\s+"?\/?([^\s"]+?)"?\s+has no healthcheck configured/i, /has no healthcheck configured/i], sameFault: sameContainer },
      fix: { en: "Add a healthcheck", fr: "Ajouter un healthcheck" },
    },
  },
  check({ model, project, report }) {
    for (const service of model.services) {
      for (const dependency of serviceDependencies(model, service)) {
        // An optional dependency (`required: false`) that never gets healthy only logs a warning.
        if (!waitsUntilHealthy(dependency)) continue;
        const target = model.service(dependency.target);
        if (!target) continue;
        const health = healthcheckState(model, target, project);
        if (!health.missing) continue;
        const { state, builds } = health;
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
          ...dependency.targetSpan,
          // The fault is the dependency: its `condition: service_healthy` is part of it (hovers say so there too).
          covers: dependency.span,
          log,
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
