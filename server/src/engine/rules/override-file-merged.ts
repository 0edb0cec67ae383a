import { basename, dirname, join } from "node:path";
import type { ProjectFiles } from "../project.js";
import type { Rule, RuleContext } from "./types.js";

/**
 * The override files `docker compose` merges when it is run without `-f`, in
 * its order of preference: compose-go's `cli.DefaultOverrideFileNames`. The
 * first one found in the folder is merged over the main file, whichever of
 * `compose.yaml`, `compose.yml`, `docker-compose.yml` or `docker-compose.yaml`
 * that is (`WithDefaultConfigPath` looks them up independently).
 */
export const DEFAULT_OVERRIDE_FILE_NAMES = ["compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"] as const;

/** compose reads the files to merge from COMPOSE_FILE instead of looking them up, when set (in the environment or the `.env`). */
const COMPOSE_FILE = "COMPOSE_FILE";

/**
 * The override file the pipeline's `docker compose up` merges, as a name in
 * the compose file's folder: the first of compose's names that is there and
 * that the pipeline's clone has (Git does not ignore it); undefined when none.
 */
function mergedOverride(project: ProjectFiles): string | undefined {
  const own = basename(project.filePath);
  return DEFAULT_OVERRIDE_FILE_NAMES.find((name) => name !== own && project.exists(name) === true && project.isGitIgnored(name) !== true);
}

function setsComposeFile({ project, dashboardVariables }: Pick<RuleContext, "project" | "dashboardVariables">): boolean {
  return dashboardVariables?.has(COMPOSE_FILE) === true || project?.dotEnv()?.has(COMPOSE_FILE) === true;
}

export const overrideFileMerged: Rule = {
  meta: {
    id: "override-file-merged",
    severity: "warning",
    scope: "pipeline",
    fixable: false,
    docs: {
      title: {
        en: "An override file beside the pipeline's compose file is merged into it",
        fr: "Un fichier override à côté du compose du pipeline y est fusionné",
      },
      description: {
        en: "Run without `-f`, `docker compose up` reads the main compose file and then the first of `compose.override.yml`, `compose.override.yaml`, `docker-compose.override.yml` and `docker-compose.override.yaml` it finds in the same folder, and merges it over the main file. The pipeline runs a plain `docker compose up` in the clone of the repository, so an override file committed for local development (published ports, source mounts, debug commands) changes what the dashboard's compose file deploys. This is inferred from how compose picks its default files: the pipeline's log shows nothing of it.",
        fr: "Lancé sans `-f`, `docker compose up` lit le fichier compose principal puis le premier de `compose.override.yml`, `compose.override.yaml`, `docker-compose.override.yml` et `docker-compose.override.yaml` qu'il trouve dans le même dossier, et le fusionne par-dessus. Le pipeline lance un simple `docker compose up` dans le clone du dépôt : un fichier override versionné pour le développement local (ports publiés, montage des sources, commandes de débogage) modifie ce que déploie le compose du dashboard. C'est une déduction de la façon dont compose choisit ses fichiers par défaut : les logs du pipeline n'en montrent rien.",
      },
      manualFix: {
        en: "Rename the override file (`compose.dev.yml`, used locally with `-f`) or remove it from the repository; move into the pipeline's compose file what production needs of it.",
        fr: "Renommez le fichier override (`compose.dev.yml`, utilisé en local avec `-f`) ou retirez-le du dépôt ; reportez dans le compose du pipeline ce dont la production a besoin.",
      },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
        invalidFiles: {
          "docker-compose.override.yml": 'services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n    ports:\n      - "8000:8000"\n',
        },
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
        validFiles: {
          "compose.dev.yml": 'services:\n  web:\n    command: python manage.py runserver 0.0.0.0:8000\n    ports:\n      - "8000:8000"\n',
        },
      },
    },
    messages: {
      merged: {
        en: "Compose merges {{file}} over this file on the VM, and its values win. Rename it, or move them here.",
        fr: "Sur la VM, compose fusionne {{file}} avec ce fichier, et ses valeurs l'emportent. Renommez-le, ou reportez-les ici.",
      },
    },
  },
  check({ model, project, dashboardVariables, report }) {
    if (!project || setsComposeFile({ project, dashboardVariables })) return;
    const name = mergedOverride(project);
    if (name === undefined) return;
    // On the first line, whatever it holds: the finding is about the whole file.
    report({
      start: 0,
      end: model.lines.lineEnd(0),
      messageId: "merged",
      data: { file: name },
      related: [
        {
          file: join(dirname(project.filePath), name),
          message: {
            en: "docker compose up merges this file over the pipeline's compose file.",
            fr: "docker compose up fusionne ce fichier par-dessus le compose du pipeline.",
          },
        },
      ],
    });
  },
};
