/** English and French: every user-facing text of the engine is a Localized pair. */
export type Language = "en" | "fr";

export interface Localized {
  en: string;
  fr: string;
}

export function pick(text: Localized, language: Language): string {
  return text[language];
}

/** The language for a locale such as "fr", "fr-CA" or "en-US"; English unless it is French. */
export function languageFromLocale(locale: string | undefined | null): Language {
  return locale && /^fr(?:[-_.@]|$)/i.test(locale) ? "fr" : "en";
}

/**
 * Resolves the `elestio.language` setting (`auto`, `en`, `fr`) against the
 * editor's locale.
 */
export function resolveLanguage(setting: string | undefined, locale: string | undefined): Language {
  if (setting === "en" || setting === "fr") return setting;
  return languageFromLocale(locale);
}
