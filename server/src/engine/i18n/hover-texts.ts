/**
 * The texts of the hovers, in English and French, written from the user's
 * troubleshooting guide and the Elestio platform facts the project was written from.
 * Markdown; names and values in backticks; log lines quoted exactly.
 */
import type { Localized } from "./index.js";

/**
 * The words every hover text that states a failure of this deploy holds (a
 * verdict: a port Elestio's proxy holds, a disabled healthcheck waited
 * for...), and that no other hover text holds: a general explanation of a
 * key says what would happen in other words ("a deploy that needs one stops
 * with", "otherwise ... fails with"). A verdict belongs where a rule
 * reports the fault: test/property/hover-consistency.property.test.ts checks
 * that no hover holds these words away from the findings.
 */
export const FAILURE_VERDICT = { en: "the deploy fails", fr: "le déploiement échoue" } as const satisfies Localized;

/** Labels of a diagnostic's hover. */
export const FINDING_LABELS = {
  log: {
    pipeline: { en: "Pipeline log:", fr: "Logs du pipeline :" },
    app: { en: "App log (`docker logs`):", fr: "Logs de l'application (`docker logs`) :" },
    browser: { en: "In the browser:", fr: "Dans le navigateur :" },
  },
  logExample: {
    pipeline: { en: "Pipeline log, for example:", fr: "Logs du pipeline, par exemple :" },
    app: { en: "App log (`docker logs`), for example:", fr: "Logs de l'application (`docker logs`), par exemple :" },
    browser: { en: "In the browser, for example:", fr: "Dans le navigateur, par exemple :" },
  },
  detail: { en: "In the parser's words:", fr: "Selon l'analyseur YAML :" },
  fix: { en: "Fix:", fr: "Solution :" },
  quickFix: { en: "Quick fix:", fr: "Correction rapide :" },
  documentation: { en: "Documentation of", fr: "Documentation de" },
} as const satisfies Record<string, Localized | Record<string, Localized>>;

export const ENV_FILE = {
  pipeline: {
    en: "**`env_file`**: files whose variables are set in the container.\n\nThe Elestio pipeline writes one env file only: `.env`, in the app folder (`/opt/app/<pipeline>/`), from **Dashboard → Environment variables**. Another env file is there only if it is committed to Git: `.env.production` usually is not (Git ignores it), and a required env file that is missing stops the deploy with `env file /opt/app/<pipeline>/.env.production not found`.",
    fr: "**`env_file`** : fichiers dont les variables sont définies dans le conteneur.\n\nLe pipeline Elestio n'écrit qu'un seul fichier d'environnement : `.env`, dans le dossier de l'application (`/opt/app/<pipeline>/`), à partir de **Dashboard → Environment variables**. Un autre fichier d'environnement n'y existe que s'il est versionné dans Git : `.env.production` n'y est en général pas (Git l'ignore), et un fichier requis qui manque arrête le déploiement avec l'erreur `env file /opt/app/<pipeline>/.env.production not found`.",
  },
  local: {
    en: "**`env_file`**: files whose variables are set in the container, relative to this file. (The Elestio pipeline writes only `.env`; that matters in the pipeline's compose file, not here.)",
    fr: "**`env_file`** : fichiers dont les variables sont définies dans le conteneur, relatifs à ce fichier. (Le pipeline Elestio n'écrit que `.env` ; cela compte dans le fichier compose du pipeline, pas ici.)",
  },
  dotEnvItem: (path: string): Localized => ({
    en: `\`${path}\` is the file the pipeline writes from the dashboard's environment variables.`,
    fr: `\`${path}\` est le fichier que le pipeline écrit à partir des variables d'environnement du dashboard.`,
  }),
  optionalItem: (path: string): Localized => ({
    en: `\`${path}\` is optional (\`required: false\`): compose skips it when it is missing.`,
    fr: `\`${path}\` est facultatif (\`required: false\`) : compose l'ignore s'il est absent.`,
  }),
  otherItem: (path: string): Localized => ({
    en: `\`${path}\` must exist wherever compose runs.`,
    fr: `\`${path}\` doit exister partout où compose est lancé.`,
  }),
};

export const CONTAINER_NAME = {
  pipeline: (name: string | undefined): Localized => {
    const shown = name ?? "<name>";
    return {
      en: `**\`container_name\`**: a fixed name for the container, instead of compose's \`<project>-<service>-1\`.\n\nAvoid it in the pipeline's file: while another container named \`${shown}\` exists (left by an earlier manual deployment, for instance), every redeploy fails with \`Conflict. The container name "/${shown}" is already in use\`. Without it, the pipeline's containers are named \`<pipeline>-<service>-1\` and replaced cleanly on each deploy.`,
      fr: `**\`container_name\`** : un nom fixe pour le conteneur, au lieu du \`<projet>-<service>-1\` de compose.\n\nÀ éviter dans le fichier du pipeline : tant qu'un autre conteneur nommé \`${shown}\` existe (laissé par un ancien déploiement manuel, par exemple), chaque redéploiement échoue avec l'erreur \`Conflict. The container name "/${shown}" is already in use\`. Sans lui, les conteneurs du pipeline s'appellent \`<pipeline>-<service>-1\` et sont remplacés proprement à chaque déploiement.`,
    };
  },
  local: {
    en: "**`container_name`**: a fixed name for the container, instead of compose's `<project>-<service>-1`. Fine in a local file; the pipeline's compose file should not set it (redeploys fail with `Conflict. The container name … is already in use`).",
    fr: "**`container_name`** : un nom fixe pour le conteneur, au lieu du `<projet>-<service>-1` de compose. Aucun problème dans un fichier local ; le fichier compose du pipeline ne doit pas le définir (les redéploiements échouent avec l'erreur `Conflict. The container name … is already in use`).",
  },
};

export const PORTS = {
  pipeline: {
    en: "**`ports`**: ports published on the VM.\n\nElestio's reverse proxy (`elestio-nginx`, OpenResty) owns ports 80 and 443, handles TLS and forwards the requests of each domain to `http://172.17.0.1:<host port>/` (172.17.0.1 is the VM's Docker bridge). Publish the web port as `\"172.17.0.1:8000:8000\"`: the proxy reaches it, the internet does not. Without an address the port is also open on the VM's public IP; bound to `127.0.0.1`, the proxy cannot reach it (502).",
    fr: "**`ports`** : ports publiés sur la VM.\n\nLe reverse proxy d'Elestio (`elestio-nginx`, OpenResty) détient les ports 80 et 443, gère le TLS et transmet les requêtes de chaque domaine à `http://172.17.0.1:<port hôte>/` (172.17.0.1 est le pont Docker de la VM). Publiez le port web en `\"172.17.0.1:8000:8000\"` : le proxy l'atteint ; le port reste fermé à Internet. Sans adresse, le port est aussi ouvert sur l'IP publique de la VM ; lié à `127.0.0.1`, le proxy ne peut pas l'atteindre (502).",
  },
  local: {
    en: "**`ports`**: ports published on the host, as `[address:]host:container`. Without an address, a port is open on every interface, reachable from other machines.",
    fr: "**`ports`** : ports publiés sur l'hôte, sous la forme `[adresse:]hôte:conteneur`. Sans adresse, un port est ouvert sur toutes les interfaces, accessible depuis d'autres machines.",
  },
};

/** One published port, described for the hovered `ports` item. */
export const PORT_ITEM = {
  publishes: (host: string, target: string, where: Localized): Localized => ({
    en: `**Publishes host port ${host}** → container port ${target}, ${where.en}.`,
    fr: `**Publie le port hôte ${host}** → port ${target} du conteneur, ${where.fr}.`,
  }),
  randomHost: (target: string): Localized => ({
    en: `**Publishes container port ${target}** on a host port Docker picks at random.`,
    fr: `**Publie le port ${target} du conteneur** sur un port hôte choisi au hasard par Docker.`,
  }),
  everyInterface: { en: "on every interface", fr: "sur toutes les interfaces" },
  onAddress: (address: string): Localized => ({ en: `on \`${address}\` only`, fr: `sur \`${address}\` uniquement` }),
  variable: {
    en: "The host port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**.",
    fr: "Le port hôte vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables**.",
  },
  variableTarget: {
    en: "The container port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**; unset, compose refuses the port.",
    fr: "Le port du conteneur vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables** ; si elle manque, compose refuse le port.",
  },
  noTarget: {
    en: "**No container port**: the entry names no port inside the container (`target: 8000`).",
    fr: "**Aucun port du conteneur** : l'entrée ne nomme aucun port à l'intérieur du conteneur (`target: 8000`).",
  },
  variableProtocol: {
    en: "The protocol comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**; unset, the port is TCP.",
    fr: "Le protocole vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables** ; si elle manque, le port est en TCP.",
  },
  variableAddress: {
    en: "The address comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**; unset, the port is open on every interface.",
    fr: "L'adresse vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables** ; si elle manque, le port est ouvert sur toutes les interfaces.",
  },
  reserved: (port: number): Localized => ({
    en: `Port ${port} belongs to Elestio's proxy (\`elestio-nginx\`): the deploy fails with \`failed to bind host port for 0.0.0.0:${port} - address already in use\`. Let the proxy serve 80/443 and publish the app on \`172.17.0.1\`.`,
    fr: `Le port ${port} appartient au proxy d'Elestio (\`elestio-nginx\`) : le déploiement échoue avec l'erreur \`failed to bind host port for 0.0.0.0:${port} - address already in use\`. Laissez le proxy servir 80/443 et publiez l'application sur \`172.17.0.1\`.`,
  }),
  otherProtocol: (protocol: string): Localized => ({
    en: `A ${protocol.toUpperCase()} port: Elestio's proxy carries HTTP and HTTPS over TCP only, so this port neither collides with its ports 80/443 nor goes through it.`,
    fr: `Un port ${protocol.toUpperCase()} : le proxy d'Elestio ne transporte que HTTP et HTTPS sur TCP, ce port n'entre donc pas en conflit avec ses ports 80/443 et ne passe pas par lui.`,
  }),
  bridge: (port: string): Localized => ({
    en: `Elestio's proxy reaches it at \`172.17.0.1:${port}\`; the internet does not. This is how Elestio's own templates publish ports.`,
    fr: `Le proxy d'Elestio l'atteint sur \`172.17.0.1:${port}\` ; le port reste fermé à Internet. C'est ainsi que les modèles d'Elestio publient leurs ports.`,
  }),
  public: (port: string, target: string): Localized => ({
    en: `Elestio's proxy reaches it at \`172.17.0.1:${port}\`, but it is **public** too: open on the VM's public IP, bypassing the proxy and TLS (how \`Invalid HTTP_HOST header: '<ip>:${port}'\` happens). To keep it private: \`"172.17.0.1:${port}:${target}"\`.`,
    fr: `Le proxy d'Elestio l'atteint sur \`172.17.0.1:${port}\`, mais il est aussi **public** : ouvert sur l'IP publique de la VM, sans passer par le proxy ni le TLS (d'où \`Invalid HTTP_HOST header: '<ip>:${port}'\`). Pour le garder privé : \`"172.17.0.1:${port}:${target}"\`.`,
  }),
  loopback: (port: string): Localized => ({
    en: `Reachable from the VM only: Elestio's proxy connects to \`172.17.0.1:${port}\` and cannot reach it (a 502 Bad Gateway if this is the web port). Fine for a port you reach through an SSH tunnel only.`,
    fr: `Accessible depuis la VM seulement : le proxy d'Elestio se connecte à \`172.17.0.1:${port}\` et ne peut pas l'atteindre (502 Bad Gateway s'il s'agit du port web). Cela convient pour un port que vous n'atteignez que par un tunnel SSH.`,
  }),
  otherAddress: (port: string): Localized => ({
    en: `Elestio's proxy connects to \`172.17.0.1:${port}\`, which this binding does not listen on.`,
    fr: `Le proxy d'Elestio se connecte à \`172.17.0.1:${port}\`, où cette publication n'écoute pas.`,
  }),
  random: {
    en: "The proxy needs a fixed host port: write `\"172.17.0.1:<host>:<container>\"`.",
    fr: "Le proxy a besoin d'un port hôte fixe : écrivez `\"172.17.0.1:<hôte>:<conteneur>\"`.",
  },
  localPublic: {
    en: "Reachable from other machines on the network.",
    fr: "Accessible depuis les autres machines du réseau.",
  },
  localLoopback: {
    en: "Reachable from this machine only.",
    fr: "Accessible depuis cette machine uniquement.",
  },
};

export const DEPENDS_ON = {
  key: {
    en: "**`depends_on`**: services started before this one. The short form (`- db`) waits for the container to start only; `condition: service_healthy` waits for its healthcheck to pass, and needs one: otherwise `docker compose up` fails with `container <name> has no healthcheck configured`.",
    fr: "**`depends_on`** : services démarrés avant celui-ci. La forme courte (`- db`) attend seulement que le conteneur démarre ; `condition: service_healthy` attend que son healthcheck réussisse, et il en faut un : sinon `docker compose up` échoue avec l'erreur `container <nom> has no healthcheck configured`.",
  },
  startsAfter: (service: string, target: string): Localized => ({
    en: `**\`${service}\` starts after \`${target}\`**.`,
    fr: `**\`${service}\` démarre après \`${target}\`**.`,
  }),
  unknownTarget: (target: string, log: string): Localized => ({
    en: `No service \`${target}\` in this file: compose refuses the file with \`${log}\`.`,
    fr: `Aucun service \`${target}\` dans ce fichier : compose refuse le fichier avec l'erreur \`${log}\`.`,
  }),
  cycle: (log: string): Localized => ({
    en: `This dependency is part of a cycle: compose refuses the file with \`${log}\`.`,
    fr: `Cette dépendance fait partie d'un cycle : compose refuse le fichier avec l'erreur \`${log}\`.`,
  }),
};

export const CONDITION = {
  explained: {
    en: "**`condition`**: what to wait for. `service_started` (the default): the container has started. `service_healthy`: its healthcheck passes, which needs a healthcheck. `service_completed_successfully`: it has exited with code 0 (migrations, one-off jobs).",
    fr: "**`condition`** : ce qu'il faut attendre. `service_started` (par défaut) : le conteneur a démarré. `service_healthy` : son healthcheck réussit, ce qui suppose un healthcheck. `service_completed_successfully` : il s'est terminé avec le code 0 (migrations, tâches ponctuelles).",
  },
  healthy: (target: string, test: string | undefined): Localized => ({
    en: test ? `\`${target}\` has a healthcheck: \`${test}\`.` : `\`${target}\` has a healthcheck.`,
    fr: test ? `\`${target}\` a un healthcheck : \`${test}\`.` : `\`${target}\` a un healthcheck.`,
  }),
  noHealthcheck: (target: string): Localized => ({
    en: `\`${target}\` has no healthcheck in this file: its image must define one (\`HEALTHCHECK\`), else the deploy fails with \`container <pipeline>-${target}-1 has no healthcheck configured\`.`,
    fr: `\`${target}\` n'a pas de healthcheck dans ce fichier : son image doit en définir un (\`HEALTHCHECK\`), sinon le déploiement échoue avec l'erreur \`container <pipeline>-${target}-1 has no healthcheck configured\`.`,
  }),
  disabled: (target: string): Localized => ({
    en: `\`${target}\` disables its healthcheck (\`disable: true\` or \`test: ["NONE"]\`): the deploy fails with \`container <pipeline>-${target}-1 has no healthcheck configured\`.`,
    fr: `\`${target}\` désactive son healthcheck (\`disable: true\` ou \`test: ["NONE"]\`) : le déploiement échoue avec l'erreur \`container <pipeline>-${target}-1 has no healthcheck configured\`.`,
  }),
  inherited: (target: string): Localized => ({
    en: `\`${target}\` sets healthcheck options without a \`test\`: the test of its image (\`HEALTHCHECK\`) applies.`,
    fr: `\`${target}\` configure son healthcheck sans \`test\` : c'est le test de son image (\`HEALTHCHECK\`) qui s'applique.`,
  }),
  dockerfile: (target: string): Localized => ({
    en: `\`${target}\` has a healthcheck in its Dockerfile (\`HEALTHCHECK\`).`,
    fr: `\`${target}\` a un healthcheck dans son Dockerfile (\`HEALTHCHECK\`).`,
  }),
  optional: (target: string): Localized => ({
    en: `\`${target}\` has no healthcheck, but the dependency is optional (\`required: false\`): compose only warns and starts this service anyway.`,
    fr: `\`${target}\` n'a pas de healthcheck, mais la dépendance est facultative (\`required: false\`) : compose se contente d'un avertissement et démarre ce service quand même.`,
  }),
};

export const HEALTHCHECK = {
  en: "**`healthcheck`**: how Docker tests that the container works; `depends_on` with `condition: service_healthy` waits for it to pass.\n\n- `[\"CMD\", \"curl\", \"-f\", \"http://localhost:8000/\"]` runs the program directly: `||`, `&&` and `|` reach it as literal arguments, and `$$VAR` as the literal text `$VAR`, never expanded.\n- `[\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER\"]` (or a plain string) runs through `/bin/sh`, which expands `$POSTGRES_USER` from the container's environment.\n- Compose replaces `$VAR` and `${VAR}` everywhere in the file at deploy time, with their value from `.env`, usually empty for a variable of the container: write `$$VAR` for those.",
  fr: "**`healthcheck`** : comment Docker vérifie que le conteneur fonctionne ; `depends_on` avec `condition: service_healthy` attend qu'il réussisse.\n\n- `[\"CMD\", \"curl\", \"-f\", \"http://localhost:8000/\"]` lance le programme directement : `||`, `&&` et `|` lui parviennent comme arguments littéraux, et `$$VAR` comme le texte littéral `$VAR`, jamais développé.\n- `[\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER\"]` (ou une simple chaîne) passe par `/bin/sh`, qui développe `$POSTGRES_USER` à partir de l'environnement du conteneur.\n- Compose remplace `$VAR` et `${VAR}` partout dans le fichier au déploiement, par leur valeur tirée de `.env`, en général vide pour une variable du conteneur : écrivez `$$VAR` pour celles-ci.",
} satisfies Localized;

export const RESTART = {
  local: {
    en: "**`restart`**: what Docker does when the container stops. `unless-stopped` and `always` restart it after a crash and after a reboot; with `no` (the default) a crashed container stays down.",
    fr: "**`restart`** : ce que fait Docker quand le conteneur s'arrête. `unless-stopped` et `always` le relancent après un plantage et après un redémarrage ; avec `no` (par défaut), un conteneur planté reste arrêté.",
  },
  key: {
    en: "**`restart`**: what Docker does when the container stops. `unless-stopped` and `always` restart it after a crash and after the VM reboots; with `no` (the default) a crashed app stays down and Elestio's proxy answers 502 Bad Gateway.",
    fr: "**`restart`** : ce que fait Docker quand le conteneur s'arrête. `unless-stopped` et `always` le relancent après un plantage et après un redémarrage de la VM ; avec `no` (par défaut), une application plantée reste arrêtée et le proxy d'Elestio répond 502 Bad Gateway.",
  },
  values: {
    "unless-stopped": { en: "`unless-stopped`: restarted unless you stopped it yourself.", fr: "`unless-stopped` : relancé, sauf si vous l'avez arrêté vous-même." },
    always: { en: "`always`: always restarted.", fr: "`always` : toujours relancé." },
    "on-failure": { en: "`on-failure`: restarted only after an exit with a non-zero code.", fr: "`on-failure` : relancé seulement après une sortie avec un code non nul." },
    no: { en: "`no`: never restarted.", fr: "`no` : jamais relancé." },
  } as Record<string, Localized>,
};

export const NETWORKS = {
  service: {
    en: "**`networks`**: the networks this service joins; services on a shared network reach each other by service name (`db:5432`). Networks declared at the top level are created by compose as `<project>_<name>`; an `external: true` network must already exist.",
    fr: "**`networks`** : les réseaux que rejoint ce service ; les services d'un même réseau se joignent par leur nom (`db:5432`). Les réseaux déclarés au premier niveau sont créés par compose sous le nom `<projet>_<nom>` ; un réseau `external: true` doit déjà exister.",
  },
  top: {
    en: "**`networks`**: the networks of this project. Compose creates each one as `<project>_<name>` (on Elestio, the project is the pipeline's name), except `external: true` networks, which must already exist.",
    fr: "**`networks`** : les réseaux de ce projet. Compose crée chacun sous le nom `<projet>_<nom>` (sur Elestio, le projet porte le nom du pipeline), sauf les réseaux `external: true`, qui doivent déjà exister.",
  },
  external: (name: string, pipeline: boolean): Localized => pipeline
    ? {
      en: `**\`${name}\` is external**: compose does not create it, it must already exist on the VM. Create it once over SSH: \`docker network create ${name}\`. Until it exists, deploys stop with \`network ${name} declared as external, but could not be found\`.`,
      fr: `**\`${name}\` est externe** : compose ne le crée pas, il doit déjà exister sur la VM. Créez-le une fois en SSH : \`docker network create ${name}\`. Tant qu'il n'existe pas, les déploiements s'arrêtent avec l'erreur \`network ${name} declared as external, but could not be found\`.`,
    }
    : {
      en: `**\`${name}\` is external**: compose does not create it; it must exist before \`docker compose up\` (\`docker network create ${name}\`), else \`network ${name} declared as external, but could not be found\`.`,
      fr: `**\`${name}\` est externe** : compose ne le crée pas ; il doit exister avant \`docker compose up\` (\`docker network create ${name}\`), sinon \`network ${name} declared as external, but could not be found\`.`,
    },
  created: (name: string): Localized => ({
    en: `**Network \`${name}\`**: created by compose as \`<project>_${name}\` when the project starts.`,
    fr: `**Réseau \`${name}\`** : créé par compose sous le nom \`<projet>_${name}\` au démarrage du projet.`,
  }),
  undeclared: (name: string, log: string): Localized => ({
    en: `**Network \`${name}\`**: not declared under the top-level \`networks\`, so compose does not create it and refuses the file with \`${log}\`.`,
    fr: `**Réseau \`${name}\`** : non déclaré dans le \`networks\` de premier niveau, donc compose ne le crée pas et refuse le fichier avec l'erreur \`${log}\`.`,
  }),
};

export const VARIABLE = {
  title: (name: string): Localized => ({ en: `**\`${name}\`**: a compose variable.`, fr: `**\`${name}\`** : une variable de compose.` }),
  sourcePipeline: {
    en: "At deploy time, compose takes its value from the `.env` file that the pipeline writes from **Dashboard → Environment variables**.",
    fr: "Au déploiement, compose prend sa valeur dans le fichier `.env` que le pipeline écrit à partir de **Dashboard → Environment variables**.",
  },
  sourceLocal: {
    en: "Compose takes its value from the shell's environment, then from the `.env` file beside this file.",
    fr: "Compose prend sa valeur dans l'environnement du shell, puis dans le fichier `.env` situé à côté de ce fichier.",
  },
  noDefault: (name: string): Localized => ({
    en: `No default: when it is not set, compose warns \`The "${name}" variable is not set. Defaulting to a blank string.\` and uses an empty string.`,
    fr: `Pas de valeur par défaut : si elle n'est pas définie, compose avertit \`The "${name}" variable is not set. Defaulting to a blank string.\` et utilise une chaîne vide.`,
  }),
  defaultUnsetOrEmpty: (value: string): Localized => ({
    en: `Default: ${code(value)}, when it is not set or empty.`,
    fr: `Valeur par défaut : ${code(value)}, si elle n'est pas définie ou vide.`,
  }),
  defaultUnset: (value: string): Localized => ({
    en: `Default: ${code(value)}, when it is not set (an empty value stays empty).`,
    fr: `Valeur par défaut : ${code(value)}, si elle n'est pas définie (une valeur vide reste vide).`,
  }),
  required: (message: string, orEmpty: boolean): Localized => ({
    en: `Required: when it is not set${orEmpty ? " or empty" : ""}, compose stops${message ? ` with ${code(message)}` : ""}.`,
    fr: `Obligatoire : si elle n'est pas définie${orEmpty ? " ou vide" : ""}, compose s'arrête${message ? ` avec l'erreur ${code(message)}` : ""}.`,
  }),
  alternative: (value: string, orEmpty: boolean): Localized => ({
    en: `Gives ${code(value)} when the variable is set${orEmpty ? " and not empty" : ""}, an empty string otherwise.`,
    fr: `Donne ${code(value)} quand la variable est définie${orEmpty ? " et non vide" : ""}, une chaîne vide sinon.`,
  }),
  localDefined: {
    en: "The `.env` beside this file sets it, for local runs: the pipeline writes its own `.env` from the dashboard.",
    fr: "Le `.env` à côté de ce fichier la définit, pour les lancements locaux : le pipeline écrit son propre `.env` à partir du dashboard.",
  },
  localDefinedLocal: {
    en: "The `.env` beside this file sets it.",
    fr: "Le `.env` à côté de ce fichier la définit.",
  },
  localMissing: {
    en: "The `.env` beside this file does not set it.",
    fr: "Le `.env` à côté de ce fichier ne la définit pas.",
  },
  noLocalDotEnv: {
    en: "There is no `.env` beside this file.",
    fr: "Il n'y a pas de `.env` à côté de ce fichier.",
  },
  escaped: (name: string): Localized => ({
    en: `**\`$$${name}\`**: \`$$\` is a literal \`$\`. Compose turns it into \`$${name}\`, which the container's shell expands from the container's own environment.`,
    fr: `**\`$$${name}\`** : \`$$\` est un \`$\` littéral. Compose le transforme en \`$${name}\`, que le shell du conteneur remplace par la valeur de son propre environnement.`,
  }),
};

/** Inline code for a value that may be empty or contain backticks. */
function code(value: string): string {
  if (value === "") return "`\"\"`";
  return value.includes("`") ? `\`\` ${value} \`\`` : `\`${value}\``;
}

export const TLS_SERVICES = {
  acme: (name: string, pipeline: boolean): Localized => pipeline
    ? {
      en: `**\`${name}\`: Elestio already does this.** Its reverse proxy \`elestio-nginx\` (OpenResty) owns ports 80 and 443 and obtains and renews the Let's Encrypt certificates of the pipeline's domain and of your custom domains. Remove this service and whatever refers to it.`,
      fr: `**\`${name}\` : Elestio s'en charge déjà.** Son reverse proxy \`elestio-nginx\` (OpenResty) détient les ports 80 et 443, obtient et renouvelle les certificats Let's Encrypt du domaine du pipeline et de vos domaines personnalisés. Supprimez ce service et ce qui y fait référence.`,
    }
    : {
      en: `**\`${name}\`** obtains Let's Encrypt certificates. Not needed in the pipeline's compose file: Elestio's proxy handles TLS there.`,
      fr: `**\`${name}\`** obtient des certificats Let's Encrypt. Inutile dans le fichier compose du pipeline : le proxy d'Elestio y gère le TLS.`,
    },
  proxyOnReservedPorts: (name: string, pipeline: boolean): Localized => pipeline
    ? {
      en: `**\`${name}\` takes Elestio's place.** Elestio's reverse proxy \`elestio-nginx\` (OpenResty) already owns ports 80 and 443, handles TLS and forwards the requests of each domain to \`172.17.0.1:<port>\`; a second proxy on 80/443 fails with \`failed to bind host port for 0.0.0.0:80 - address already in use\`. Remove it and publish the app's port on \`172.17.0.1\`.`,
      fr: `**\`${name}\` prend la place d'Elestio.** Le reverse proxy d'Elestio \`elestio-nginx\` (OpenResty) détient déjà les ports 80 et 443, gère le TLS et transmet les requêtes de chaque domaine à \`172.17.0.1:<port>\` ; un second proxy sur 80/443 échoue avec l'erreur \`failed to bind host port for 0.0.0.0:80 - address already in use\`. Supprimez-le et publiez le port de l'application sur \`172.17.0.1\`.`,
    }
    : {
      en: `**\`${name}\`**: a reverse proxy on ports 80/443. Fine locally; in the pipeline's compose file, Elestio's own proxy (\`elestio-nginx\`) owns 80, 443 and TLS.`,
      fr: `**\`${name}\`** : un reverse proxy sur les ports 80/443. Aucun problème en local ; dans le fichier compose du pipeline, le proxy d'Elestio (\`elestio-nginx\`) détient 80, 443 et le TLS.`,
    },
  proxyBehind: (name: string): Localized => ({
    en: `**\`${name}\`**: a web server behind Elestio's proxy, which owns ports 80/443 and TLS. Fine as long as it serves another port bound to \`172.17.0.1\`, as Elestio's own templates do.`,
    fr: `**\`${name}\`** : un serveur web derrière le proxy d'Elestio, qui détient les ports 80/443 et le TLS. Cela ne pose pas de problème tant qu'il sert un autre port lié à \`172.17.0.1\`, comme le font les modèles d'Elestio.`,
  }),
};

export const DJANGO = {
  allowedHosts: (name: string): Localized => ({
    en: `**\`${name}\`** (Django): the hosts Django answers for. Any other \`Host\` is refused (DisallowedHost), and the app's log (\`docker logs\`) says \`Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.\`\n\n- A \`Host\` of the form \`<ip>:8000\` means the port is public: bind it to \`172.17.0.1:8000:8000\` rather than allowing the IP.\n- Include the pipeline's domain (\`<pipeline>-u<id>.vm.elestio.app\`) and your custom domains: in the file, or in **Dashboard → Environment variables** when the value is a \`\${...}\` variable.\n- A variable of extra hosts, such as \`ALLOWED_HOSTS_EXTRA\`, works only if your settings.py reads it.`,
    fr: `**\`${name}\`** (Django) : les hôtes auxquels Django répond. Tout autre \`Host\` est refusé (DisallowedHost), et les logs de l'application (\`docker logs\`) affichent \`Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.\`\n\n- Un \`Host\` de la forme \`<ip>:8000\` signifie que le port est public : liez-le à \`172.17.0.1:8000:8000\` plutôt que d'autoriser l'IP.\n- Incluez le domaine du pipeline (\`<pipeline>-u<id>.vm.elestio.app\`) et vos domaines personnalisés : dans le fichier, ou dans **Dashboard → Environment variables** si la valeur est une variable \`\${...}\`.\n- Une variable d'hôtes supplémentaires, comme \`ALLOWED_HOSTS_EXTRA\`, ne sert que si votre settings.py la lit.`,
  }),
  csrf: (name: string): Localized => ({
    en: `**\`${name}\`** (Django): since Django 4.0, each origin needs its scheme, and behind Elestio's proxy the site is served over HTTPS: \`https://app.example.com\`. Django also needs \`SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\` to see HTTPS, since the proxy forwards plain HTTP with \`X-Forwarded-Proto\`.`,
    fr: `**\`${name}\`** (Django) : depuis Django 4.0, chaque origine doit comporter son schéma, et derrière le proxy d'Elestio le site est servi en HTTPS : \`https://app.example.com\`. Django a aussi besoin de \`SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\` pour voir le HTTPS, car le proxy transmet du HTTP simple avec \`X-Forwarded-Proto\`.`,
  }),
  general: (name: string): Localized => ({
    en: `**\`${name}\`** (Django behind Elestio's proxy): \`elestio-nginx\` handles TLS and forwards plain HTTP to \`172.17.0.1:<port>\` with \`Host\`, \`X-Forwarded-For\` and \`X-Forwarded-Proto\`.\n\n- \`ALLOWED_HOSTS\` must cover the pipeline's domain and custom domains, else \`Invalid HTTP_HOST header\` (DisallowedHost) in the app's log.\n- \`SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\` lets Django see HTTPS; \`CSRF_TRUSTED_ORIGINS\` entries need \`https://\`.\n- 502 Bad Gateway in the browser: the proxy got no answer from \`172.17.0.1:<port>\` (port not published there, app still starting, or crashed).`,
    fr: `**\`${name}\`** (Django derrière le proxy d'Elestio) : \`elestio-nginx\` gère le TLS et transmet du HTTP simple vers \`172.17.0.1:<port>\` avec \`Host\`, \`X-Forwarded-For\` et \`X-Forwarded-Proto\`.\n\n- \`ALLOWED_HOSTS\` doit couvrir le domaine du pipeline et les domaines personnalisés, sinon \`Invalid HTTP_HOST header\` (DisallowedHost) dans les logs de l'application.\n- \`SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\` permet à Django de voir le HTTPS ; les entrées de \`CSRF_TRUSTED_ORIGINS\` doivent commencer par \`https://\`.\n- 502 Bad Gateway dans le navigateur : le proxy n'a pas obtenu de réponse de \`172.17.0.1:<port>\` (port non publié à cette adresse, application encore en démarrage, ou plantée).`,
  }),
  secretKey: (name: string): Localized => ({
    en: `**\`${name}\`** (Django): keep its value out of Git and out of the compose file. Set it in **Dashboard → Environment variables** and reference \`\${${name}}\`.`,
    fr: `**\`${name}\`** (Django) : gardez sa valeur hors de Git et du fichier compose. Définissez-la dans **Dashboard → Environment variables** et écrivez \`\${${name}}\` à sa place.`,
  }),
  debug: (name: string): Localized => ({
    en: `**\`${name}\`** (Django): keep it \`False\` in production. With \`True\`, Django shows its settings and stack traces to visitors.`,
    fr: `**\`${name}\`** (Django) : gardez-le à \`False\` en production. À \`True\`, Django affiche sa configuration et ses traces d'erreur aux visiteurs.`,
  }),
};
