/**
 * Fills a rule's message templates (`{{name}}` placeholders, as ESLint's)
 * with a report's data.
 */
import type { Localized } from "./index.js";

/**
 * The longest a filled-in value is shown in a message: a value the user wrote
 * (a 200-character command, a generated name) would push the action off the
 * end of the line. The hover and the range show it whole.
 */
export const MAX_VALUE_CHARS = 32;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** `value`, or its start and an ellipsis when longer than MAX_VALUE_CHARS. */
export function shortValue(value: string): string {
  return value.length <= MAX_VALUE_CHARS ? value : `${value.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

/** The placeholders a template names, in order of appearance, each once. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** One template filled: each placeholder by its (shortened) value; a placeholder without data is an error, not a silent `{{x}}`. */
export function fillTemplate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = data?.[name];
    if (value === undefined) throw new Error(`message placeholder {{${name}}} has no data`);
    return shortValue(String(value));
  });
}

export function fillMessage(templates: Localized, data: Readonly<Record<string, string | number>> | undefined): Localized {
  return { en: fillTemplate(templates.en, data), fr: fillTemplate(templates.fr, data) };
}
