/**
 * Hovers: on a finding, the problem, the pipeline's log line, why and the fix;
 * elsewhere, what the hovered key or value means for an Elestio deployment.
 * Plain TypeScript: the server turns the result into an LSP Hover.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from "yaml";
import {
  dependencies,
  envFileEntries,
  hasHealthcheck,
  listEnvironmentName,
  nodeAt,
  normalizeRelativePath,
  serviceContext,
  allInterpolations,
  type NodeHit,
} from "./compose/locate.js";
import { mapEntries, scalarText, type ComposeModel, type Service } from "./compose/model.js";
import { ELESTIO_BRIDGE_ADDRESS, isLoopbackAddress, isPublicAddress, publishesPort, servicePorts, type PortBinding } from "./compose/ports.js";
import { serviceImage, tlsProxyKind } from "./compose/services.js";
import type { Language, Localized } from "./i18n/index.js";
import {
  CONDITION,
  CONTAINER_NAME,
  DEPENDS_ON,
  DJANGO,
  ENV_FILE,
  FINDING_LABELS,
  HEALTHCHECK,
  MANUAL_FIXES,
  NETWORKS,
  PORT_ITEM,
  PORTS,
  RESTART,
  TLS_SERVICES,
  VARIABLE,
  YAML_SYNTAX_DOCS,
} from "./i18n/hover-texts.js";
import { YAML_SYNTAX_RULE_ID, type Finding } from "./lint.js";
import type { ProjectFiles } from "./project.js";
import { RULES_BY_ID } from "./rules/index.js";

export interface HoverResult {
  markdown: string;
  /** The hovered word or node, as document offsets. */
  start: number;
  end: number;
}

export interface HoverOptions {
  isPipeline: boolean;
  project?: ProjectFiles;
}

/** Web servers and proxies that may sit behind Elestio's proxy (fine) or take its place (not). */
const PROXY_NAMES = new Set(["nginx", "openresty", "traefik", "caddy", "haproxy", "nginx-proxy", "swag", "nginx-proxy-manager", "nginx-unprivileged", "httpd", "apache"]);

const REFERENCE_SEPARATOR = "\n\n---\n\n";

export function hover(model: ComposeModel, findings: readonly Finding[], offset: number, language: Language, options: HoverOptions): HoverResult | undefined {
  try {
    return hoverAt(model, findings, offset, language, options);
  } catch {
    // A hover is a convenience: a model the code did not foresee shows nothing rather than failing the request.
    return undefined;
  }
}

function hoverAt(model: ComposeModel, findings: readonly Finding[], offset: number, language: Language, options: HoverOptions): HoverResult | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > model.text.length) return undefined;
  const hovered = findings.filter((f) => (f.start <= offset && offset < f.end) || (f.start === f.end && f.start === offset));
  if (hovered.length > 0) return findingsHover(hovered, language);
  const hit = nodeAt(model, offset);
  if (!hit) return undefined;
  const result = hit.onKey ? undefined : valueHover(model, hit, offset, options);
  if (result) return localize(result, language);
  const explained = serviceHover(model, hit, offset, options) ?? serviceKeyHover(model, hit, options) ?? topLevelHover(model, hit, options);
  return explained ? localize(explained, language) : undefined;
}

interface Explained {
  text: Localized;
  start: number;
  end: number;
}

function localize(explained: Explained, language: Language): HoverResult {
  return { markdown: explained.text[language], start: explained.start, end: explained.end };
}

function joinLocalized(parts: readonly (Localized | undefined)[], separator = "\n\n"): Localized {
  const present = parts.filter((p): p is Localized => p !== undefined);
  return { en: present.map((p) => p.en).join(separator), fr: present.map((p) => p.fr).join(separator) };
}

function spanOfNode(node: Node): { start: number; end: number } {
  return { start: node.range![0], end: node.range![1] };
}

// ---------------------------------------------------------------------------
// Findings

function findingsHover(findings: readonly Finding[], language: Language): HoverResult {
  const start = Math.max(...findings.map((f) => f.start));
  const end = Math.min(...findings.map((f) => f.end));
  const markdown = findings.map((f) => findingSection(f, language)).join(REFERENCE_SEPARATOR);
  return { markdown, start, end: Math.max(start, end) };
}

function findingSection(finding: Finding, language: Language): string {
  const parts: string[] = [];
  if (finding.ruleId === YAML_SYNTAX_RULE_ID) {
    parts.push(`**${YAML_SYNTAX_DOCS.title[language]}** (\`${YAML_SYNTAX_RULE_ID}\`)`);
    parts.push(finding.message[language]);
    parts.push(`**${FINDING_LABELS.why[language]}** ${YAML_SYNTAX_DOCS.why[language]}`);
    parts.push(`**${FINDING_LABELS.fix[language]}** ${YAML_SYNTAX_DOCS.fix[language]}`);
    return parts.join("\n\n");
  }
  const rule = RULES_BY_ID.get(finding.ruleId);
  const docs = rule?.meta.docs;
  parts.push(docs ? `**${docs.title[language]}** (\`${finding.ruleId}\`)` : `\`${finding.ruleId}\``);
  parts.push(finding.message[language]);
  // The finding's own line names the user's container, port or variable; the docs' one is an example from the guide.
  if (finding.log) parts.push(`**${FINDING_LABELS.log[language]}**\n\n${fence(finding.log)}`);
  else if (docs?.log) parts.push(`**${FINDING_LABELS.logExample[language]}**\n\n${fence(docs.log)}`);
  if (docs) parts.push(`**${FINDING_LABELS.why[language]}** ${docs.description[language]}`);
  const fix = docs?.fix ?? MANUAL_FIXES[finding.ruleId];
  if (fix) parts.push(`**${FINDING_LABELS.fix[language]}** ${fix[language]}${finding.fix ? ` ${FINDING_LABELS.quickFix[language]}` : ""}`);
  return parts.join("\n\n");
}

/** A code block that no backtick run inside the text can close. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = "`".repeat(longest + 1);
  return `${marks}text\n${text}\n${marks}`;
}

// ---------------------------------------------------------------------------
// Values anywhere: `${VAR}` and `$$VAR`

function valueHover(model: ComposeModel, hit: NodeHit, offset: number, options: HoverOptions): Explained | undefined {
  const node = hit.node;
  if (typeof node.value !== "string" || !node.range) return undefined;
  const [start, end] = node.range;
  const source = model.text.slice(start, end);
  if (!source.includes("$")) return undefined;
  const containing = allInterpolations(source, start)
    .filter((i) => i.start <= offset && offset < i.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  const item = containing[0];
  if (item) {
    const lines: (Localized | undefined)[] = [VARIABLE.title(item.name), options.isPipeline ? VARIABLE.sourcePipeline : VARIABLE.sourceLocal];
    const argument = item.argument ?? "";
    switch (item.operator) {
      case ":-": lines.push(VARIABLE.defaultUnsetOrEmpty(argument)); break;
      case "-": lines.push(VARIABLE.defaultUnset(argument)); break;
      case ":?": lines.push(VARIABLE.required(argument, true)); break;
      case "?": lines.push(VARIABLE.required(argument, false)); break;
      case ":+": lines.push(VARIABLE.alternative(argument, true)); break;
      case "+": lines.push(VARIABLE.alternative(argument, false)); break;
      default: lines.push(VARIABLE.noDefault(item.name));
    }
    lines.push(localDotEnvLine(item.name, options));
    return { text: joinLocalized(lines), start: item.start, end: item.end };
  }
  for (const match of source.matchAll(/\$\$(\{)?([A-Za-z_][A-Za-z0-9_]*)(\})?/g)) {
    const matchStart = start + match.index;
    const matchEnd = matchStart + match[0].length;
    if (matchStart <= offset && offset < matchEnd) return { text: VARIABLE.escaped(match[2]), start: matchStart, end: matchEnd };
  }
  return undefined;
}

function localDotEnvLine(name: string, options: HoverOptions): Localized | undefined {
  if (!options.project) return undefined;
  const dotEnv = options.project.dotEnv();
  if (!dotEnv) return VARIABLE.noLocalDotEnv;
  if (!dotEnv.has(name)) return VARIABLE.localMissing;
  return options.isPipeline ? VARIABLE.localDefined : VARIABLE.localDefinedLocal;
}

// ---------------------------------------------------------------------------
// Keys and values of a service

function serviceHover(model: ComposeModel, hit: NodeHit, offset: number, options: HoverOptions): Explained | undefined {
  const context = serviceContext(model, hit);
  if (!context) return undefined;
  const { service, path } = context;
  const base = hit.path.length - path.length;
  const node = spanOfNode(hit.node);
  const at = (text: Localized | undefined): Explained | undefined => (text ? { text, ...node } : undefined);
  const pipeline = options.isPipeline;

  switch (path[0]) {
    case "env_file":
      return at(joinLocalized([pipeline ? ENV_FILE.pipeline : ENV_FILE.local, envFileItemLine(service, hit, path, pipeline)]));
    case "container_name":
      if (path.length > 1) return undefined;
      return at(pipeline ? CONTAINER_NAME.pipeline(scalarText(service.get("container_name")?.value)) : CONTAINER_NAME.local);
    case "ports": {
      if (path.length === 1) return hit.onKey ? at(pipeline ? PORTS.pipeline : PORTS.local) : undefined;
      const seq = hit.containers[base + 1];
      const item = isSeq(seq) && typeof path[1] === "number" ? seq.items[path[1]] : undefined;
      const binding = servicePorts(service).find((b) => b.node === item);
      return binding ? at(portItemText(binding, pipeline)) : undefined;
    }
    case "depends_on":
      return at(dependsOnText(model, service, hit, path));
    case "healthcheck":
      if ((path.length === 1 && hit.onKey) || path[1] === "test") return at(HEALTHCHECK);
      return undefined;
    case "restart": {
      if (path.length > 1) return undefined;
      const value = scalarText(service.get("restart")?.value);
      return at(joinLocalized([pipeline ? RESTART.key : RESTART.local, value === undefined ? undefined : RESTART.values[value]]));
    }
    case "networks":
      if (path.length === 1) return hit.onKey ? at(NETWORKS.service) : undefined;
      if (path.length === 2 && typeof path[1] === "string" && hit.onKey) return at(networkText(model, path[1], pipeline));
      if (path.length === 2 && typeof path[1] === "number") {
        const name = scalarText(hit.node);
        return name === undefined ? undefined : at(networkText(model, name, pipeline));
      }
      return undefined;
    case "image":
      return path.length === 1 ? at(tlsServiceText(service, pipeline)) : undefined;
    case "environment":
      // The Django knowledge is about Elestio's proxy: nothing to say in a local file.
      return pipeline ? environmentHover(hit, path, offset) : undefined;
    default:
      return undefined;
  }
}

function envFileItemLine(service: Service, hit: NodeHit, path: (string | number)[], pipeline: boolean): Localized | undefined {
  if (path.length === 1 && hit.onKey) return undefined;
  const base = hit.path.length - path.length;
  let item: unknown = hit.node;
  if (typeof path[1] === "number") {
    const seq = hit.containers[base + 1];
    item = isSeq(seq) ? seq.items[path[1]] : undefined;
  }
  const itemRange = (item as Node | undefined)?.range;
  if (!itemRange) return undefined;
  const entry = envFileEntries(service).find((e) => e.node.range && itemRange[0] <= e.node.range[0] && e.node.range[1] <= itemRange[1]);
  if (!entry) return undefined;
  if (normalizeRelativePath(entry.path) === ".env") return pipeline ? ENV_FILE.dotEnvItem(entry.path) : undefined;
  if (!entry.required) return ENV_FILE.optionalItem(entry.path);
  return ENV_FILE.otherItem(entry.path);
}

function portItemText(binding: PortBinding, pipeline: boolean): Localized {
  const lines: (Localized | undefined)[] = [];
  if (!binding.published) {
    if (!binding.certain) return PORT_ITEM.variable;
    lines.push(PORT_ITEM.randomHost(binding.target));
    if (pipeline) lines.push(PORT_ITEM.random);
    return joinLocalized(lines);
  }
  const [low, high] = binding.published;
  const host = low === high ? String(low) : `${low}-${high}`;
  const isPublic = isPublicAddress(binding.hostIp);
  lines.push(PORT_ITEM.publishes(host, binding.target, isPublic ? PORT_ITEM.everyInterface : PORT_ITEM.onAddress(binding.hostIp!)));
  if (!binding.certain) lines.push(PORT_ITEM.variable);
  if (pipeline) {
    const reserved = [80, 443].find((port) => publishesPort(binding, port));
    if (reserved !== undefined) lines.push(PORT_ITEM.reserved(reserved));
    else if (binding.hostIp === ELESTIO_BRIDGE_ADDRESS) lines.push(PORT_ITEM.bridge(host));
    else if (isPublic) lines.push(PORT_ITEM.public(host, binding.target));
    else if (isLoopbackAddress(binding.hostIp)) lines.push(PORT_ITEM.loopback(host));
    else lines.push(PORT_ITEM.otherAddress(host));
  } else if (isPublic) {
    lines.push(PORT_ITEM.localPublic);
  } else if (isLoopbackAddress(binding.hostIp)) {
    lines.push(PORT_ITEM.localLoopback);
  }
  return joinLocalized(lines, " ");
}

function dependsOnText(model: ComposeModel, service: Service, hit: NodeHit, path: (string | number)[]): Localized | undefined {
  if (path.length === 1) return hit.onKey ? DEPENDS_ON.key : undefined;
  let target: string | undefined;
  if (typeof path[1] === "number") target = path.length === 2 ? scalarText(hit.node) : undefined;
  else if (path.length === 2 && hit.onKey) target = path[1];
  else if (path[2] === "condition" && path.length === 3) {
    return joinLocalized([CONDITION.explained, healthLine(model, path[1])]);
  }
  if (target === undefined) return undefined;
  const dependency = dependencies(model).find((d) => d.service === service && d.target === target);
  const lines: (Localized | undefined)[] = [DEPENDS_ON.startsAfter(service.name, target)];
  if (!model.service(target)) lines.push(DEPENDS_ON.unknownTarget(target));
  else if (dependency?.condition === "service_healthy") lines.push(healthLine(model, target));
  return joinLocalized(lines, " ");
}

/** Whether the waited-for service has a healthcheck, for `service_healthy`. */
function healthLine(model: ComposeModel, target: string): Localized | undefined {
  const service = model.service(target);
  if (!service) return DEPENDS_ON.unknownTarget(target);
  if (!hasHealthcheck(service)) return CONDITION.noHealthcheck(target);
  return CONDITION.healthy(target, healthcheckCommand(service));
}

/** The healthcheck's command as one line: `pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB`. */
function healthcheckCommand(service: Service): string | undefined {
  const healthcheck = service.get("healthcheck")?.value;
  if (!isMap(healthcheck)) return undefined;
  const test = mapEntries(healthcheck, service.document).find((e) => e.key === "test")?.value;
  if (isScalar(test)) return scalarText(test);
  if (!isSeq(test)) return undefined;
  const words = test.items.map((item) => scalarText(item as Node) ?? "");
  if (words[0] === "CMD-SHELL") return words.slice(1).join(" ");
  if (words[0] === "CMD") return words.slice(1).join(" ");
  return words.join(" ");
}

function networkText(model: ComposeModel, name: string, pipeline: boolean): Localized {
  const entry = model.section("networks").find((e) => e.key === name);
  if (!entry) return name === "default" ? NETWORKS.created(name) : NETWORKS.undeclared(name);
  if (!isMap(entry.value)) return NETWORKS.created(name);
  const options = mapEntries(entry.value, documentOf(model, entry.keyNode));
  const external = options.find((e) => e.key === "external")?.value;
  const isExternal = scalarText(external) === "true" || isMap(external);
  if (!isExternal) return NETWORKS.created(name);
  const realName = scalarText(options.find((e) => e.key === "name")?.value) ?? name;
  return NETWORKS.external(realName, pipeline);
}

function documentOf(model: ComposeModel, node: Scalar) {
  const offset = node.range?.[0] ?? 0;
  return model.documents.find((d) => d.range[0] <= offset && offset <= d.range[2]) ?? model.documents[0];
}

function tlsServiceText(service: Service, pipeline: boolean): Localized | undefined {
  const kind = tlsProxyKind(service);
  if (kind === "acme") return TLS_SERVICES.acme(service.name, pipeline);
  if (kind === "proxy") return TLS_SERVICES.proxyOnReservedPorts(service.name, pipeline);
  if (!pipeline) return undefined;
  const image = serviceImage(service);
  const name = image?.name ?? (service.get("build") ? undefined : service.name.toLowerCase());
  return name !== undefined && PROXY_NAMES.has(name) ? TLS_SERVICES.proxyBehind(service.name) : undefined;
}

function environmentHover(hit: NodeHit, path: (string | number)[], offset: number): Explained | undefined {
  if (path.length !== 2) return undefined;
  if (typeof path[1] === "string" && hit.onKey) {
    const text = djangoText(path[1]);
    return text ? { text, ...spanOfNode(hit.node) } : undefined;
  }
  if (typeof path[1] === "number" && !hit.onKey) {
    const entry = listEnvironmentName(hit.node);
    if (!entry || offset < entry.nameSpan.start || offset >= entry.nameSpan.end) return undefined;
    const text = djangoText(entry.name);
    return text ? { text, ...entry.nameSpan } : undefined;
  }
  return undefined;
}

/** What a Django setting's variable means behind Elestio's proxy, or undefined for other variables. */
function djangoText(name: string): Localized | undefined {
  const upper = name.toUpperCase();
  if (/^(DJANGO_)?ALLOWED_HOSTS/.test(upper)) return DJANGO.allowedHosts(name);
  if (/^(DJANGO_)?CSRF_TRUSTED_ORIGINS/.test(upper)) return DJANGO.csrf(name);
  if (!upper.startsWith("DJANGO_")) return undefined;
  const specific = /SECRET_KEY$/.test(upper) ? DJANGO.secretKey : /DEBUG$/.test(upper) ? DJANGO.debug : undefined;
  return joinLocalized([DJANGO.general(name), specific]);
}

// ---------------------------------------------------------------------------
// Service keys and top-level keys

function serviceKeyHover(model: ComposeModel, hit: NodeHit, options: HoverOptions): Explained | undefined {
  if (!hit.onKey || hit.path.length !== 2 || hit.path[0] !== "services") return undefined;
  const service = model.services.find((s) => s.keyNode === hit.node);
  const text = service ? tlsServiceText(service, options.isPipeline) : undefined;
  return text ? { text, ...spanOfNode(hit.node) } : undefined;
}

function topLevelHover(model: ComposeModel, hit: NodeHit, options: HoverOptions): Explained | undefined {
  if (hit.path[0] !== "networks") return undefined;
  const at = (text: Localized): Explained => ({ text, ...spanOfNode(hit.node) });
  if (hit.path.length === 1) return hit.onKey ? at(NETWORKS.top) : undefined;
  const name = hit.path[1];
  if (typeof name !== "string") return undefined;
  if (hit.path.length === 2 && hit.onKey) return at(networkText(model, name, options.isPipeline));
  if (hit.path.length === 3 && (hit.path[2] === "external" || hit.path[2] === "name")) return at(networkText(model, name, options.isPipeline));
  return undefined;
}
