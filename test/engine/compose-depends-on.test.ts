/**
 * compose/dependsOn.ts: a service's `depends_on`, short and long form, its
 * condition (compose's default `service_started`, interpolation defaults
 * applied) and `required` (compose's boolean cast), with exact spans.
 */
import { describe, expect, it } from "vitest";
import { dependencies, serviceDependencies, waitsUntilHealthy } from "../../server/src/engine/compose/dependsOn.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

function deps(text: string) {
  const model = parseCompose(text);
  return serviceDependencies(model, model.services[0]).map((d) => ({
    target: d.target,
    form: d.form,
    condition: d.condition,
    required: d.required,
    waitsUntilHealthy: waitsUntilHealthy(d),
    targetSpan: spanText(model, d.targetSpan),
    span: spanText(model, d.span),
    conditionSpan: spanText(model, d.conditionSpan),
  }));
}

describe("serviceDependencies", () => {
  it.each([
    {
      name: "short form: each waits for the container to start",
      code: 'services:\n  web:\n    depends_on:\n      - db\n      - "cache"\n',
      expected: [
        { target: "db", form: "list", condition: "service_started", required: true, waitsUntilHealthy: false, targetSpan: "4:9-4:11 db", span: "4:9-4:11 db", conditionSpan: undefined },
        { target: "cache", form: "list", condition: "service_started", required: true, waitsUntilHealthy: false, targetSpan: '5:9-5:16 "cache"', span: '5:9-5:16 "cache"', conditionSpan: undefined },
      ],
    },
    {
      name: "long form: a condition, `required: false`, a default applied, `required: \"False\"`, no condition, a variable without default",
      code:
        "services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n      cache: {condition: service_healthy, required: false}\n" +
        '      migrate:\n        condition: ${WAIT:-service_completed_successfully}\n        required: "False"\n      queue:\n        restart: true\n      other:\n        condition: ${WAIT}\n',
      expected: [
        { target: "db", form: "map", condition: "service_healthy", required: true, waitsUntilHealthy: true, targetSpan: "4:7-4:9 db", span: "4:7-5:35 db:\n        condition: service_healthy", conditionSpan: "5:9-5:35 condition: service_healthy" },
        { target: "cache", form: "map", condition: "service_healthy", required: false, waitsUntilHealthy: false, targetSpan: "6:7-6:12 cache", span: "6:7-6:59 cache: {condition: service_healthy, required: false}", conditionSpan: "6:15-6:41 condition: service_healthy" },
        { target: "migrate", form: "map", condition: "service_completed_successfully", required: false, waitsUntilHealthy: false, targetSpan: "7:7-7:14 migrate", span: '7:7-9:26 migrate:\n        condition: ${WAIT:-service_completed_successfully}\n        required: "False"', conditionSpan: "8:9-8:59 condition: ${WAIT:-service_completed_successfully}" },
        { target: "queue", form: "map", condition: "service_started", required: true, waitsUntilHealthy: false, targetSpan: "10:7-10:12 queue", span: "10:7-11:22 queue:\n        restart: true", conditionSpan: undefined },
        { target: "other", form: "map", condition: undefined, required: true, waitsUntilHealthy: false, targetSpan: "12:7-12:12 other", span: "12:7-13:27 other:\n        condition: ${WAIT}", conditionSpan: "13:9-13:27 condition: ${WAIT}" },
      ],
    },
    {
      name: "merged with `<<`: where the anchor writes it, `required: false` included",
      code: "x-deps: &deps\n  depends_on:\n    db:\n      condition: service_healthy\n      required: false\nservices:\n  web:\n    <<: *deps\n",
      expected: [{ target: "db", form: "map", condition: "service_healthy", required: false, waitsUntilHealthy: false, targetSpan: "3:5-3:7 db", span: "3:5-5:22 db:\n      condition: service_healthy\n      required: false", conditionSpan: "4:7-4:33 condition: service_healthy" }],
    },
  ])("$name", ({ code, expected }) => {
    expect(deps(code)).toEqual(expected);
  });

  it("lists every service's dependencies, with the service that waits and what no-tls-proxy-service needs to remove one", () => {
    const model = parseCompose("services:\n  web:\n    depends_on: [db]\n  worker:\n    depends_on:\n      db: {condition: service_started}\n  db:\n    image: postgres\n");
    const all = dependencies(model);
    expect(all.map((d) => [d.service.name, d.target, d.dependsOn.key])).toEqual([
      ["web", "db", "depends_on"],
      ["worker", "db", "depends_on"],
    ]);
    expect(all[0].source).toBe(all[0].targetNode);
    expect(all[1].entry?.pair.key).toBe(all[1].targetNode);
  });
});
