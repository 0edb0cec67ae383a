/**
 * Rules, hovers and the log explainer read ports and networks through one
 * facts layer (compose/ports.ts, compose/networks.ts): they cannot disagree.
 * One regression test per contradiction found when each had its own reader
 * (review code-2026-12-01, §1.3 and §1.4).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { hover } from "../../server/src/engine/hover/index.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { externalNetwork } from "../../server/src/engine/rules/external-network.js";
import { noReservedHostPort } from "../../server/src/engine/rules/no-reserved-host-port.js";

/** `line:column-endLine:endColumn text`, 1-based: an exact range that reads like the file. */
function described(model: ComposeModel, range: { start: number; end: number }): string {
  const start = model.lines.positionAt(range.start);
  const end = model.lines.positionAt(range.end);
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${model.text.slice(range.start, range.end)}`;
}

/** The hover at the first character of `needle` (its `occurrence`-th one), with no finding under it. */
function hoverOn(model: ComposeModel, needle: string, occurrence = 1) {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = model.text.indexOf(needle, offset + 1);
  const result = hover(model, [], offset, "en", { isPipeline: true });
  return result && { markdown: result.markdown, range: described(model, result) };
}

const findingsOf = (model: ComposeModel, findings: readonly Finding[]) => findings.map((f) => ({ ruleId: f.ruleId, range: described(model, f), log: f.log }));

const UDP_443 =
  "**Publishes host port 443** → container port 443/udp, on every interface. A UDP port: Elestio's proxy carries HTTP and HTTPS over TCP only, so this port neither collides with its ports 80/443 nor goes through it.";

describe("ports: the hover and the port rules read the same protocol", () => {
  it('"443:443/udp": no-reserved-host-port stays silent, and the hover no longer says the deploy fails', () => {
    const model = parseCompose('services:\n  web:\n    image: app:1\n    ports:\n      - "443:443/udp"\n      - "443:443"\n');
    // Only the TCP entry collides with Elestio's proxy.
    expect(findingsOf(model, lint(model, { isPipeline: true, rules: [noReservedHostPort] }))).toEqual([
      { ruleId: "no-reserved-host-port", range: '6:9-6:18 "443:443"', log: "failed to bind host port for 0.0.0.0:443 - address already in use" },
    ]);
    expect(hoverOn(model, "443:443/udp")).toEqual({ markdown: UDP_443, range: '5:9-5:22 "443:443/udp"' });
    // The TCP entry's hover names the rule's own log line.
    expect(hoverOn(model, '"443:443"\n')).toEqual({
      markdown:
        "**Publishes host port 443** → container port 443, on every interface. Port 443 belongs to Elestio's proxy (`elestio-nginx`): the deploy fails with `failed to bind host port for 0.0.0.0:443 - address already in use`. Let the proxy serve 80/443 and publish the app on `172.17.0.1`.",
      range: '6:9-6:18 "443:443"',
    });
  });

  it("protocol: udp through `<<` is UDP, as when written in the item: no-reserved-host-port does not report it, the hover agrees", () => {
    const merged = parseCompose("x-udp: &udp\n  protocol: udp\nservices:\n  web:\n    image: app:1\n    ports:\n      - <<: *udp\n        target: 443\n        published: 443\n");
    const direct = parseCompose("services:\n  web:\n    image: app:1\n    ports:\n      - protocol: udp\n        target: 443\n        published: 443\n");
    for (const model of [merged, direct]) {
      expect(lint(model, { isPipeline: true, rules: [noReservedHostPort] })).toEqual([]);
      expect(hoverOn(model, "443", 2)?.markdown).toBe(UDP_443);
    }
    expect(hoverOn(merged, "443", 2)?.range).toBe("9:20-9:23 443");
  });

  it('a log naming port 443 points at the TCP entry no-reserved-host-port reports, not at "443:443/udp"', () => {
    const model = parseCompose('services:\n  web:\n    image: app:1\n    ports:\n      - "443:443/udp"\n      - "443:443"\n');
    const [finding] = lint(model, { isPipeline: true, rules: [noReservedHostPort] });
    const [problem] = explainLog(finding.log!, "en", model);
    expect(problem.id).toBe("no-reserved-host-port");
    expect(problem.ranges).toEqual([{ start: finding.start, end: finding.end }]);
    expect(problem.ranges.map((r) => described(model, r))).toEqual(['6:9-6:18 "443:443"']);
  });
});

describe("networks: the hover, external-network and the explainer read the same declaration", () => {
  let SHARED: ComposeModel;
  beforeEach(() => {
    SHARED = parseCompose("services:\n  web:\n    image: app:1\n    networks: [shared]\nnetworks:\n  shared:\n    external: True\n");
  });
  const EXTERNAL =
    "**`shared` is external**: compose does not create it, it must already exist on the VM. Create it once over SSH: `docker network create shared`. Until it exists, deploys stop with `network shared declared as external, but could not be found`.";

  it("external: True: external-network reports it, and the hover says it is external (not created by compose)", () => {
    expect(findingsOf(SHARED, lint(SHARED, { isPipeline: true, rules: [externalNetwork] }))).toEqual([
      { ruleId: "external-network", range: "7:5-7:19 external: True", log: "network shared declared as external, but could not be found" },
    ]);
    // On the declaration's key, and on the service's reference to it.
    expect(hoverOn(SHARED, "shared:")).toEqual({ markdown: EXTERNAL, range: "6:3-6:9 shared" });
    expect(hoverOn(SHARED, "shared]")).toEqual({ markdown: EXTERNAL, range: "4:16-4:22 shared" });
  });

  it("the explainer's link for \"declared as external, but could not be found\" is the external-network finding's range", () => {
    const files = [
      SHARED.text,
      // The name on the VM given by `name:`, by the legacy `external: {name: x}`, and `external` through `<<`.
      "networks:\n  proxy:\n    external: true\n    name: traefik_public\n",
      "networks:\n  proxy:\n    external:\n      name: legacy_net\n",
      "x-ext: &ext\n  external: yes\nnetworks:\n  edge:\n    <<: *ext\n",
    ];
    const links = files.map((text) => {
      const model = parseCompose(text);
      const [finding] = lint(model, { isPipeline: true, rules: [externalNetwork] });
      const [problem] = explainLog(`Error response from daemon: ${finding.log!}`, "en", model);
      expect(problem.id).toBe("external-network");
      expect(problem.ranges).toEqual([{ start: finding.start, end: finding.end }]);
      return problem.ranges.map((r) => described(model, r));
    });
    expect(links).toEqual([["7:5-7:19 external: True"], ["3:5-3:19 external: true"], ["3:5-4:23 external:\n      name: legacy_net"], ["2:3-2:16 external: yes"]]);
  });
});
