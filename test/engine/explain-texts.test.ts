/**
 * What a user reads when pasting one log line: for every explainer, in both
 * languages, a title, and an explanation whose sections (what happened, why,
 * the fix) are all there, each in the language asked for, holding the values
 * of the log line where the text promises them (the port, the container, the
 * file, the variables, the hosts). The closing note comes after a fix that
 * changes the compose file, never after one that does not.
 */
import { describe, expect, it } from "vitest";
import { explainLog } from "../../server/src/engine/explain.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import { RULES } from "../../server/src/engine/rules/index.js";
import type { Rule } from "../../server/src/engine/rules/types.js";
import { unknownKey } from "../../server/src/engine/rules/unknown-key.js";

const LABELS = {
  en: { happened: "**What happened:**", why: "**Why:**", fix: "**Fix:**" },
  fr: { happened: "**Ce qui s'est passé :**", why: "**Pourquoi :**", fix: "**Solution :**" },
} as const;

interface Sections {
  happened: string;
  why?: string;
  /** The fix's text; for a list, its items. */
  fix: string | string[];
}

/** The explanation's sections, checked for their labels, their separators and a text after each label. */
function sections(explanation: string, language: Language): Sections {
  const labels = LABELS[language];
  const parts = explanation.split("\n\n");
  const after = (part: string, label: string) => {
    expect(part.startsWith(label), `${part} starts with ${label}`).toBe(true);
    return part.slice(label.length);
  };
  const happened = after(parts[0], labels.happened);
  expect(happened).toMatch(/^ \S/);
  const why = parts.length === 3 ? after(parts[1], labels.why) : undefined;
  if (why !== undefined) expect(why).toMatch(/^ \S/);
  expect(parts.length === 2 || parts.length === 3, explanation).toBe(true);
  const fix = after(parts[parts.length - 1], labels.fix);
  for (const text of [happened, why ?? "", fix]) expect(text, "no trailing space").toBe(text.trimEnd());
  if (fix.startsWith("\n")) {
    // A list starts on the line after its label.
    expect(fix).toMatch(/^\n- \S/);
    const items = fix.split("\n- ").slice(1);
    for (const item of items) expect(item).toMatch(/^\S.*\S$/s);
    return { happened: happened.slice(1), why: why?.slice(1), fix: items };
  }
  expect(fix).toMatch(/^ \S/);
  return { happened: happened.slice(1), why: why?.slice(1), fix: fix.slice(1) };
}

/** The texts a section must hold, per language. */
type Holds = Partial<Record<Language, readonly string[]>>;

interface Row {
  name: string;
  log: string;
  id: string;
  title: Record<Language, string>;
  happened?: Holds;
  /** Undefined: the explanation has no why. */
  why: Holds | undefined;
  fix?: Holds;
  /** The fix's items, exactly or by their start (`...` at the end), when the fix is a list. */
  fixItems?: Record<Language, readonly string[]>;
  /** Whether the fix changes the compose file: the closing note then follows. */
  note: boolean;
}

const ROWS: Row[] = [
  {
    name: "an env file the VM does not have: its path",
    log: "env file /opt/app/latigue/.env.production not found: stat /opt/app/latigue/.env.production: no such file or directory",
    id: "env-file-not-dotenv",
    title: { en: "Env file not found: .env.production", fr: "Fichier d'environnement introuvable : .env.production" },
    happened: { en: ["`env_file` names `/opt/app/latigue/.env.production`"], fr: ["désigne `/opt/app/latigue/.env.production`"] },
    why: { en: ["`.env.production`"], fr: ["`.env.production`"] },
    fix: { en: ["`env_file: [.env]`"], fr: ["`env_file: [.env]`"] },
    note: true,
  },
  {
    name: "a container name already taken: the name, and its project part to list the old containers",
    log: 'Error response from daemon: Conflict. The container name "/latigue_web" is already in use by container "3f1c9a0b7e2d".',
    id: "no-container-name",
    title: { en: 'Container name "/latigue_web" already in use', fr: "Nom de conteneur « /latigue_web » déjà utilisé" },
    happened: { en: ["the container `latigue_web`"], fr: ["le conteneur `latigue_web`"] },
    why: { en: ["`container_name: latigue_web`"], fr: ["`container_name: latigue_web`"] },
    fix: { en: ["`docker ps -a --filter name=latigue`", "`docker inspect latigue_web "], fr: ["`docker ps -a --filter name=latigue`", "`docker inspect latigue_web "] },
    note: true,
  },
  {
    name: "port 443 taken: that port, also in the command finding what holds it",
    log: "Error response from daemon: failed to bind host port for 0.0.0.0:443 - address already in use",
    id: "no-reserved-host-port",
    title: { en: "Port 443 already in use", fr: "Port 443 déjà utilisé" },
    happened: { en: ["Docker could not publish host port 443: another process already holds it."], fr: ["Docker n'a pas pu publier le port hôte 443 : un autre processus le détient déjà."] },
    why: { en: ["`elestio-nginx`"], fr: ["`elestio-nginx`"] },
    fix: { en: ["`docker ps -a --filter publish=443`, `ss -tlnp`."], fr: ["`docker ps -a --filter publish=443`, `ss -tlnp`."] },
    note: true,
  },
  {
    name: "a bare `address already in use`: 80/443, and port 80 in the command",
    log: "Error: address already in use",
    id: "no-reserved-host-port",
    title: { en: "Host port already in use (80/443?)", fr: "Port hôte déjà utilisé (80/443 ?)" },
    happened: { en: ["Docker could not publish host port 80/443: another process already holds it."], fr: ["Docker n'a pas pu publier le port hôte 80/443 : un autre processus le détient déjà."] },
    why: { en: ["ports 80 and 443 belong to the reverse proxy"], fr: ["les ports 80 et 443 appartiennent au reverse proxy"] },
    fix: { en: ["`docker ps -a --filter publish=80`, `ss -tlnp`."], fr: ["`docker ps -a --filter publish=80`, `ss -tlnp`."] },
    note: true,
  },
  {
    name: "another port taken: the old deployment, nothing to change in the file",
    log: "failed to bind host port for 0.0.0.0:5432:172.18.0.2:5432/tcp: address already in use",
    id: "port-in-use",
    title: { en: "Port 5432 already in use", fr: "Port 5432 déjà utilisé" },
    happened: { en: ["Docker could not publish host port 5432: something on the VM already listens on it."], fr: ["Docker n'a pas pu publier le port hôte 5432 : quelque chose écoute déjà dessus sur la VM."] },
    why: { en: ["an old container"], fr: ["un ancien conteneur"] },
    fix: { en: ["`docker ps -a --filter publish=5432` or `ss -tlnp`"], fr: ["`docker ps -a --filter publish=5432` ou `ss -tlnp`"] },
    note: false,
  },
  {
    name: "an external network missing: the command creating it",
    log: "network shared_apps declared as external, but could not be found",
    id: "external-network",
    title: { en: 'Network "shared_apps" not found', fr: "Réseau « shared_apps » introuvable" },
    happened: { en: ["declares network `shared_apps` as `external: true`"], fr: ["déclare le réseau `shared_apps` comme `external: true`"] },
    why: { en: ["never an external one"], fr: ["jamais un réseau externe"] },
    fix: { en: ["`docker network create shared_apps`"], fr: ["`docker network create shared_apps`"] },
    note: false,
  },
  {
    name: "one variable not set: it, in the singular",
    log: 'WARN[0000] The "LATIGUE_DB_PASSWORD" variable is not set. Defaulting to a blank string.',
    id: "undefined-variable",
    title: { en: "Variable not set: LATIGUE_DB_PASSWORD", fr: "Variable non définie : LATIGUE_DB_PASSWORD" },
    happened: {
      en: ["compose found `${LATIGUE_DB_PASSWORD}` in the compose file but no value for it, and replaced it with an empty string"],
      fr: ["compose a trouvé `${LATIGUE_DB_PASSWORD}` dans le fichier compose sans valeur correspondante, et l'a remplacée par une chaîne vide"],
    },
    why: { en: ["**Dashboard → Environment variables**; this one is not set there."], fr: ["**Dashboard → Environment variables** ; celle-ci n'y est pas définie."] },
    fix: {
      en: ["add it in **Dashboard → Environment variables**", "`${LATIGUE_DB_PASSWORD:-value}`", "`$$LATIGUE_DB_PASSWORD`"],
      fr: ["ajoutez-la dans **Dashboard → Environment variables**", "`${LATIGUE_DB_PASSWORD:-valeur}`", "`$$LATIGUE_DB_PASSWORD`"],
    },
    note: false,
  },
  {
    name: "two variables not set: both, in the plural, the first one in the examples",
    log: 'The "LATIGUE_DB_PASSWORD" variable is not set. Defaulting to a blank string.\nThe "DJANGO_SECRET_KEY" variable is not set. Defaulting to a blank string.',
    id: "undefined-variable",
    title: { en: "Variables not set: LATIGUE_DB_PASSWORD, DJANGO_SECRET_KEY", fr: "Variables non définies : LATIGUE_DB_PASSWORD, DJANGO_SECRET_KEY" },
    happened: {
      en: ["compose found `${LATIGUE_DB_PASSWORD}`, `${DJANGO_SECRET_KEY}` in the compose file but no value for them, and replaced them with an empty string"],
      fr: ["compose a trouvé `${LATIGUE_DB_PASSWORD}`, `${DJANGO_SECRET_KEY}` dans le fichier compose sans valeur correspondante, et les a remplacées par une chaîne vide"],
    },
    why: { en: ["**Dashboard → Environment variables**; these are not set there."], fr: ["**Dashboard → Environment variables** ; celles-ci n'y sont pas définies."] },
    fix: {
      en: ["add them in **Dashboard → Environment variables**", "`${LATIGUE_DB_PASSWORD:-value}`", "`$$LATIGUE_DB_PASSWORD`"],
      fr: ["ajoutez-les dans **Dashboard → Environment variables**", "`${LATIGUE_DB_PASSWORD:-valeur}`", "`$$LATIGUE_DB_PASSWORD`"],
    },
    note: false,
  },
  {
    name: "a dependency without a healthcheck: the container waited for",
    log: "dependency failed to start: container latigue-postgres-1 has no healthcheck configured",
    id: "healthcheck-required",
    title: { en: "No healthcheck on latigue-postgres-1", fr: "Pas de healthcheck sur latigue-postgres-1" },
    happened: { en: ["waits for `latigue-postgres-1` with `condition: service_healthy`"], fr: ["attend `latigue-postgres-1` avec `condition: service_healthy`"] },
    why: { en: ["`HEALTHCHECK`"], fr: ["`HEALTHCHECK`"] },
    fix: { en: ["`condition: service_started`"], fr: ["`condition: service_started`"] },
    note: true,
  },
  {
    name: "a dependency without a healthcheck, the log naming no container: a placeholder",
    log: "dependency failed to start: has no healthcheck configured",
    id: "healthcheck-required",
    title: { en: "No healthcheck on <container>", fr: "Pas de healthcheck sur <container>" },
    happened: { en: ["waits for `<container>`"], fr: ["attend `<container>`"] },
    why: { en: ["`HEALTHCHECK`"], fr: ["`HEALTHCHECK`"] },
    note: true,
  },
  {
    name: "the obsolete `version`: a warning, no why",
    log: 'time="2026-02-14T18:02:14Z" level=warning msg="/opt/app/latigue/docker-compose.yml: the attribute `version` is obsolete, it will be ignored"',
    id: "obsolete-version",
    title: { en: "The attribute version is obsolete", fr: "L'attribut version est obsolète" },
    happened: { en: ["compose v2 ignores the top-level `version:`"], fr: ["compose v2 ignore le `version:` de premier niveau"] },
    why: undefined,
    fix: { en: ["remove the `version` line."], fr: ["supprimez la ligne `version`."] },
    note: true,
  },
  {
    name: "a 502: the ports and the app's state",
    log: "curl: 502 Bad Gateway",
    id: "bad-gateway",
    title: { en: "502 Bad Gateway", fr: "502 Bad Gateway" },
    happened: { en: ["`172.17.0.1:<port>`"], fr: ["`172.17.0.1:<port>`"] },
    why: { en: ["`docker logs <pipeline>-web-1 --tail 100`"], fr: ["`docker logs <pipeline>-web-1 --tail 100`"] },
    fix: { en: ['`"172.17.0.1:8000:8000"`', "`restart: unless-stopped`"], fr: ['`"172.17.0.1:8000:8000"`', "`restart: unless-stopped`"] },
    note: true,
  },
  {
    name: "DisallowedHost for the VM's IP and a port: close the port first, then the legitimate hosts (the IP is not one)",
    log: "django-1  | Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.",
    id: "disallowed-host",
    title: { en: "DisallowedHost: Invalid HTTP_HOST header '159.195.104.193:8000'", fr: "DisallowedHost : en-tête HTTP_HOST invalide '159.195.104.193:8000'" },
    happened: { en: ["`Host` header was `159.195.104.193:8000`: not in `ALLOWED_HOSTS`"], fr: ["l'en-tête `Host` valait `159.195.104.193:8000` : absent d'`ALLOWED_HOSTS`"] },
    why: { en: ["a `Host` of the form `<ip>:8000`", "port 8000 is published without an address"], fr: ["un `Host` de la forme `<ip>:8000`", "le port 8000 est publié sans adresse"] },
    fixItems: {
      en: ['Close the direct access: publish the port as `"172.17.0.1:8000:8000"`; then only Elestio\'s proxy reaches it, over HTTPS.', "Add the legitimate hosts to `ALLOWED_HOSTS`: ..."],
      fr: ['Fermez l\'accès direct : publiez le port en `"172.17.0.1:8000:8000"` ; seul le proxy d\'Elestio l\'atteint alors, en HTTPS.', "Ajoutez à `ALLOWED_HOSTS` les hôtes légitimes : ..."],
    },
    note: true,
  },
  {
    name: "DisallowedHost for the VM's IPv6 address and a port: a direct access too",
    log: "Invalid HTTP_HOST header: '[2001:db8::1]:8000'. The domain name provided is not valid according to RFC 1034/1035.",
    id: "disallowed-host",
    title: { en: "DisallowedHost: Invalid HTTP_HOST header '[2001:db8::1]:8000'", fr: "DisallowedHost : en-tête HTTP_HOST invalide '[2001:db8::1]:8000'" },
    happened: { en: ["`Host` header was `[2001:db8::1]:8000`"], fr: ["valait `[2001:db8::1]:8000`"] },
    why: { en: ["`<ip>:8000`"], fr: ["`<ip>:8000`"] },
    fixItems: {
      en: ['Close the direct access: publish the port as `"172.17.0.1:8000:8000"`; then only Elestio\'s proxy reaches it, over HTTPS.', "Add the legitimate hosts to `ALLOWED_HOSTS`: ..."],
      fr: ['Fermez l\'accès direct : publiez le port en `"172.17.0.1:8000:8000"` ; seul le proxy d\'Elestio l\'atteint alors, en HTTPS.', "Ajoutez à `ALLOWED_HOSTS` les hôtes légitimes : ..."],
    },
    note: true,
  },
  {
    name: "DisallowedHost for a domain with a port: the domain to allow, without its port",
    log: "Invalid HTTP_HOST header: 'www.example.com:8443'. You may need to add 'www.example.com' to ALLOWED_HOSTS.",
    id: "disallowed-host",
    title: { en: "DisallowedHost: Invalid HTTP_HOST header 'www.example.com:8443'", fr: "DisallowedHost : en-tête HTTP_HOST invalide 'www.example.com:8443'" },
    happened: { en: ["`Host` header was `www.example.com:8443`"], fr: ["valait `www.example.com:8443`"] },
    why: { en: ["`ALLOWED_HOSTS` must cover every host"], fr: ["`ALLOWED_HOSTS` doit couvrir chaque hôte"] },
    fixItems: {
      en: ["Add `www.example.com` to `ALLOWED_HOSTS` if it is your domain, with the pipeline's domain ..."],
      fr: ["Ajoutez `www.example.com` à `ALLOWED_HOSTS` s'il s'agit de votre domaine, avec le domaine du pipeline ..."],
    },
    note: false,
  },
  {
    name: "DisallowedHost for the VM's IPv6 address without a port (port 80): the address as written",
    log: "Invalid HTTP_HOST header: '[2001:db8::1]'. The domain name provided is not valid according to RFC 1034/1035.",
    id: "disallowed-host",
    title: { en: "DisallowedHost: Invalid HTTP_HOST header '[2001:db8::1]'", fr: "DisallowedHost : en-tête HTTP_HOST invalide '[2001:db8::1]'" },
    why: { en: ["`ALLOWED_HOSTS` must cover every host"], fr: ["`ALLOWED_HOSTS` doit couvrir chaque hôte"] },
    fixItems: {
      en: ["Add `[2001:db8::1]` to `ALLOWED_HOSTS` if it is your domain, ..."],
      fr: ["Ajoutez `[2001:db8::1]` à `ALLOWED_HOSTS` s'il s'agit de votre domaine, ..."],
    },
    note: false,
  },
  {
    name: "DisallowedHost for several names: every host refused, each name to allow once",
    log: [
      "Invalid HTTP_HOST header: 'www.example.com'. You may need to add 'www.example.com' to ALLOWED_HOSTS.",
      "Invalid HTTP_HOST header: 'example.com:8000'. You may need to add 'example.com' to ALLOWED_HOSTS.",
      "Invalid HTTP_HOST header: 'example.com'. You may need to add 'example.com' to ALLOWED_HOSTS.",
    ].join("\n"),
    id: "disallowed-host",
    title: {
      en: "DisallowedHost: Invalid HTTP_HOST header 'www.example.com', 'example.com:8000', 'example.com'",
      fr: "DisallowedHost : en-tête HTTP_HOST invalide 'www.example.com', 'example.com:8000', 'example.com'",
    },
    happened: { en: ["`Host` header was `www.example.com`, `example.com:8000`, `example.com`: not in"], fr: ["valait `www.example.com`, `example.com:8000`, `example.com` : absent"] },
    why: { en: ["`ALLOWED_HOSTS` must cover every host"], fr: ["`ALLOWED_HOSTS` doit couvrir chaque hôte"] },
    fixItems: {
      en: ["Add `www.example.com`, `example.com` to `ALLOWED_HOSTS` if they are your domains, ..."],
      fr: ["Ajoutez `www.example.com`, `example.com` à `ALLOWED_HOSTS` s'il s'agit de vos domaines, ..."],
    },
    note: false,
  },
  {
    // Scanners send any Host: only a whole `<ip>:<port>` is a request straight to the VM.
    name: "DisallowedHost for names that only hold an address and a port: names to allow",
    log: "Invalid HTTP_HOST header: 'scan.203.0.113.7:8000'.\nInvalid HTTP_HOST header: '203.0.113.7:8000.example.com'.",
    id: "disallowed-host",
    title: { en: "DisallowedHost: Invalid HTTP_HOST header 'scan.203.0.113.7:8000', '203.0.113.7:8000.example.com'", fr: "DisallowedHost : en-tête HTTP_HOST invalide 'scan.203.0.113.7:8000', '203.0.113.7:8000.example.com'" },
    why: { en: ["`ALLOWED_HOSTS` must cover every host"], fr: ["`ALLOWED_HOSTS` doit couvrir chaque hôte"] },
    fixItems: {
      en: ["Add `scan.203.0.113.7`, `203.0.113.7:8000.example.com` to `ALLOWED_HOSTS` if they are your domains, ..."],
      fr: ["Ajoutez `scan.203.0.113.7`, `203.0.113.7:8000.example.com` à `ALLOWED_HOSTS` s'il s'agit de vos domaines, ..."],
    },
    note: false,
  },
  {
    name: "a DisallowedHost line naming no host: the general wording",
    log: "web-1  | django.security.DisallowedHost",
    id: "disallowed-host",
    title: { en: "DisallowedHost", fr: "DisallowedHost" },
    happened: {
      en: ["Django refused a request whose `Host` header is not in `ALLOWED_HOSTS` (DisallowedHost, an HTTP 400, in the app's logs: `docker logs`)."],
      fr: ["Django a refusé une requête dont l'en-tête `Host` n'est pas dans `ALLOWED_HOSTS` (DisallowedHost, une erreur HTTP 400, dans les logs de l'application : `docker logs`)."],
    },
    why: { en: ["`ALLOWED_HOSTS` must cover every host"], fr: ["`ALLOWED_HOSTS` doit couvrir chaque hôte"] },
    fixItems: {
      en: ["Add the legitimate hosts to `ALLOWED_HOSTS`: the pipeline's domain (`<pipeline>-u<id>.vm.elestio.app`) and your custom domains. If your settings.py ..."],
      fr: ["Ajoutez à `ALLOWED_HOSTS` les hôtes légitimes : le domaine du pipeline (`<pipeline>-u<id>.vm.elestio.app`) et vos domaines personnalisés. Si votre settings.py ..."],
    },
    note: false,
  },
];

const NOTE_TITLE = { en: "Note: the pipeline deploys the dashboard's copy of the compose file", fr: "À savoir : le pipeline déploie la copie du fichier compose stockée dans le dashboard" };

function holds(text: string | undefined, expected: readonly string[] | undefined, what: string) {
  for (const part of expected ?? []) expect(text, what).toContain(part);
}

describe("every explainer's text, in both languages", () => {
  it.each(ROWS)("$name", (row) => {
    const explained: Partial<Record<Language, Sections>> = {};
    for (const language of ["en", "fr"] as const) {
      const all = explainLog(row.log, language);
      const problem = all[0];
      expect(problem.id).toBe(row.id);
      expect(problem.title).toBe(row.title[language]);
      const found = sections(problem.explanation, language);
      expect(found.why !== undefined, "has a why").toBe(row.why !== undefined);
      holds(found.happened, row.happened?.[language], "what happened");
      holds(found.why, row.why?.[language], "why");
      if (row.fixItems) {
        expect(Array.isArray(found.fix), "a list").toBe(true);
        const items = found.fix as string[];
        expect(items).toHaveLength(row.fixItems[language].length);
        row.fixItems[language].forEach((item, i) => {
          if (item.endsWith("...")) expect(items[i].startsWith(item.slice(0, -3)), `${items[i]} starts with ${item}`).toBe(true);
          else expect(items[i]).toBe(item);
        });
      } else {
        expect(typeof found.fix, "one sentence").toBe("string");
        holds(found.fix as string, row.fix?.[language], "fix");
      }
      // The closing note, last, once, after a fix in the compose file only.
      expect(all.map((p) => p.id)).toEqual(row.note ? [row.id, "dashboard-copy"] : [row.id]);
      if (row.note) expect(all[1].title).toBe(NOTE_TITLE[language]);
      explained[language] = found;
    }
    // Each section in French is French: not the English text.
    const { en, fr } = explained as Record<Language, Sections>;
    expect(fr.happened).not.toBe(en.happened);
    if (en.why !== undefined) expect(fr.why).not.toBe(en.why);
    expect(fr.fix).not.toEqual(en.fix);
  });
});

describe("the closing note, in both languages", () => {
  it.each([
    {
      name: "after a fix in the compose file: the dashboard's copy needs it too",
      log: 'Conflict. The container name "/latigue_web" is already in use',
      first: { en: "The pipeline deploys the copy of the compose file stored in the Elestio dashboard, not the repository's", fr: "Le pipeline déploie la copie du fichier compose stockée dans le dashboard Elestio, pas celle du dépôt" },
    },
    {
      name: "after the pipeline's own `Creating docker compose file` step: what that step did",
      log: "2026-02-14 18:02:13 Creating docker compose file",
      first: { en: "`Creating docker compose file` in the log: after cloning the repository", fr: "`Creating docker compose file` dans les logs : après avoir cloné le dépôt" },
    },
  ])("$name", ({ log, first }) => {
    const paste = { en: "After each change to the compose file, paste it into **Dashboard → your CI/CD service → Docker compose**", fr: "Après chaque modification du fichier compose, collez-le dans **Dashboard → votre service CI/CD → Docker compose**" };
    for (const language of ["en", "fr"] as const) {
      const note = explainLog(log, language).at(-1)!;
      expect(note.note).toBe(true);
      const paragraphs = note.explanation.split("\n\n");
      expect(paragraphs).toHaveLength(2);
      expect(paragraphs[0].startsWith(first[language]), paragraphs[0]).toBe(true);
      expect(paragraphs[1].startsWith(paste[language]), paragraphs[1]).toBe(true);
    }
  });
});

describe("a rule explained by its docs", () => {
  it("the registry's rules: the why and the fix in both languages, with the closing note", () => {
    const byDocs = RULES.filter((rule) => ["unknown-key", "invalid-value", "undefined-reference", "bind-mount-missing-file", "external-volume"].includes(rule.meta.id));
    expect(byDocs).toHaveLength(5);
    for (const rule of byDocs) {
      for (const language of ["en", "fr"] as const) {
        const problems = explainLog(rule.meta.docs.log!, language);
        expect(problems.map((p) => p.id), rule.meta.id).toEqual([rule.meta.id, "dashboard-copy"]);
        const [why, fix, ...rest] = problems[0].explanation.split("\n\n");
        expect(rest).toEqual([]);
        expect(why).toBe(`${LABELS[language].why} ${rule.meta.docs.description[language]}`);
        expect(fix).toMatch(new RegExp(`^${LABELS[language].fix.replace(/\*/g, "\\*")} \\p{Ll}.*[.)]$`, "u"));
      }
    }
  });

  /** A rule of a caller's own (explainLog's `rules`), its failure recognised by `log`, explained by its docs. */
  const rule = (id: string, fixes: { fix?: string; manualFix?: string }): Rule => ({
    meta: {
      ...unknownKey.meta,
      id,
      docs: {
        ...unknownKey.meta.docs,
        description: { en: "The file says so.", fr: "Le fichier le dit." },
        fix: fixes.fix === undefined ? undefined : { en: fixes.fix, fr: fixes.fix },
        manualFix: fixes.manualFix === undefined ? undefined : { en: fixes.manualFix, fr: fixes.manualFix },
        logPattern: { patterns: [new RegExp(`${id} failed`, "i")] },
      },
    },
    check: (context) => unknownKey.check(context),
  });

  it.each([
    { name: "a fix with a dot inside but none at its end gets a full stop", fixes: { manualFix: "Point `env_file` at `.env`" }, expected: "**Why:** The file says so.\n\n**Fix:** point `env_file` at `.env`." },
    { name: "a fix that ends with a line break: trimmed, then ended", fixes: { manualFix: "Remove the line.\n" }, expected: "**Why:** The file says so.\n\n**Fix:** remove the line." },
    { name: "the quick fix's title when there is no manual fix", fixes: { fix: "Remove `version`" }, expected: "**Why:** The file says so.\n\n**Fix:** remove `version`." },
    { name: "no fix at all: the why alone", fixes: {}, expected: "**Why:** The file says so." },
  ])("$name", ({ fixes, expected }) => {
    const [problem] = explainLog("custom-rule failed here", "en", undefined, { rules: [rule("custom-rule", fixes)] });
    expect(problem.explanation).toBe(expected);
  });
});
