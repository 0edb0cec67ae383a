/**
 * Titles and explanations of the failures a pipeline log can show, in English
 * and French, from the troubleshooting knowledge and the platform facts.
 * Titles are plain text (a list shows them); explanations are Markdown:
 * what happened, why, and the fix. A fix that changes the compose file says
 * so (`dashboardToo`): the report then ends with one note, the dashboard's
 * copy (dashboardNote), rather than a reminder under every problem.
 */
import type { RuleDocs } from "../rules/types.js";
import type { Localized } from "./index.js";

export interface ExplainText {
  title: Localized;
  explanation: Localized;
  /** The fix changes the compose file, which the pipeline only deploys once it is pasted into the dashboard's copy: the report's closing note says so, once. */
  dashboardToo?: boolean;
}

const HAPPENED = { en: "**What happened:**", fr: "**Ce qui s'est passé :**" };
const WHY = { en: "**Why:**", fr: "**Pourquoi :**" };
const FIX = { en: "**Fix:**", fr: "**Solution :**" };

function explanation(happened: Localized, why: Localized | undefined, fix: Localized): Localized {
  const build = (language: keyof Localized) => {
    const parts = [`${HAPPENED[language]} ${happened[language]}`];
    if (why) parts.push(`${WHY[language]} ${why[language]}`);
    // A fix that is a list starts on the line after its label.
    parts.push(`${FIX[language]}${fix[language].startsWith("\n") ? "" : " "}${fix[language]}`);
    return parts.join("\n\n");
  };
  return { en: build("en"), fr: build("fr") };
}

/**
 * The report's closing note, once, after the problems: the pipeline deploys
 * the dashboard's copy of the compose file. `copyStep` when the log shows the
 * pipeline's own `Creating docker compose file` step (which every build
 * prints: a fact, not a failure); else the problems' fixes change the file.
 */
export function dashboardNote(copyStep: boolean): ExplainText {
  const step: Localized = copyStep
    ? {
      en: "`Creating docker compose file` in the log: after cloning the repository (`Running clone script.`) and writing `.env` (`Creating .env file`), the pipeline replaced the repository's `docker-compose.yml` with the copy stored in the Elestio dashboard, then ran `docker compose up`. A change pushed to Git reaches the deployment only once that copy is updated.",
      fr: "`Creating docker compose file` dans les logs : après avoir cloné le dépôt (`Running clone script.`) et écrit `.env` (`Creating .env file`), le pipeline a remplacé le `docker-compose.yml` du dépôt par la copie stockée dans le dashboard Elestio, puis a lancé `docker compose up`. Une modification poussée sur Git n'atteint le déploiement qu'une fois cette copie mise à jour.",
    }
    : {
      en: "The pipeline deploys the copy of the compose file stored in the Elestio dashboard, not the repository's: a fix above reaches the deployment only once that copy is updated too.",
      fr: "Le pipeline déploie la copie du fichier compose stockée dans le dashboard Elestio, pas celle du dépôt : une solution ci-dessus n'atteint le déploiement qu'une fois cette copie mise à jour elle aussi.",
    };
  const paste: Localized = {
    en: "After each change to the compose file, paste it into **Dashboard → your CI/CD service → Docker compose** (or \"Edit docker-compose\"), save, and redeploy.",
    fr: "Après chaque modification du fichier compose, collez-le dans **Dashboard → votre service CI/CD → Docker compose** (ou « Edit docker-compose »), enregistrez et redéployez.",
  };
  return {
    title: {
      en: "Note: the pipeline deploys the dashboard's copy of the compose file",
      fr: "À savoir : le pipeline déploie la copie du fichier compose stockée dans le dashboard",
    },
    explanation: { en: `${step.en}\n\n${paste.en}`, fr: `${step.fr}\n\n${paste.fr}` },
  };
}

export function envFileNotFound(path: string): ExplainText {
  const name = path.split("/").pop() || path;
  return {
    title: { en: `Env file not found: ${name}`, fr: `Fichier d'environnement introuvable : ${name}` },
    explanation: explanation(
      {
        en: `\`docker compose up\` stopped before starting anything: the compose file's \`env_file\` names \`${path}\`, which does not exist on the VM.`,
        fr: `\`docker compose up\` s'est arrêté avant de lancer quoi que ce soit : l'\`env_file\` du fichier compose désigne \`${path}\`, qui n'existe pas sur la VM.`,
      },
      {
        en: "the pipeline writes one env file only, `.env`, from **Dashboard → Environment variables**; the VM has no other env file than those committed to Git. A file such as `.env.production`, usually ignored by Git, is not there.",
        fr: "le pipeline n'écrit qu'un seul fichier d'environnement, `.env`, à partir de **Dashboard → Environment variables** ; la VM n'a pas d'autre fichier d'environnement que ceux versionnés dans Git. Un fichier comme `.env.production`, en général ignoré par Git, n'y est pas.",
      },
      {
        en: "point `env_file` at `.env` (`env_file: [.env]`) and put the variables in **Dashboard → Environment variables**.",
        fr: "faites pointer `env_file` vers `.env` (`env_file: [.env]`) et placez les variables dans **Dashboard → Environment variables**.",
      },
    ),
    dashboardToo: true,
  };
}

export function containerNameInUse(name: string): ExplainText {
  const project = name.split(/[_-]/)[0] || name;
  return {
    title: { en: `Container name "/${name}" already in use`, fr: `Nom de conteneur « /${name} » déjà utilisé` },
    explanation: explanation(
      {
        en: `Docker refused to create the container \`${name}\`: a container with that name already exists on the VM.`,
        fr: `Docker a refusé de créer le conteneur \`${name}\` : un conteneur de ce nom existe déjà sur la VM.`,
      },
      {
        en: `the compose file sets \`container_name: ${name}\`. A fixed name is unique on the VM, so an old container that keeps it (typically from an earlier manual deployment) blocks every redeploy.`,
        fr: `le fichier compose définit \`container_name: ${name}\`. Un nom fixe est unique sur la VM : un ancien conteneur qui le garde (en général issu d'un ancien déploiement manuel) bloque chaque redéploiement.`,
      },
      {
        en: `remove \`container_name\` from the compose file: compose then names the containers \`<pipeline>-<service>-1\`. Then remove the old containers over SSH: \`docker ps -a --filter name=${project}\` lists them; \`docker inspect ${name} --format '{{index .Config.Labels "com.docker.compose.project.config_files"}}'\` shows which compose file started them; in that folder, \`docker compose down --remove-orphans\`.`,
        fr: `supprimez \`container_name\` du fichier compose : compose nomme alors les conteneurs \`<pipeline>-<service>-1\`. Puis supprimez les anciens conteneurs en SSH : \`docker ps -a --filter name=${project}\` les liste ; \`docker inspect ${name} --format '{{index .Config.Labels "com.docker.compose.project.config_files"}}'\` indique le fichier compose qui les a lancés ; dans ce dossier, \`docker compose down --remove-orphans\`.`,
      },
    ),
    dashboardToo: true,
  };
}

export function reservedPortInUse(port: number | undefined): ExplainText {
  const shown = port === undefined ? "80/443" : String(port);
  return {
    title: port === undefined
      ? { en: "Host port already in use (80/443?)", fr: "Port hôte déjà utilisé (80/443 ?)" }
      : { en: `Port ${port} already in use`, fr: `Port ${port} déjà utilisé` },
    explanation: explanation(
      {
        en: `Docker could not publish host port ${shown}: another process already holds it.`,
        fr: `Docker n'a pas pu publier le port hôte ${shown} : un autre processus le détient déjà.`,
      },
      {
        en: "on Elestio, ports 80 and 443 belong to the reverse proxy `elestio-nginx` (OpenResty), which handles TLS and forwards the requests of each domain to `172.17.0.1:<port>`. A service publishing 80 or 443, typically an `nginx` with a `certbot`, collides with it.",
        fr: "sur Elestio, les ports 80 et 443 appartiennent au reverse proxy `elestio-nginx` (OpenResty), qui gère le TLS et transmet les requêtes de chaque domaine à `172.17.0.1:<port>`. Un service qui publie 80 ou 443, en général un `nginx` accompagné d'un `certbot`, entre en conflit avec lui.",
      },
      {
        en: "remove the port 80/443 entries, and the nginx and certbot services doing the proxy's job; publish the app's own port on `172.17.0.1` (for example `\"172.17.0.1:8000:8000\"`). An old container can also hold the port: `docker ps -a --filter publish=" + (port ?? 80) + "`, `ss -tlnp`.",
        fr: "supprimez les entrées des ports 80/443, ainsi que les services nginx et certbot qui font le travail du proxy ; publiez le port de l'application sur `172.17.0.1` (par exemple `\"172.17.0.1:8000:8000\"`). Un ancien conteneur peut aussi détenir le port : `docker ps -a --filter publish=" + (port ?? 80) + "`, `ss -tlnp`.",
      },
    ),
    dashboardToo: true,
  };
}

export function portInUse(port: number): ExplainText {
  return {
    title: { en: `Port ${port} already in use`, fr: `Port ${port} déjà utilisé` },
    explanation: explanation(
      {
        en: `Docker could not publish host port ${port}: something on the VM already listens on it.`,
        fr: `Docker n'a pas pu publier le port hôte ${port} : quelque chose écoute déjà dessus sur la VM.`,
      },
      {
        en: "usually an old container still running with the same ports (from an earlier manual deployment), or another app publishing that port.",
        fr: "en général un ancien conteneur encore lancé avec les mêmes ports (issu d'un ancien déploiement manuel), ou une autre application qui publie ce port.",
      },
      {
        en: `find it with \`docker ps -a --filter publish=${port}\` or \`ss -tlnp\`; stop the old deployment in its folder with \`docker compose down --remove-orphans\`, or publish another host port.`,
        fr: `trouvez-le avec \`docker ps -a --filter publish=${port}\` ou \`ss -tlnp\` ; arrêtez l'ancien déploiement dans son dossier avec \`docker compose down --remove-orphans\`, ou publiez un autre port hôte.`,
      },
    ),
  };
}

/** `hosts` as the log gives them (`159.195.104.193:8000`); `publicPort` when one is `<ip>:<port>`, a request straight to the VM's public IP. */
export function disallowedHost(hosts: readonly string[], publicPort: number | undefined): ExplainText {
  const shownHosts = hosts.map((h) => `\`${h}\``).join(", ");
  // The hosts to allow: the names the site is reached by, never a direct `<ip>:<port>` (closing the port is the fix there).
  const allow = [...new Set(hosts.filter((h) => !isDirect(h)).map(stripPort))].map((h) => `\`${h}\``);
  const happened: Localized = hosts.length > 0
    ? {
      en: `Django refused requests whose \`Host\` header was ${shownHosts}: not in \`ALLOWED_HOSTS\` (DisallowedHost, an HTTP 400, in the app's logs: \`docker logs\`).`,
      fr: `Django a refusé des requêtes dont l'en-tête \`Host\` valait ${shownHosts} : absent d'\`ALLOWED_HOSTS\` (DisallowedHost, une erreur HTTP 400, dans les logs de l'application : \`docker logs\`).`,
    }
    : {
      en: "Django refused a request whose `Host` header is not in `ALLOWED_HOSTS` (DisallowedHost, an HTTP 400, in the app's logs: `docker logs`).",
      fr: "Django a refusé une requête dont l'en-tête `Host` n'est pas dans `ALLOWED_HOSTS` (DisallowedHost, une erreur HTTP 400, dans les logs de l'application : `docker logs`).",
    };
  const why: Localized = publicPort !== undefined
    ? {
      en: `a \`Host\` of the form \`<ip>:${publicPort}\` means the request reached the app directly on the VM's public IP, bypassing Elestio's proxy: port ${publicPort} is published without an address, so it is open to the internet, in plain HTTP. Requests through the proxy carry a domain instead, which must be in \`ALLOWED_HOSTS\` (the pipeline's \`<pipeline>-u<id>.vm.elestio.app\` and your custom domains).`,
      fr: `un \`Host\` de la forme \`<ip>:${publicPort}\` signifie que la requête a atteint l'application directement sur l'IP publique de la VM, sans passer par le proxy d'Elestio : le port ${publicPort} est publié sans adresse, donc ouvert sur Internet, en HTTP simple. Les requêtes qui passent par le proxy portent un domaine, qui doit figurer dans \`ALLOWED_HOSTS\` (le \`<pipeline>-u<id>.vm.elestio.app\` du pipeline et vos domaines personnalisés).`,
    }
    : {
      en: "`ALLOWED_HOSTS` must cover every host the site is reached by: the pipeline's domain (`<pipeline>-u<id>.vm.elestio.app`) and your custom domains.",
      fr: "`ALLOWED_HOSTS` doit couvrir chaque hôte par lequel on atteint le site : le domaine du pipeline (`<pipeline>-u<id>.vm.elestio.app`) et vos domaines personnalisés.",
    };
  const closePort: Localized | undefined = publicPort !== undefined
    ? {
      en: `Close the direct access: publish the port as \`"172.17.0.1:${publicPort}:${publicPort}"\`; then only Elestio's proxy reaches it, over HTTPS.`,
      fr: `Fermez l'accès direct : publiez le port en \`"172.17.0.1:${publicPort}:${publicPort}"\` ; seul le proxy d'Elestio l'atteint alors, en HTTPS.`,
    }
    : undefined;
  const allowHosts: Localized = allow.length > 0
    ? {
      en: `Add ${allow.join(", ")} to \`ALLOWED_HOSTS\` if ${allow.length > 1 ? "they are your domains" : "it is your domain"}, with the pipeline's domain (\`<pipeline>-u<id>.vm.elestio.app\`) and your other custom domains.`,
      fr: `Ajoutez ${allow.join(", ")} à \`ALLOWED_HOSTS\` s'il s'agit de ${allow.length > 1 ? "vos domaines" : "votre domaine"}, avec le domaine du pipeline (\`<pipeline>-u<id>.vm.elestio.app\`) et vos autres domaines personnalisés.`,
    }
    : {
      en: "Add the legitimate hosts to `ALLOWED_HOSTS`: the pipeline's domain (`<pipeline>-u<id>.vm.elestio.app`) and your custom domains.",
      fr: "Ajoutez à `ALLOWED_HOSTS` les hôtes légitimes : le domaine du pipeline (`<pipeline>-u<id>.vm.elestio.app`) et vos domaines personnalisés.",
    };
  const fromVariable: Localized = {
    en: "If your settings.py reads them from an environment variable (for instance `ALLOWED_HOSTS_EXTRA`), set it in **Dashboard → Environment variables**: no rebuild, it applies when the container restarts.",
    fr: "Si votre settings.py les lit dans une variable d'environnement (par exemple `ALLOWED_HOSTS_EXTRA`), définissez-la dans **Dashboard → Environment variables** : aucun rebuild, elle est prise en compte au redémarrage du conteneur.",
  };
  const steps = [closePort, { en: `${allowHosts.en} ${fromVariable.en}`, fr: `${allowHosts.fr} ${fromVariable.fr}` }].filter((s): s is Localized => s !== undefined);
  return {
    title: hosts.length > 0
      ? { en: `DisallowedHost: Invalid HTTP_HOST header ${hosts.map((h) => `'${h}'`).join(", ")}`, fr: `DisallowedHost : en-tête HTTP_HOST invalide ${hosts.map((h) => `'${h}'`).join(", ")}` }
      : { en: "DisallowedHost", fr: "DisallowedHost" },
    explanation: explanation(happened, why, {
      en: steps.map((s) => `\n- ${s.en}`).join(""),
      fr: steps.map((s) => `\n- ${s.fr}`).join(""),
    }),
    dashboardToo: publicPort !== undefined,
  };
}

/** A `Host` of the form `<ip>:<port>`: a request sent straight to the VM's address, not through the proxy. */
function isDirect(host: string): boolean {
  return /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[^\]]+\]):\d+$/.test(host);
}

/** `159.195.104.193:8000` → `159.195.104.193`; `[::1]:8000` → `[::1]` (an IPv6 address ends with `]`, never with `:<digits>`); a domain stays. */
function stripPort(host: string): string {
  return host.replace(/:\d+$/, "");
}

export const BAD_GATEWAY: ExplainText = {
  title: { en: "502 Bad Gateway", fr: "502 Bad Gateway" },
  explanation: explanation(
    {
      en: "the browser got a 502 from Elestio's proxy (`elestio-nginx`): the proxy got no valid answer from the app at `172.17.0.1:<port>`.",
      fr: "le navigateur a reçu une erreur 502 du proxy d'Elestio (`elestio-nginx`) : le proxy n'a pas obtenu de réponse valide de l'application sur `172.17.0.1:<port>`.",
    },
    {
      en: "one of: the app's port is not published on `172.17.0.1` (not published at all, or bound to `127.0.0.1`); the app is not listening yet (migrations and collectstatic can take a minute after start); the app crashed (`docker logs <pipeline>-web-1 --tail 100`).",
      fr: "l'une de ces causes : le port de l'application n'est pas publié sur `172.17.0.1` (pas publié du tout, ou lié à `127.0.0.1`) ; l'application n'écoute pas encore (les migrations et le collectstatic peuvent prendre une minute après le démarrage) ; l'application a planté (`docker logs <pipeline>-web-1 --tail 100`).",
    },
    {
      en: "publish the web port as `\"172.17.0.1:8000:8000\"`, give the app `restart: unless-stopped` (Docker restarts it after a crash), and read its logs. A healthcheck restarts nothing: it only shows `(unhealthy)` in `docker ps`.",
      fr: "publiez le port web en `\"172.17.0.1:8000:8000\"`, donnez à l'application `restart: unless-stopped` (Docker la relance après un plantage), et lisez ses logs. Un healthcheck ne relance rien : il affiche seulement `(unhealthy)` dans `docker ps`.",
    },
  ),
  dashboardToo: true,
};

export function externalNetworkMissing(name: string): ExplainText {
  return {
    title: { en: `Network "${name}" not found`, fr: `Réseau « ${name} » introuvable` },
    explanation: explanation(
      {
        en: `\`docker compose up\` stopped: the compose file declares network \`${name}\` as \`external: true\`, and no network of that name exists on the VM.`,
        fr: `\`docker compose up\` s'est arrêté : le fichier compose déclare le réseau \`${name}\` comme \`external: true\`, et aucun réseau de ce nom n'existe sur la VM.`,
      },
      {
        en: "compose creates the networks of the file, never an external one: it must exist before the deploy.",
        fr: "compose crée les réseaux du fichier, jamais un réseau externe : il doit exister avant le déploiement.",
      },
      {
        en: `create it once on the VM, over SSH: \`docker network create ${name}\`. If nothing outside this project uses it, drop \`external: true\` and let compose create it.`,
        fr: `créez-le une fois sur la VM, en SSH : \`docker network create ${name}\`. Si rien en dehors de ce projet ne l'utilise, retirez \`external: true\` et laissez compose le créer.`,
      },
    ),
  };
}

export function variablesNotSet(names: readonly string[]): ExplainText {
  const list = names.join(", ");
  const uses = names.map((n) => `\`\${${n}}\``).join(", ");
  const plural = names.length > 1;
  const first = names[0];
  return {
    title: plural
      ? { en: `Variables not set: ${list}`, fr: `Variables non définies : ${list}` }
      : { en: `Variable not set: ${list}`, fr: `Variable non définie : ${list}` },
    explanation: explanation(
      {
        en: `compose found ${uses} in the compose file but no value for ${plural ? "them" : "it"}, and replaced ${plural ? "them" : "it"} with an empty string (a warning: the deploy goes on, with empty values).`,
        fr: `compose a trouvé ${uses} dans le fichier compose sans valeur correspondante, et ${plural ? "les a remplacées" : "l'a remplacée"} par une chaîne vide (un avertissement : le déploiement continue, avec des valeurs vides).`,
      },
      {
        en: "on the pipeline, compose reads variables from the `.env` that the pipeline writes from **Dashboard → Environment variables**; " + (plural ? "these are" : "this one is") + " not set there.",
        fr: "sur le pipeline, compose lit les variables dans le `.env` que le pipeline écrit à partir de **Dashboard → Environment variables** ; " + (plural ? "celles-ci n'y sont pas définies." : "celle-ci n'y est pas définie."),
      },
      {
        en: `add ${plural ? "them" : "it"} in **Dashboard → Environment variables**, or give a default in the file (\`\${${first}:-value}\`, not for secrets). A variable meant for the container's shell, in \`command\` or a healthcheck, is written \`$$${first}\`.`,
        fr: `ajoutez-${plural ? "les" : "la"} dans **Dashboard → Environment variables**, ou donnez une valeur par défaut dans le fichier (\`\${${first}:-valeur}\`, pas pour les secrets). Une variable destinée au shell du conteneur, dans \`command\` ou un healthcheck, s'écrit \`$$${first}\`.`,
      },
    ),
  };
}

export function noHealthcheck(container: string | undefined): ExplainText {
  const shown = container ?? "<container>";
  return {
    title: { en: `No healthcheck on ${shown}`, fr: `Pas de healthcheck sur ${shown}` },
    explanation: explanation(
      {
        en: `\`docker compose up\` stopped: a service waits for \`${shown}\` with \`condition: service_healthy\`, but that container has no healthcheck, so it can never become healthy.`,
        fr: `\`docker compose up\` s'est arrêté : un service attend \`${shown}\` avec \`condition: service_healthy\`, mais ce conteneur n'a pas de healthcheck et ne peut donc jamais devenir « healthy ».`,
      },
      {
        en: "`service_healthy` needs a healthcheck, in the compose file or in the image (`HEALTHCHECK`).",
        fr: "`service_healthy` suppose un healthcheck, dans le fichier compose ou dans l'image (`HEALTHCHECK`).",
      },
      {
        en: "add a `healthcheck` to that service (for postgres: `test: [\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB\"]`), or wait with `condition: service_started`.",
        fr: "ajoutez un `healthcheck` à ce service (pour postgres : `test: [\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB\"]`), ou attendez avec `condition: service_started`.",
      },
    ),
    dashboardToo: true,
  };
}

export const OBSOLETE_VERSION: ExplainText = {
  title: { en: "The attribute version is obsolete", fr: "L'attribut version est obsolète" },
  explanation: explanation(
    {
      en: "a warning, not a failure: compose v2 ignores the top-level `version:` and says so.",
      fr: "un avertissement, pas un échec : compose v2 ignore le `version:` de premier niveau et le signale.",
    },
    undefined,
    {
      en: "remove the `version` line.",
      fr: "supprimez la ligne `version`.",
    },
  ),
  dashboardToo: true,
};

/**
 * The explanation of a failure a rule reports, by rule id, from the faults a
 * pasted log names: group 1 of the rule's LogPattern, in the order of the log
 * (none for a line that names no fault, which only the reserved port's and
 * the healthcheck's patterns recognise: the others always capture a name).
 * A rule with a log pattern and no entry here is explained by its docs
 * (ruleDocsExplanation).
 */
export const RULE_EXPLANATIONS: Readonly<Record<string, (names: readonly string[]) => ExplainText>> = {
  "env-file-not-dotenv": ([path]) => envFileNotFound(path),
  "no-container-name": ([name]) => containerNameInUse(name),
  "no-reserved-host-port": ([port]) => reservedPortInUse(port === undefined ? undefined : Number(port)),
  "external-network": ([name]) => externalNetworkMissing(name),
  "undefined-variable": (names) => variablesNotSet(names),
  "healthcheck-required": ([container]) => noHealthcheck(container),
  "obsolete-version": () => OBSOLETE_VERSION,
};

/**
 * A rule's docs as the explanation of its log line: its title; why (its
 * description) and the fix, the manual one first (an imperative sentence,
 * where the quick fix's is a title), lowercased after its label as in the
 * hovers. Its fix is in the compose file.
 */
export function ruleDocsExplanation(docs: RuleDocs): ExplainText {
  const fix = docs.manualFix ?? docs.fix;
  const build = (language: keyof Localized) => [`${WHY[language]} ${docs.description[language]}`, ...(fix ? [`${FIX[language]} ${afterLabel(fix[language])}`] : [])].join("\n\n");
  return { title: docs.title, explanation: { en: build("en"), fr: build("fr") }, dashboardToo: true };
}

/** A sentence after its label: its first letter lowercased, and a full stop when it has none. */
function afterLabel(text: string): string {
  const trimmed = text.trim();
  const lowered = trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
  return /[.!?)]$/.test(lowered) ? lowered : `${lowered}.`;
}
