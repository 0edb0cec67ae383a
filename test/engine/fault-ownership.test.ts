/**
 * One finding per fault, declared: a rule's meta says which rules it
 * supersedes, and lint() drops their findings inside what its finding covers.
 * The graph below is the whole of it: a new rule that overlaps another
 * declares it here, in its meta, and nowhere else.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint, type LintOptions } from "../../server/src/engine/lint.js";
import { RULES, RULES_BY_ID } from "../../server/src/engine/rules/index.js";

function findings(text: string, options: Partial<LintOptions> = {}): string[] {
  const model = parseCompose(text);
  return lint(model, { isPipeline: true, ...options }).map((f) => {
    const start = model.lines.positionAt(f.start);
    const end = model.lines.positionAt(f.end);
    return `${f.ruleId} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
  });
}

describe("fault ownership", () => {
  it("is this graph, and names registered rules only", () => {
    const graph = Object.fromEntries(RULES.filter((r) => r.meta.supersedes).map((r) => [r.meta.id, r.meta.supersedes]));
    expect(graph).toEqual({
      "no-tls-proxy-service": ["no-reserved-host-port", "public-port-binding", "loopback-port-binding"],
      "healthcheck-exec-shell": ["unescaped-dollar", "undefined-variable"],
      "unescaped-dollar": ["undefined-variable"],
      "invalid-value": ["obsolete-version"],
    });
    for (const [owner, superseded] of Object.entries(graph)) {
      for (const id of superseded!) {
        expect(RULES_BY_ID.has(id), `${owner} supersedes ${id}`).toBe(true);
        expect(id).not.toBe(owner);
      }
    }
  });

  const PROXY = 'services:\n  nginx:\n    image: nginx:alpine\n    ports:\n      - "80:80"\n      - "8000:8000"\n      - "127.0.0.1:8080:8080"\n  web:\n    image: app\n    ports:\n      - "8001:8001"\n';

  it("no-tls-proxy-service owns the ports of the service it removes, not those of other services", () => {
    expect(findings(PROXY)).toEqual(["no-tls-proxy-service 2:3-2:8", "public-port-binding 11:9-11:20"]);
  });

  it("each port rule still finds its fault alone: with no-tls-proxy-service off, the ports are reported", () => {
    expect(findings(PROXY, { severities: { "no-tls-proxy-service": "off" } })).toEqual([
      "no-reserved-host-port 5:9-5:16",
      "public-port-binding 6:9-6:20",
      "loopback-port-binding 7:9-7:30",
      "public-port-binding 11:9-11:20",
    ]);
  });

  it("a disable comment on the superseding finding does not bring the superseded ones back", () => {
    const text = `services:\n  # elestio-disable-next-line no-tls-proxy-service\n${PROXY.slice("services:\n".length)}`;
    expect(findings(text)).toEqual(["public-port-binding 12:9-12:20"]);
  });

  // The web service the proxy reaches, so that proxy-target-port has nothing to say.
  const WEB = '  web:\n    image: app\n    ports: ["172.17.0.1:8000:8000"]\n';
  const EXEC = `services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: ["CMD", "pg_isready", "-U", "$POSTGRES_USER"]\n${WEB}`;

  it("healthcheck-exec-shell owns the $VAR of the exec-form test it converts", () => {
    expect(findings(EXEC)).toEqual(["healthcheck-exec-shell 7:13-7:58"]);
    // Down the graph: unescaped-dollar then owns it, and undefined-variable only reports with both off.
    expect(findings(EXEC, { severities: { "healthcheck-exec-shell": "off" } })).toEqual(["unescaped-dollar 7:42-7:56"]);
    expect(findings(EXEC, { severities: { "healthcheck-exec-shell": "off", "unescaped-dollar": "off" } })).toEqual(["undefined-variable 7:42-7:56"]);
  });

  it("unescaped-dollar owns a container variable that compose would substitute: undefined-variable steps aside at the same range", () => {
    const text = 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]\n    command: echo ${POSTGRES_USER}\n' + WEB;
    expect(findings(text)).toEqual(["unescaped-dollar 7:42-7:56", "unescaped-dollar 8:19-8:35"]);
    // undefined-variable reports a variable once per file, at its first use.
    expect(findings(text, { severities: { "unescaped-dollar": "off" } })).toEqual(["undefined-variable 7:42-7:56"]);
    // Its first use that unescaped-dollar does not own: a label is compose's, not the container's.
    const label = text.replace("    command: echo ${POSTGRES_USER}\n", "    labels:\n      user: ${POSTGRES_USER}\n");
    expect(findings(label)).toEqual(["unescaped-dollar 7:42-7:56", "undefined-variable 9:13-9:29"]);
  });

  it("invalid-value owns a top-level version written as a number: compose stops on it, so it is not merely ignored", () => {
    expect(findings(`version: 3.8\nservices:\n${WEB}`)).toEqual(["invalid-value 1:10-1:13"]);
    expect(findings(`version: 3.8\nservices:\n${WEB}`, { severities: { "invalid-value": "off" } })).toEqual(["obsolete-version 1:1-1:13"]);
    // A string is only obsolete.
    expect(findings(`version: '3.8'\nservices:\n${WEB}`)).toEqual(["obsolete-version 1:1-1:15"]);
  });
});
