/**
 * Hovers: on a finding, the problem, the pipeline's log line, why and the fix;
 * elsewhere, what the hovered key or value means for an Elestio deployment.
 * Plain TypeScript: the server turns the result into an LSP Hover.
 */
import type { Node } from "yaml";
import { serviceDependencies, type Dependency } from "./compose/dependsOn.js";
import { DOTENV, serviceEnvFiles } from "./compose/envFiles.js";
import { serviceEnvironment } from "./compose/environment.js";
import { healthcheckState, serviceHealthcheck } from "./compose/healthcheck.js";
import { interpolatedValues } from "./compose/interpolatedValues.js";
import { nodeAt, serviceContext, type NodeHit } from "./compose/position.js";
import { scalarText, type ComposeModel, type Service } from "./compose/model.js";
import { hostNetworkName, networkDeclaration } from "./compose/networks.js";
import { ELESTIO_BRIDGE_ADDRESS, isLoopbackAddress, isPublicAddress, portBindingAt, reservedHostPort, type PortBinding } from "./compose/ports.js";
import { tlsProxyKind, webServerKind } from "./compose/services.js";
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
} from "./i18n/hover-texts.js";
import type { Finding } from "./lint.js";
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
  const rule = RULES_BY_ID.get(finding.ruleId);
  const docs = rule?.meta.docs;
  parts.push(docs ? `**${docs.title[language]}** (\`${finding.ruleId}\`)` : `\`${finding.ruleId}\``);
  parts.push(finding.message[language]);
  // The finding's own line names the user's container, port or variable; the docs' one is an example from the guide.
  if (finding.log) parts.push(`**${FINDING_LABELS.log[language]}**\n\n${fence(finding.log)}`);
  else if (docs?.log) parts.push(`**${FINDING_LABELS.logExample[language]}**\n\n${fence(docs.log)}`);
  if (docs) parts.push(`**${FINDING_LABELS.why[language]}** ${docs.description[language]}`);
  const fix = docs?.fix ?? docs?.manualFix ?? MANUAL_FIXES[finding.ruleId];
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
  const value = interpolatedValues(model).find((v) => v.scalar === hit.node);
  if (!value) return undefined;
  const within = (span: { start: number; end: number }) => span.start <= offset && offset < span.end;
  // The innermost reference under the cursor: `${B}` in `${A:-${B}}`.
  const item = value.references.filter((r) => within(r.span)).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
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
    return { text: joinLocalized(lines), ...item.span };
  }
  const escaped = value.escapes.find((e) => within(e.span));
  return escaped ? { text: VARIABLE.escaped(escaped.name), ...escaped.span } : undefined;
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
  const node = spanOfNode(hit.node);
  const at = (text: Localized | undefined): Explained | undefined => (text ? { text, ...node } : undefined);
  const pipeline = options.isPipeline;

  switch (path[0]) {
    case "env_file":
      return at(joinLocalized([pipeline ? ENV_FILE.pipeline : ENV_FILE.local, envFileItemLine(model, service, hit, path, pipeline)]));
    case "container_name":
      if (path.length > 1) return undefined;
      return at(pipeline ? CONTAINER_NAME.pipeline(scalarText(service.get("container_name")?.value)) : CONTAINER_NAME.local);
    case "ports": {
      if (path.length === 1) return hit.onKey ? at(pipeline ? PORTS.pipeline : PORTS.local) : undefined;
      const binding = typeof path[1] === "number" ? portBindingAt(service, hit.node.range![0]) : undefined;
      return binding ? at(portItemText(binding, pipeline)) : undefined;
    }
    case "depends_on":
      return at(dependsOnText(model, service, hit, path, options.project));
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
      return pipeline ? environmentHover(model, service, hit, path, offset) : undefined;
    default:
      return undefined;
  }
}

function envFileItemLine(model: ComposeModel, service: Service, hit: NodeHit, path: (string | number)[], pipeline: boolean): Localized | undefined {
  if (path.length === 1 && hit.onKey) return undefined;
  const range = hit.node.range;
  if (!range) return undefined;
  // The item written around the hovered scalar: the path, or a key or value of its `{path, required}` map.
  const entry = serviceEnvFiles(model, service).find((e) => e.span.start <= range[0] && range[1] <= e.span.end);
  if (!entry) return undefined;
  if (entry.normalized === DOTENV) return pipeline ? ENV_FILE.dotEnvItem(entry.path) : undefined;
  if (!entry.required) return ENV_FILE.optionalItem(entry.path);
  return ENV_FILE.otherItem(entry.path);
}

function portItemText(binding: PortBinding, pipeline: boolean): Localized {
  const lines: (Localized | undefined)[] = [];
  const target = binding.protocol === "tcp" ? binding.target : `${binding.target}/${binding.protocol}`;
  if (!binding.published) {
    if (!binding.certain) return PORT_ITEM.variable;
    lines.push(PORT_ITEM.randomHost(target));
    if (pipeline) lines.push(binding.protocol === "tcp" ? PORT_ITEM.random : PORT_ITEM.otherProtocol(binding.protocol));
    return joinLocalized(lines);
  }
  const [low, high] = binding.published;
  const host = low === high ? String(low) : `${low}-${high}`;
  const isPublic = isPublicAddress(binding.hostIp);
  lines.push(PORT_ITEM.publishes(host, target, isPublic ? PORT_ITEM.everyInterface : PORT_ITEM.onAddress(binding.hostIp!)));
  if (!binding.certain) lines.push(PORT_ITEM.variable);
  if (pipeline) {
    const reserved = reservedHostPort(binding);
    // Elestio's proxy neither holds nor forwards a UDP or SCTP port: what it says of TCP ones does not apply.
    if (binding.protocol !== "tcp") lines.push(PORT_ITEM.otherProtocol(binding.protocol));
    else if (reserved !== undefined) lines.push(PORT_ITEM.reserved(reserved));
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

function dependsOnText(model: ComposeModel, service: Service, hit: NodeHit, path: (string | number)[], project: ProjectFiles | undefined): Localized | undefined {
  if (path.length === 1) return hit.onKey ? DEPENDS_ON.key : undefined;
  const range = hit.node.range;
  if (!range) return undefined;
  const dependency = serviceDependencies(model, service).find((d) => d.span.start <= range[0] && range[1] <= d.span.end);
  if (!dependency) return undefined;
  const { target } = dependency;
  const condition = dependency.conditionEntry;
  if (condition && (hit.node === condition.keyNode || hit.node === condition.value)) {
    return joinLocalized([CONDITION.explained, healthLine(model, dependency, project)]);
  }
  if (hit.node !== dependency.targetNode) return undefined;
  const lines: (Localized | undefined)[] = [DEPENDS_ON.startsAfter(service.name, target)];
  if (!model.service(target)) lines.push(DEPENDS_ON.unknownTarget(target));
  else if (dependency.condition === "service_healthy") lines.push(healthLine(model, dependency, project));
  return joinLocalized(lines, " ");
}

/** Whether the waited-for service has a healthcheck, for `service_healthy`: what healthcheck-required reads. */
function healthLine(model: ComposeModel, dependency: Dependency, project: ProjectFiles | undefined): Localized | undefined {
  const { target } = dependency;
  const service = model.service(target);
  if (!service) return DEPENDS_ON.unknownTarget(target);
  const health = healthcheckState(model, service, project);
  if (health.missing && !dependency.required) return CONDITION.optional(target);
  switch (health.state) {
    case "defined": return CONDITION.healthy(target, serviceHealthcheck(model, service).test?.command);
    case "inherited": return CONDITION.inherited(target);
    case "disabled": return CONDITION.disabled(target);
    case "none": return health.dockerfile === true ? CONDITION.dockerfile(target) : CONDITION.noHealthcheck(target);
  }
}

function networkText(model: ComposeModel, name: string, pipeline: boolean): Localized {
  const network = networkDeclaration(model, name);
  if (!network) return name === "default" ? NETWORKS.created(name) : NETWORKS.undeclared(name);
  if (network.external !== true) return NETWORKS.created(name);
  return NETWORKS.external(hostNetworkName(network)!, pipeline);
}

function tlsServiceText(service: Service, pipeline: boolean): Localized | undefined {
  const kind = tlsProxyKind(service);
  if (kind === "acme") return TLS_SERVICES.acme(service.name, pipeline);
  if (kind === "proxy") return TLS_SERVICES.proxyOnReservedPorts(service.name, pipeline);
  if (!pipeline) return undefined;
  return webServerKind(service) ? TLS_SERVICES.proxyBehind(service.name) : undefined;
}

function environmentHover(model: ComposeModel, service: Service, hit: NodeHit, path: (string | number)[], offset: number): Explained | undefined {
  if (path.length !== 2) return undefined;
  const range = hit.node.range;
  if (!range) return undefined;
  // The variable whose name is the hovered key (map form), or is written in the hovered item (list form).
  const variable = serviceEnvironment(model, service).find((v) =>
    v.form === "map" ? hit.onKey && range[0] <= v.nameSpan.start && v.nameSpan.end <= range[1] : !hit.onKey && v.node === hit.node,
  );
  if (!variable) return undefined;
  if (variable.form === "list" && (offset < variable.nameSpan.start || offset >= variable.nameSpan.end)) return undefined;
  const text = djangoText(variable.name);
  if (!text) return undefined;
  return { text, ...(variable.form === "map" ? spanOfNode(hit.node) : variable.nameSpan) };
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
