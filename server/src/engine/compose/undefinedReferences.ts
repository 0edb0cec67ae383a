/**
 * The names a service gives of the project's other parts, judged as
 * compose-go judges them once the file is loaded (loader/validate.go's
 * checkConsistency, after loader/normalize.go made `links`, `volumes_from`
 * and `network_mode: service:x` implicit dependencies; loader/extends.go for
 * `extends`; graph/cycle.go for cycles):
 * - a service named by `depends_on`, `links`, `volumes_from` (not
 *   `container:`), `network_mode: service:x` (references.ts lists them), and
 *   `extends` without `file`, which compose looks up among the services of
 *   the same YAML document, before the documents are merged;
 * - a network a service joins (serviceNetworks.ts), declared under the
 *   top-level `networks` (`default` always is);
 * - a named volume a service mounts (volumes.ts), declared under `volumes`;
 * - a secret, a build secret and a config (secrets.ts, build.ts, configs.ts),
 *   declared under `secrets` and `configs`.
 * Compose merges the documents of a file into one project, so a name is
 * defined when any document defines it, as model.services and model.section
 * span documents (`extends` excepted). External declarations count as
 * declared. A name decided by a variable without a default is not judged;
 * the keys of the map forms of `depends_on` and `networks` that the schema
 * refuses (`${DB}`: compose does not interpolate keys) are the schema's to
 * report (unknown-key), and so are numbers and booleans written where a
 * name goes (`depends_on: [1]`, invalid-value). A service with `profiles`
 * counts as defined (which profiles a deploy enables is not known). A
 * reference written in an anchored map that several services merge is
 * listed once, for the first.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from "yaml";
import { serviceBuild } from "./build.js";
import { configDeclarations, serviceConfigs } from "./configs.js";
import { serviceDependencies } from "./dependsOn.js";
import { resolveDefaults } from "./interpolation.js";
import { modelFact, type ComposeModel, type Service, type Span } from "./model.js";
import { networkDeclarations } from "./networks.js";
import { serviceReferences, type ServiceReference, type ServiceReferenceKind } from "./references.js";
import { contentSpan, scalarValue } from "./scalars.js";
import { secretDeclarations, serviceSecrets } from "./secrets.js";
import { DEFAULT_NETWORK, serviceNetworks } from "./serviceNetworks.js";
import { mayNameVolumes, namedVolume, serviceVolumes, volumeDeclarations } from "./volumes.js";

/** What a service names: a service (references.ts's kinds), or a top-level declaration. */
export type NamedReferenceKind = ServiceReferenceKind | "network" | "volume" | "secret" | "build_secret" | "config";

/** The top-level section whose keys a kind of name must be one of. */
export type NameSection = "services" | "networks" | "volumes" | "secrets" | "configs";

const SECTION: Record<NamedReferenceKind, NameSection> = {
  depends_on: "services",
  links: "services",
  volumes_from: "services",
  network_mode: "services",
  ipc: "services",
  pid: "services",
  uts: "services",
  extends: "services",
  network: "networks",
  volume: "volumes",
  secret: "secrets",
  build_secret: "secrets",
  config: "configs",
};

/** Where a name is written. */
export interface NameLocation {
  /** The name as written: inside its quotes when quoted; its whole item when where its part is written is not known. */
  span: Span;
  /** The scalar that holds the name (a key or a value), when found. */
  scalar: Scalar | undefined;
  /** Whether `span` is the whole text of the scalar (`- db`), rather than a part of it (`db` of `db:alias`). */
  whole: boolean;
  /** Whether the text at `span` is the name itself: no interpolation, no escape (a fix may replace it). */
  literal: boolean;
}

export interface UndefinedReference extends NameLocation {
  /** The service that names it (the first one, for a reference written in an anchored map several services merge). */
  service: Service;
  kind: NamedReferenceKind;
  /** The section compose looks the name up in. */
  section: NameSection;
  /** The name, as compose reads it (defaults applied). */
  name: string;
  /** The names compose would accept there: the section's keys (for `extends`, the services of the same document). */
  defined: readonly string[];
  /** The other names of the same kind the service writes (the items or keys beside it). */
  siblings: readonly string[];
}

/** A dependency as written, with where its name is. */
export interface CycleReference extends NameLocation {
  reference: ServiceReference;
}

export interface DependencyCycle {
  /** The services of the cycle in the order compose prints them, the first repeated at the end (`["db", "web", "db"]`; `["web", "web"]`). */
  path: readonly string[];
  /** What compose prints for it (graph/cycle.go): `dependency cycle detected: db -> web -> db`. */
  log: string;
  /** Each dependency of the cycle as written, in file order: `depends_on`, and the implicit ones of `links`, `volumes_from`, `network_mode`. */
  references: readonly CycleReference[];
}

/** compose-spec.json's pattern for the keys of the map forms of `depends_on` and `networks`: the schema refuses others first. */
const NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;

const within = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;

/**
 * Every scalar of the documents (keys and values, aliases not followed),
 * sorted by where it starts: scalars never overlap, so the one holding an
 * offset is the last starting at or before it. Built once per parse, when a
 * name is first located: a lookup from the root for each name would be
 * quadratic in the services.
 */
function scalarIndex(model: ComposeModel): readonly Scalar[] {
  return modelFact(model, scalarIndex, () => {
    const scalars: Scalar[] = [];
    const stack: unknown[] = model.documents.map((doc) => doc.contents);
    while (stack.length > 0) {
      const node = stack.pop();
      if (isScalar(node)) {
        if (node.range) scalars.push(node);
      } else if (isMap(node)) {
        for (const pair of node.items) stack.push(pair.key, pair.value);
      } else if (isSeq(node)) {
        stack.push(...(node.items as Node[]));
      }
    }
    return scalars.sort((a, b) => a.range![0] - b.range![0]);
  });
}

/** The scalar whose source holds `span`. */
function scalarAt(model: ComposeModel, span: Span): Scalar | undefined {
  const scalars = scalarIndex(model);
  let low = 0;
  let high = scalars.length - 1;
  let found: Scalar | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (scalars[middle].range![0] <= span.start) {
      found = scalars[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found && span.end <= found.range![1] ? found : undefined;
}

/** Where the name at `span` is written, and the scalar holding it. */
export function locateName(model: ComposeModel, span: Span): NameLocation {
  const scalar = scalarAt(model, span);
  if (!scalar) return { span, scalar: undefined, whole: false, literal: false };
  const range = scalar.range!;
  const value = scalarValue(model.text, scalar);
  const content = value && contentSpan(value);
  const full = value?.span ?? { start: range[0], end: range[1] };
  const whole = (span.start === full.start && span.end === full.end) || (!!content && span.start === content.start && span.end === content.end);
  const shown = whole && content ? content : span;
  // Without the content's offsets (an escape, a folded line), the source is not the name.
  const literal = !!content && !model.text.slice(shown.start, shown.end).includes("$");
  return { span: shown, scalar, whole, literal };
}

interface Candidate {
  service: Service;
  kind: NamedReferenceKind;
  name: string;
  span: Span;
}

/** Every name the services write that compose looks up, with no variable left to decide it, in file order of the services. */
function candidates(model: ComposeModel): Candidate[] {
  const found: Candidate[] = [];
  const references = serviceReferences(model);
  let index = 0;
  for (const service of model.services) {
    const own: Candidate[] = [];
    for (; index < references.length && references[index].service === service; index++) {
      const reference = references[index];
      if (!reference.certain) continue;
      if (reference.kind === "depends_on" && !NAME_PATTERN.test(reference.target)) {
        const dependency = serviceDependencies(model, service).find((d) => d.targetSpan.start === reference.span.start);
        if (dependency?.form === "map") continue;
      }
      own.push({ service, kind: reference.kind, name: reference.target, span: reference.span });
    }
    for (const network of serviceNetworks(model, service)) {
      if (network.form === "map" && !NAME_PATTERN.test(network.name)) continue;
      if (network.certain) own.push({ service, kind: "network", name: network.name, span: network.nameSpan });
    }
    for (const volume of mayNameVolumes(service) ? serviceVolumes(model, service) : []) {
      const name = namedVolume(volume);
      if (name === undefined) continue;
      const span = volume.sourceSpan;
      const certain = volume.certain || (!!span && resolveDefaults(model.text.slice(span.start, span.end)).certain);
      if (certain) own.push({ service, kind: "volume", name, span: span ?? volume.span });
    }
    const mounts = [
      ...serviceSecrets(model, service).map((ref) => ({ ref, kind: "secret" as const })),
      ...(serviceBuild(model, service)?.secrets ?? []).map((ref) => ({ ref, kind: "build_secret" as const })),
      ...serviceConfigs(model, service).map((ref) => ({ ref, kind: "config" as const })),
    ];
    for (const { ref, kind } of mounts) {
      if (ref.source !== undefined && ref.certain) own.push({ service, kind, name: ref.source, span: ref.sourceSpan ?? ref.span });
    }
    for (const candidate of own) if (candidate.name !== "") found.push(candidate);
  }
  return found;
}

/** The names a section defines, as a set to look names up in and a list to suggest from. */
interface Names {
  set: ReadonlySet<string>;
  list: readonly string[];
}

/**
 * The names each section defines, across documents (`default` among the
 * networks), and the services of each document (where `extends` without
 * `file` looks: compose-go applies it per document). Each is worked out when
 * a name of its kind is first looked up: most files name no secret.
 */
interface DefinedNames {
  section(section: NameSection): Names;
  document(document: unknown): Names;
}

function namesOf(names: readonly string[]): Names {
  const set = new Set(names);
  return { set, list: [...set] };
}

function definedNames(model: ComposeModel): DefinedNames {
  return modelFact(model, definedNames, () => {
    const sections = new Map<NameSection, Names>();
    let byDocument: Map<unknown, Names> | undefined;
    const read: Record<NameSection, () => string[]> = {
      services: () => model.services.map((s) => s.name),
      networks: () => [DEFAULT_NETWORK, ...networkDeclarations(model).map((n) => n.key)],
      volumes: () => volumeDeclarations(model).map((v) => v.key),
      secrets: () => secretDeclarations(model).map((s) => s.key),
      configs: () => configDeclarations(model).map((c) => c.key),
    };
    return {
      section(section) {
        let names = sections.get(section);
        if (!names) sections.set(section, (names = namesOf(read[section]())));
        return names;
      },
      document(document) {
        if (!byDocument) {
          const lists = new Map<unknown, string[]>();
          for (const service of model.services) {
            const list = lists.get(service.document);
            if (list) list.push(service.name);
            else lists.set(service.document, [service.name]);
          }
          byDocument = new Map([...lists].map(([doc, names]) => [doc, namesOf(names)]));
        }
        // Every service's document is a key.
        return byDocument.get(document)!;
      },
    };
  });
}

/**
 * Every name a service writes that the project does not define, in file
 * order of the services (computed once per parse: treat as read-only).
 */
export function undefinedReferences(model: ComposeModel): readonly UndefinedReference[] {
  return modelFact(model, undefinedReferences, () => {
    const defined = definedNames(model);
    const all = candidates(model);
    const byService = new Map<Service, Candidate[]>();
    for (const candidate of all) {
      const list = byService.get(candidate.service);
      if (list) list.push(candidate);
      else byService.set(candidate.service, [candidate]);
    }
    const seen = new Set<string>();
    const found: UndefinedReference[] = [];
    for (const candidate of all) {
      const { service, kind, name, span } = candidate;
      const section = SECTION[kind];
      const names = kind === "extends" ? defined.document(service.document) : defined.section(section);
      if (names.set.has(name)) continue;
      // Written once in an anchored map, merged by several services: one finding.
      const key = `${kind}:${span.start}:${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const location = locateName(model, span);
      // A number or a boolean where compose wants a name is its schema's to report (invalid-value).
      if (location.scalar && typeof location.scalar.value !== "string") continue;
      const siblings = byService.get(service)!.filter((c) => c.kind === kind && c !== candidate).map((c) => c.name);
      found.push({ ...location, service, kind, section, name, defined: names.list, siblings });
    }
    return found;
  });
}

/**
 * What compose prints (compose-go): loader/validate.go's checkConsistency for
 * a service, network, volume, secret or config it cannot find (links,
 * volumes_from and network_mode: service:x are depends_on by then, from
 * loader/normalize.go), and loader/extends.go for `extends`, whose line
 * names the compose file: `file`, its path. (A cycle's is DependencyCycle.log.)
 */
export function undefinedReferenceLog(reference: UndefinedReference, file = "docker-compose.yml"): string {
  const service = JSON.stringify(reference.service.name);
  const { name } = reference;
  switch (reference.kind) {
    case "extends": return `cannot extend service ${service} in ${file}: service ${JSON.stringify(name)} not found`;
    case "network": return `service ${service} refers to undefined network ${name}: invalid compose project`;
    case "volume": return `service ${service} refers to undefined volume ${name}: invalid compose project`;
    case "secret": return `service ${service} refers to undefined secret ${name}: invalid compose project`;
    case "build_secret": return `service ${service} refers to undefined build secret ${name}: invalid compose project`;
    case "config": return `service ${service} refers to undefined config ${name}: invalid compose project`;
    default: return `service ${service} depends on undefined service ${JSON.stringify(name)}: invalid compose project`;
  }
}

/** The undefined reference whose name is written inside `span` (a hovered scalar). */
export function undefinedReferenceAt(model: ComposeModel, span: Span): UndefinedReference | undefined {
  return undefinedReferences(model).find((reference) => within(reference.span, span));
}

/**
 * The first cycle compose's graph/cycle.go finds: from each service in name
 * order, its dependencies in name order, depth first, until one is already on
 * the path. A service whose dependencies were all explored without finding
 * one is not explored again: no cycle is reachable from it, so the first
 * cycle found is compose's. `clean` holds those services, and may come from
 * an earlier search of the graph with more edges (`removed` the others).
 */
function firstCycle(names: readonly string[], children: ReadonlyMap<string, readonly string[]>, removed: ReadonlySet<string>, clean: Set<string>): string[] | undefined {
  for (const root of names) {
    if (clean.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    const onPath = new Map<string, number>([[root, 0]]);
    while (path.length > 0) {
      const top = path.length - 1;
      const kids = children.get(path[top]) ?? [];
      if (next[top] >= kids.length) {
        clean.add(path[top]);
        onPath.delete(path[top]);
        path.pop();
        next.pop();
        continue;
      }
      const child = kids[next[top]++];
      if (removed.has(edgeKey(path[top], child))) continue;
      const at = onPath.get(child);
      if (at !== undefined) return [...path.slice(at), child];
      if (clean.has(child)) continue;
      onPath.set(child, path.length);
      path.push(child);
      next.push(0);
    }
  }
  return undefined;
}

const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

/**
 * Cycles named at most: each search is linear in the dependencies, and a
 * file with more cycles than this has its other dependencies named once
 * these are gone (compose itself names one at a time).
 */
const MAX_CYCLES = 32;

/**
 * The dependency cycles of the project: the one compose reports first, then
 * the next one among the dependencies not yet in a cycle, and so on (up to
 * MAX_CYCLES), so that every dependency of a cycle is in one (computed once
 * per parse). Edges are compose's: `depends_on` (`required: false`
 * included), `links`, `volumes_from` and `network_mode: service:x`, between
 * defined services.
 */
export function dependencyCycles(model: ComposeModel): readonly DependencyCycle[] {
  return modelFact(model, dependencyCycles, () => {
    const services = new Set(model.services.map((s) => s.name));
    const edges = new Map<string, ServiceReference[]>();
    const children = new Map<string, string[]>();
    for (const reference of serviceReferences(model)) {
      if (reference.kind === "extends" || !reference.certain || !services.has(reference.target)) continue;
      const key = edgeKey(reference.service.name, reference.target);
      const list = edges.get(key);
      if (list) {
        list.push(reference);
        continue;
      }
      edges.set(key, [reference]);
      const kids = children.get(reference.service.name);
      if (kids) kids.push(reference.target);
      else children.set(reference.service.name, [reference.target]);
    }
    if (edges.size === 0) return [];
    // Go orders strings by bytes: for the names compose accepts (ASCII), JavaScript's default order.
    for (const list of children.values()) list.sort();
    const names = [...services].sort();
    const removed = new Set<string>();
    // Removing edges never makes a cycle reachable: a service found clean stays clean.
    const clean = new Set<string>();
    const reported = new Set<string>();
    const cycles: DependencyCycle[] = [];
    while (cycles.length < MAX_CYCLES) {
      const path = firstCycle(names, children, removed, clean);
      if (!path) break;
      const references: CycleReference[] = [];
      for (let i = 0; i + 1 < path.length; i++) {
        const key = edgeKey(path[i], path[i + 1]);
        removed.add(key);
        for (const reference of edges.get(key) ?? []) {
          const at = `${reference.span.start}:${reference.span.end}`;
          if (reported.has(at)) continue;
          reported.add(at);
          references.push({ ...locateName(model, reference.span), reference });
        }
      }
      references.sort((a, b) => a.span.start - b.span.start);
      cycles.push({ path, log: `dependency cycle detected: ${path.join(" -> ")}`, references });
    }
    return cycles;
  });
}

/** The cycle a dependency written inside `span` (a hovered scalar) is part of, and that dependency. */
export function cycleAt(model: ComposeModel, span: Span): { cycle: DependencyCycle; reference: CycleReference } | undefined {
  for (const cycle of dependencyCycles(model)) {
    const reference = cycle.references.find((r) => within(r.span, span));
    if (reference) return { cycle, reference };
  }
  return undefined;
}

