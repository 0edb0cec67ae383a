/**
 * How compose reads a value's text, for the few grammars every topic shares.
 * One parser per grammar: rules, hovers and the explainer ask these, never
 * their own regular expression, so that they cannot disagree.
 */
import type { Node } from "yaml";
import { resolveDefaults } from "./interpolation.js";
import { scalarText } from "./model.js";

/**
 * A boolean as compose reads it: a YAML boolean, or a string that compose-go
 * casts after interpolation (loader/interpolate.go, `toBoolean`: "y", "yes",
 * "true", "on" and "n", "no", "false", "off", in any case). Interpolation
 * defaults are applied (`${EXTERNAL:-true}` is true); undefined for anything
 * else, a variable without default included (nothing is known of it).
 */
export function composeBoolean(node: Node | null | undefined): boolean | undefined {
  const text = scalarText(node);
  if (text === undefined) return undefined;
  const { value, certain } = resolveDefaults(text);
  if (!certain) return undefined;
  return booleanText(value);
}

/** The words compose-go's toBoolean reads, lower case. */
const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ["y", true], ["yes", true], ["true", true], ["on", true],
  ["n", false], ["no", false], ["false", false], ["off", false],
]);

/** The boolean a text stands for in compose (see composeBoolean), or undefined; no space around it (`" true"` is an invalid boolean). */
export function booleanText(text: string): boolean | undefined {
  return BOOLEAN_WORDS.get(text.toLowerCase());
}
