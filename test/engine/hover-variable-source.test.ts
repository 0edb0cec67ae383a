/**
 * The hover on a variable says where its value comes from once the project
 * lists the dashboard's variables: the dashboard, the `.env` beside the file
 * (never its value), its default, or nowhere.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hover } from "../../server/src/engine/hover/index.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import { VARIABLE } from "../../server/src/engine/i18n/hover-texts.js";
import { VARIABLE_SOURCE } from "../../server/src/engine/i18n/variable-texts.js";
import { fileProject } from "../../server/src/engine/project.js";

const TEXT = [
  "services:",
  "  web:",
  "    image: app",
  "    environment:",
  "      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}",
  "      LOCAL_TOKEN: ${LOCAL_TOKEN}",
  "      SENTRY_DSN: ${SENTRY_DSN}",
  "      WORKERS: ${WORKERS:-4}",
  "      PROJECT: ${COMPOSE_PROJECT_NAME}",
  "",
].join("\n");

const LOCAL_SECRET = "local-token-value-never-shown";

function project() {
  const dir = mkdtempSync(join(tmpdir(), "elestio-hover-source-"));
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, ".env"), `LOCAL_TOKEN=${LOCAL_SECRET}\n`);
  const file = join(dir, "docker-compose.yml");
  writeFileSync(file, TEXT);
  return fileProject(file, dir);
}

function hoverOn(name: string, options: { dashboardVariables?: string[]; isPipeline?: boolean; language?: Language } = {}) {
  const model = parseCompose(TEXT);
  const offset = TEXT.indexOf(`\${${name}`) + 3;
  const result = hover(model, [], offset, options.language ?? "en", {
    isPipeline: options.isPipeline ?? true,
    project: project(),
    dashboardVariables: options.dashboardVariables,
  });
  return result?.markdown;
}

const LISTED = ["DJANGO_SECRET_KEY", "ALLOWED_HOSTS"];

describe("the variable hover with the dashboard's variables listed", () => {
  it("a listed variable: the dashboard sets it", () => {
    expect(hoverOn("DJANGO_SECRET_KEY", { dashboardVariables: LISTED })).toBe(
      [VARIABLE.title("DJANGO_SECRET_KEY").en, VARIABLE_SOURCE.dashboard.en, VARIABLE.noDefault("DJANGO_SECRET_KEY").en].join("\n\n"),
    );
    expect(hoverOn("DJANGO_SECRET_KEY", { dashboardVariables: LISTED })).toContain("Set in **Dashboard → Environment variables** (`.elestio-compose.json` lists it)");
    expect(hoverOn("DJANGO_SECRET_KEY", { dashboardVariables: LISTED, language: "fr" })).toContain(
      "Définie dans **Dashboard → Environment variables** (`.elestio-compose.json` la liste) : le pipeline l'écrit dans `.env` au déploiement.",
    );
  });

  it("in the .env beside the file only: said so, without its value", () => {
    const en = hoverOn("LOCAL_TOKEN", { dashboardVariables: LISTED });
    expect(en).toContain("The `.env` beside this file sets it, but the dashboard does not (`.elestio-compose.json` does not list it)");
    expect(en).not.toContain(LOCAL_SECRET);
    expect(hoverOn("LOCAL_TOKEN", { dashboardVariables: LISTED, language: "fr" })).not.toContain(LOCAL_SECRET);
    expect(hoverOn("LOCAL_TOKEN", { dashboardVariables: LISTED, language: "fr" })).toContain(
      "Le `.env` à côté de ce fichier la définit, mais pas le dashboard (`.elestio-compose.json` ne la liste pas) : le pipeline écrit son propre `.env` à partir du dashboard.",
    );
  });

  it("set nowhere: neither the dashboard nor a .env, and compose's warning", () => {
    const en = hoverOn("SENTRY_DSN", { dashboardVariables: LISTED });
    expect(en).toBe(
      [
        "**`SENTRY_DSN`**: a compose variable.",
        "Set nowhere: not in the dashboard (`.elestio-compose.json` does not list it), nor in a `.env` beside this file.",
        VARIABLE.noDefault("SENTRY_DSN").en,
      ].join("\n\n"),
    );
    expect(hoverOn("SENTRY_DSN", { dashboardVariables: LISTED, language: "fr" })).toContain(
      "Définie nulle part : ni dans le dashboard (`.elestio-compose.json` ne la liste pas), ni dans un `.env` à côté de ce fichier.",
    );
  });

  it("with a default: not in the dashboard, so compose uses the default", () => {
    expect(hoverOn("WORKERS", { dashboardVariables: LISTED })).toBe(
      [VARIABLE.title("WORKERS").en, VARIABLE_SOURCE.nowhere.en, VARIABLE.defaultUnsetOrEmpty("4").en].join("\n\n"),
    );
    expect(hoverOn("WORKERS", { dashboardVariables: [...LISTED, "WORKERS"] })).toContain(VARIABLE_SOURCE.dashboard.en);
  });

  it("a variable compose sets itself: neither the dashboard nor a warning", () => {
    const en = hoverOn("COMPOSE_PROJECT_NAME", { dashboardVariables: LISTED });
    expect(en).toBe("**`COMPOSE_PROJECT_NAME`**: a compose variable.\n\nCompose sets it to the project's name (on Elestio, the pipeline's folder, `<pipeline>`).");
    expect(hoverOn("COMPOSE_PROJECT_NAME")).toBe(en);
  });
});

describe("the variable hover without the list, or outside the pipeline's file", () => {
  it("without the list: where the pipeline takes it, and whether the .env beside the file sets it", () => {
    expect(hoverOn("SENTRY_DSN")).toBe(
      [VARIABLE.title("SENTRY_DSN").en, VARIABLE.sourcePipeline.en, VARIABLE.noDefault("SENTRY_DSN").en, VARIABLE.localMissing.en].join("\n\n"),
    );
    expect(hoverOn("LOCAL_TOKEN")).not.toContain(LOCAL_SECRET);
  });

  it("a file the pipeline does not deploy: the dashboard does not feed it, whatever the list", () => {
    const withList = hoverOn("DJANGO_SECRET_KEY", { dashboardVariables: LISTED, isPipeline: false });
    expect(withList).toBe(hoverOn("DJANGO_SECRET_KEY", { isPipeline: false }));
    expect(withList).toContain(VARIABLE.sourceLocal.en);
    expect(withList).not.toContain(".elestio-compose.json");
  });
});
