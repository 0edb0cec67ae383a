import type { Service } from "../compose/model.js";
import { servicePorts } from "../compose/ports.js";
import { serviceProfiles } from "../compose/references.js";
import { isDatabaseBinding, serviceImage } from "../compose/services.js";
import type { Rule } from "./types.js";

/** The variable that names the profiles `docker compose up` enables, when no `--profile` is given (the pipeline gives none). */
const COMPOSE_PROFILES = "COMPOSE_PROFILES";

/**
 * Whether the service serves the site: it publishes a TCP port (on any
 * address) that is not a database's. A worker or a tool without ports is
 * left alone, and so is a database (its profile keeps a local one out of
 * production, where the app uses a managed one).
 */
function isWebFacing(service: Service): boolean {
  const image = serviceImage(service);
  return servicePorts(service).some((binding) => binding.protocol === "tcp" && !isDatabaseBinding(binding, image));
}

export const inactiveProfiles: Rule = {
  meta: {
    id: "inactive-profiles",
    severity: "warning",
    scope: "pipeline",
    fixable: false,
    reads: "service",
    docs: {
      title: {
        en: "A web service with profiles starts only when COMPOSE_PROFILES names one",
        fr: "Un service web avec des profils ne démarre que si COMPOSE_PROFILES en nomme un",
      },
      description: {
        en: "`docker compose up` starts a service that has `profiles:` only when one of them is enabled, with `--profile` (which the pipeline does not pass) or the `COMPOSE_PROFILES` variable. Unless **Dashboard → Environment variables** sets `COMPOSE_PROFILES`, the deploy succeeds without that service, and Elestio's proxy finds nothing on its port. Services without published ports (workers, tools) and databases are not reported.",
        fr: "`docker compose up` ne démarre un service qui a des `profiles:` que si l'un d'eux est activé, par `--profile` (que le pipeline ne passe pas) ou par la variable `COMPOSE_PROFILES`. Si **Dashboard → Environment variables** ne définit pas `COMPOSE_PROFILES`, le déploiement réussit sans ce service, et le proxy d'Elestio ne trouve rien sur son port. Les services sans port publié (workers, outils) et les bases de données ne sont pas signalés.",
      },
      log: "502 Bad Gateway",
      logSource: "browser",
      manualFix: {
        en: "Set `COMPOSE_PROFILES` in **Dashboard → Environment variables** to the profiles to start (`COMPOSE_PROFILES=web,worker`), or remove `profiles:` from the services production needs.",
        fr: "Définissez `COMPOSE_PROFILES` dans **Dashboard → Environment variables** avec les profils à démarrer (`COMPOSE_PROFILES=web,worker`), ou retirez `profiles:` des services dont la production a besoin.",
      },
      example: {
        invalid: 'services:\n  web:\n    build: .\n    profiles: ["web"]\n    ports:\n      - "172.17.0.1:8000:8000"\n',
        valid: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n',
      },
    },
    messages: {
      notInDashboard: {
        en: 'Service "{{service}}" never starts: the dashboard has no COMPOSE_PROFILES. Add COMPOSE_PROFILES={{profile}}.',
        fr: "Le service « {{service}} » ne démarre jamais : le dashboard n'a pas COMPOSE_PROFILES. Ajoutez COMPOSE_PROFILES={{profile}}.",
      },
      dashboardUnknown: {
        en: 'Service "{{service}}" starts only if the dashboard sets COMPOSE_PROFILES={{profile}}. Make sure it does.',
        fr: "Le service « {{service}} » ne démarre que si le dashboard définit COMPOSE_PROFILES={{profile}}. Vérifiez-le.",
      },
    },
  },
  check({ model, project, dashboardVariables, report }) {
    if (dashboardVariables?.has(COMPOSE_PROFILES) || project?.dotEnv()?.has(COMPOSE_PROFILES)) return;
    for (const service of model.services) {
      const entry = service.get("profiles");
      // A profile a variable without a default names is not known: nothing is said of it.
      const profile = serviceProfiles(model, service).find((p) => p.certain && p.name !== "");
      if (!entry || !profile || !isWebFacing(service)) continue;
      const [start, end] = entry.keyNode.range!;
      report({
        start,
        end,
        messageId: dashboardVariables ? "notInDashboard" : "dashboardUnknown",
        data: { service: service.name, profile: profile.name },
      });
    }
  },
};
