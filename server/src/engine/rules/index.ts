/**
 * The rule registry: the one list that the README's rule table, the
 * `elestio.rules.<id>` settings and the rule tests derive from. Order is the
 * order of the README table.
 */
import { noContainerName } from "./no-container-name.js";
import type { Rule } from "./types.js";

export const RULES: readonly Rule[] = [
  noContainerName,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
