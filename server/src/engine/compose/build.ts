/**
 * How a service gets its image: `image` (the reference as written and where,
 * with services.ts's ImageRef), and `build`, in both forms compose accepts:
 * `build: ./dir` (compose-go's transformBuild makes it `{context: ./dir}`)
 * and `{context, dockerfile, dockerfile_inline, args, labels, target,
 * secrets, ...}`, with `context` `.` when not written (transformBuild's
 * default); `args` and `labels` in both their list and map forms
 * (keyValues.ts), `secrets` as fileMounts.ts reads them. Values are
 * interpolated, defaults applied. The only reader of `build`.
 */
import { isMap } from "yaml";
import { readFileMounts, type FileMountRef } from "./fileMounts.js";
import { readKeyValues, type KeyValue } from "./keyValues.js";
import { entrySpan, mapEntries, serviceModelFact, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { scalarValue, type ScalarValue } from "./scalars.js";
import { serviceImage, type ImageRef } from "./services.js";

export interface ServiceImage {
  /** The `image` entry. */
  entry: Entry;
  /** The reference as compose reads it (defaults applied), where it is written, whether a variable without a default decides it. */
  value: ScalarValue;
  /** The reference parsed (services.ts): repository, name, tag. */
  ref: ImageRef;
  /** `image: <value>` as written. */
  span: Span;
}

/** The service's `image`, merges and aliases resolved; undefined without one (computed once per parse). */
export function serviceImageValue(model: ComposeModel, service: Service): ServiceImage | undefined {
  return serviceModelFact(model, service, readImage);
}

function readImage(model: ComposeModel, service: Service): ServiceImage | undefined {
  const entry = service.get("image");
  const value = scalarValue(model.text, entry?.value);
  const ref = serviceImage(service);
  if (!entry || !value || !ref) return undefined;
  return { entry, value, ref, span: entrySpan(model.text, entry) };
}

export interface ServiceBuild {
  service: Service;
  /** The `build` entry. */
  entry: Entry;
  form: "string" | "map";
  /** The build context, defaults applied: a path relative to the project folder, or a URL; `.` when not written. */
  context: string;
  /** False when a variable without a default decides the context. */
  contextCertain: boolean;
  /** The context's scalar (the string form's value, or `context`'s); undefined when not written. */
  contextValue: ScalarValue | undefined;
  /** The Dockerfile, relative to the context, as written (defaults applied); undefined when not written (compose reads `Dockerfile`). */
  dockerfile: ScalarValue | undefined;
  /** The `dockerfile_inline` entry, when written. */
  dockerfileInline: Entry | undefined;
  /** The stage built (`target`), when written. */
  target: ScalarValue | undefined;
  /** Build arguments, in order (`- KEY` and `KEY:` without a value pass the shell's). */
  args: readonly KeyValue[];
  /** Labels of the built image, in order. */
  labels: readonly KeyValue[];
  /** Secrets exposed to the build (`- name`, `{source, target, ...}`). */
  secrets: readonly FileMountRef[];
  /** Map form: its entries (`<<` merges resolved). */
  options: readonly Entry[];
  /** `build: ...` as written. */
  span: Span;
}

/** The service's `build`, merges and aliases resolved; undefined without one (computed once per parse: treat as read-only). */
export function serviceBuild(model: ComposeModel, service: Service): ServiceBuild | undefined {
  return serviceModelFact(model, service, readBuild);
}

/** compose-go's prefixes of a remote context (paths.go, after BuildKit's dockerui): it does not resolve those against the project folder. */
const REMOTE_CONTEXT_PREFIXES = ["https://", "http://", "git://", "ssh://", "github.com/", "git@"];

/** A build context that is not a local folder: a Git reference or an HTTP(S) URL, as compose-go's isRemoteContext tells (case-sensitive). */
export function isRemoteContext(context: string): boolean {
  return REMOTE_CONTEXT_PREFIXES.some((prefix) => context.startsWith(prefix));
}

function readBuild(model: ComposeModel, service: Service): ServiceBuild | undefined {
  const entry = service.get("build");
  if (!entry) return undefined;
  const span = entrySpan(model.text, entry);
  if (isMap(entry.value)) {
    const options = mapEntries(entry.value, service.document);
    const get = (key: string) => options.find((e) => e.key === key);
    const value = (key: string) => scalarValue(model.text, get(key)?.value);
    const context = value("context");
    return {
      service,
      entry,
      form: "map",
      context: context?.value ?? ".",
      contextCertain: context?.certain ?? true,
      contextValue: context,
      dockerfile: value("dockerfile"),
      dockerfileInline: get("dockerfile_inline"),
      target: value("target"),
      args: readKeyValues(model.text, get("args"), service.document),
      labels: readKeyValues(model.text, get("labels"), service.document),
      secrets: readFileMounts(model, service, get("secrets"), "secret"),
      options,
      span,
    };
  }
  const context = scalarValue(model.text, entry.value);
  if (!context) return undefined;
  return {
    service,
    entry,
    form: "string",
    context: context.value,
    contextCertain: context.certain,
    contextValue: context,
    dockerfile: undefined,
    dockerfileInline: undefined,
    target: undefined,
    args: [],
    labels: [],
    secrets: [],
    options: [],
    span,
  };
}
