/** The project configuration's `proxyTargetPorts`: the ports Elestio's proxy forwards to, as the dashboard sets them. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigFinder } from "../../server/src/engine/config.js";

function lookup(content: unknown, file = ".elestio-compose.json") {
  const dir = mkdtempSync(join(tmpdir(), "elestio-proxy-ports-"));
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, file), typeof content === "string" ? content : JSON.stringify(content));
  return new ConfigFinder(undefined, ["proxy-target-port"]).find(join(dir, "docker-compose.yml"));
}

describe("the configuration's proxyTargetPorts", () => {
  it("reads the ports, from .elestio-compose.json and from package.json's \"elestio\"", () => {
    const found = lookup({ proxyTargetPorts: [8000, 3000] });
    expect(found.problems).toEqual([]);
    expect(found.config?.proxyTargetPorts).toEqual([8000, 3000]);
    expect(lookup({ name: "app", elestio: { proxyTargetPorts: [1, 65535] } }, "package.json").config?.proxyTargetPorts).toEqual([1, 65535]);
    expect(lookup({ proxyTargetPorts: [] }).config?.proxyTargetPorts).toEqual([]);
  });

  it("takes one port written alone, as pipelineFiles takes one glob", () => {
    const found = lookup({ proxyTargetPorts: 8000 });
    expect(found.problems).toEqual([]);
    expect(found.config?.proxyTargetPorts).toEqual([8000]);
  });

  it("a problem per bad entry, the valid ports still apply", () => {
    const found = lookup({ proxyTargetPorts: [8000, 0, 65536, 80.5, -1, "8080", "web", null, [443], { port: 1 }, true] });
    expect(found.config?.proxyTargetPorts).toEqual([8000]);
    expect(found.problems).toEqual([
      '"proxyTargetPorts": 0 is not a port (an integer from 1 to 65535)',
      '"proxyTargetPorts": 65536 is not a port (an integer from 1 to 65535)',
      '"proxyTargetPorts": 80.5 is not a port (an integer from 1 to 65535)',
      '"proxyTargetPorts": -1 is not a port (an integer from 1 to 65535)',
      '"proxyTargetPorts" holds numbers, not strings: write 8080',
      '"proxyTargetPorts" holds port numbers, not the string "web"',
      '"proxyTargetPorts" holds port numbers, not null',
      '"proxyTargetPorts" holds port numbers, not a list',
      '"proxyTargetPorts" holds port numbers, not object',
      '"proxyTargetPorts" holds port numbers, not boolean',
    ]);
  });

  it("must be a list, or one port", () => {
    for (const value of ["8000", { web: 8000 }, 0, null]) {
      const found = lookup({ proxyTargetPorts: value });
      expect(found.config?.proxyTargetPorts).toBeUndefined();
      expect(found.problems).toEqual(['"proxyTargetPorts" must be a list of ports, such as [8000]']);
    }
  });

  it("a misspelt key is suggested, and the list of keys names it", () => {
    expect(lookup({ proxyTargetPort: [8000] }).problems).toEqual(['unknown key "proxyTargetPort" (did you mean "proxyTargetPorts"?)']);
    expect(lookup({ ports: [8000] }).problems).toEqual(['unknown key "ports" (the keys are pipelineFiles, rules, dashboardVariables and proxyTargetPorts)']);
  });
});
