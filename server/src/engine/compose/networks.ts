/**
 * The top-level network declarations, as compose reads them: whether each is
 * external (`external: true` in any form compose casts, or the legacy
 * `external: {name: x}` map), and its name on the Docker host. The only reader
 * of `networks:`: the external-network rule, the hovers and the log explainer
 * ask these facts, never the YAML.
 */
import { isMap } from "yaml";
import { resolveDefaults } from "./interpolation.js";
import { documentOf, entrySpan, mapEntries, modelFact, scalarText, trimmedSpan, type ComposeModel, type Entry, type Span } from "./model.js";
import { composeBoolean } from "./values.js";

export interface NetworkDeclaration {
  /** The network's key under `networks:`. */
  key: string;
  /** Its entry in `networks:` (merged when it came through a `<<` merge key). */
  entry: Entry;
  keySpan: Span;
  /**
   * True when compose expects the network to exist (it does not create it);
   * false when it creates it, `external` absent included; undefined when a
   * variable without a default or an unreadable value decides it.
   */
  external: boolean | undefined;
  /** The `external` entry (merge keys followed), when written. */
  externalEntry?: Entry;
  /** `external: <value>` as written, from the key to the end of its value: where external-network reports. */
  externalSpan?: Span;
  /** The name written for the network on the Docker host: its `name`, else the legacy `external: {name: x}`, defaults applied. */
  name?: string;
  /** The value that gives `name`. */
  nameSpan?: Span;
}

/** Every top-level network declaration of the model, in file order, across documents (computed once per parse). */
export function networkDeclarations(model: ComposeModel): readonly NetworkDeclaration[] {
  return modelFact(model, networkDeclarations, () => model.section("networks").map((entry) => declaration(model, entry)));
}

/** The declaration of the network with this key, if the file declares it. */
export function networkDeclaration(model: ComposeModel, key: string): NetworkDeclaration | undefined {
  return networkDeclarations(model).find((n) => n.key === key);
}

/**
 * The network's name on the VM, the one compose's errors name: its `name`,
 * else its key for an external network (compose prefixes only the networks
 * it creates with the project's name); undefined for a created network without
 * `name` (`<project>_<key>`).
 */
export function hostNetworkName(network: NetworkDeclaration): string | undefined {
  return network.name ?? (network.external === true ? network.key : undefined);
}

function declaration(model: ComposeModel, entry: Entry): NetworkDeclaration {
  const doc = documentOf(entry, model.documents);
  const options = isMap(entry.value) ? mapEntries(entry.value, doc) : [];
  const externalEntry = options.find((e) => e.key === "external");
  const legacy = isMap(externalEntry?.value) ? mapEntries(externalEntry.value, doc) : undefined;
  const external = externalEntry === undefined ? false : legacy ? true : composeBoolean(externalEntry.value);
  const nameNode = (options.find((e) => e.key === "name") ?? legacy?.find((e) => e.key === "name"))?.value;
  const nameText = scalarText(nameNode);
  return {
    key: entry.key,
    entry,
    keySpan: { start: entry.keyNode.range![0], end: entry.keyNode.range![1] },
    external,
    externalEntry,
    externalSpan: externalEntry && entrySpan(model.text, externalEntry),
    name: nameText === undefined ? undefined : resolveDefaults(nameText).value,
    nameSpan: nameText === undefined || !nameNode ? undefined : trimmedSpan(model.text, nameNode),
  };
}
