import { posix } from "node:path";
import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from "yaml";
import { removeItems, replaceScalar } from "../compose/edits.js";
import { resolveDefaults } from "../compose/interpolation.js";
import { mapEntries, scalarText, seqItems, type Entry } from "../compose/model.js";
import type { Localized } from "../i18n/index.js";
import type { ProjectFiles } from "../project.js";
import type { Fix, Rule } from "./types.js";

/** The only env file the pipeline writes, from the dashboard's environment variables. */
const DOTENV = ".env";

/** One path of an `env_file`: the scalar to report on and the list item that holds it. */
interface EnvFileRef {
  path: Scalar;
  /** The list item (the scalar, or the `{path, required}` map); undefined for `env_file: <string>`. */
  item: Node | undefined;
  /** The path with interpolation defaults applied; undefined when a variable without a default decides it. */
  resolved: string | undefined;
}

function isDotEnv(path: string): boolean {
  return posix.normalize(path.trim()) === DOTENV;
}

function refOf(path: Node | null | undefined, item: Node | undefined): EnvFileRef | undefined {
  if (!isScalar(path)) return undefined;
  const raw = scalarText(path);
  if (raw === undefined) return undefined;
  const { value, certain } = resolveDefaults(raw);
  return { path, item, resolved: certain ? value : undefined };
}

/** The paths of an `env_file`, in its three forms; `required: false` entries are left out (compose skips a missing one). */
function envFileRefs(entry: Entry, document: Document): EnvFileRef[] {
  if (isScalar(entry.value)) {
    const ref = refOf(entry.value, undefined);
    return ref ? [ref] : [];
  }
  if (!isSeq(entry.value)) return [];
  const refs: EnvFileRef[] = [];
  for (const { item, source } of seqItems(entry.value, document)) {
    if (isScalar(item)) {
      const ref = refOf(item, source);
      if (ref) refs.push(ref);
    } else if (isMap(item)) {
      const entries = mapEntries(item, document);
      const required = scalarText(entries.find((e) => e.key === "required")?.value);
      if (required !== undefined && /^false$/i.test(required)) continue;
      const ref = refOf(entries.find((e) => e.key === "path")?.value, source);
      if (ref) refs.push(ref);
    }
  }
  return refs;
}

/**
 * Why the pipeline won't have the file (null when its name says it all), or
 * undefined when it will. `.env` itself is always there.
 */
function missingReason(path: string, project: ProjectFiles | undefined): Localized | null | undefined {
  if (isDotEnv(path)) return undefined;
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
      fix: { en: "Point env_file at `.env`", fr: "Faire pointer env_file vers `.env`" },
    },
  },
  check({ model, project, report }) {
    for (const service of model.services) {
      const entry = service.get("env_file");
      if (!entry) continue;
      const refs = envFileRefs(entry, service.document);
      const listsDotEnv = refs.some((ref) => ref.item && ref.resolved !== undefined && isDotEnv(ref.resolved));
      let pointedAtDotEnv = listsDotEnv;
      for (const ref of refs) {
        if (ref.resolved === undefined) continue;
        const reason = missingReason(ref.resolved, project);
        if (reason === undefined) continue;
        const why = reason ? { en: ` (${reason.en})`, fr: ` (${reason.fr})` } : { en: "", fr: "" };
        const log = `env file ${pipelinePath(ref.resolved)} not found`;
        // The first wrong entry becomes `.env`; later ones (or all, when `.env` is listed already) go.
        let fix: Fix;
        if (pointedAtDotEnv && ref.item) {
          fix = { title: { en: "Remove this env file (`.env` is already listed)", fr: "Supprimer ce fichier d'environnement (`.env` est déjà listé)" }, edits: removeItems(model, entry, [ref.item]) };
        } else {
          fix = { title: { en: "Use `.env`", fr: "Utiliser `.env`" }, edits: [replaceScalar(ref.path, DOTENV)] };
          pointedAtDotEnv = true;
        }
        report({
          start: ref.path.range![0],
          end: ref.path.range![1],
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
