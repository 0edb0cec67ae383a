/**
 * The top-level declarations of named resources, `volumes:`, `secrets:` and
 * `configs:` (networks.ts reads `networks:` the same way), as compose reads
 * them: whether each is external (`external: true` in any form compose
 * casts, or the legacy `external: {name: x}` map, which compose-go's
 * transformMaybeExternal turns into `external: true` and a `name`), and its
 * name on the Docker host, interpolation defaults applied.
 */
import { isMap } from "yaml";
import { documentOf, entrySpan, mapEntries, modelFact, type ComposeModel, type Entry, type Span } from "./model.js";
import { scalarValue } from "./scalars.js";
import { composeBoolean } from "./values.js";

export type ResourceSection = "volumes" | "secrets" | "configs";

export interface ResourceDeclaration {
  section: ResourceSection;
  /** The resource's key under its section: what services name. */
  key: string;
  /** Its entry in the section (merged when it came through a `<<` merge key). */
  entry: Entry;
  keySpan: Span;
  /** The declaration's entries (`<<` merges resolved); empty for `data:` with no value. */
  options: readonly Entry[];
  /**
   * True when compose expects the resource to exist (it does not create it);
   * false when it creates it, `external` absent included; undefined when a
   * variable without a default or an unreadable value decides it.
   */
  external: boolean | undefined;
  /** The `external` entry, when written. */
  externalEntry?: Entry;
  /** `external: <value>` as written, from the key to the end of its value. */
  externalSpan?: Span;
  /** The name written for the resource on the Docker host: its `name`, else the legacy `external: {name: x}`, defaults applied. */
  name?: string;
  /** False when a variable without a default decides `name`. */
  nameCertain: boolean;
  /** The scalar that gives `name`, its quotes included. */
  nameSpan?: Span;
}

/** Every declaration of a top-level section, in file order, across documents (computed once per parse and section). */
export function resourceDeclarations(model: ComposeModel, section: ResourceSection): readonly ResourceDeclaration[] {
  return modelFact(model, `declarations:${section}`, () => model.section(section).map((entry) => readDeclaration(model, section, entry)));
}

/**
 * The resource's name on the Docker host: its `name`, else its key for an
 * external resource (compose prefixes only the resources it creates with the
 * project's name); undefined for a created resource without `name`
 * (`<project>_<key>`).
 */
export function hostResourceName(declaration: ResourceDeclaration): string | undefined {
  return declaration.name ?? (declaration.external === true ? declaration.key : undefined);
}

function readDeclaration(model: ComposeModel, section: ResourceSection, entry: Entry): ResourceDeclaration {
  const doc = documentOf(entry, model.documents);
  const options = isMap(entry.value) ? mapEntries(entry.value, doc) : [];
  const externalEntry = options.find((e) => e.key === "external");
  const legacy = isMap(externalEntry?.value) ? mapEntries(externalEntry.value, doc) : undefined;
  const external = externalEntry === undefined ? false : legacy ? true : composeBoolean(externalEntry.value);
  const name = scalarValue(model.text, (options.find((e) => e.key === "name") ?? legacy?.find((e) => e.key === "name"))?.value);
  const [start, end] = entry.keyNode.range!;
  return {
    section,
    key: entry.key,
    entry,
    keySpan: { start, end },
    options,
    external,
    externalEntry,
    externalSpan: externalEntry && entrySpan(model.text, externalEntry),
    name: name?.value,
    nameCertain: name?.certain ?? true,
    nameSpan: name?.span,
  };
}
