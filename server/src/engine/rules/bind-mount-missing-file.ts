import { posix } from "node:path";
import { hasInterpolation } from "../compose/interpolation.js";
import { serviceVolumes, type ServiceVolume } from "../compose/volumes.js";
import type { ProjectFiles } from "../project.js";
import type { Rule } from "./types.js";

/**
 * Extensions that name a folder, not a file: `conf.d`, `docker-entrypoint-initdb.d`
 * (the `.d` folders of configuration snippets), a bare Git repository (`repo.git`).
 */
const FOLDER_EXTENSIONS = new Set(["d", "git"]);

/** Files usually written without an extension, or as a dotfile, that images read at a fixed path. */
const FILE_NAMES = new Set([
  "caddyfile",
  "corefile",
  "dockerfile",
  "makefile",
  "procfile",
  "gemfile",
  "crontab",
  "htpasswd",
  ".htpasswd",
  ".env",
  ".npmrc",
  ".pgpass",
  ".netrc",
  ".pypirc",
  "authorized_keys",
  "known_hosts",
]);

/**
 * Whether a path's last segment names a file: an extension that starts with
 * a letter (`nginx.conf`, `.env.local`, `init.sql`; not `php8.2`, `conf.d`),
 * or a well-known file name (`Caddyfile`, `.htpasswd`). A dotfile without a
 * second dot (`.data`, `.n8n`) is a folder; so is a path ending with `/`.
 */
function looksLikeFile(path: string): boolean {
  if (/[/\\]$/.test(path)) return false;
  const name = posix.basename(path.replace(/\\/g, "/"));
  if (FILE_NAMES.has(name.toLowerCase())) return true;
  const match = /^\.?[^.]+(?:\.[^.]+)*\.([A-Za-z][A-Za-z0-9_-]{0,9})$/.exec(name);
  return match !== null && !FOLDER_EXTENSIONS.has(match[1].toLowerCase());
}

/** The path as Docker's error prints it: resolved in the app's folder on the VM. */
function pipelinePath(path: string): string {
  return posix.join("/opt/app/<pipeline>", path.replace(/\\/g, "/"));
}

/** A path as the log explainer compares it: inside the app's folder on the VM, relative to it (`/opt/app/latigue/x` and `/opt/app/<pipeline>/x` are `x`). */
function pathOnVm(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\/opt\/app\/[^/]+\//, "");
}

/** runc's words when the target is a file in the image and Docker made a folder of the missing source. */
const NOT_A_DIRECTORY = "Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type";

/**
 * What Docker prints for the mount: runc's `not a directory` when compose
 * creates the missing source as a folder (the short syntax always, the long
 * one unless `create_host_path: false`), else the daemon's refusal.
 */
function mountLog(volume: ServiceVolume, source: string): string {
  const host = pipelinePath(source);
  if (volume.createHostPath === false) return `Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${host}`;
  const target = volume.target ?? "";
  return (
    "Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: " +
    `unable to start container process: error during container init: error mounting "${host}" to rootfs at "${target}": ` +
    `mount src=${host}, dst=${target}, dstFd=/proc/thread-self/fd/8, flags=0x5000: not a directory: unknown: ${NOT_A_DIRECTORY}`
  );
}

/** The docs' example's site configuration, ignored by Git and then committed. */
const NGINX_SITE = "server {\n  listen 80;\n  location / { proxy_pass http://app:8000; }\n}\n";

/** The lifecycle commands of `elestio.yml` that run before `docker compose up`, and may write the file (Elestio's templates' `scripts/preInstall.sh`). */
const BEFORE_UP_COMMANDS = /^[ \t]*(?:preInstallCommand|preDeployCommand)[ \t]*:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\r\n]*))/gm;

/** Whether `elestio.yml` (or `.yaml`) beside the compose file runs a command before the deploy: then a file absent from the repository may be written by it. */
function runsCommandBeforeUp(project: ProjectFiles): boolean {
  for (const name of ["elestio.yml", "elestio.yaml"]) {
    const text = project.readText(name);
    if (text === undefined) continue;
    for (const match of text.matchAll(BEFORE_UP_COMMANDS)) if ((match[1] ?? match[2] ?? match[3] ?? "").trim() !== "") return true;
  }
  return false;
}

/** Why the pipeline's clone lacks the file, as the id of the message that says it, or undefined when it has it (or nothing is known). */
function missingReason(source: string, project: ProjectFiles): "gitIgnored" | "notInRepository" | "notCommitted" | undefined {
  if (project.isGitIgnored(source) === true) return "gitIgnored";
  const exists = project.exists(source);
  if (exists === false) return "notInRepository";
  // On disk but not in the checkout's index: the clone lacks it too (unknown without a readable .git/index).
  if (exists === true && project.isGitTracked?.(source) === false) return "notCommitted";
  return undefined;
}

export const bindMountMissingFile: Rule = {
  meta: {
    id: "bind-mount-missing-file",
    severity: "error",
    scope: "pipeline",
    fixable: false,
    docs: {
      title: {
        en: "A bind-mounted file must be in the repository",
        fr: "Un fichier monté doit être dans le dépôt",
      },
      description: {
        en: "The pipeline deploys a fresh clone of the repository: a file Git ignores, or one that was never committed, is not there. Docker then creates an empty folder in its place and mounts it; when the image has a file at the target (`/etc/nginx/nginx.conf`), the container fails to start, and otherwise the app finds a folder where it expects its file. Folders the app fills itself (`./data`, `./media`) are fine, and so is a repository whose `elestio.yml` runs a command before the deploy (`preInstallCommand`, `preDeployCommand`), which may write the file.",
        fr: "Le pipeline déploie un clone neuf du dépôt : un fichier ignoré par Git, ou jamais versionné, n'y est pas. Docker crée alors un dossier vide à sa place et le monte ; si l'image a un fichier à la cible (`/etc/nginx/nginx.conf`), le conteneur ne démarre pas, sinon l'application trouve un dossier là où elle attend son fichier. Les dossiers que l'application remplit elle-même (`./data`, `./media`) ne posent pas de problème, pas plus qu'un dépôt dont le `elestio.yml` lance une commande avant le déploiement (`preInstallCommand`, `preDeployCommand`), qui peut écrire le fichier.",
      },
      log: 'Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/opt/app/latigue/nginx.conf" to rootfs at "/etc/nginx/conf.d/default.conf": mount src=/opt/app/latigue/nginx.conf, dst=/etc/nginx/conf.d/default.conf, dstFd=/proc/thread-self/fd/8, flags=0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type',
      logPattern: {
        // runc since 1.0 names the host path; older runc and Docker's hint alone name none; `create_host_path: false`: the daemon's refusal.
        patterns: [
          /\bmounting\s+"([^"]+)"\s+to rootfs\b.*\bnot a directory\b/i,
          /\bbind source path does not exist:\s*"?([^\s"]+)/i,
          /not a directory\b.*\bAre you trying to mount a directory onto a file\b/i,
        ],
        // The same file: the same path in the app's folder, or (Docker Desktop's `/host_mnt/...`, another machine) a path ending with it.
        sameFault: (pasted, own) => pathOnVm(pasted) === pathOnVm(own) || pathOnVm(pasted).endsWith(`/${pathOnVm(own)}`),
      },
      manualFix: {
        en: "Commit the file (take it out of `.gitignore` first); for a file that holds secrets, write it from a dashboard variable instead, with a top-level `configs:` entry whose `content:` is `${VAR}`.",
        fr: "Versionnez le fichier dans Git (retirez-le d'abord du `.gitignore`) ; pour un fichier qui contient des secrets, écrivez-le plutôt à partir d'une variable du dashboard, avec une entrée `configs:` de premier niveau dont le `content:` vaut `${VAR}`.",
      },
      example: {
        invalid: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/conf.d/default.conf:ro\n",
        invalidFiles: { ".gitignore": "nginx.conf\n", "nginx.conf": NGINX_SITE },
        valid: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/conf.d/default.conf:ro\n",
        validFiles: { "nginx.conf": NGINX_SITE },
      },
    },
    messages: {
      notCommitted: {
        en: '"{{file}}" is not committed: the pipeline\'s clone lacks it and mounts an empty folder instead. Commit it.',
        fr: "« {{file}} » n'est pas versionné : le clone du pipeline ne l'a pas et monte un dossier vide à la place. Versionnez-le.",
      },
      gitIgnored: {
        en: 'Git ignores "{{file}}": the deploy mounts an empty folder instead. Commit the file.',
        fr: "Git ignore « {{file}} » : le déploiement monte un dossier vide à sa place. Versionnez-le dans Git.",
      },
      notInRepository: {
        en: '"{{file}}" is not in the repository: the deploy mounts an empty folder instead. Commit the file.',
        fr: "« {{file}} » n'est pas dans le dépôt : le déploiement monte un dossier vide à sa place. Versionnez le fichier.",
      },
      // `create_host_path: false`: Docker is told not to make the folder (compose has not always passed it on).
      missingNoCreate: {
        en: '"{{file}}" is missing from the pipeline\'s clone, so its mount fails. Commit the file.',
        fr: "« {{file}} » manque dans le clone du pipeline : son montage échoue. Versionnez le fichier.",
      },
    },
  },
  check({ model, project, report }) {
    if (!project) return;
    let beforeUp: boolean | undefined;
    for (const service of model.services) {
      for (const volume of serviceVolumes(model, service)) {
        const source = volume.source;
        if (volume.type !== "bind" || volume.bindSource !== "relative" || !volume.certain || source === undefined || !volume.sourceSpan) continue;
        // A source a variable decides (`${CONFIG_DIR:-.}/app.yml`) may be another path on the VM.
        if (hasInterpolation(model.text.slice(volume.sourceSpan.start, volume.sourceSpan.end))) continue;
        const normalized = posix.normalize(source.replace(/\\/g, "/"));
        // The pipeline writes `.env` itself, from the dashboard.
        if (normalized === ".env") continue;
        if (!looksLikeFile(source) && !(volume.target !== undefined && looksLikeFile(volume.target))) continue;
        const reason = missingReason(source, project);
        if (reason === undefined || (beforeUp ??= runsCommandBeforeUp(project))) continue;
        report({
          ...volume.sourceSpan,
          messageId: volume.createHostPath === false ? "missingNoCreate" : reason,
          data: { file: source },
          log: mountLog(volume, source),
        });
      }
    }
  },
};
