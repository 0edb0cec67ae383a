/**
 * The names the schema-driven rules (unknown-key, invalid-value,
 * undefined-reference) give their messages as data: a value's place as the
 * user reads it (`services.web.healthcheck.retries`, `services.web.ports[0]`)
 * and short lists of accepted words. They are the same in every language,
 * and short enough that the message formatter never cuts them (MAX_VALUE_CHARS).
 */
import { MAX_VALUE_CHARS } from "./format.js";

type Segment = string | number;

/** A path as a user reads it: `deploy.resources.limits`, `ports[0]`, `depends_on.db`. */
export function innerPath(segments: readonly Segment[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}

/**
 * A value's place for a message: its whole path (`services.web.healthcheck.retries`),
 * or, when that is too long to be shown whole, its end after "…"
 * (`…deploy.restart_policy.condition`): the key the message is about stays.
 */
export function placeOf(segments: readonly Segment[]): string {
  for (let start = 0; start < segments.length; start++) {
    const text = innerPath(segments.slice(start));
    if (start === 0 && text.length <= MAX_VALUE_CHARS) return text;
    if (start > 0 && text.length + 1 <= MAX_VALUE_CHARS) return `…${text}`;
  }
  const last = segments.at(-1);
  return last === undefined ? "" : String(last);
}

/** Words a message lists at most: the log line, which the hover shows, lists them all. */
const MAX_LISTED = 3;

/** Words for a message, comma-separated: at most MAX_LISTED, within `max` characters, then "…" (`always, never, missing, …`). */
export function shortList(words: readonly string[], max = MAX_VALUE_CHARS): string {
  let text = "";
  for (const [index, word] of words.entries()) {
    const next = text ? `${text}, ${word}` : word;
    const rest = index < words.length - 1;
    if (index === MAX_LISTED || (rest ? `${next}, …` : next).length > max) return text ? `${text}, …` : `${word.slice(0, max - 1)}…`;
    text = next;
  }
  return text;
}
