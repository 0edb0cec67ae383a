/**
 * The variable hover's lines on where a variable's value comes from, once
 * the project lists the dashboard's variables (`dashboardVariables` in
 * `.elestio-compose.json`). Names only: a value is never shown.
 */
import type { Localized } from "./index.js";

export const VARIABLE_SOURCE = {
  /** Listed: the pipeline writes it to `.env` from the dashboard. */
  dashboard: {
    en: "Set in **Dashboard → Environment variables** (`.elestio-compose.json` lists it): the pipeline writes it to `.env` at deploy time.",
    fr: "Définie dans **Dashboard → Environment variables** (`.elestio-compose.json` la liste) : le pipeline l'écrit dans `.env` au déploiement.",
  },
  /** Not listed, but the `.env` beside the file sets it. */
  localDotEnv: {
    en: "The `.env` beside this file sets it, but the dashboard does not (`.elestio-compose.json` does not list it): the pipeline writes its own `.env` from the dashboard.",
    fr: "Le `.env` à côté de ce fichier la définit, mais pas le dashboard (`.elestio-compose.json` ne la liste pas) : le pipeline écrit son propre `.env` à partir du dashboard.",
  },
  /** Not listed, not in the `.env` beside the file. */
  nowhere: {
    en: "Set nowhere: not in the dashboard (`.elestio-compose.json` does not list it), nor in a `.env` beside this file.",
    fr: "Définie nulle part : ni dans le dashboard (`.elestio-compose.json` ne la liste pas), ni dans un `.env` à côté de ce fichier.",
  },
  /** COMPOSE_PROJECT_NAME, PWD, HOME: set without any `.env`. */
  alwaysSet: (name: string): Localized =>
    name === "COMPOSE_PROJECT_NAME"
      ? {
          en: "Compose sets it to the project's name (on Elestio, the pipeline's folder, `<pipeline>`).",
          fr: "Compose lui donne le nom du projet (sur Elestio, le dossier du pipeline, `<pipeline>`).",
        }
      : {
          en: "The shell that runs compose always sets it.",
          fr: "Le shell qui lance compose la définit toujours.",
        },
};
