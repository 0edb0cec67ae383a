import { isDockerSocketPath, serviceVolumes } from "../compose/volumes.js";
import type { Rule } from "./types.js";

export const dockerSocketMount: Rule = {
  meta: {
    id: "docker-socket-mount",
    severity: "warning",
    scope: "all",
    fixable: false,
    reads: "service",
    docs: {
      title: {
        en: "No Docker socket mounted in a container",
        fr: "Pas de socket Docker monté dans un conteneur",
      },
      description: {
        en: "`/var/run/docker.sock` is Docker's API: a process that reaches it can start a privileged container that mounts the VM's disk, so it controls the VM, every app on it and their variables. `:ro` makes the file read-only, not the API: every request still goes through. Tools such as Portainer, Watchtower or Traefik's Docker provider need it, and that is their whole point; a web app does not, and a flaw in it would then hand over the VM.",
        fr: "`/var/run/docker.sock` est l'API de Docker : un processus qui l'atteint peut démarrer un conteneur privilégié qui monte le disque de la VM, il contrôle donc la VM, chaque application qu'elle héberge et leurs variables. `:ro` rend le fichier accessible en lecture seule, pas l'API : chaque requête passe toujours. Des outils comme Portainer, Watchtower ou le fournisseur Docker de Traefik en ont besoin, c'est leur raison d'être ; une application web n'en a pas besoin, et une faille de celle-ci livrerait alors la VM.",
      },
      manualFix: {
        en: "Remove the mount unless the service is a tool that needs Docker's API; for such a tool, prefer a socket proxy that allows only the calls it makes (`tecnativa/docker-socket-proxy`).",
        fr: "Supprimez le montage, sauf si le service est un outil qui a besoin de l'API de Docker ; pour un tel outil, préférez un proxy du socket qui n'autorise que les appels qu'il fait (`tecnativa/docker-socket-proxy`).",
      },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n    volumes:\n      - ./media:/app/media\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n    volumes:\n      - ./media:/app/media\n',
      },
    },
    messages: {
      socket: {
        en: 'Service "{{service}}" mounts docker.sock: it controls Docker, and so the VM. Mount it only if needed.',
        fr: "Le service « {{service}} » monte docker.sock : il pilote Docker, et donc la VM. Ne le montez que si nécessaire.",
      },
      readOnlySocket: {
        en: 'Service "{{service}}" mounts docker.sock: even read-only, it controls Docker and the VM. Mount it only if needed.',
        fr: "Le service « {{service}} » monte docker.sock : même en lecture seule, il pilote Docker et la VM. Ne le montez que si nécessaire.",
      },
    },
  },
  check({ model, report }) {
    // Nothing fails at deploy time: no log line.
    for (const service of model.services) {
      for (const volume of serviceVolumes(model, service)) {
        // The host's socket as a bind source (`/run/docker.sock`, `//var/run/docker.sock` too), defaults applied.
        if (volume.type !== "bind" || volume.source === undefined || !isDockerSocketPath(volume.source)) continue;
        report({ ...volume.span, messageId: volume.readOnly === true ? "readOnlySocket" : "socket", data: { service: service.name } });
      }
    }
  },
};
