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

/**
 * The container compose creates for a service: `container_name`, else
 * `<project>-<service>-1`. On the VM the pipeline's project is its folder,
 * `/opt/app/<pipeline>`, whatever the local checkout is called: `<pipeline>`
 * unless `name:` sets it. A local file's project is its folder.
 */
function containerName(model: ComposeModel, service: Service, project: ProjectFiles | undefined, isPipeline: boolean): string {
  const fixed = scalarText(service.get("container_name")?.value);
  if (fixed !== undefined) return resolveDefaults(fixed).value;
  const named = scalarText(model.top.find((e) => e.key === "name")?.value);
  let projectName = named !== undefined && resolveDefaults(named).certain ? resolveDefaults(named).value : undefined;
  if (projectName === undefined && project && !isPipeline) projectName = basename(dirname(project.filePath)).toLowerCase().replace(/[^a-z0-9_-]/g, "");
  return `${projectName || (isPipeline ? "<pipeline>" : "<project>")}-${service.name}-1`;
}

/**
 * Whether the container a pasted log names is the one a finding's log names.
 * The project part of `<pipeline>-db-1` is the placeholder, or a guess (the
 * folder's name) unless `name:` sets it, and compose v1 wrote `latigue_db_1`:
 * the names agree when equal, or when the pasted one ends with a tail of the
 * finding's after its first word (`db` of `<pipeline>-db`, of `my-repo-db`).
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
        en: "With `condition: service_healthy`, compose starts a service only once its dependency's container is healthy, and a container without a healthcheck (none in the compose file, no `HEALTHCHECK` in its image or Dockerfile, or one turned off by `disable: true` or `NONE`) has no health status at all. Compose does not wait then: `docker compose up` fails at once. For well-known images the quick fix adds the usual readiness check (`pg_isready` for PostgreSQL).",
        fr: "Avec `condition: service_healthy`, compose ne démarre un service qu'une fois le conteneur de sa dépendance healthy ; or un conteneur sans healthcheck (aucun dans le compose, pas de `HEALTHCHECK` dans son image ou son Dockerfile, ou un healthcheck coupé par `disable: true` ou `NONE`) n'a aucun état de santé. Compose n'attend donc pas : `docker compose up` échoue aussitôt. Pour les images connues, la correction rapide ajoute le test de disponibilité habituel (`pg_isready` pour PostgreSQL).",
      },
      log: "dependency failed to start: container latigue-db-1 has no healthcheck configured",
      logPattern: { patterns: [/container\s+"?\/?([^\s"]+?)"?\s+has no healthcheck configured/i, /has no healthcheck configured/i], sameFault: sameContainer },
      fix: { en: "Add a healthcheck", fr: "Ajouter un healthcheck" },
      manualFix: {
        en: "Give the dependency a healthcheck (a `healthcheck:` test in the compose file or a `HEALTHCHECK` in its Dockerfile, not disabled), or wait with `condition: service_started` instead.",
        fr: "Donnez un healthcheck à la dépendance (un test `healthcheck:` dans le compose ou un `HEALTHCHECK` dans son Dockerfile, non désactivé), ou attendez plutôt avec `condition: service_started`.",
      },
      example: {
        invalid: "services:\n  web:\n    build: .\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n",
        valid: 'services:\n  web:\n    build: .\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n',
      },
    },
    messages: {
      noHealthcheck: {
        en: '"{{dependency}}" has no healthcheck, so "{{service}}", which waits for it to be healthy, never starts. Add one.',
        fr: "« {{dependency}} » n'a pas de healthcheck, donc « {{service}} », qui attend qu'il soit healthy, ne démarre jamais. Ajoutez-en un.",
      },
      noHealthcheckInDockerfile: {
        en: '"{{dependency}}" and its Dockerfile have no healthcheck, so "{{service}}", waiting for it, never starts. Add one.',
        fr: "Ni « {{dependency}} » ni son Dockerfile n'ont de healthcheck, donc « {{service}} », qui l'attend, ne démarre jamais. Ajoutez-en un.",
      },
      disabled: {
        en: '"{{dependency}}" disables its healthcheck, so "{{service}}", which waits for it, never starts. Enable it.',
        fr: "« {{dependency}} » désactive son healthcheck, donc « {{service}} », qui attend qu'il soit healthy, ne démarre jamais. Réactivez-le.",
      },
    },
  },
  check({ model, project, isPipeline, report }) {
    for (const service of model.services) {
      for (const dependency of serviceDependencies(model, service)) {
        // An optional dependency (`required: false`) that never gets healthy only logs a warning.
        if (!waitsUntilHealthy(dependency)) continue;
        const target = model.service(dependency.target);
        if (!target) continue;
        const health = healthcheckState(model, target, project);
        if (!health.missing) continue;
        const { state, builds } = health;
        const messageId = state === "disabled" ? "disabled" : builds ? "noHealthcheckInDockerfile" : "noHealthcheck";
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
          log: `dependency failed to start: container ${containerName(model, target, project, isPipeline)} has no healthcheck configured`,
          messageId,
          data: { dependency: target.name, service: service.name },
          fix: edit && { title: { en: `Add a healthcheck to "${target.name}"`, fr: `Ajouter un healthcheck à « ${target.name} »` }, edits: [edit] },
        });
      }
    }
  },
};
