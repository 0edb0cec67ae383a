/**
 * The `elestio` settings as the server uses them, read from whatever shape a
 * client sends: VS Code's nested section, a whole settings object, or the
 * flat dotted keys some editors' configs produce.
 */
import { dirname } from "node:path";
import type { ProjectConfig } from "../engine/config.js";
import { DEFAULT_PIPELINE_FILES } from "../engine/files.js";
import { RULES } from "../engine/rules/index.js";
import { SEVERITY_SETTINGS, type SeveritySetting } from "../engine/rules/types.js";

import { SETTINGS_SECTION } from "../protocol.js";

export type LanguageSetting = "auto" | "en" | "fr";

export interface ServerSettings {
  /** Globs of the files the Elestio pipeline deploys (`elestio.pipelineFiles`). */
  readonly pipelineFiles: readonly string[];
  /**
   * The folder that globs with a slash are relative to, when it is not the
   * workspace folder: the project configuration's folder, for its globs.
   */
  readonly pipelineFilesBase?: string;
  /** `elestio.rules.<id>`, only the valid values. */
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly language: LanguageSetting;
  /**
   * The variables the dashboard sets: from the project configuration only
   * (`dashboardVariables` of `.elestio-compose.json`), never from the editor's
   * settings, since what the dashboard holds belongs to the project.
   */
  readonly dashboardVariables?: readonly string[];
  /** The ports the dashboard's reverse proxy forwards to: from the project configuration only (`proxyTargetPorts`), as dashboardVariables. */
  readonly proxyTargetPorts?: readonly number[];
}

export const DEFAULT_SETTINGS: ServerSettings = Object.freeze({
  pipelineFiles: DEFAULT_PIPELINE_FILES,
  severities: Object.freeze({}),
  language: "auto",
});

/** Spellings users carry over from ESLint and VS Code's own severity names. */
const SEVERITY_ALIASES: Record<string, SeveritySetting> = { warn: "warning", information: "info", none: "off" };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The `elestio` section: `raw` is either the section itself (a
 * workspace/configuration answer) or an object holding it under `elestio`
 * (didChangeConfiguration, initializationOptions), possibly as flat
 * `elestio.rules.<id>` keys.
 */
function sectionOf(raw: unknown): JsonObject {
  if (!isObject(raw)) return {};
  const prefix = `${SETTINGS_SECTION}.`;
  const wrapped = isObject(raw[SETTINGS_SECTION]) || Object.keys(raw).some((key) => key.startsWith(prefix));
  if (!wrapped) return raw;
  const section: JsonObject = isObject(raw[SETTINGS_SECTION]) ? { ...raw[SETTINGS_SECTION] } : {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(prefix)) section[key.slice(prefix.length)] = value;
  }
  return section;
}

function severitySetting(value: unknown): SeveritySetting | undefined {
  if (typeof value !== "string") return undefined;
  const lower = value.trim().toLowerCase();
  if ((SEVERITY_SETTINGS as readonly string[]).includes(lower)) return lower as SeveritySetting;
  return SEVERITY_ALIASES[lower];
}

export function normalizeSettings(raw: unknown): ServerSettings {
  const section = sectionOf(raw);

  const severities: Record<string, SeveritySetting> = {};
  const addRules = (rules: unknown) => {
    if (!isObject(rules)) return;
    for (const [id, value] of Object.entries(rules)) {
      const setting = severitySetting(value);
      if (setting) severities[id] = setting;
    }
  };
  addRules(section.rules);
  for (const [key, value] of Object.entries(section)) {
    if (key.startsWith("rules.")) addRules({ [key.slice("rules.".length)]: value });
  }
  // VS Code answers every `elestio.rules.<id>` with its default when the user sets none: a
  // severity equal to the rule's default is no choice, and leaves the rule its own severity
  // per finding (undefined-variable's warning once the dashboard's variables are known).
  for (const { meta } of RULES) if (severities[meta.id] === meta.severity) delete severities[meta.id];

  const rawGlobs = typeof section.pipelineFiles === "string" ? [section.pipelineFiles] : section.pipelineFiles;
  const globs = Array.isArray(rawGlobs) ? rawGlobs.filter((g): g is string => typeof g === "string" && g.trim() !== "") : [];

  const language = section.language === "en" || section.language === "fr" ? section.language : "auto";

  return { pipelineFiles: globs.length > 0 ? globs : DEFAULT_PIPELINE_FILES, severities, language };
}

const withConfig = new WeakMap<ServerSettings, WeakMap<ProjectConfig, ServerSettings>>();

/**
 * The editor's settings with the project configuration (`.elestio-compose.json`)
 * over them: the project file wins for the keys it sets, so that the editor
 * and CI agree, and the editor's settings fill in the rest. The same inputs
 * give the same object, so an analysis made with it stays cached.
 */
export function withProjectConfig(settings: ServerSettings, config: ProjectConfig | undefined): ServerSettings {
  if (!config || (!config.pipelineFiles && !config.rules && !config.dashboardVariables && !config.proxyTargetPorts)) return settings;
  let byConfig = withConfig.get(settings);
  if (!byConfig) withConfig.set(settings, (byConfig = new WeakMap()));
  let merged = byConfig.get(config);
  if (!merged) {
    merged = Object.freeze({
      ...settings,
      ...(config.pipelineFiles ? { pipelineFiles: config.pipelineFiles, pipelineFilesBase: dirname(config.file) } : {}),
      severities: Object.freeze({ ...settings.severities, ...config.rules }),
      dashboardVariables: config.dashboardVariables,
      proxyTargetPorts: config.proxyTargetPorts,
    });
    byConfig.set(config, merged);
  }
  return merged;
}

/**
 * Settings per document. With a client that answers workspace/configuration,
 * each document's settings are asked for once (they may differ per folder)
 * and kept until the configuration changes; otherwise every document gets the
 * settings from initializationOptions and didChangeConfiguration.
 */
export class SettingsStore {
  private readonly perUri = new Map<string, Promise<ServerSettings>>();
  private global: ServerSettings;

  constructor(
    initial: unknown,
    /** Asks the client for the `elestio` section of a document (or of the workspace); undefined when the client cannot. */
    private readonly fetch: ((uri: string | undefined) => Promise<unknown>) | undefined,
    private readonly onError: (error: unknown) => void,
  ) {
    this.global = normalizeSettings(initial);
  }

  /** A document's settings, or without a uri the workspace's. */
  get(uri?: string): Promise<ServerSettings> {
    if (!this.fetch) return Promise.resolve(this.global);
    const key = uri ?? "";
    let settings = this.perUri.get(key);
    if (!settings) {
      settings = this.fetch(uri).then(
        (raw) => normalizeSettings(raw),
        (error) => {
          this.onError(error);
          return this.global;
        },
      );
      this.perUri.set(key, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }

  /** After workspace/didChangeConfiguration: `raw` is its `settings`, used when the client is not asked. */
  changed(raw: unknown): void {
    this.perUri.clear();
    if (!this.fetch && raw !== undefined && raw !== null) this.global = normalizeSettings(raw);
  }
}
