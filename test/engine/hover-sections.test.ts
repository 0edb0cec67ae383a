/**
 * The hovers a user reads on a key or a value, in both languages, in the
 * pipeline's file and in a local one: each holds every sentence it promises
 * (what the key does, what this item does here, what the `.env` beside the
 * file says), with the names and values of the file, and its sections are
 * joined cleanly (no empty sentence, no stray blank line).
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hover } from "../../server/src/engine/hover/index.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import type { ProjectFiles } from "../../server/src/engine/project.js";

/** A project whose files are `files` (paths relative to the compose file's folder); `.env` as its dotEnv. */
function project(files: Record<string, string>): ProjectFiles {
  return {
    filePath: "/srv/app/docker-compose.yml",
    exists: (path) => path.replace(/^\/srv\/app\//, "") in files,
    isGitIgnored: () => false,
    dotEnv: () => (files[".env"] === undefined ? undefined : new Map(files[".env"].split("\n").filter(Boolean).map((line) => line.split("=", 2) as [string, string]))),
    readText: (path) => files[path.replace(/^\/srv\/app\//, "").replace(/^\.\//, "")],
  };
}

interface Row {
  name: string;
  yaml: string;
  /** The text hovered: its first occurrence, or the one after `after`. */
  at: string;
  after?: string;
  pipeline: boolean;
  files?: Record<string, string>;
  holds: Record<Language, readonly string[]>;
}

const ROWS: Row[] = [
  {
    name: "the pipeline's `.env` item: the file the pipeline writes",
    yaml: "services:\n  web:\n    image: app:1\n    env_file: [.env]\n",
    at: ".env",
    pipeline: true,
    holds: {
      en: ["`.env` is the file the pipeline writes from the dashboard's environment variables."],
      fr: ["`.env` est le fichier que le pipeline écrit à partir des variables d'environnement du dashboard."],
    },
  },
  {
    name: "an optional env file: skipped when missing",
    yaml: "services:\n  web:\n    image: app:1\n    env_file:\n      - path: .env.local\n        required: false\n",
    at: ".env.local",
    pipeline: true,
    holds: {
      en: ["`.env.local` is optional (`required: false`): compose skips it when it is missing."],
      fr: ["`.env.local` est facultatif (`required: false`) : compose l'ignore s'il est absent."],
    },
  },
  {
    name: "another env file: it must exist",
    yaml: "services:\n  web:\n    image: app:1\n    env_file: [.env.production]\n",
    at: ".env.production",
    pipeline: true,
    holds: { en: ["`.env.production` must exist wherever compose runs."], fr: ["`.env.production` doit exister partout où compose est lancé."] },
  },
  {
    name: "container_name in a local file",
    yaml: "services:\n  web:\n    image: app:1\n    container_name: web\n",
    at: "container_name",
    pipeline: false,
    holds: {
      en: ["**`container_name`**: a fixed name for the container", "Fine in a local file"],
      fr: ["**`container_name`** : un nom fixe pour le conteneur", "Aucun problème dans un fichier local"],
    },
  },
  {
    name: "container_name without a value in the pipeline's file: a placeholder for the name",
    yaml: "services:\n  web:\n    image: app:1\n    container_name:\n",
    at: "container_name",
    pipeline: true,
    holds: { en: ['named `<name>` exists', 'The container name "/<name>" is already in use'], fr: ["nommé `<name>` existe", 'The container name "/<name>" is already in use'] },
  },
  {
    name: "ports in a local file",
    yaml: 'services:\n  web:\n    image: app:1\n    ports: ["8000:8000"]\n',
    at: "ports",
    pipeline: false,
    holds: {
      en: ["**`ports`**: ports published on the host, as `[address:]host:container`."],
      fr: ["**`ports`** : ports publiés sur l'hôte, sous la forme `[adresse:]hôte:conteneur`."],
    },
  },
  {
    name: "a container port alone: a random host port, which the proxy cannot reach",
    yaml: 'services:\n  web:\n    image: app:1\n    ports: ["8000"]\n',
    at: "8000",
    pipeline: true,
    holds: {
      en: ["**Publishes container port 8000** on a host port Docker picks at random.\n\nThe proxy needs a fixed host port: write `\"172.17.0.1:<host>:<container>\"`."],
      fr: ["**Publie le port 8000 du conteneur** sur un port hôte choisi au hasard par Docker.\n\nLe proxy a besoin d'un port hôte fixe : écrivez `\"172.17.0.1:<hôte>:<conteneur>\"`."],
    },
  },
  {
    name: "a host port from a variable without a default",
    yaml: 'services:\n  web:\n    image: app:1\n    ports: ["${PORT}:8000"]\n',
    at: ":8000",
    pipeline: true,
    holds: {
      en: ["The host port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**."],
      fr: ["Le port hôte vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables**."],
    },
  },
  {
    name: "a UDP port: the proxy does not carry it, named in capitals",
    yaml: 'services:\n  dns:\n    image: coredns:1\n    ports: ["53:53/udp"]\n',
    at: "53:53",
    pipeline: true,
    holds: { en: ["**Publishes host port 53** → container port 53/udp, on every interface. A UDP port: Elestio's proxy carries"], fr: ["**Publie le port hôte 53** → port 53/udp du conteneur, sur toutes les interfaces. Un port UDP : le proxy d'Elestio ne transporte"] },
  },
  {
    name: "a port on the bridge: what Elestio's proxy reaches",
    yaml: 'services:\n  web:\n    image: app:1\n    ports: ["172.17.0.1:8000:8000"]\n',
    at: "172.17",
    pipeline: true,
    holds: {
      en: ["**Publishes host port 8000** → container port 8000, on `172.17.0.1` only. Elestio's proxy reaches it at `172.17.0.1:8000`; the internet does not."],
      fr: ["**Publie le port hôte 8000** → port 8000 du conteneur, sur `172.17.0.1` uniquement. Le proxy d'Elestio l'atteint sur `172.17.0.1:8000` ; le port reste fermé à Internet."],
    },
  },
  {
    name: "a port on the loopback: reachable from the VM only",
    yaml: 'services:\n  db:\n    image: postgres:16\n    ports: ["127.0.0.1:5432:5432"]\n',
    at: "127.0",
    pipeline: true,
    holds: {
      en: ["on `127.0.0.1` only. Reachable from the VM only: Elestio's proxy connects to `172.17.0.1:5432`"],
      fr: ["sur `127.0.0.1` uniquement. Accessible depuis la VM seulement : le proxy d'Elestio se connecte à `172.17.0.1:5432`"],
    },
  },
  {
    name: "a port on another address: not where the proxy connects",
    yaml: 'services:\n  web:\n    image: app:1\n    ports: ["10.0.0.5:8000:8000"]\n',
    at: "10.0",
    pipeline: true,
    holds: {
      en: ["on `10.0.0.5` only. Elestio's proxy connects to `172.17.0.1:8000`, which this binding does not listen on."],
      fr: ["sur `10.0.0.5` uniquement. Le proxy d'Elestio se connecte à `172.17.0.1:8000`, où cette publication n'écoute pas."],
    },
  },
  {
    name: "a public port in a local file: other machines reach it",
    yaml: 'services:\n  web:\n    image: app:1\n    ports: ["8000:8000"]\n',
    at: "8000:8000",
    pipeline: false,
    holds: {
      en: ["**Publishes host port 8000** → container port 8000, on every interface. Reachable from other machines on the network."],
      fr: ["**Publie le port hôte 8000** → port 8000 du conteneur, sur toutes les interfaces. Accessible depuis les autres machines du réseau."],
    },
  },
  {
    name: "a loopback port in a local file: this machine only",
    yaml: 'services:\n  db:\n    image: postgres:16\n    ports: ["127.0.0.1:5432:5432"]\n',
    at: "127.0",
    pipeline: false,
    holds: {
      en: ["on `127.0.0.1` only. Reachable from this machine only."],
      fr: ["sur `127.0.0.1` uniquement. Accessible depuis cette machine uniquement."],
    },
  },
  {
    name: "service_healthy on a service whose test names no command",
    yaml: "services:\n  web:\n    image: app:1\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [CMD]\n",
    at: "db",
    pipeline: true,
    holds: { en: ["**`web` starts after `db`**. `db` has a healthcheck."], fr: ["**`web` démarre après `db`**. `db` a un healthcheck."] },
  },
  {
    name: "service_healthy on a service that sets healthcheck options only: its image's test",
    yaml: "services:\n  web:\n    image: app:1\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: postgres:16\n    healthcheck:\n      interval: 10s\n",
    at: "db",
    pipeline: true,
    holds: {
      en: ["`db` sets healthcheck options without a `test`: the test of its image (`HEALTHCHECK`) applies."],
      fr: ["`db` configure son healthcheck sans `test` : c'est le test de son image (`HEALTHCHECK`) qui s'applique."],
    },
  },
  {
    name: "service_healthy on a service built from a Dockerfile with a HEALTHCHECK",
    yaml: "services:\n  web:\n    image: app:1\n    depends_on:\n      api: {condition: service_healthy}\n  api:\n    build: .\n",
    at: "api",
    pipeline: true,
    files: { Dockerfile: "FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n" },
    holds: { en: ["`api` has a healthcheck in its Dockerfile (`HEALTHCHECK`)."], fr: ["`api` a un healthcheck dans son Dockerfile (`HEALTHCHECK`)."] },
  },
  {
    name: "service_healthy on an optional dependency without a healthcheck",
    yaml: "services:\n  web:\n    image: app:1\n    depends_on:\n      cache:\n        condition: service_healthy\n        required: false\n  cache:\n    image: redis:7\n",
    at: "cache",
    pipeline: true,
    holds: {
      en: ["`cache` has no healthcheck, but the dependency is optional (`required: false`): compose only warns"],
      fr: ["`cache` n'a pas de healthcheck, mais la dépendance est facultative (`required: false`) : compose se contente d'un avertissement"],
    },
  },
  {
    name: "restart in a local file, and its value",
    yaml: "services:\n  web:\n    image: app:1\n    restart: unless-stopped\n",
    at: "restart",
    pipeline: false,
    holds: {
      en: ["after a reboot; with `no` (the default) a crashed container stays down.\n\n`unless-stopped`: restarted unless you stopped it yourself."],
      fr: ["après un redémarrage ; avec `no` (par défaut), un conteneur planté reste arrêté.\n\n`unless-stopped` : relancé, sauf si vous l'avez arrêté vous-même."],
    },
  },
  {
    name: "restart in the pipeline's file: the 502 of a crashed app",
    yaml: "services:\n  web:\n    image: app:1\n    restart: always\n",
    at: "restart",
    pipeline: true,
    holds: {
      en: ["Elestio's proxy answers 502 Bad Gateway.\n\n`always`: always restarted."],
      fr: ["le proxy d'Elestio répond 502 Bad Gateway.\n\n`always` : toujours relancé."],
    },
  },
  {
    name: "an external network in a local file: created by hand first",
    yaml: "services:\n  web:\n    image: app:1\n    networks: [proxy]\nnetworks:\n  proxy:\n    external: true\n",
    at: "external",
    pipeline: false,
    holds: {
      en: ["**`proxy` is external**: compose does not create it; it must exist before `docker compose up` (`docker network create proxy`)"],
      fr: ["**`proxy` est externe** : compose ne le crée pas ; il doit exister avant `docker compose up` (`docker network create proxy`)"],
    },
  },
  {
    name: "a variable in a local file, no `.env` beside it",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      TOKEN: ${TOKEN}\n",
    at: "${TOKEN}",
    pipeline: false,
    files: {},
    holds: {
      en: ["Compose takes its value from the shell's environment, then from the `.env` file beside this file.", "There is no `.env` beside this file."],
      fr: ["Compose prend sa valeur dans l'environnement du shell, puis dans le fichier `.env` situé à côté de ce fichier.", "Il n'y a pas de `.env` à côté de ce fichier."],
    },
  },
  {
    name: "a variable the local `.env` sets, in a local file",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      TOKEN: ${TOKEN}\n",
    at: "${TOKEN}",
    pipeline: false,
    files: { ".env": "TOKEN=abc\n" },
    holds: { en: ["\n\nThe `.env` beside this file sets it."], fr: ["\n\nLe `.env` à côté de ce fichier la définit."] },
  },
  {
    name: "a variable the local `.env` sets, in the pipeline's file: the pipeline writes its own",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      TOKEN: ${TOKEN}\n",
    at: "${TOKEN}",
    pipeline: true,
    files: { ".env": "TOKEN=abc\n" },
    holds: {
      en: ["The `.env` beside this file sets it, for local runs: the pipeline writes its own `.env` from the dashboard."],
      fr: ["Le `.env` à côté de ce fichier la définit, pour les lancements locaux : le pipeline écrit son propre `.env` à partir du dashboard."],
    },
  },
  {
    name: "a variable the local `.env` does not set",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      TOKEN: ${TOKEN}\n",
    at: "${TOKEN}",
    pipeline: false,
    files: { ".env": "OTHER=1\n" },
    holds: { en: ["\n\nThe `.env` beside this file does not set it."], fr: ["\n\nLe `.env` à côté de ce fichier ne la définit pas."] },
  },
  {
    name: "`${VAR-default}`: the default when not set only",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      WORKERS: ${WORKERS-4}\n",
    at: "${WORKERS-4}",
    pipeline: true,
    holds: { en: ["Default: `4`, when it is not set (an empty value stays empty)."], fr: ["Valeur par défaut : `4`, si elle n'est pas définie (une valeur vide reste vide)."] },
  },
  {
    name: "`${VAR:-}`: an empty default, shown as quotes",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      EXTRA: ${EXTRA:-}\n",
    at: "${EXTRA:-}",
    pipeline: true,
    holds: { en: ['Default: `""`, when it is not set or empty.'], fr: ['Valeur par défaut : `""`, si elle n\'est pas définie ou vide.'] },
  },
  {
    name: "a default holding a backtick: double backticks around it",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      GREETING: ${GREETING:-say `hi`}\n",
    at: "${GREETING",
    pipeline: true,
    holds: { en: ["Default: `` say `hi` ``, when it is not set or empty."], fr: ["Valeur par défaut : `` say `hi` ``, si elle n'est pas définie ou vide."] },
  },
  {
    name: "`${VAR:?message}`: required, not empty, with compose's error",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      SECRET: ${SECRET:?set it in the dashboard}\n",
    at: "${SECRET",
    pipeline: true,
    holds: {
      en: ["Required: when it is not set or empty, compose stops with `set it in the dashboard`."],
      fr: ["Obligatoire : si elle n'est pas définie ou vide, compose s'arrête avec l'erreur `set it in the dashboard`."],
    },
  },
  {
    name: "`${VAR?}`: required when not set, no message",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      SECRET: ${SECRET?}\n",
    at: "${SECRET",
    pipeline: true,
    holds: { en: ["Required: when it is not set, compose stops."], fr: ["Obligatoire : si elle n'est pas définie, compose s'arrête."] },
  },
  {
    name: "`${VAR:+value}`: the value when set and not empty",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      FLAG: ${DEBUG:+--debug}\n",
    at: "${DEBUG",
    pipeline: true,
    holds: { en: ["Gives `--debug` when the variable is set and not empty, an empty string otherwise."], fr: ["Donne `--debug` quand la variable est définie et non vide, une chaîne vide sinon."] },
  },
  {
    name: "`${VAR+value}`: the value when set",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      FLAG: ${DEBUG+--debug}\n",
    at: "${DEBUG",
    pipeline: true,
    holds: { en: ["Gives `--debug` when the variable is set, an empty string otherwise."], fr: ["Donne `--debug` quand la variable est définie, une chaîne vide sinon."] },
  },
  {
    name: "certbot in the pipeline's file: Elestio already does this",
    yaml: "services:\n  certbot:\n    image: certbot/certbot\n",
    at: "certbot",
    pipeline: true,
    holds: { en: ["**`certbot`: Elestio already does this.** Its reverse proxy `elestio-nginx`"], fr: ["**`certbot` : Elestio s'en charge déjà.** Son reverse proxy `elestio-nginx`"] },
  },
  {
    name: "certbot in a local file: not needed in the pipeline's",
    yaml: "services:\n  certbot:\n    image: certbot/certbot\n",
    at: "certbot",
    pipeline: false,
    holds: {
      en: ["**`certbot`** obtains Let's Encrypt certificates. Not needed in the pipeline's compose file"],
      fr: ["**`certbot`** obtient des certificats Let's Encrypt. Inutile dans le fichier compose du pipeline"],
    },
  },
  {
    name: "a reverse proxy on 80/443 in a local file",
    yaml: 'services:\n  proxy:\n    image: nginx:1.27\n    ports: ["80:80", "443:443"]\n',
    at: "proxy",
    pipeline: false,
    holds: {
      en: ["**`proxy`**: a reverse proxy on ports 80/443. Fine locally"],
      fr: ["**`proxy`** : un reverse proxy sur les ports 80/443. Aucun problème en local"],
    },
  },
  {
    name: "a web server on another port in the pipeline's file: fine behind Elestio's proxy",
    yaml: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["172.17.0.1:8080:80"]\n',
    at: "web",
    pipeline: true,
    holds: {
      en: ["**`web`**: a web server behind Elestio's proxy, which owns ports 80/443 and TLS."],
      fr: ["**`web`** : un serveur web derrière le proxy d'Elestio, qui détient les ports 80/443 et le TLS."],
    },
  },
  {
    name: "CSRF_TRUSTED_ORIGINS in the pipeline's file: the scheme",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      CSRF_TRUSTED_ORIGINS: https://app.example.com\n",
    at: "CSRF_TRUSTED_ORIGINS",
    pipeline: true,
    holds: {
      en: ["**`CSRF_TRUSTED_ORIGINS`** (Django): since Django 4.0, each origin needs its scheme"],
      fr: ["**`CSRF_TRUSTED_ORIGINS`** (Django) : depuis Django 4.0, chaque origine doit comporter son schéma"],
    },
  },
  {
    name: "another DJANGO_ variable in the pipeline's file: Django behind the proxy",
    yaml: "services:\n  web:\n    image: app:1\n    environment:\n      DJANGO_SETTINGS_MODULE: app.settings\n",
    at: "DJANGO_SETTINGS_MODULE",
    pipeline: true,
    holds: {
      en: ["**`DJANGO_SETTINGS_MODULE`** (Django behind Elestio's proxy): `elestio-nginx` handles TLS", "\n\n- `ALLOWED_HOSTS` must cover"],
      fr: ["**`DJANGO_SETTINGS_MODULE`** (Django derrière le proxy d'Elestio) : `elestio-nginx` gère le TLS", "\n\n- `ALLOWED_HOSTS` doit couvrir"],
    },
  },
];

describe("hovers hold every sentence they promise, in both languages", () => {
  it.each(ROWS)("$name", (row) => {
    const model = parseCompose(row.yaml);
    const from = row.after === undefined ? 0 : row.yaml.indexOf(row.after) + row.after.length;
    const offset = row.yaml.indexOf(row.at, from);
    expect(offset, `${row.at} is in the file`).toBeGreaterThanOrEqual(0);
    const markdown: Partial<Record<Language, string>> = {};
    for (const language of ["en", "fr"] as const) {
      const result = hover(model, [], offset + 1, language, { isPipeline: row.pipeline, project: row.files && project(row.files) });
      const text = result?.markdown ?? "";
      for (const part of row.holds[language]) expect(text, language).toContain(part);
      // Joined cleanly: no empty section or sentence.
      expect(text, language).not.toMatch(/\n\n\n|\n\n$|^\s|\s$| {2}|\n\n /);
      markdown[language] = text;
    }
    expect(markdown.fr).not.toBe(markdown.en);
  });
});
