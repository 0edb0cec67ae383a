/**
 * Command lines as compose reads them: `command`, `entrypoint` and a
 * healthcheck's `test` (healthcheck.ts), each a string or a list of words,
 * aliases resolved, with where each word is written. A string `command` is
 * split into words by compose, without a shell; a list is passed as it is.
 */
import { isScalar, isSeq, type Document, type Node, type Scalar, type YAMLSeq } from "yaml";
import { scalarText, seqItems, type Entry, type Service, type Span } from "./model.js";

export interface CommandWord {
  /** The word as compose reads it; undefined for an item that is not a string (compose refuses the file). */
  text: string | undefined;
  /** The item, aliases resolved. */
  node: Node;
  /** The item as written (an alias stays an alias). */
  source: Node;
  /** Where the item is written, its quotes included. */
  span: Span;
  /** The item's scalar, aliases resolved (the anchored one, for an alias); undefined when the item is not a scalar. */
  scalar: Scalar | undefined;
  /** Where its text is, quotes included: the scalar's span. */
  textSpan: Span | undefined;
  /** Whether the text is a plain scalar (no quotes, no block). */
  plain: boolean;
}

export interface CommandValue {
  /** The entry holding the value: in the service's map, or in an anchored map it merges with `<<`. */
  entry: Entry;
  form: "string" | "list";
  /** The value, aliases resolved: the string's scalar, or the list. */
  node: Scalar | YAMLSeq;
  /** Where the value is written: the scalar; a flow list from `[` to `]`; a block list from its first dash to the end of its last item. */
  span: Span;
  /** The list's items in order; the string form has one word, the whole string. */
  words: readonly CommandWord[];
  /** Whether the value is written in a flow collection, where a plain scalar cannot hold `{`, `}` or `,`. */
  flow: boolean;
}

function spanOfNode(node: Node): Span {
  const range = node.range ?? [0, 0];
  return { start: range[0], end: range[1] };
}

function wordOf(node: Node, source: Node): CommandWord {
  const scalar = isScalar(node) && node.range ? node : undefined;
  return {
    text: scalar ? scalarText(scalar) : undefined,
    node,
    source,
    span: spanOfNode(source),
    scalar,
    textSpan: scalar && spanOfNode(scalar),
    plain: scalar?.type === "PLAIN",
  };
}

/** The command line an entry holds; undefined for an empty value or one that is neither a string nor a list. */
export function commandValue(entry: Entry | undefined, document: Document): CommandValue | undefined {
  const value = entry?.value;
  if (!entry || !value?.range) return undefined;
  if (isScalar(value)) {
    // The core schema resolves every scalar to a string, number, boolean or null, never undefined.
    if (value.value === null) return undefined;
    return { entry, form: "string", node: value, span: spanOfNode(value), words: [wordOf(value, value)], flow: entry.owner.flow === true };
  }
  if (!isSeq(value)) return undefined;
  const words = seqItems(value, document).map(({ item, source }) => wordOf(item, source));
  const last = words[words.length - 1];
  const span = value.flow || !last ? spanOfNode(value) : { start: value.range[0], end: last.span.end };
  return { entry, form: "list", node: value, span, words, flow: value.flow === true };
}

/** The service's `command` or `entrypoint`, merges and aliases resolved. */
export function serviceCommand(service: Service, key: "command" | "entrypoint"): CommandValue | undefined {
  return commandValue(service.get(key), service.document);
}

/** Shells: `sh -c <script>` (and `bash -lc`, ...) runs its script through a shell. */
export const SHELL = /^(?:\S*\/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)$/;
export const SHELL_SCRIPT_FLAG = /^-[a-zA-Z]*c[a-zA-Z]*$/;

/** Index of the script in `[shell, ..., "-c", script, ...]` (`bash -lc`, `/bin/ash -c`), or -1. */
export function shellScriptIndex(words: readonly string[]): number {
  if (!SHELL.test(words[0] ?? "")) return -1;
  // The shell's own name, words[0], never looks like a flag.
  const flag = words.findIndex((w) => SHELL_SCRIPT_FLAG.test(w));
  return flag < 0 ? -1 : flag + 1;
}
