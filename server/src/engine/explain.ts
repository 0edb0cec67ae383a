/**
 * Explains a pasted pipeline log: every known failure it shows, what happened,
 * why and the fix, and (given the compose model) the places in the compose
 * file that cause each one. Tolerant of timestamps, prefixes, colours and case.
 */
import { scalarText, type ComposeModel, type Service, type Span } from "./compose/model.js";
import { dependencies, waitsUntilHealthy } from "./compose/dependsOn.js";
import { serviceEnvFiles } from "./compose/envFiles.js";
import { serviceEnvironment } from "./compose/environment.js";
import { healthcheckState } from "./compose/healthcheck.js";
import { valueReferences } from "./compose/interpolatedValues.js";
import { hostNetworkName, networkDeclarations } from "./compose/networks.js";
import { bindingSpan, isLoopbackAddress, isReservedHostPort, publishesPort, publishesReservedPort, reservedHostPort, servicePorts, type PortBinding } from "./compose/ports.js";
import type { Language } from "./i18n/index.js";
import type { ProjectFiles } from "./project.js";
import {
  BAD_GATEWAY,
  DASHBOARD_COPY,
  OBSOLETE_VERSION,
  containerNameInUse,
  disallowedHost,
  envFileNotFound,
  externalNetworkMissing,
  noHealthcheck,
  portInUse,
  reservedPortInUse,
  variablesNotSet,
  type ExplainText,
} from "./i18n/explain-texts.js";

export interface ExplainedProblem {
  /** The rule id when a rule covers the failure, else a descriptive id (dashboard-copy, disallowed-host, bad-gateway, port-in-use). */
  id: string;
  title: string;
  /** Markdown: what happened, why, and the fix. */
  explanation: string;
  /** Where the compose file causes it; empty without a model or when nothing in the file does. */
  ranges: { start: number; end: number }[];
}

type Detection =
  | { kind: "env-file"; path: string }
  | { kind: "container-name"; name: string }
  | { kind: "port"; port: number | undefined }
  | { kind: "dashboard-copy" }
  | { kind: "disallowed-host"; host: string | undefined }
  | { kind: "bad-gateway" }
  | { kind: "external-network"; name: string }
  | { kind: "variable"; name: string }
  | { kind: "healthcheck"; container: string | undefined }
  | { kind: "version" };

/** An address before `:port` in Docker's messages: `0.0.0.0`, `[::]`, `::`, or nothing. */
const ADDRESS = String.raw`(?:\[[^\]]*\]|[0-9a-f.:]*?)`;

const PORT_PATTERNS = [
  new RegExp(String.raw`failed to bind host port for\s+${ADDRESS}:(\d+)`, "i"),
  new RegExp(String.raw`bind for\s+${ADDRESS}:(\d+)\s+failed`, "i"),
  new RegExp(String.raw`listen (?:tcp|udp)[46]?\s+${ADDRESS}:(\d+):\s*bind: address already in use`, "i"),
];

/** The failures one log line shows, in the order a reader would name them. */
function detect(line: string): Detection[] {
  const found: Detection[] = [];
  let match: RegExpExecArray | null;

  if (/creating docker compose file/i.test(line)) found.push({ kind: "dashboard-copy" });
  if (/the attribute\s+[`'"]?version[`'"]?\s+is obsolete/i.test(line)) found.push({ kind: "version" });

  for (const m of line.matchAll(/\bthe\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s+variable is not set/gi)) found.push({ kind: "variable", name: m[1] });

  if ((match = /\benv file\s+(\S+?)\s+not found/i.exec(line)) || (match = /couldn'?t find env file:?\s*(\S+)/i.exec(line))) {
    found.push({ kind: "env-file", path: match[1].replace(/^["']|["':,]+$/g, "") });
  }

  if ((match = /container name\s+"\/?([^"]+)"\s+is already in use/i.exec(line))) found.push({ kind: "container-name", name: match[1] });

  let portFound = false;
  for (const pattern of PORT_PATTERNS) {
    if ((match = pattern.exec(line))) {
      found.push({ kind: "port", port: Number(match[1]) });
      portFound = true;
      break;
    }
  }
  if (!portFound && /address already in use|port is already allocated/i.test(line)) found.push({ kind: "port", port: undefined });

  if ((match = /network\s+"?([^\s"]+?)"?\s+declared as external,?\s+but could not be found/i.exec(line))) found.push({ kind: "external-network", name: match[1] });

  if ((match = /container\s+"?\/?([^\s"]+?)"?\s+has no healthcheck configured/i.exec(line))) found.push({ kind: "healthcheck", container: match[1] });
  else if (/has no healthcheck configured/i.test(line)) found.push({ kind: "healthcheck", container: undefined });

  if ((match = /invalid http_host header:\s*'([^']*)'/i.exec(line))) found.push({ kind: "disallowed-host", host: match[1] });
  else if (/disallowedhost/i.test(line)) found.push({ kind: "disallowed-host", host: undefined });

  if (/bad gateway/i.test(line) || /HTTP\/[\d.]+"\s+502\b/.test(line)) found.push({ kind: "bad-gateway" });
  return found;
}

/** Colours, and the backslashes of quotes escaped in JSON-formatted logs. */
function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC, a control character
  return line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\\"/g, '"');
}

interface Group {
  key: string;
  detections: Detection[];
}

/** `project`, the files around the compose file, lets the ranges read what the rules read there (a Dockerfile's HEALTHCHECK). */
export function explainLog(log: string, language: Language, model?: ComposeModel, project?: ProjectFiles): ExplainedProblem[] {
  const groups = new Map<string, Group>();
  for (const rawLine of log.split(/\r\n|\r|\n/)) {
    for (const detection of detect(cleanLine(rawLine))) {
      const key = groupKey(detection);
      const group = groups.get(key);
      if (group) group.detections.push(detection);
      else groups.set(key, { key, detections: [detection] });
    }
  }
  // A bare "address already in use" names no port: it is the same failure as a port problem the log names.
  if ([...groups.keys()].some((k) => k.startsWith("port:") && k !== "port:?")) groups.delete("port:?");

  const problems: ExplainedProblem[] = [];
  for (const group of groups.values()) {
    const { id, text } = describe(group);
    let ranges: Span[] = [];
    if (model) {
      try {
        ranges = uniqueSpans(rangesFor(model, group, project));
      } catch {
        // A model the range finder did not foresee still gets its explanation.
        ranges = [];
      }
    }
    problems.push({ id, title: text.title[language], explanation: text.explanation[language], ranges });
  }
  return problems;
}

/** Sorted, without duplicates (an anchored node reached by several services counts once). */
function uniqueSpans(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  const result: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const key = `${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(span);
  }
  return result;
}

function groupKey(detection: Detection): string {
  switch (detection.kind) {
    case "env-file": return `env-file:${detection.path}`;
    case "container-name": return `container-name:${detection.name}`;
    case "port": return `port:${detection.port ?? "?"}`;
    case "external-network": return `external-network:${detection.name}`;
    case "healthcheck": return `healthcheck:${detection.container ?? "?"}`;
    // One problem for all unset variables, and one for all refused hosts: each is one cause.
    default: return detection.kind;
  }
}

function describe(group: Group): { id: string; text: ExplainText } {
  const first = group.detections[0];
  switch (first.kind) {
    case "env-file": return { id: "env-file-not-dotenv", text: envFileNotFound(first.path) };
    case "container-name": return { id: "no-container-name", text: containerNameInUse(first.name) };
    case "port":
      if (first.port === undefined || isReservedHostPort(first.port)) return { id: "no-reserved-host-port", text: reservedPortInUse(first.port) };
      return { id: "port-in-use", text: portInUse(first.port) };
    case "dashboard-copy": return { id: "dashboard-copy", text: DASHBOARD_COPY };
    case "disallowed-host": {
      const hosts = refusedHosts(group);
      return { id: "disallowed-host", text: disallowedHost(hosts, hosts.map(directPort).find((p) => p !== undefined)) };
    }
    case "bad-gateway": return { id: "bad-gateway", text: BAD_GATEWAY };
    case "external-network": return { id: "external-network", text: externalNetworkMissing(first.name) };
    case "variable": return { id: "undefined-variable", text: variablesNotSet(variableNames(group)) };
    case "healthcheck": return { id: "healthcheck-required", text: noHealthcheck(first.container) };
    case "version": return { id: "obsolete-version", text: OBSOLETE_VERSION };
  }
}

function refusedHosts(group: Group): string[] {
  const hosts = group.detections.flatMap((d) => (d.kind === "disallowed-host" && d.host ? [d.host] : []));
  return [...new Set(hosts)];
}

function variableNames(group: Group): string[] {
  return [...new Set(group.detections.flatMap((d) => (d.kind === "variable" ? [d.name] : [])))];
}

/** The port of `<ip>:<port>`: a request sent straight to the VM's address, not through the proxy. */
function directPort(host: string): number | undefined {
  const match = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[^\]]+\]):(\d+)$/.exec(host);
  return match ? Number(match[1]) : undefined;
}

function hostPort(host: string): number | undefined {
  const match = /:(\d+)$/.exec(host);
  return match ? Number(match[1]) : undefined;
}

// ---------------------------------------------------------------------------
// Where the compose file causes each failure

function rangesFor(model: ComposeModel, group: Group, project: ProjectFiles | undefined): Span[] {
  const first = group.detections[0];
  switch (first.kind) {
    case "env-file": return envFileRanges(model, first.path);
    case "container-name": return containerNameRanges(model, first.name);
    case "port":
      return first.port === undefined ? reservedPortRanges(model) : portRanges(model, [first.port]);
    case "disallowed-host": {
      const ports = refusedHosts(group).map(hostPort).filter((p): p is number => p !== undefined);
      return [...portRanges(model, ports), ...allowedHostsRanges(model)];
    }
    case "bad-gateway":
      return model.services.flatMap((s) => servicePorts(s).filter((b) => isLoopbackAddress(b.hostIp)).map((b) => bindingSpan(model, b)));
    case "external-network": return networkRanges(model, first.name);
    case "variable": {
      const names = new Set(variableNames(group));
      // `${X:-d}` and `${X-d}` fall back to their default, `${X:?e}` stops with an error, `${X:+a}` gives "": only these warn.
      return valueReferences(model).filter((r) => names.has(r.name) && r.kind === "bare").map((r) => r.span);
    }
    case "healthcheck": return healthcheckRanges(model, first.container, project);
    case "version":
      return model.top.filter((e) => e.key === "version").map((e) => ({ start: e.keyNode.range![0], end: Math.max(e.keyNode.range![1], e.value?.range?.[1] ?? 0) }));
    case "dashboard-copy":
      return [];
  }
}

/** The required env files the log's path names, where env-file-not-dotenv reports them (an optional one is never "not found"). */
function envFileRanges(model: ComposeModel, logPath: string): Span[] {
  const wanted = logPath.replace(/\\/g, "/");
  return model.services.flatMap((service) =>
    serviceEnvFiles(model, service)
      .filter((ref) => ref.required && ref.normalized !== "" && (wanted === ref.normalized || wanted.endsWith(`/${ref.normalized}`)))
      .map((ref) => ref.pathSpan),
  );
}

function containerNameRanges(model: ComposeModel, name: string): Span[] {
  return model.services.flatMap((service) => {
    const entry = service.get("container_name");
    if (!entry || scalarText(entry.value) !== name) return [];
    const [start, keyEnd] = entry.keyNode.range!;
    return [{ start, end: Math.max(keyEnd, entry.value?.range?.[1] ?? keyEnd) }];
  });
}

/**
 * The port entries that publish one of these host ports. For a port Elestio's
 * proxy holds, only TCP ones: a UDP 443 is not what the proxy's port collides with.
 */
function portRanges(model: ComposeModel, ports: readonly number[]): Span[] {
  if (ports.length === 0) return [];
  const publishes = (binding: PortBinding, port: number) => (isReservedHostPort(port) ? publishesReservedPort(binding, port) : publishesPort(binding, port));
  return model.services.flatMap((service) =>
    servicePorts(service)
      .filter((binding) => ports.some((port) => publishes(binding, port)))
      .map((binding) => bindingSpan(model, binding)),
  );
}

/** The port entries that publish a host port Elestio's proxy holds: the cause of an "address already in use" that names no port. */
function reservedPortRanges(model: ComposeModel): Span[] {
  return model.services.flatMap((service) => servicePorts(service).filter((b) => reservedHostPort(b) !== undefined).map((b) => bindingSpan(model, b)));
}

function allowedHostsRanges(model: ComposeModel): Span[] {
  return model.services.flatMap((service) =>
    serviceEnvironment(model, service).filter((v) => /^(DJANGO_)?ALLOWED_HOSTS/i.test(v.name)).map((v) => v.span),
  );
}

/**
 * The network the log names: its `external` entry, where external-network
 * reports (the key when `external` is not written, for a file changed since).
 */
function networkRanges(model: ComposeModel, name: string): Span[] {
  return networkDeclarations(model)
    .filter((network) => network.key === name || hostNetworkName(network) === name)
    .map((network) => network.externalSpan ?? network.keySpan);
}

/** `latigue-db-1` (or a fixed `container_name`) to the service `db`. */
function serviceOfContainer(model: ComposeModel, container: string): Service | undefined {
  const name = container.replace(/^\//, "");
  const fixed = model.services.find((s) => scalarText(s.get("container_name")?.value) === name);
  if (fixed) return fixed;
  const withoutIndex = name.replace(/[-_]\d+$/, "");
  return model.services
    .filter((s) => withoutIndex === s.name || withoutIndex.endsWith(`-${s.name}`) || withoutIndex.endsWith(`_${s.name}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

/**
 * The dependencies waiting for the container the log names (all those waiting
 * for one without a healthcheck, when it names none): where
 * healthcheck-required reports, on the name of the service waited for.
 */
function healthcheckRanges(model: ComposeModel, container: string | undefined, project: ProjectFiles | undefined): Span[] {
  const target = container === undefined ? undefined : serviceOfContainer(model, container);
  return dependencies(model)
    .filter(waitsUntilHealthy)
    .filter((d) => {
      if (target) return d.target === target.name;
      const waited = model.service(d.target);
      return waited !== undefined && healthcheckState(model, waited, project).missing;
    })
    .map((d) => d.targetSpan);
}
