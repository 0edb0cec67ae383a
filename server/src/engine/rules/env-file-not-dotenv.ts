import { posix } from "node:path";
import { removeItems, replaceScalar } from "../compose/edits.js";
import { DOTENV, serviceEnvFiles, type EnvFileRef } from "../compose/envFiles.js";
import type { ProjectFiles } from "../project.js";
import type { Fix, Rule } from "./types.js";

/**
 * Why the pipeline won't have the file, as the id of the message that says
 * it, or undefined when it will. `.env` itself is always there. A file Git
 * ignores or the repository lacks is missing; a `.env.*` name is reported
 * whatever else is known (such files hold one machine's values and are
 * usually kept out of Git).
 */
function missingReason(ref: EnvFileRef, project: ProjectFiles | undefined): "notDotenv" | "gitIgnored" | "notInRepository" | undefined {
  const path = ref.path;
  if (ref.normalized === DOTENV) return undefined;
  if (project?.isGitIgnored(path) === true) return "gitIgnored";
  if (project?.exists(path) === false) return "notInRepository";
  if (/^\.env\..+/.test(posix.basename(path))) return "notDotenv";
  return undefined;
}

/** The path as the pipeline's error prints it: resolved in the app's folder on the VM. */
function pipelinePath(path: string): string {
  return posix.isAbsolute(path) ? posix.normalize(path) : posix.join("/opt/app/<pipeline>", path);
}

/** A path as the log explainer compares it: inside the app's folder on the VM, relative to it (`/opt/app/latigue/x` and `/opt/app/<pipeline>/x` are `x`). */
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
        en: "Before `docker compose up`, the pipeline clones the repository and writes one env file, `.env`, from **Dashboard → Environment variables**: an env file that is neither `.env` nor committed to Git is missing on the VM. `.env.*` files (`.env.production`, `.env.local`) are reported by their name, committed or not: they hold one machine's values, which belong in the dashboard.",
        fr: "Avant `docker compose up`, le pipeline clone le dépôt et écrit un seul fichier d'environnement, `.env`, à partir de **Dashboard → Environment variables** : un fichier d'environnement qui n'est ni `.env` ni versionné dans Git manque sur la VM. Les fichiers `.env.*` (`.env.production`, `.env.local`) sont signalés d'après leur nom, versionnés ou non : ils portent les valeurs d'une machine, dont la place est dans le dashboard.",
      },
      log: "env file /opt/app/latigue/.env.production not found",
      logPattern: {
        // compose v2, then v1's wording.
        patterns: [/\benv file\s+["']?(\S+?)["':,]*\s+not found/i, /couldn'?t find env file:?\s*["']?([^\s"']+?)["':,]*(?:\s|$)/i],
        // The same file: the same path in the app's folder, or (a log of another machine) a path ending with it.
        sameFault: (pasted, own) => pathOnVm(pasted) === pathOnVm(own) || pathOnVm(pasted).endsWith(`/${pathOnVm(own)}`),
      },
      fix: { en: "Point env_file at `.env`", fr: "Faire pointer env_file vers `.env`" },
      example: {
        invalid: "services:\n  web:\n    build: .\n    env_file:\n      - .env.production\n",
        valid: "services:\n  web:\n    build: .\n    env_file:\n      - .env\n",
      },
    },
    messages: {
      notDotenv: {
        en: 'env_file "{{file}}" is not the pipeline\'s .env: unless committed, the deploy stops. Use .env.',
        fr: "env_file « {{file}} » n'est pas le .env du pipeline : si Git ne l'a pas, le déploiement s'arrête. Utilisez .env.",
      },
      gitIgnored: {
        en: 'Git ignores env_file "{{file}}": the pipeline\'s clone lacks it and the deploy stops. Use .env.',
        fr: "Git ignore env_file « {{file}} » : le clone du pipeline ne l'a pas et le déploiement s'arrête. Utilisez .env.",
      },
      notInRepository: {
        en: 'env_file "{{file}}" is not in the repository, so the deploy stops. Use the pipeline\'s .env.',
        fr: "env_file « {{file}} » n'est pas dans le dépôt : le déploiement s'arrête. Utilisez le .env du pipeline.",
      },
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
          log: `env file ${pipelinePath(ref.path)} not found`,
          messageId: reason,
          data: { file: ref.path },
          fix,
        });
      }
    }
  },
};
