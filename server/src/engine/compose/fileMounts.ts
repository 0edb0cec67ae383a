/**
 * What secrets.ts and configs.ts share: compose's `service_config_or_secret`
 * (a service's, or a build's, list of `- name` and
 * `{source, target, uid, gid, mode}` items; compose-go's transformFileMount
 * turns `- name` into `{source: name}`), and the top-level declarations'
 * sources (`file`, `environment`, `content` for configs) on top of
 * declarations.ts's `external` and `name`. Values are interpolated, defaults
 * applied.
 */
import { isMap } from "yaml";
import { resourceDeclarations, type ResourceDeclaration } from "./declarations.js";
import { mapEntries, modelFact, seqItems, trimmedSpan, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { scalarValue, type ScalarValue } from "./scalars.js";

export type FileMountKind = "secret" | "config";

export interface FileMountRef {
  service: Service;
  kind: FileMountKind;
  form: "short" | "long";
  /** The secret's or config's key in the top-level section, defaults applied; undefined for a long form without `source`. */
  source: string | undefined;
  /** False when a variable without a default decides the source. */
  certain: boolean;
  /** Where the source is written, quotes included: the item (short form) or the `source` value. */
  sourceSpan: Span | undefined;
  /** The whole item: the scalar, or the map. */
  span: Span;
  /** Long form: the path in the container, as written (defaults applied); without one, compose mounts it at defaultTarget. */
  target: ScalarValue | undefined;
  /** Where compose mounts it without a `target` (the specification: `/run/secrets/<source>` for a secret, `/<source>` for a config). */
  defaultTarget: string | undefined;
  uid: ScalarValue | undefined;
  gid: ScalarValue | undefined;
  mode: ScalarValue | undefined;
  /** Long form: the item's entries (`<<` merges resolved). */
  options: readonly Entry[];
}

/** The items of a `service_config_or_secret` entry (a service's `secrets` or `configs`, a build's `secrets`). */
export function readFileMounts(model: ComposeModel, service: Service, entry: Entry | undefined, kind: FileMountKind): FileMountRef[] {
  if (!entry) return [];
  const document = service.document;
  const defaultTarget = (source: string | undefined) => (source === undefined ? undefined : kind === "secret" ? `/run/secrets/${source}` : `/${source}`);
  const refs: FileMountRef[] = [];
  for (const { item } of seqItems(entry.value, document)) {
    if (isMap(item)) {
      const options = mapEntries(item, document);
      const get = (key: string) => scalarValue(model.text, options.find((e) => e.key === key)?.value);
      const source = get("source");
      refs.push({
        service,
        kind,
        form: "long",
        source: source?.value,
        certain: source?.certain ?? true,
        sourceSpan: source?.span,
        span: trimmedSpan(model.text, item),
        target: get("target"),
        defaultTarget: defaultTarget(source?.value),
        uid: get("uid"),
        gid: get("gid"),
        mode: get("mode"),
        options,
      });
      continue;
    }
    const source = scalarValue(model.text, item);
    if (!source) continue;
    refs.push({
      service,
      kind,
      form: "short",
      source: source.value,
      certain: source.certain,
      sourceSpan: source.span,
      span: source.span,
      target: undefined,
      defaultTarget: defaultTarget(source.value),
      uid: undefined,
      gid: undefined,
      mode: undefined,
      options: [],
    });
  }
  return refs;
}

/** A top-level secret or config: `external` and `name` (declarations.ts), and where its content comes from. */
export interface FileResourceDeclaration extends ResourceDeclaration {
  /** `file`: a path on the machine that runs compose, relative to the project folder. */
  file: ScalarValue | undefined;
  /** `environment`: the name of the variable whose value it holds. */
  environment: ScalarValue | undefined;
  /** `content` (configs only in the specification): the value itself, written inline. */
  content: ScalarValue | undefined;
}

/** The declarations of `secrets:` or `configs:`, in file order, across documents (computed once per parse). */
export function fileResourceDeclarations(model: ComposeModel, section: "secrets" | "configs"): readonly FileResourceDeclaration[] {
  return modelFact(model, `file-declarations:${section}`, () =>
    resourceDeclarations(model, section).map((declaration) => {
      const get = (key: string) => scalarValue(model.text, declaration.options.find((e) => e.key === key)?.value);
      return { ...declaration, file: get("file"), environment: get("environment"), content: get("content") };
    }),
  );
}
