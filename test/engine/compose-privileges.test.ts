/**
 * compose/privileges.ts: `privileged` (compose's boolean cast, defaults
 * applied) and `cap_add` / `cap_drop` (each capability as Docker reads it),
 * with exact spans (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { normalizeCapability, privilegedCapabilities, serviceCapabilities, servicePrivileged } from "../../server/src/engine/compose/privileges.js";
import { spanText } from "../helpers/spans.js";

describe("servicePrivileged", () => {
  const privileged = (value: string) => `services:\n  app:\n    privileged: ${value}\n`;
  it.each([
    { value: "true", expected: { value: true, span: "3:5-3:21 privileged: true", valueSpan: "3:17-3:21 true" } },
    { value: "false", expected: { value: false, span: "3:5-3:22 privileged: false", valueSpan: "3:17-3:22 false" } },
    { value: '"yes"', expected: { value: true, span: '3:5-3:22 privileged: "yes"', valueSpan: '3:17-3:22 "yes"' } },
    { value: "${PRIVILEGED:-true}", expected: { value: true, span: "3:5-3:36 privileged: ${PRIVILEGED:-true}", valueSpan: "3:17-3:36 ${PRIVILEGED:-true}" } },
    { value: "${PRIVILEGED}", expected: { value: undefined, span: "3:5-3:30 privileged: ${PRIVILEGED}", valueSpan: "3:17-3:30 ${PRIVILEGED}" } },
    { value: "maybe", expected: { value: undefined, span: "3:5-3:22 privileged: maybe", valueSpan: "3:17-3:22 maybe" } },
  ])("privileged: $value", ({ value, expected }) => {
    const model = parseCompose(privileged(value));
    const p = servicePrivileged(model, model.services[0])!;
    expect({ value: p.value, span: spanText(model, p.span), valueSpan: spanText(model, p.valueSpan) }).toEqual(expected);
  });

  it("follows `<<`; undefined without one", () => {
    const model = parseCompose("x-p: &p\n  privileged: true\nservices:\n  app:\n    <<: *p\n  other:\n    image: x\n");
    expect(servicePrivileged(model, model.services[0])?.value).toBe(true);
    expect(servicePrivileged(model, model.services[1])).toBeUndefined();
  });
});

describe("serviceCapabilities", () => {
  it.each([
    {
      name: "cap_add: names as Docker reads them (case, the CAP_ prefix), ALL, a default applied, a variable without one; cap_drop in flow style",
      code: "services:\n  app:\n    cap_add:\n      - NET_ADMIN\n      - cap_sys_admin\n      - ALL\n      - ${CAP:-SYS_PTRACE}\n      - $OTHER\n    cap_drop: [all]\n",
      expected: {
        add: [
          ["NET_ADMIN", "NET_ADMIN", true, "4:9-4:18 NET_ADMIN"],
          ["cap_sys_admin", "SYS_ADMIN", true, "5:9-5:22 cap_sys_admin"],
          ["ALL", "ALL", true, "6:9-6:12 ALL"],
          ["SYS_PTRACE", "SYS_PTRACE", true, "7:9-7:27 ${CAP:-SYS_PTRACE}"],
          ["", "", false, "8:9-8:15 $OTHER"],
        ],
        drop: [["all", "ALL", true, "9:16-9:19 all"]],
        privileged: ["SYS_ADMIN", "ALL"],
      },
    },
    {
      name: "merged with `<<`, an aliased item",
      code: "x-cap: &cap SYS_ADMIN\nx-base: &base\n  cap_add: [*cap]\nservices:\n  app:\n    <<: *base\n",
      expected: { add: [["SYS_ADMIN", "SYS_ADMIN", true, "1:13-1:22 SYS_ADMIN"]], drop: [], privileged: ["SYS_ADMIN"] },
    },
    { name: "none", code: "services:\n  app:\n    image: x\n", expected: { add: [], drop: [], privileged: [] } },
  ])("$name", ({ code, expected }) => {
    const model = parseCompose(code);
    const caps = serviceCapabilities(model, model.services[0]);
    const row = (c: { name: string; capability: string; certain: boolean; span: { start: number; end: number } }) => [c.name, c.capability, c.certain, spanText(model, c.span)];
    expect({ add: caps.add.map(row), drop: caps.drop.map(row), privileged: privilegedCapabilities(model, model.services[0]).map((c) => c.capability) }).toEqual(expected);
  });

  it("normalizes as Docker does: CAP_ALL is not ALL (Docker refuses it)", () => {
    expect(["sys_admin", "CAP_NET_RAW", "all", "CAP_ALL"].map(normalizeCapability)).toEqual(["SYS_ADMIN", "NET_RAW", "ALL", "CAP_ALL"]);
  });
});
