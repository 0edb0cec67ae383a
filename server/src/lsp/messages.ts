/** The server's own user-facing texts (the engine's are in its rules and hovers). */
import type { Localized } from "../engine/i18n/index.js";

/** What still applies of a project configuration with problems: its valid part, or nothing. */
function projectConfigTail(restApplies: boolean): Localized {
  return restApplies
    ? { en: "The rest of it applies.", fr: "Le reste du fichier s'applique." }
    : { en: "It is ignored.", fr: "Le fichier est ignoré." };
}

export const messages = {
  codeLens: {
    en: "Copy to the Elestio dashboard (the pipeline deploys its copy)",
    fr: "Copier vers le dashboard Elestio (le pipeline déploie sa copie)",
  },
  fixAll: {
    en: "Fix all Elestio problems",
    fr: "Corriger tous les problèmes Elestio",
  },
  showDocumentation: (ruleId: string): Localized => ({
    en: `Show documentation for ${ruleId}`,
    fr: `Afficher la documentation de ${ruleId}`,
  }),
  disableForLine: (ruleId: string): Localized => ({
    en: `Disable ${ruleId} for this line`,
    fr: `Désactiver ${ruleId} pour cette ligne`,
  }),
  /**
   * The notification on a project configuration (.elestio-compose.json) with
   * problems: the problems as config.ts describes them (English: JSON paths
   * and keys), between a localized lead and tail.
   */
  projectConfigProblems: (problems: string, restApplies: boolean): Localized => {
    const tail = projectConfigTail(restApplies);
    return { en: `Elestio Compose: ${problems}. ${tail.en}`, fr: `Elestio Compose : ${problems}. ${tail.fr}` };
  },
  projectConfigTail,
} as const;
