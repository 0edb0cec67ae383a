/**
 * The rule registry: the rules `lint` runs, the ids settings, configuration
 * files and disable comments may name, the SARIF rule descriptors, the docs
 * of hovers, and what scripts/docs.ts generates from it (the README's rule
 * table, the `elestio.rules.<id>` settings in package.json and their
 * package.nls*.json texts; test/docs.test.ts checks they match). Each rule's
 * tests import the rule itself. Order is the order of the README table.
 */
import { yamlSyntax } from "./yaml-syntax.js";
import { envFileNotDotenv } from "./env-file-not-dotenv.js";
import { noContainerName } from "./no-container-name.js";
import { noReservedHostPort } from "./no-reserved-host-port.js";
import { noTlsProxyService } from "./no-tls-proxy-service.js";
import { publicPortBinding } from "./public-port-binding.js";
import { loopbackPortBinding } from "./loopback-port-binding.js";
import { healthcheckRequired } from "./healthcheck-required.js";
import { healthcheckExecShell } from "./healthcheck-exec-shell.js";
import { unescapedDollar } from "./unescaped-dollar.js";
import { literalSecret } from "./literal-secret.js";
import { obsoleteVersion } from "./obsolete-version.js";
import { unknownKey } from "./unknown-key.js";
import { invalidValue } from "./invalid-value.js";
import { undefinedReference } from "./undefined-reference.js";
import { undefinedVariable } from "./undefined-variable.js";
import { externalNetwork } from "./external-network.js";
import { fileTooLarge } from "./file-too-large.js";
import { hostNetworkMode } from "./host-network-mode.js";
import { proxyTargetPort } from "./proxy-target-port.js";
import { bindMountMissingFile } from "./bind-mount-missing-file.js";
import { overrideFileMerged } from "./override-file-merged.js";
import { inactiveProfiles } from "./inactive-profiles.js";
import { externalVolume } from "./external-volume.js";
import { privilegedContainer } from "./privileged-container.js";
import { dockerSocketMount } from "./docker-socket-mount.js";
import type { Rule } from "./types.js";

export const RULES: readonly Rule[] = [
  yamlSyntax,
  envFileNotDotenv,
  noContainerName,
  noReservedHostPort,
  noTlsProxyService,
  hostNetworkMode,
  publicPortBinding,
  loopbackPortBinding,
  proxyTargetPort,
  healthcheckRequired,
  healthcheckExecShell,
  unescapedDollar,
  literalSecret,
  bindMountMissingFile,
  overrideFileMerged,
  inactiveProfiles,
  obsoleteVersion,
  unknownKey,
  invalidValue,
  undefinedReference,
  undefinedVariable,
  externalNetwork,
  externalVolume,
  privilegedContainer,
  dockerSocketMount,
  fileTooLarge,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
