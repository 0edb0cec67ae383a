import { posix } from "node:path";
import { removeItems, replaceScalar } from "../compose/edits.js";
import { DOTENV, serviceEnvFiles, type EnvFileRef } from "../compose/envFiles.js";
import type { Localized } from "../i18n/index.js";
import type { ProjectFiles } from "../project.js";
import type { Fix, Rule } from "./types.js";

/**
 * Why the pipeline won't have the file (null when its name says it all), or
 * undefined when it will. `.env` itself is always there.
 */
function missingReason(ref: EnvFileRef, project: ProjectFiles | undefined): Localized | null | undefined {
  const path = ref.path;
  if (ref.normalized === DOTENV) return undefined;
  if (/^\.env\..+/.test(posix.basename(path))) return null;
  if (!project) return undefined;
  if (project.isGitIgnored(path) === true) {
    return { en: "Git ignores it, so the pipeline's clone does not have it", fr: "Git l'ignore, le clone du pipeline ne l'a donc pas" };
  }
  if (project.exists(path) === false) {
    return { en: "it is not in the repository", fr: "il n'est pas dans le dépôt" };
  }
  return undefined;
}

/** The path as the pipeline's error prints it: resolved in the app's folder on the VM. */
function pipelinePath(path: string): string {
  return posix.isAbsolute(path) ? posix.normalize(path) : posix.join("/opt/app/<project>", path);
}

/** A path as the log explainer compares it: inside the app's folder on the VM, relative to it (`/opt/app/latigue/x` and `/opt/app/<project>/x` are `x`). */
function pathOnVm(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\/opt\/app\/[^/]+\//, "");
}

export const envFileNotDotenv: Rule = {
  meta: {
    id: "env-file-not-dotenv",
    severity: "error",
    scope: "pipeline",
    fixable: true,
    docs: {
      title: {
        en: "env_file must be the `.env` the pipeline writes",
        fr: "env_file doit être le `.env` écrit par le pipeline",
      },
      description: {
        en: "Before `docker compose up`, the pipeline clones the repository and writes one env file, `.env`, from the dashboard's environment variables. Any other env file (`.env.production`, `.env.local`, a file Git ignores or that is not in the repository) is missing on the VM and the deploy stops. Put the variables in the dashboard (Environment variables) and use `env_file: .env`.",
        fr: "Avant `docker compose up`, le pipeline clone le dépôt et écrit un seul fichier d'environnement, `.env`, à partir des variables d'environnement du dashboard. Tout autre fichier (`.env.production`, `.env.local`, un fichier ignoré par Git ou absent du dépôt) manque sur la VM et le déploiement s'arrête. Mettez les variables dans le dashboard (Environment variables) et utilisez `env_file: .env`.",
      },
      log: "env file /opt/app/latigue/.env.production not found",
      logPattern: {
        // compose v2, then v1's wording.
        patterns: [/\benv file\s+["']?(\S+?)["':,]*\s+not found/i, /couldn'?t find env file:?\s*["']?([^\s"']+?)["':,]*(?:\s|$)/i],
        // The same file: the same path in the app's folder, or (a log of another machine) a path ending with it.
        sameFault: (pasted, own) => pathOnVm(pasted) === pathOnVm(own) || pathOnVm(pasted).endsWith(`/${pathOnVm(own)}`),
      },
      fix: { en: "Point env_file at `.env`", fr: "Faire pointer env_file vers `.env`" },
    },
  },
  check({ model, project, report }) {
    for (const service of model.services) {
      const entry = service.get("env_file");
      if (!entry) continue;
      // `required: false` entries are left out: compose skips a missing one. So are paths a variable without a default decides.
      const refs = serviceEnvFiles(model, service).filter((ref) => ref.required && ref.certain);
      const listsDotEnv = refs.some((ref) => ref.item && ref.normalized === DOTENV);
      let pointedAtDotEnv = listsDotEnv;
      for (const ref of refs) {
        const reason = missingReason(ref, project);
        if (reason === undefined) continue;
        const why = reason ? { en: ` (${reason.en})`, fr: ` (${reason.fr})` } : { en: "", fr: "" };
        const log = `env file ${pipelinePath(ref.path)} not found`;
        // The first wrong entry becomes `.env`; later ones (or all, when `.env` is listed already) go.
        let fix: Fix;
        if (pointedAtDotEnv && ref.item) {
          fix = { title: { en: "Remove this env file (`.env` is already listed)", fr: "Supprimer ce fichier d'environnement (`.env` est déjà listé)" }, edits: removeItems(model, entry, [ref.item]) };
        } else {
          fix = { title: { en: "Use `.env`", fr: "Utiliser `.env`" }, edits: [replaceScalar(ref.pathNode, DOTENV)] };
          pointedAtDotEnv = true;
        }
        report({
          ...ref.pathSpan,
          log,
          message: {
            en: `The deploy fails with "${log}"${why.en}: the pipeline writes only .env, from the dashboard's environment variables. Use .env and set the variables in the dashboard.`,
            fr: `Le déploiement échoue avec « ${log} »${why.fr} : le pipeline n'écrit que .env, à partir des variables d'environnement du dashboard. Utilisez .env et définissez les variables dans le dashboard.`,
          },
          fix,
        });
      }
    }
  },
};
