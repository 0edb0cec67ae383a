/**
 * Secrets: a service's `secrets` (`- name`, or `{source, target, uid, gid,
 * mode}`; mounted at `/run/secrets/<source>` without a `target`) and the
 * top-level `secrets:` declarations (`file`, `environment`, `external`,
 * `name`), defaults applied, with spans (fileMounts.ts). The only reader of
 * `secrets`.
 */
import { fileResourceDeclarations, readFileMounts, type FileMountRef, type FileResourceDeclaration } from "./fileMounts.js";
import { serviceModelFact, type ComposeModel, type Service } from "./model.js";

export type SecretRef = FileMountRef;
export type SecretDeclaration = FileResourceDeclaration;

/** The secrets the service mounts, in order (computed once per parse: treat as read-only). */
export function serviceSecrets(model: ComposeModel, service: Service): readonly SecretRef[] {
  return serviceModelFact(model, service, readSecrets);
}

function readSecrets(model: ComposeModel, service: Service): SecretRef[] {
  return readFileMounts(model, service, service.get("secrets"), "secret");
}

/** Every top-level secret declaration, in file order, across documents (computed once per parse). */
export function secretDeclarations(model: ComposeModel): readonly SecretDeclaration[] {
  return fileResourceDeclarations(model, "secrets");
}

/** The declaration of the secret with this key, if the file declares it. */
export function secretDeclaration(model: ComposeModel, key: string): SecretDeclaration | undefined {
  return secretDeclarations(model).find((s) => s.key === key);
}
