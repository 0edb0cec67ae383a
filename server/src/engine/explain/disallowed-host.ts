/**
 * Django's DisallowedHost (`Invalid HTTP_HOST header: '<ip>:8000'`): one
 * problem for every refused host. Links the public-port-binding findings of
 * the ports the hosts name (a request straight to the VM's IP) and the
 * ALLOWED_HOSTS variables of the services' environment.
 */
import { serviceEnvironment } from "../compose/environment.js";
import type { Span } from "../compose/model.js";
import { bindingSpan, publishesPort, servicePorts } from "../compose/ports.js";
import { disallowedHost as disallowedHostText } from "../i18n/explain-texts.js";
import { findingsAt, firstMatch, type Explainer } from "./explainer.js";

/** The port of `<ip>:<port>`: a request sent straight to the VM's address, not through the proxy. */
function directPort(host: string): number | undefined {
  const match = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[^\]]+\]):(\d+)$/.exec(host);
  return match ? Number(match[1]) : undefined;
}

function hostPort(host: string): number | undefined {
  const match = /:(\d+)$/.exec(host);
  return match ? Number(match[1]) : undefined;
}

export const disallowedHost: Explainer = {
  id: "disallowed-host",
  detect: (line) => {
    const named = firstMatch(/invalid http_host header:\s*'([^']*)'/i, line);
    return named.length > 0 ? named : firstMatch(/disallowedhost/i, line).map(({ index }) => ({ index }));
  },
  oneProblem: true,
  text: (hosts) => disallowedHostText(hosts, hosts.map(directPort).find((p) => p !== undefined)),
  ranges: (hosts, { model, findings }) => {
    const ports = hosts.map(hostPort).filter((p): p is number => p !== undefined);
    const published: Span[] = model.services.flatMap((service) =>
      servicePorts(service)
        .filter((binding) => ports.some((port) => publishesPort(binding, port)))
        .map((binding) => bindingSpan(model, binding)),
    );
    const allowedHosts = model.services.flatMap((service) =>
      serviceEnvironment(model, service).filter((v) => /^(DJANGO_)?ALLOWED_HOSTS/i.test(v.name)).map((v) => v.span),
    );
    return [...findingsAt(findings, published, ["public-port-binding"]), ...allowedHosts];
  },
};
