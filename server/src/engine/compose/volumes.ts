/**
 * A service's volumes, in both syntaxes compose accepts, and the top-level
 * `volumes:` declarations. The short syntax `[SOURCE:]TARGET[:MODE]` is read
 * by one parser, parseVolumeSpec, which follows compose-go's
 * `format.ParseVolume` (the loader's transformVolumeMount): fields split on
 * `:` except the one of a Windows drive letter (`C:\x:/y`), a spec of one or
 * two characters is a target, a source is a bind path when it starts with
 * `.`, `/`, `~`, `\\` or a drive letter and a named volume otherwise, and the
 * mode is a comma-separated list (`ro`, `rw`, `nocopy`, a propagation,
 * SELinux `z`/`Z`; others ignored). Compose interpolates the spec first
 * (compose-go's loader interpolates before its canonical transforms), so the
 * spec is parsed with the file's defaults applied. The long syntax is
 * `{type, source, target, read_only, bind, volume, tmpfs, image}`. The only
 * reader of a service's `volumes` and of the top-level `volumes:`.
 */
import { posix } from "node:path";
import { isMap, isScalar, type Node, type Scalar, type YAMLMap } from "yaml";
import { hostResourceName, resourceDeclarations, type ResourceDeclaration } from "./declarations.js";
import { findInterpolations, resolveDefaults } from "./interpolation.js";
import { entrySpan, mapEntries, mapEntriesOf, seqItems, serviceModelFact, trimmedSpan, type ComposeModel, type Entry, type Service, type Span } from "./model.js";
import { contentStart, scalarValue, type ScalarValue } from "./scalars.js";
import { composeBoolean } from "./values.js";

/** The mount types of the compose specification (`definitions.service.volumes.items.type`). */
export type VolumeType = "bind" | "volume" | "tmpfs" | "npipe" | "cluster" | "image";

const VOLUME_TYPES: readonly string[] = ["bind", "volume", "tmpfs", "npipe", "cluster", "image"];

/**
 * How the host resolves a bind source: `relative` to the project folder
 * (`./data`, `../x`, and in the long syntax a bare `data` too), `absolute`
 * (`/srv/x`), in the `home` folder (`~/x`), or a `windows` path (`C:\x`, a
 * `\\` path or named pipe).
 */
export type BindSourceKind = "relative" | "absolute" | "home" | "windows";

/** The short syntax as compose-go's ParseVolume reads it. */
export interface VolumeSpec {
  /** `bind` for a source that is a path, else `volume` (named, or anonymous without a source). */
  type: "bind" | "volume";
  source: string | undefined;
  /** As written; compose then cleans it as a path (see cleanTarget). */
  target: string | undefined;
  /** The mode field as written: `ro`, `rw,z`, `nocopy`... */
  mode: string | undefined;
  /** `ro` (the last of `ro` and `rw` wins). */
  readOnly: boolean;
  nocopy: boolean;
  /** `rprivate`, `private`, `rshared`, `shared`, `rslave` or `slave`. */
  propagation: string | undefined;
  /** `z` (shared) or `Z` (private). */
  selinux: "z" | "Z" | undefined;
  /** Compose's error for the spec: `invalid empty volume spec`, `empty section between colons`, `too many colons`. */
  error: string | undefined;
  /** Offsets of the fields in the parsed text. */
  spans: { source?: Span; target?: Span; mode?: Span };
}

const PROPAGATIONS = new Set(["rprivate", "private", "rshared", "shared", "rslave", "slave"]);

/** `unicode.IsLetter` of the code point starting at `start`, and its length in UTF-16 units. */
function letterAt(text: string, start: number): number {
  const code = text.codePointAt(start);
  if (code === undefined) return 0;
  const char = String.fromCodePoint(code);
  return /\p{L}/u.test(char) ? char.length : 0;
}

/**
 * The fields of a short spec (compose-go's loop): each `:` that separates
 * ends a field, except one right after a lone letter (a drive letter).
 */
function volumeFields(text: string, separates: (i: number) => boolean): Span[] {
  const fields: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ":" || !separates(i)) continue;
    const letter = letterAt(text, start);
    if (letter > 0 && i - start === letter) continue;
    fields.push({ start, end: i });
    start = i + 1;
  }
  fields.push({ start, end: text.length });
  return fields;
}

/** The length of a text in UTF-8 bytes. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Where the fields of a short spec are, by role, and compose's error for it. */
interface FieldRoles {
  source?: Span;
  target?: Span;
  mode?: Span;
  error?: string;
}

/** The roles of the fields, as compose-go's populateFieldFromBuffer assigns them, and the first error. */
function assignFields(text: string, separates: (i: number) => boolean): FieldRoles {
  if (text.length === 0) return { error: "invalid empty volume spec" };
  // compose-go compares the spec's length in bytes (UTF-8).
  if (utf8Length(text) <= 2) return { target: { start: 0, end: text.length } };
  const fields = volumeFields(text, separates);
  const roles: FieldRoles = {};
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    const last = index === fields.length - 1;
    if (field.end === field.start) return { ...roles, error: "empty section between colons" };
    if (!roles.source && last) roles.target = field;
    else if (!roles.source) roles.source = field;
    else if (!roles.target) roles.target = field;
    else if (!last) return { ...roles, error: "too many colons" };
    else roles.mode = field;
  }
  return roles;
}

/** compose-go's isFilePath: whether a short-syntax source is a bind path rather than a volume name. */
export function isBindPath(source: string): boolean {
  if (source[0] === "." || source[0] === "/" || source[0] === "~") return true;
  if (source.startsWith("\\\\")) return true;
  const letter = letterAt(source, 0);
  return letter > 0 && source[letter] === ":";
}

/** How the host resolves a bind source (see BindSourceKind). */
export function bindSourceKind(source: string): BindSourceKind {
  if (source.startsWith("/")) return "absolute";
  if (source.startsWith("~")) return "home";
  if (source.startsWith("\\\\") || /^\p{L}:/u.test(source)) return "windows";
  return "relative";
}

/** Parses a short-syntax volume (its text after interpolation), as compose-go's ParseVolume does. */
export function parseVolumeSpec(text: string): VolumeSpec {
  return specOf(text, assignFields(text, () => true));
}

/** The spec whose fields are at `roles` in `text`, each field's value as `field` reads it (the text itself by default). */
function specOf(text: string, roles: FieldRoles, field: (span: Span) => string = (span) => text.slice(span.start, span.end)): VolumeSpec {
  const source = roles.source && field(roles.source);
  const mode = roles.mode && field(roles.mode);
  let readOnly = false;
  let nocopy = false;
  let propagation: string | undefined;
  let selinux: "z" | "Z" | undefined;
  for (const option of mode?.split(",") ?? []) {
    if (option === "ro") readOnly = true;
    else if (option === "rw") readOnly = false;
    else if (option === "nocopy") nocopy = true;
    else if (PROPAGATIONS.has(option)) propagation = option;
    else if (option === "z" || option === "Z") selinux = option;
  }
  return {
    type: source !== undefined && isBindPath(source) ? "bind" : "volume",
    source,
    target: roles.target && field(roles.target),
    mode,
    readOnly,
    nocopy,
    propagation,
    selinux,
    error: roles.error,
    spans: { source: roles.source, target: roles.target, mode: roles.mode },
  };
}

/**
 * A short-syntax target as compose keeps it: cleaned as a path (Go's
 * `path.Clean`, compose-go's cleanTarget): `/data/` is `/data`,
 * `/a/./b/..` is `/a`.
 */
export function cleanTarget(target: string): string {
  if (target === "") return "";
  const clean = posix.normalize(target);
  return clean.length > 1 ? clean.replace(/\/+$/, "") : clean;
}

export interface ServiceVolume {
  service: Service;
  form: "short" | "long";
  /** The list item as written (an alias stays an alias). */
  node: Node;
  /** The item, aliases resolved: the short syntax's scalar, or the long syntax's map. */
  item: Scalar | YAMLMap;
  /** Where the item is written: the scalar with its quotes, or the map. */
  span: Span;
  /** The mount type; undefined when a variable without a default decides it, or for a long syntax without a known `type`. */
  type: VolumeType | undefined;
  /** The source, defaults applied: a host path (bind), a volume name (volume), an image (image); undefined when none is written (an anonymous volume, a tmpfs). */
  source: string | undefined;
  /** The path in the container, defaults applied (the short syntax's cleaned as compose cleans it). */
  target: string | undefined;
  /** Mounted read-only: the short syntax's `ro`, the long syntax's `read_only` (compose's boolean cast); undefined when a variable without a default decides it. */
  readOnly: boolean | undefined;
  /** False when a variable without a default decides the type, the source or the target. */
  certain: boolean;
  /** For a bind mount, how the host resolves its source. */
  bindSource: BindSourceKind | undefined;
  /** Where the source is written: a field of the short syntax (inside quotes), the long syntax's `source` value (quotes included); absent when not written or not known. */
  sourceSpan?: Span;
  /** Where the target is written, as sourceSpan. */
  targetSpan?: Span;
  /** Short syntax: the mode field as written, after interpolation (`ro`, `rw,z`), and where it is. */
  mode?: string;
  modeSpan?: Span;
  /** Long syntax: the `type` value, and `read_only: <value>` from the key to the end of its value. */
  typeSpan?: Span;
  readOnlySpan?: Span;
  /** The bind propagation (the short syntax's mode, the long syntax's `bind.propagation`). */
  propagation: string | undefined;
  /** SELinux relabeling, `z` or `Z` (the short syntax's mode, the long syntax's `bind.selinux`). */
  selinux: string | undefined;
  /** `nocopy` (the short syntax's mode, the long syntax's `volume.nocopy`). */
  nocopy: boolean;
  /** Whether compose creates a missing bind source: always for the short syntax (compose-go sets it for docker-compose's legacy), the long syntax's `bind.create_host_path` when written. */
  createHostPath: boolean | undefined;
  /** Short syntax: compose's error for the spec (with the defaults applied), when no variable without a default decides it. */
  error?: string;
  /** Long syntax: the item's entries (`<<` merges resolved); empty for the short syntax. */
  options: readonly Entry[];
}

/** The service's volumes, in order (computed once per parse: treat as read-only). */
export function serviceVolumes(model: ComposeModel, service: Service): readonly ServiceVolume[] {
  return serviceModelFact(model, service, readServiceVolumes);
}

/** The volumes of every service, in file order of the services. */
export function volumeMounts(model: ComposeModel): ServiceVolume[] {
  return model.services.flatMap((service) => serviceVolumes(model, service));
}

/**
 * Whether a service's volumes may name a volume: false when every item is a
 * short form starting with a path (`./data:/data`, `/srv:/srv`, `~/x:/x`),
 * without reading them further. Checking names against the declarations
 * would otherwise parse every mount of every service.
 */
export function mayNameVolumes(service: Service): boolean {
  const entry = service.get("volumes");
  if (!entry) return false;
  const doc = service.document;
  return seqItems(entry.value, doc).some(({ item }) => !isScalar(item) || typeof item.value !== "string" || !/^[./~]/.test(item.value));
}

/** The top-level volume a mount names: its source, for a `volume` mount with one. */
export function namedVolume(volume: ServiceVolume): string | undefined {
  return volume.type === "volume" && volume.source ? volume.source : undefined;
}

/** Paths of the Docker daemon's socket on a Linux host. */
export const DOCKER_SOCKET_PATHS: readonly string[] = ["/var/run/docker.sock", "/run/docker.sock"];

/** Whether a host path is the Docker daemon's socket (`/var/run/docker.sock`, `//var/run/./docker.sock`...). */
export function isDockerSocketPath(path: string): boolean {
  return path.startsWith("/") && DOCKER_SOCKET_PATHS.includes(cleanTarget(path.trim()));
}

/** The volume whose item is written around `span` (a hovered scalar: the item, or a key or value of its long syntax). */
export function serviceVolumeAt(model: ComposeModel, service: Service, span: Span): ServiceVolume | undefined {
  return serviceVolumes(model, service).find((v) => v.span.start <= span.start && span.end <= v.span.end);
}

function readServiceVolumes(model: ComposeModel, service: Service): ServiceVolume[] {
  const entry = service.get("volumes");
  if (!entry) return [];
  const volumes: ServiceVolume[] = [];
  for (const { item, source } of seqItems(entry.value, service.document)) {
    if (isScalar(item)) {
      const value = scalarValue(model.text, item);
      if (value) volumes.push(shortVolume(service, source, value));
    } else if (isMap(item)) {
      volumes.push(longVolume(model, service, source, item));
    }
  }
  return volumes;
}

/**
 * A short-syntax item. With no variable left without a default, compose
 * parses the interpolated text: the fields are those of that text, and
 * where they are written is known when the text before interpolation splits
 * into the same fields (no default holds a colon). With one, nothing is known
 * of the variable's value: the text before interpolation is split (its
 * interpolations taken as holding no colon) and each field has the value
 * its defaults give.
 */
function shortVolume(service: Service, node: Node, value: ScalarValue): ServiceVolume {
  const interpolations = findInterpolations(value.written);
  const layout: FieldRoles = assignFields(value.written, (i) => !interpolations.some((s) => s.start <= i && i < s.end));
  const rawField = (span: Span) => value.written.slice(span.start, span.end);
  const spec = value.certain ? parseVolumeSpec(value.value) : specOf(value.written, layout, (span) => resolveDefaults(rawField(span)).value);
  const aligned = !value.certain || (!!layout.source === !!spec.spans.source && !!layout.target === !!spec.spans.target && !!layout.mode === !!spec.spans.mode);
  const start = aligned ? contentStart(value.node, value.written) : undefined;
  const at = (span: Span | undefined) => (span && start !== undefined ? { start: start + span.start, end: start + span.end } : undefined);
  const known = (span: Span | undefined) => value.certain || span === undefined || resolveDefaults(rawField(span)).certain;
  const sourceKnown = known(layout.source);
  // A source that starts with literal text has the type that text gives (`./${DIR}` is a bind path); without a source, a variable may hold one.
  const typeKnown = layout.source ? sourceKnown || value.written[layout.source.start] !== "$" : known(layout.target);
  return {
    service,
    form: "short",
    node,
    item: value.node,
    span: value.span,
    type: typeKnown ? spec.type : undefined,
    source: spec.source,
    target: spec.target === undefined ? undefined : cleanTarget(spec.target),
    readOnly: known(layout.mode) ? spec.readOnly : undefined,
    certain: value.certain,
    bindSource: typeKnown && spec.type === "bind" && spec.source !== undefined ? bindSourceKind(spec.source) : undefined,
    sourceSpan: at(layout.source),
    targetSpan: at(layout.target),
    mode: spec.mode,
    modeSpan: at(layout.mode),
    propagation: spec.propagation,
    selinux: spec.selinux,
    nocopy: spec.nocopy,
    createHostPath: spec.type === "bind" ? true : undefined,
    error: value.certain ? spec.error : undefined,
    options: [],
  };
}

function longVolume(model: ComposeModel, service: Service, node: Node, item: YAMLMap): ServiceVolume {
  const text = model.text;
  const options = mapEntries(item, service.document);
  const get = (entries: readonly Entry[] | undefined, key: string) => entries?.find((e) => e.key === key);
  const value = (entries: readonly Entry[] | undefined, key: string) => scalarValue(text, get(entries, key)?.value);
  const type = value(options, "type");
  const source = value(options, "source");
  const target = value(options, "target");
  const readOnlyEntry = get(options, "read_only");
  const bind = mapEntriesOf(get(options, "bind")?.value, service.document);
  const volume = mapEntriesOf(get(options, "volume")?.value, service.document);
  const createHostPath = get(bind, "create_host_path");
  const knownType = type && VOLUME_TYPES.includes(type.value) ? (type.value as VolumeType) : undefined;
  return {
    service,
    form: "long",
    node,
    item,
    span: trimmedSpan(text, item),
    type: type?.certain === false ? undefined : knownType,
    source: source?.value,
    target: target?.value,
    readOnly: readOnlyEntry ? composeBoolean(readOnlyEntry.value) : false,
    certain: (type?.certain ?? true) && (source?.certain ?? true) && (target?.certain ?? true),
    bindSource: knownType === "bind" && type?.certain && source ? bindSourceKind(source.value) : undefined,
    sourceSpan: source?.span,
    targetSpan: target?.span,
    typeSpan: type?.span,
    readOnlySpan: readOnlyEntry && entrySpan(text, readOnlyEntry),
    propagation: value(bind, "propagation")?.value,
    selinux: value(bind, "selinux")?.value,
    nocopy: composeBoolean(get(volume, "nocopy")?.value) === true,
    createHostPath: createHostPath ? composeBoolean(createHostPath.value) : undefined,
    options,
  };
}

/** A top-level volume declaration (see ResourceDeclaration): `external`, `name`, where each is written. */
export type VolumeDeclaration = ResourceDeclaration;

/** Every top-level volume declaration, in file order, across documents (computed once per parse). */
export function volumeDeclarations(model: ComposeModel): readonly VolumeDeclaration[] {
  return resourceDeclarations(model, "volumes");
}

/** The declaration of the volume with this key, if the file declares it. */
export function volumeDeclaration(model: ComposeModel, key: string): VolumeDeclaration | undefined {
  return volumeDeclarations(model).find((v) => v.key === key);
}

/** The volume's name on the Docker host: its `name`, else its key when external; undefined for `<project>_<key>`. */
export function hostVolumeName(volume: VolumeDeclaration): string | undefined {
  return hostResourceName(volume);
}
