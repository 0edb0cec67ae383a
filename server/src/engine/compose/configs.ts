/**
 * Configs: a service's `configs` (`- name`, or `{source, target, uid, gid,
 * mode}`; mounted at `/<source>` without a `target`) and the top-level
 * `configs:` declarations (`file`, `environment`, `content`, `external`,
 * `name`), defaults applied, with spans (fileMounts.ts). The only reader of
 * `configs`.
 */
import { fileResourceDeclarations, readFileMounts, type FileMountRef, type FileResourceDeclaration } from "./fileMounts.js";
import { serviceModelFact, type ComposeModel, type Service } from "./model.js";

export type ConfigRef = FileMountRef;
export type ConfigDeclaration = FileResourceDeclaration;

/** The configs the service mounts, in order (computed once per parse: treat as read-only). */
export function serviceConfigs(model: ComposeModel, service: Service): readonly ConfigRef[] {
  return serviceModelFact(model, service, readConfigs);
}

function readConfigs(model: ComposeModel, service: Service): ConfigRef[] {
  return readFileMounts(model, service, service.get("configs"), "config");
}

/** Every top-level config declaration, in file order, across documents (computed once per parse). */
export function configDeclarations(model: ComposeModel): readonly ConfigDeclaration[] {
  return fileResourceDeclarations(model, "configs");
}

/** The declaration of the config with this key, if the file declares it. */
export function configDeclaration(model: ComposeModel, key: string): ConfigDeclaration | undefined {
  return configDeclarations(model).find((c) => c.key === key);
}
