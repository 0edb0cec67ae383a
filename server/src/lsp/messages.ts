/** The server's own user-facing texts (the engine's are in its rules and hovers). */
import type { Localized } from "../engine/i18n/index.js";

export const messages = {
  codeLens: {
    en: "Elestio deploys the dashboard's copy of this file: Copy and open dashboard",
    fr: "Elestio déploie la copie de ce fichier enregistrée dans le dashboard : copier et ouvrir le dashboard",
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
} as const;
