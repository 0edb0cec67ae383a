/**
 * compose/deploy.ts: `restart` (its policy and retries, defaults applied)
 * and `deploy` (presence, `restart_policy`, `resources.limits` and
 * `reservations`), with exact spans (`line:column-endLine:endColumn text`,
 * 1-based).
 */
import { describe, expect, it } from "vitest";
import { serviceDeploy, serviceRestart } from "../../server/src/engine/compose/deploy.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import type { ScalarValue } from "../../server/src/engine/compose/scalars.js";
import { spanText } from "../helpers/spans.js";

describe("serviceRestart", () => {
  const restart = (value: string) => `services:\n  app:\n    restart: ${value}\n`;
  it.each([
    { value: "always", expected: { policy: "always", value: "always", certain: true, valueSpan: "3:14-3:20 always", span: "3:5-3:20 restart: always" } },
    { value: '"no"', expected: { policy: "no", value: "no", certain: true, valueSpan: '3:14-3:18 "no"', span: '3:5-3:18 restart: "no"' } },
    { value: "unless-stopped", expected: { policy: "unless-stopped", value: "unless-stopped", certain: true, valueSpan: "3:14-3:28 unless-stopped", span: "3:5-3:28 restart: unless-stopped" } },
    { value: "on-failure:5", expected: { policy: "on-failure", maxRetries: 5, value: "on-failure:5", certain: true, valueSpan: "3:14-3:26 on-failure:5", span: "3:5-3:26 restart: on-failure:5" } },
    { value: "${RESTART:-always}", expected: { policy: "always", value: "always", certain: true, valueSpan: "3:14-3:32 ${RESTART:-always}", span: "3:5-3:32 restart: ${RESTART:-always}" } },
    { value: "$RESTART", expected: { policy: "", value: "", certain: false, valueSpan: "3:14-3:22 $RESTART", span: "3:5-3:22 restart: $RESTART" } },
    // Compose splits the value on `:` and reads the retries with Go's Atoi, ignoring its error (docker/compose's getRestartPolicy).
    { value: "on-failure:10", expected: { policy: "on-failure", maxRetries: 10, value: "on-failure:10", certain: true, valueSpan: "3:14-3:27 on-failure:10", span: "3:5-3:27 restart: on-failure:10" } },
    { value: "on-failure:3:1", expected: { policy: "on-failure", maxRetries: 3, value: "on-failure:3:1", certain: true, valueSpan: "3:14-3:28 on-failure:3:1", span: "3:5-3:28 restart: on-failure:3:1" } },
    { value: "5", expected: { policy: "5", value: "5", certain: true, valueSpan: "3:14-3:15 5", span: "3:5-3:15 restart: 5" } },
    { value: '":5"', expected: { policy: "", maxRetries: 5, value: ":5", certain: true, valueSpan: '3:14-3:18 ":5"', span: '3:5-3:18 restart: ":5"' } },
    { value: '"on-failure: 5"', expected: { policy: "on-failure", value: "on-failure: 5", certain: true, valueSpan: '3:14-3:29 "on-failure: 5"', span: '3:5-3:29 restart: "on-failure: 5"' } },
    { value: '"on-failure :5"', expected: { policy: "on-failure ", maxRetries: 5, value: "on-failure :5", certain: true, valueSpan: '3:14-3:29 "on-failure :5"', span: '3:5-3:29 restart: "on-failure :5"' } },
    { value: "on-failure:5x", expected: { policy: "on-failure", value: "on-failure:5x", certain: true, valueSpan: "3:14-3:27 on-failure:5x", span: "3:5-3:27 restart: on-failure:5x" } },
    { value: "on-failure:x5", expected: { policy: "on-failure", value: "on-failure:x5", certain: true, valueSpan: "3:14-3:27 on-failure:x5", span: "3:5-3:27 restart: on-failure:x5" } },
  ])("restart: $value", ({ value, expected }) => {
    const model = parseCompose(restart(value));
    const r = serviceRestart(model, model.services[0])!;
    expect({ policy: r.policy, maxRetries: r.maxRetries, value: r.value.value, certain: r.value.certain, valueSpan: spanText(model, r.value.span), span: spanText(model, r.span) }).toEqual(expected);
  });

  it("follows `<<`; undefined without one", () => {
    const model = parseCompose("x-r: &r\n  restart: always\nservices:\n  app:\n    <<: *r\n  other:\n    image: x\n");
    expect(spanText(model, serviceRestart(model, model.services[0])?.span)).toBe("2:3-2:18 restart: always");
    expect(serviceRestart(model, model.services[1])).toBeUndefined();
  });
});

describe("serviceDeploy", () => {
  function deploy(code: string) {
    const model = parseCompose(code);
    const d = serviceDeploy(model, model.services[0]);
    /** The values of a section's settings, by key. */
    const values = <K extends string>(section: { [key in K]: ScalarValue | undefined } | undefined, keys: K[]) => section && Object.fromEntries(keys.map((key) => [key, section[key]?.value]));
    return (
      d && {
        span: spanText(model, d.span),
        options: d.options.map((e) => e.key),
        restartPolicy: values(d.restartPolicy, ["condition", "delay", "maxAttempts", "window"]),
        restartPolicySpan: spanText(model, d.restartPolicy?.span),
        limits: values(d.limits, ["cpus", "memory", "pids"]),
        limitsSpan: spanText(model, d.limits?.span),
        memorySpan: spanText(model, d.limits?.memory?.span),
        reservations: values(d.reservations, ["cpus", "memory", "pids"]),
      }
    );
  }

  it.each([
    {
      name: "restart_policy, resources.limits with a default, reservations",
      code:
        "services:\n  app:\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 3\n      resources:\n        limits:\n          cpus: '0.5'\n          memory: ${MEM:-512M}\n        reservations:\n          memory: 128M\n",
      expected: {
        span: "3:5-12:23 deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 3\n      resources:\n        limits:\n          cpus: '0.5'\n          memory: ${MEM:-512M}\n        reservations:\n          memory: 128M",
        options: ["restart_policy", "resources"],
        restartPolicy: { condition: "on-failure", delay: undefined, maxAttempts: "3", window: undefined },
        restartPolicySpan: "4:7-6:24 restart_policy:\n        condition: on-failure\n        max_attempts: 3",
        limits: { cpus: "0.5", memory: "512M", pids: undefined },
        limitsSpan: "8:9-10:31 limits:\n          cpus: '0.5'\n          memory: ${MEM:-512M}",
        memorySpan: "10:19-10:31 ${MEM:-512M}",
        reservations: { cpus: undefined, memory: "128M", pids: undefined },
      },
    },
    {
      name: "`deploy:` left empty; merged with `<<`",
      code: "x-deploy: &deploy\n  deploy:\nservices:\n  app:\n    <<: *deploy\n",
      expected: { span: "2:3-2:10 deploy:", options: [] },
    },
    {
      name: "flow style, a limits map merging another",
      code: "x-lim: &lim {memory: 1G}\nservices:\n  app:\n    deploy: {resources: {limits: {<<: *lim, cpus: 2}}}\n",
      expected: {
        span: "4:5-4:55 deploy: {resources: {limits: {<<: *lim, cpus: 2}}}",
        options: ["resources"],
        limits: { cpus: "2", memory: "1G", pids: undefined },
        limitsSpan: "4:26-4:53 limits: {<<: *lim, cpus: 2}",
        memorySpan: "1:22-1:24 1G",
      },
    },
    {
      name: "restart_policy's delay and window, resources.limits' pids",
      code: "services:\n  app:\n    deploy:\n      restart_policy: {condition: any, delay: 5s, window: 2m}\n      resources: {limits: {pids: 100}}\n",
      expected: {
        span: "3:5-5:39 deploy:\n      restart_policy: {condition: any, delay: 5s, window: 2m}\n      resources: {limits: {pids: 100}}",
        options: ["restart_policy", "resources"],
        restartPolicy: { condition: "any", delay: "5s", maxAttempts: undefined, window: "2m" },
        restartPolicySpan: "4:7-4:62 restart_policy: {condition: any, delay: 5s, window: 2m}",
        limits: { cpus: undefined, memory: undefined, pids: "100" },
        limitsSpan: "5:19-5:38 limits: {pids: 100}",
      },
    },
    { name: "none", code: "services:\n  app:\n    image: x\n", expected: undefined },
  ])("$name", ({ code, expected }) => {
    expect(deploy(code)).toEqual(expected);
  });
});
