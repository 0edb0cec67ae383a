import { serviceExtends } from "../compose/references.js";
import { hostVolumeName, mayNameVolumes, namedVolume, serviceVolumes, volumeDeclarations, type VolumeDeclaration } from "../compose/volumes.js";
import type { ComposeModel } from "../compose/model.js";
import type { Rule } from "./types.js";

/**
 * The volume keys the services mount, or undefined when a mount may name any
 * of them (a variable without a default decides its source or type, or a
 * service extends one in another file, whose mounts are not read here).
 * `docker compose up` drops the volumes no service mounts (compose-go's
 * WithoutUnnecessaryResources) and never looks them up on the VM.
 */
function mountedVolumes(model: ComposeModel): ReadonlySet<string> | undefined {
  const mounted = new Set<string>();
  for (const service of model.services) {
    if (serviceExtends(model, service)?.file) return undefined;
    if (!mayNameVolumes(service)) continue;
    for (const volume of serviceVolumes(model, service)) {
      if (!volume.certain || volume.type === undefined) return undefined;
      const name = namedVolume(volume);
      if (name !== undefined) mounted.add(name);
    }
  }
  return mounted;
}

/** The `name` of a volume as written, without its quotes (`${DATA_VOLUME}`). */
function writtenName(model: ComposeModel, volume: VolumeDeclaration): string {
  const span = volume.nameSpan;
  if (!span) return volume.key;
  return model.text.slice(span.start, span.end).replace(/^(["'])(.*)\1$/s, "$2");
}

export const externalVolume: Rule = {
  meta: {
    id: "external-volume",
    severity: "info",
    scope: "pipeline",
    fixable: false,
    docs: {
      title: {
        en: "External volumes must exist on the VM before the first deploy",
        fr: "Les volumes externes doivent exister sur la VM avant le premier déploiement",
      },
      description: {
        en: "`external: true` (or the older `external: {name: …}`) tells compose that the volume already exists and holds data of its own: compose never creates it, and `docker compose up` stops before starting any container when the VM lacks it. A new Elestio VM has no such volume, so the first deploy fails until someone creates it over SSH; a volume no service mounts is not looked up, and is not reported.",
        fr: "`external: true` (ou l'ancienne forme `external: {name: …}`) indique à compose que le volume existe déjà et porte ses propres données : compose ne le crée jamais, et `docker compose up` s'arrête avant de démarrer le moindre conteneur si la VM ne l'a pas. Une nouvelle VM Elestio n'a pas ce volume : le premier déploiement échoue tant que personne ne l'a créé en SSH. Un volume qu'aucun service ne monte n'est pas recherché, et n'est pas signalé.",
      },
      log: 'external volume "caddy_data" not found',
      logPattern: { patterns: [/external volume\s+"?([^\s"]+?)"?\s+not found/i] },
      manualFix: {
        en: "Create the volume once on the VM, over SSH (`docker volume create <name>`), before the first deploy; or remove `external: true` to let compose create it (as `<pipeline>_<key>`, unless `name:` is set).",
        fr: "Créez le volume une fois sur la VM, en SSH (`docker volume create <nom>`), avant le premier déploiement ; ou retirez `external: true` pour que compose le crée (sous le nom `<pipeline>_<clé>`, sauf si `name:` est défini).",
      },
      example: {
        invalid: "services:\n  web:\n    image: caddy:2\n    volumes:\n      - caddy_data:/data\nvolumes:\n  caddy_data:\n    external: true\n",
        valid: "services:\n  web:\n    image: caddy:2\n    volumes:\n      - caddy_data:/data\nvolumes:\n  caddy_data:\n",
      },
    },
    messages: {
      external: {
        en: 'Volume "{{volume}}" is external: the deploy stops unless the VM has it. Create it there first.',
        fr: "Le volume « {{volume}} » est externe : le déploiement s'arrête si la VM ne l'a pas. Créez-le d'abord sur la VM.",
      },
    },
  },
  check({ model, report }) {
    const declarations = volumeDeclarations(model).filter((volume) => volume.external === true && volume.externalSpan);
    if (declarations.length === 0) return;
    const mounted = mountedVolumes(model);
    for (const volume of declarations) {
      if (mounted && !mounted.has(volume.key)) continue;
      // A name a variable without a default decides is shown as written; compose's line would print its value.
      const name = volume.nameCertain ? hostVolumeName(volume)! : writtenName(model, volume);
      report({
        ...volume.externalSpan!,
        // compose-go prints the name with Go's %q.
        ...(volume.nameCertain ? { log: `external volume ${JSON.stringify(name)} not found` } : {}),
        messageId: "external",
        data: { volume: name },
      });
    }
  },
};
