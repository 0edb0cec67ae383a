import { yamlSyntax } from "../../server/src/engine/rules/yaml-syntax.js";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { hover, type HoverResult } from "../../server/src/engine/hover/index.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { noContainerName } from "../../server/src/engine/rules/no-container-name.js";

const fixture = (name: string) => readFileSync(join(__dirname, "../fixtures", name, "docker-compose.yml"), "utf8");

/**
 * The guide's final pipeline file, and the midway one that still has nginx,
 * certbot and container_name: both written for these tests (test/fixtures/README.md).
 */
let FINAL: ComposeModel;
let BEFORE: ComposeModel;
beforeEach(() => {
  FINAL = parseCompose(fixture("guide-final"));
  BEFORE = parseCompose(fixture("guide-midway"));
});

/** 1-based line and column to an offset. */
function at(model: ComposeModel, line: number, column: number): number {
  return model.lines.offsetAt({ line: line - 1, character: column - 1 });
}

function hoverAt(model: ComposeModel, line: number, column: number, language: Language = "en", options: { isPipeline?: boolean; findings?: Finding[]; project?: ReturnType<typeof fileProject> } = {}): HoverResult | undefined {
  return hover(model, options.findings ?? [], at(model, line, column), language, { isPipeline: options.isPipeline ?? true, project: options.project });
}

/** The hovered text, to assert ranges readably. */
function hovered(model: ComposeModel, result: HoverResult | undefined): string | undefined {
  return result && model.text.slice(result.start, result.end);
}

describe("hover on keys with nothing wrong (the guide's final file)", () => {
  it("ports: how Elestio's proxy reaches a port", () => {
    const en = hoverAt(FINAL, 11, 5);
    expect(hovered(FINAL, en)).toBe("ports");
    expect(en?.markdown).toContain("forwards the requests of each domain to `http://172.17.0.1:<host port>/` (172.17.0.1 is the VM's Docker bridge)");
    expect(hoverAt(FINAL, 11, 9, "fr")?.markdown).toContain("transmet les requêtes de chaque domaine à `http://172.17.0.1:<port hôte>/` (172.17.0.1 est le pont Docker de la VM)");
  });

  it("a port item: what it publishes, and that it is public", () => {
    const en = hoverAt(FINAL, 12, 10);
    expect(hovered(FINAL, en)).toBe('"8000:8000"');
    expect(en?.markdown).toBe(
      "**Publishes host port 8000** → container port 8000, on every interface. Elestio's proxy reaches it at `172.17.0.1:8000`, but it is **public** too: open on the VM's public IP, bypassing the proxy and TLS (how `Invalid HTTP_HOST header: '<ip>:8000'` happens). To keep it private: `\"172.17.0.1:8000:8000\"`.",
    );
    expect(hoverAt(FINAL, 12, 10, "fr")?.markdown).toBe(
      "**Publie le port hôte 8000** → port 8000 du conteneur, sur toutes les interfaces. Le proxy d'Elestio l'atteint sur `172.17.0.1:8000`, mais il est aussi **public** : ouvert sur l'IP publique de la VM, sans passer par le proxy ni le TLS (d'où `Invalid HTTP_HOST header: '<ip>:8000'`). Pour le garder privé : `\"172.17.0.1:8000:8000\"`.",
    );
  });

  it("env_file and its .env item", () => {
    const key = hoverAt(FINAL, 13, 7);
    expect(hovered(FINAL, key)).toBe("env_file");
    expect(key?.markdown).toContain("The Elestio pipeline writes one env file only: `.env`");
    expect(key?.markdown).not.toContain("is the file the pipeline writes");
    const item = hoverAt(FINAL, 14, 10, "fr");
    expect(hovered(FINAL, item)).toBe(".env");
    expect(item?.markdown).toContain("Le pipeline Elestio n'écrit qu'un seul fichier d'environnement : `.env`");
    expect(item?.markdown).toContain("`.env` est le fichier que le pipeline écrit à partir des variables d'environnement du dashboard.");
  });

  it("${VAR} without a default: where the pipeline takes it, and the warning", () => {
    const en = hoverAt(FINAL, 44, 30);
    expect(hovered(FINAL, en)).toBe("${LATIGUE_DB_PASSWORD}");
    expect(en?.markdown).toBe(
      "**`LATIGUE_DB_PASSWORD`**: a compose variable.\n\n" +
        "At deploy time, compose takes its value from the `.env` file that the pipeline writes from **Dashboard → Environment variables**.\n\n" +
        'No default: when it is not set, compose warns `The "LATIGUE_DB_PASSWORD" variable is not set. Defaulting to a blank string.` and uses an empty string.',
    );
    expect(hoverAt(FINAL, 44, 30, "fr")?.markdown).toBe(
      "**`LATIGUE_DB_PASSWORD`** : une variable de compose.\n\n" +
        "Au déploiement, compose prend sa valeur dans le fichier `.env` que le pipeline écrit à partir de **Dashboard → Environment variables**.\n\n" +
        'Pas de valeur par défaut : si elle n\'est pas définie, compose avertit `The "LATIGUE_DB_PASSWORD" variable is not set. Defaulting to a blank string.` et utilise une chaîne vide.',
    );
  });

  it("${VAR:-default} inside a longer value: the hovered interpolation only", () => {
    // DATABASE_URL=postgres://${LATIGUE_DB_USER:-latigue}:${LATIGUE_DB_PASSWORD}@${LATIGUE_DB_HOST:-postgres}:...
    const line = FINAL.lines.lineText(19);
    const column = line.indexOf("${LATIGUE_DB_HOST:-postgres}") + 3;
    const en = hoverAt(FINAL, 20, column);
    expect(hovered(FINAL, en)).toBe("${LATIGUE_DB_HOST:-postgres}");
    expect(en?.markdown).toContain("Default: `postgres`, when it is not set or empty.");
    expect(hoverAt(FINAL, 20, column, "fr")?.markdown).toContain("Valeur par défaut : `postgres`, si elle n'est pas définie ou vide.");
  });

  it("$$VAR in a healthcheck is the container's variable", () => {
    const line = FINAL.lines.lineText(47);
    const column = line.indexOf("$$POSTGRES_USER") + 4;
    const en = hoverAt(FINAL, 48, column);
    expect(hovered(FINAL, en)).toBe("$$POSTGRES_USER");
    expect(en?.markdown).toBe("**`$$POSTGRES_USER`**: `$$` is a literal `$`. Compose turns it into `$POSTGRES_USER`, which the container's shell expands from the container's own environment.");
  });

  it("a Django variable, on its name in a list item", () => {
    const en = hoverAt(FINAL, 19, 10);
    expect(hovered(FINAL, en)).toBe("DJANGO_SECRET_KEY");
    // The secret only: the hosts and HTTPS knowledge is on ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS (next test).
    expect(en?.markdown).toBe(
      "**`DJANGO_SECRET_KEY`** (Django): keep its value out of Git and out of the compose file. Set it in **Dashboard → Environment variables** and reference `${DJANGO_SECRET_KEY}`.",
    );
    expect(hoverAt(FINAL, 19, 10, "fr")?.markdown).toBe(
      "**`DJANGO_SECRET_KEY`** (Django) : gardez sa valeur hors de Git et du fichier compose. Définissez-la dans **Dashboard → Environment variables** et écrivez `${DJANGO_SECRET_KEY}` à sa place.",
    );
  });

  it("ALLOWED_HOSTS in a map-form environment: the DisallowedHost knowledge", () => {
    const model = parseCompose("services:\n  web:\n    environment:\n      ALLOWED_HOSTS_EXTRA: example.com\n      CSRF_TRUSTED_ORIGINS: https://example.com\n");
    const hosts = hoverAt(model, 4, 8);
    expect(hovered(model, hosts)).toBe("ALLOWED_HOSTS_EXTRA");
    expect(hosts?.markdown).toContain("`Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.`");
    // A variable of extra hosts is no fix by itself: the app's settings must read it.
    expect(hosts?.markdown).toContain("- A variable of extra hosts, such as `ALLOWED_HOSTS_EXTRA`, works only if your settings.py reads it.");
    expect(hosts?.markdown).not.toContain("no redeploy");
    expect(hoverAt(model, 4, 8, "fr")?.markdown).toContain("- Une variable d'hôtes supplémentaires, comme `ALLOWED_HOSTS_EXTRA`, ne sert que si votre settings.py la lit.");
    const csrf = hoverAt(model, 5, 8);
    expect(hovered(model, csrf)).toBe("CSRF_TRUSTED_ORIGINS");
    expect(csrf?.markdown).toContain("since Django 4.0, each origin needs its scheme");
    // The value is not a key: no Django hover there.
    expect(hoverAt(model, 4, 30)).toBeUndefined();
  });

  it("depends_on, a dependency, and condition: service_healthy needs a healthcheck", () => {
    expect(hovered(FINAL, hoverAt(FINAL, 24, 5))).toBe("depends_on");
    expect(hoverAt(FINAL, 24, 5)?.markdown).toContain("otherwise `docker compose up` fails with `container <name> has no healthcheck configured`");
    const dependency = hoverAt(FINAL, 25, 7);
    expect(hovered(FINAL, dependency)).toBe("postgres");
    expect(dependency?.markdown).toBe("**`django` starts after `postgres`**. `postgres` has a healthcheck: `pg_isready -q -U $$POSTGRES_USER -d $$POSTGRES_DB`.");
    const condition = hoverAt(FINAL, 26, 20, "fr");
    expect(hovered(FINAL, condition)).toBe("service_healthy");
    expect(condition?.markdown).toContain("`service_healthy` : son healthcheck réussit, ce qui suppose un healthcheck.");
    expect(condition?.markdown).toContain("`postgres` a un healthcheck : `pg_isready -q -U $$POSTGRES_USER -d $$POSTGRES_DB`.");
  });

  it("condition on a service without healthcheck says so", () => {
    const model = parseCompose("services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n");
    expect(hoverAt(model, 5, 9)?.markdown).toContain(
      "`db` has no healthcheck in this file: its image must define one (`HEALTHCHECK`), else the deploy fails with `container <pipeline>-db-1 has no healthcheck configured`.",
    );
  });

  it("healthcheck and its test: CMD vs CMD-SHELL and $$", () => {
    const key = hoverAt(FINAL, 28, 6);
    expect(hovered(FINAL, key)).toBe("healthcheck");
    expect(key?.markdown).toContain("runs the program directly: `||`, `&&` and `|` reach it as literal arguments, and `$$VAR` as the literal text `$VAR`, never expanded.");
    expect(hovered(FINAL, hoverAt(FINAL, 29, 8))).toBe("test");
    expect(hoverAt(FINAL, 29, 8, "fr")?.markdown).toContain("passe par `/bin/sh`, qui développe `$POSTGRES_USER` à partir de l'environnement du conteneur.");
    // interval is not explained.
    expect(hoverAt(FINAL, 30, 8)).toBeUndefined();
  });

  it("restart, on the key and on the value", () => {
    const value = hoverAt(FINAL, 10, 15);
    expect(hovered(FINAL, value)).toBe("always");
    expect(value?.markdown).toContain("with `no` (the default) a crashed app stays down and Elestio's proxy answers 502 Bad Gateway.");
    expect(value?.markdown).toContain("`always`: always restarted.");
    expect(hoverAt(FINAL, 10, 5, "fr")?.markdown).toContain("`always` : toujours relancé.");
  });

  it("networks: a created one, an external one, and external: true", () => {
    expect(hoverAt(FINAL, 35, 10)?.markdown).toBe("**Network `backend`**: created by compose as `<project>_backend` when the project starts.");
    const external = "**`shared_apps` is external**: compose does not create it, it must already exist on the VM. Create it once over SSH: `docker network create shared_apps`. Until it exists, deploys stop with `network shared_apps declared as external, but could not be found`.";
    expect(hoverAt(FINAL, 36, 10)?.markdown).toBe(external);
    expect(hovered(FINAL, hoverAt(FINAL, 64, 3))).toBe("shared_apps");
    expect(hoverAt(FINAL, 64, 3)?.markdown).toBe(external);
    expect(hovered(FINAL, hoverAt(FINAL, 65, 7))).toBe("external");
    expect(hoverAt(FINAL, 65, 7, "fr")?.markdown).toContain("Créez-le une fois en SSH : `docker network create shared_apps`.");
    expect(hoverAt(FINAL, 62, 1)?.markdown).toContain("**`networks`**: the networks of this project.");
    expect(hoverAt(FINAL, 34, 5)?.markdown).toContain("**`networks`**: the networks this service joins");
  });

  it("a local .env beside the file: whether it defines the variable", () => {
    const dir = mkdtempSync(join(tmpdir(), "elestio-hover-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".env"), "LATIGUE_DB_PASSWORD=secret\n");
    const path = join(dir, "docker-compose.yml");
    writeFileSync(path, FINAL.text);
    const project = fileProject(path, dir);
    expect(hoverAt(FINAL, 44, 30, "en", { project })?.markdown).toContain("The `.env` beside this file sets it, for local runs: the pipeline writes its own `.env` from the dashboard.");
    expect(hoverAt(FINAL, 19, 30, "fr", { project })?.markdown).toContain("Le `.env` à côté de ce fichier ne la définit pas.");
    expect(hoverAt(FINAL, 44, 30, "en", { project, isPipeline: false })?.markdown).toContain(
      "Compose takes its value from the shell's environment, then from the `.env` file beside this file.\n\nNo default",
    );
  });
});

describe("hover on the guide's midway file, still with nginx, certbot and container_name", () => {
  it("container_name: why not in the pipeline file, with the name", () => {
    const value = hoverAt(BEFORE, 12, 22);
    expect(hovered(BEFORE, value)).toBe("latigue_web");
    expect(value?.markdown).toContain('every redeploy fails with `Conflict. The container name "/latigue_web" is already in use`');
    expect(hoverAt(BEFORE, 12, 5, "fr")?.markdown).toContain('chaque redéploiement échoue avec l\'erreur `Conflict. The container name "/latigue_web" is already in use`');
  });

  it("nginx and certbot: Elestio's proxy owns 80/443 and TLS", () => {
    // The nginx service is called `proxy` here: the hover names the service.
    const nginx = hoverAt(BEFORE, 67, 4);
    expect(hovered(BEFORE, nginx)).toBe("proxy");
    expect(nginx?.markdown).toContain("**`proxy` takes Elestio's place.** Elestio's reverse proxy `elestio-nginx` (OpenResty) already owns ports 80 and 443");
    const certbot = hoverAt(BEFORE, 84, 14, "fr");
    expect(hovered(BEFORE, certbot)).toBe("certbot/certbot:latest");
    expect(certbot?.markdown).toContain("**`certbot` : Elestio s'en charge déjà.**");
    // An app service's key has no hover.
    expect(hoverAt(BEFORE, 8, 3)).toBeUndefined();
  });

  it("a port 80 item names the pipeline's failure", () => {
    expect(hoverAt(BEFORE, 72, 10)?.markdown).toContain("Port 80 belongs to Elestio's proxy (`elestio-nginx`): the deploy fails with `failed to bind host port for 0.0.0.0:80 - address already in use`.");
  });

  it("in a file the pipeline does not deploy, short and without Elestio lectures", () => {
    expect(hoverAt(BEFORE, 12, 5, "en", { isPipeline: false })?.markdown).toBe(
      "**`container_name`**: a fixed name for the container, instead of compose's `<project>-<service>-1`. Fine in a local file; the pipeline's compose file should not set it (redeploys fail with `Conflict. The container name … is already in use`).",
    );
    expect(hoverAt(BEFORE, 22, 10, "en", { isPipeline: false })?.markdown).toBe(
      "**Publishes host port 8000** → container port 8000, on every interface. Reachable from other machines on the network.",
    );
    expect(hoverAt(BEFORE, 68, 13, "fr", { isPipeline: false })?.markdown).toBe(
      "**`proxy`** : un reverse proxy sur les ports 80/443. Aucun problème en local ; dans le fichier compose du pipeline, le proxy d'Elestio (`elestio-nginx`) détient 80, 443 et le TLS.",
    );
  });
});

describe("hover on a finding", () => {
  let findings: Finding[];
  let finding: Finding;
  beforeEach(() => {
    findings = lint(BEFORE, { isPipeline: true, rules: [noContainerName] });
    finding = findings.find((f) => BEFORE.text.slice(f.start, f.end) === "container_name: latigue_web")!;
  });

  it("shows what the message lacks: the rule title, this fault's log line, why, the fix and the page; never the message", () => {
    const docsUrl = (id: string, language: Language) => `https://docs.example/${id}.${language}.md`;
    const en = hover(BEFORE, findings, at(BEFORE, 12, 22), "en", { isPipeline: true, docsUrl });
    expect(en).toMatchObject({ start: finding.start, end: finding.end });
    expect(en?.markdown).toBe(
      [
        "**No container_name in the pipeline's compose file** (`no-container-name`)",
        'Pipeline log:\n\n```text\nError response from daemon: Conflict. The container name "/latigue_web" is already in use\n```',
        noContainerName.meta.docs.description.en,
        "**Quick fix:** remove container_name",
        "[Documentation of `no-container-name`](https://docs.example/no-container-name.en.md)",
      ].join("\n\n"),
    );
    expect(en?.markdown).not.toContain(finding.message.en);
    const fr = hover(BEFORE, findings, at(BEFORE, 12, 5), "fr", { isPipeline: true, docsUrl })?.markdown;
    expect(fr).toBe(
      [
        "**Pas de container_name dans le compose du pipeline** (`no-container-name`)",
        'Logs du pipeline :\n\n```text\nError response from daemon: Conflict. The container name "/latigue_web" is already in use\n```',
        noContainerName.meta.docs.description.fr,
        "**Correction rapide :** supprimer container_name",
        "[Documentation de `no-container-name`](https://docs.example/no-container-name.fr.md)",
      ].join("\n\n"),
    );
    expect(fr).not.toContain(finding.message.fr);
    // Without a page to link, no link.
    expect(hoverAt(BEFORE, 12, 22, "en", { findings })?.markdown).not.toContain("Documentation");
  });

  it("quotes the log line of this very fault when the rule can tell it, else the guide's example, said to be one", () => {
    const model = parseCompose(
      ["services:", "  shop:", "    image: shop:1", "    env_file: .env.production", "    environment:", "      KEY: ${SHOP_KEY}", "    ports:", '      - "443:8443"', '      - "8000:8000"', ""].join("\n"),
    );
    const findings = lint(model, { isPipeline: true });
    const logOf = (line: number, column: number, language: Language) => /([^\n]+)\n\n```text\n(.*)\n```/.exec(hoverAt(model, line, column, language, { findings })?.markdown ?? "")?.slice(1);
    expect(logOf(8, 10, "en")).toEqual(["Pipeline log:", "failed to bind host port for 0.0.0.0:443 - address already in use"]);
    expect(logOf(6, 14, "en")).toEqual(["Pipeline log:", 'The "SHOP_KEY" variable is not set. Defaulting to a blank string.']);
    expect(logOf(4, 16, "en")).toEqual(["Pipeline log:", "env file /opt/app/<pipeline>/.env.production not found"]);
    // public-port-binding cannot tell the host Django refuses: the guide's example.
    const example = "Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.";
    expect(logOf(9, 10, "en")).toEqual(["App log (`docker logs`), for example:", example]);
    expect(logOf(9, 10, "fr")).toEqual(["Logs de l'application (`docker logs`), par exemple :", example]);
    expect(logOf(8, 10, "fr")).toEqual(["Logs du pipeline :", "failed to bind host port for 0.0.0.0:443 - address already in use"]);
  });

  it("names the user's network, key and proxy port in the log lines of the other rules that can tell them", () => {
    const model = parseCompose(
      ["services:", "  web:", "    image: app:1", "    enviroment:", "      A: b", "  proxy:", "    image: nginx:1.27", "    ports:", '      - "80:80"', "networks:", "  edge:", "    external: true", ""].join("\n"),
    );
    const findings = lint(model, { isPipeline: true });
    const logOf = (line: number, column: number) => /Pipeline log:\n\n```text\n(.*)\n```/.exec(hoverAt(model, line, column, "en", { findings })?.markdown ?? "")?.[1];
    expect(logOf(4, 6)).toBe("services.web additional properties 'enviroment' not allowed");
    expect(logOf(6, 4)).toBe("failed to bind host port for 0.0.0.0:80 - address already in use");
    expect(logOf(12, 6)).toBe("network edge declared as external, but could not be found");
  });

  it("the finding wins over the key's own hover, and only inside its range", () => {
    // Line 13 (`restart`) is outside the finding.
    expect(hoverAt(BEFORE, 13, 6, "en", { findings })?.markdown).toContain("**`restart`**");
  });

  it("several findings on one spot: one section each, the common range", () => {
    const text = "services:\n  web:\n    ports:\n      - \"80:80\"\n";
    const model = parseCompose(text);
    const item = text.indexOf('"80:80"');
    const overlapping: Finding[] = [
      { ruleId: "no-reserved-host-port", messageId: "x", severity: "error", message: { en: "first", fr: "premier" }, start: item, end: item + 7 },
      { ruleId: "some-future-rule", messageId: "x", severity: "warning", message: { en: "second", fr: "second" }, start: item + 1, end: item + 10 },
    ];
    const result = hover(model, overlapping, item + 3, "en", { isPipeline: true });
    expect(result).toMatchObject({ start: item + 1, end: item + 7 });
    const sections = result!.markdown.split("\n\n---\n\n");
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain("(`no-reserved-host-port`)");
    expect(sections[0]).not.toContain("first");
    // A rule the registry does not know: its id, nothing made up.
    expect(sections[1]).toBe("`some-future-rule`");
  });

  it("a YAML syntax error explains itself from the yaml-syntax rule's docs, like every rule", () => {
    const text = "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"\n";
    const model = parseCompose(text);
    const syntax = lint(model, { isPipeline: true, rules: [yamlSyntax] });
    expect(syntax.map((f) => f.ruleId)).toEqual(["yaml-syntax"]);
    const result = hover(model, syntax, syntax[0].start, "fr", { isPipeline: true });
    expect(result?.markdown).toContain(`**${yamlSyntax.meta.docs.title.fr}** (\`yaml-syntax\`)`);
    expect(result?.markdown).toContain(yamlSyntax.meta.docs.description.fr);
    const manualFix = yamlSyntax.meta.docs.manualFix!.en;
    expect(hover(model, syntax, syntax[0].start, "en", { isPipeline: true })?.markdown).toContain(`**Fix:** ${manualFix.charAt(0).toLowerCase()}${manualFix.slice(1)}`);
  });
});

describe("hover edge cases", () => {
  it("whitespace, comments, punctuation and offsets outside the text give nothing", () => {
    expect(hoverAt(FINAL, 4, 1)).toBeUndefined(); // blank line
    expect(hoverAt(FINAL, 1, 5)).toBeUndefined(); // comment
    expect(hoverAt(FINAL, 14, 8)).toBeUndefined(); // between "-" and ".env"
    expect(hoverAt(FINAL, 11, 10)).toBeUndefined(); // the ":" after ports
    expect(hover(FINAL, [], FINAL.text.length, "en", { isPipeline: true })).toBeUndefined();
    expect(hover(FINAL, [], FINAL.text.length + 10, "en", { isPipeline: true })).toBeUndefined();
    expect(hover(FINAL, [], -1, "en", { isPipeline: true })).toBeUndefined();
    expect(hover(FINAL, [], Number.NaN, "en", { isPipeline: true })).toBeUndefined();
  });

  it("a key written in a `<<` anchor is explained for the services that merge it", () => {
    const model = parseCompose("x-base: &base\n  restart: always\n  container_name: shared\nservices:\n  a:\n    <<: *base\n");
    expect(hoverAt(model, 2, 4)?.markdown).toContain("`always`: always restarted.");
    expect(hoverAt(model, 3, 4)?.markdown).toContain('`Conflict. The container name "/shared" is already in use`');
  });

  it("flow style and a loopback port", () => {
    const model = parseCompose('services:\n  web: {image: app, ports: ["127.0.0.1:8080:80", "172.17.0.1:8000:8000"]}\n');
    const line = model.lines.lineText(1);
    const loopback = hoverAt(model, 2, line.indexOf("127.0.0.1") + 2);
    expect(hovered(model, loopback)).toBe('"127.0.0.1:8080:80"');
    expect(loopback?.markdown).toBe(
      "**Publishes host port 8080** → container port 80, on `127.0.0.1` only. Reachable from the VM only: Elestio's proxy connects to `172.17.0.1:8080` and cannot reach it (a 502 Bad Gateway if this is the web port). Fine for a port you reach through an SSH tunnel only.",
    );
    expect(hoverAt(model, 2, line.indexOf("172.17.0.1") + 2, "fr")?.markdown).toContain("Le proxy d'Elestio l'atteint sur `172.17.0.1:8000` ; le port reste fermé à Internet.");
  });

  it("CRLF files hover the same nodes", () => {
    const model = parseCompose(FINAL.text.replace(/\n/g, "\r\n"));
    expect(hovered(model, hoverAt(model, 44, 30))).toBe("${LATIGUE_DB_PASSWORD}");
    expect(hovered(model, hoverAt(model, 36, 10))).toBe("shared_apps");
  });

  it("every offset of the fixtures gives nothing or a range around it", () => {
    for (const model of [FINAL, BEFORE]) {
      const findings = lint(model, { isPipeline: true });
      for (let offset = 0; offset <= model.text.length; offset++) {
        for (const list of [[], findings]) {
          const result = hover(model, list, offset, "fr", { isPipeline: true });
          if (!result) continue;
          expect(result.start).toBeLessThanOrEqual(offset);
          expect(result.end).toBeGreaterThan(offset);
          expect(result.markdown.length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe("hover in a file the pipeline does not deploy", () => {
  it("restart without the proxy, and no Django lecture", () => {
    expect(hoverAt(FINAL, 10, 5, "en", { isPipeline: false })?.markdown).toBe(
      "**`restart`**: what Docker does when the container stops. `unless-stopped` and `always` restart it after a crash and after a reboot; with `no` (the default) a crashed container stays down.\n\n`always`: always restarted.",
    );
    expect(hoverAt(FINAL, 19, 10, "en", { isPipeline: false })).toBeUndefined();
    expect(hoverAt(FINAL, 14, 10, "fr", { isPipeline: false })?.markdown).toBe(
      "**`env_file`** : fichiers dont les variables sont définies dans le conteneur, relatifs à ce fichier. (Le pipeline Elestio n'écrit que `.env` ; cela compte dans le fichier compose du pipeline, pas ici.)",
    );
  });
});
