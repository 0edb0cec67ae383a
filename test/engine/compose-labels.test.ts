/**
 * compose/labels.ts (on keyValues.ts): a service's `labels` in the list
 * (`- key=value`) and map forms, with the spans of each name, value and
 * item, values interpolated (defaults applied), keys not
 * (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { labelValue, serviceLabel, serviceLabels } from "../../server/src/engine/compose/labels.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

function labels(code: string) {
  const model = parseCompose(code);
  return serviceLabels(model, model.services[0]).map((l) => ({
    name: l.name,
    value: l.value,
    resolved: l.resolved,
    certain: l.certain,
    form: l.form,
    merged: l.merged,
    flow: l.flow,
    labelValue: labelValue(l),
    name_: spanText(model, l.nameSpan),
    value_: spanText(model, l.valueSpan),
    item: spanText(model, l.span),
    raw: l.raw,
  }));
}

describe("serviceLabels", () => {
  it.each([
    {
      name: "list form: key=value, quoted, a default applied, `- key` (compose gives it \"\"), `key=` (empty), a variable without a default",
      code: 'services:\n  app:\n    labels:\n      - traefik.enable=true\n      - "com.example.desc=A web app"\n      - api.token=${TOKEN:-s3cr3t}\n      - flag\n      - empty=\n      - "who=${USER}"\n',
      expected: [
        { name: "traefik.enable", value: "true", resolved: "true", certain: true, form: "list", merged: false, flow: false, labelValue: "true", name_: "4:9-4:23 traefik.enable", value_: "4:24-4:28 true", item: "4:9-4:28 traefik.enable=true", raw: "true" },
        { name: "com.example.desc", value: "A web app", resolved: "A web app", certain: true, form: "list", merged: false, flow: false, labelValue: "A web app", name_: "5:10-5:26 com.example.desc", value_: "5:27-5:36 A web app", item: '5:9-5:37 "com.example.desc=A web app"', raw: "A web app" },
        { name: "api.token", value: "${TOKEN:-s3cr3t}", resolved: "s3cr3t", certain: true, form: "list", merged: false, flow: false, labelValue: "s3cr3t", name_: "6:9-6:18 api.token", value_: "6:19-6:35 ${TOKEN:-s3cr3t}", item: "6:9-6:35 api.token=${TOKEN:-s3cr3t}", raw: "${TOKEN:-s3cr3t}" },
        { name: "flag", certain: true, form: "list", merged: false, flow: false, labelValue: "", name_: "7:9-7:13 flag", value_: "7:13-7:13 ", item: "7:9-7:13 flag", raw: "" },
        { name: "empty", value: "", resolved: "", certain: true, form: "list", merged: false, flow: false, labelValue: "", name_: "8:9-8:14 empty", value_: "8:15-8:15 ", item: "8:9-8:15 empty=", raw: "" },
        { name: "who", value: "${USER}", resolved: "", certain: false, form: "list", merged: false, flow: false, labelValue: "", name_: "9:10-9:13 who", value_: "9:14-9:21 ${USER}", item: '9:9-9:22 "who=${USER}"', raw: "${USER}" },
      ],
    },
    {
      name: "map form: a boolean and a number as written, a quoted key and value, `key:` (compose gives it \"\")",
      code: 'services:\n  app:\n    labels:\n      traefik.enable: true\n      traefik.http.services.app.loadbalancer.server.port: 8080\n      "com.example.name": "My app"\n      flag:\n',
      expected: [
        { name: "traefik.enable", value: "true", resolved: "true", certain: true, form: "map", merged: false, flow: false, labelValue: "true", name_: "4:7-4:21 traefik.enable", value_: "4:23-4:27 true", item: "4:7-4:27 traefik.enable: true", raw: "true" },
        {
          name: "traefik.http.services.app.loadbalancer.server.port",
          value: "8080",
          resolved: "8080",
          certain: true,
          form: "map",
          merged: false,
          flow: false,
          labelValue: "8080",
          name_: "5:7-5:57 traefik.http.services.app.loadbalancer.server.port",
          value_: "5:59-5:63 8080",
          item: "5:7-5:63 traefik.http.services.app.loadbalancer.server.port: 8080",
          raw: "8080",
        },
        { name: "com.example.name", value: "My app", resolved: "My app", certain: true, form: "map", merged: false, flow: false, labelValue: "My app", name_: "6:8-6:24 com.example.name", value_: "6:28-6:34 My app", item: '6:7-6:35 "com.example.name": "My app"', raw: "My app" },
        { name: "flag", certain: true, form: "map", merged: false, flow: false, labelValue: "", name_: "7:7-7:11 flag", value_: "7:11-7:11 ", item: "7:7-7:12 flag:", raw: "" },
      ],
    },
    {
      name: "merged with `<<` into the labels map (own keys first), flow style",
      code: "x-labels: &labels\n  a: base\n  b: base\nservices:\n  app:\n    labels: {<<: *labels, b: own}\n",
      expected: [
        { name: "b", value: "own", resolved: "own", certain: true, form: "map", merged: false, flow: true, labelValue: "own", name_: "6:27-6:28 b", value_: "6:30-6:33 own", item: "6:27-6:33 b: own", raw: "own" },
        { name: "a", value: "base", resolved: "base", certain: true, form: "map", merged: true, flow: false, labelValue: "base", name_: "2:3-2:4 a", value_: "2:6-2:10 base", item: "2:3-2:10 a: base", raw: "base" },
      ],
    },
    {
      name: "`labels` merged into the service, an aliased item",
      code: "x-item: &item role=db\nx-base: &base\n  labels: [*item]\nservices:\n  app:\n    <<: *base\n",
      expected: [{ name: "role", value: "db", resolved: "db", certain: true, form: "list", merged: false, flow: true, labelValue: "db", name_: "1:15-1:19 role", value_: "1:20-1:22 db", item: "1:15-1:22 role=db", raw: "db" }],
    },
    {
      name: "list form: an `=` written as an escape (compose reads `key=value`, where the name ends in the source is not known), items without a name",
      code: 'services:\n  app:\n    labels:\n      - "traefik.enable\\x3Dfalse"\n      - =orphan\n      - ""\n      - "who\\x3D${USER}"\n',
      expected: [
        { name: "traefik.enable", value: "false", resolved: "false", certain: true, form: "list", merged: false, flow: false, labelValue: "false", name_: "4:10-4:33 traefik.enable\\x3Dfalse", value_: "4:33-4:33 ", item: '4:9-4:34 "traefik.enable\\x3Dfalse"', raw: "" },
        { name: "who", value: "${USER}", resolved: "", certain: false, form: "list", merged: false, flow: false, labelValue: "", name_: "7:10-7:24 who\\x3D${USER}", value_: "7:24-7:24 ", item: '7:9-7:25 "who\\x3D${USER}"', raw: "" },
      ],
    },
    {
      name: "map form in flow style: a key without a value node (`{flag}`), a null value, an empty key (compose's schema refuses it) left out",
      code: 'services:\n  app:\n    labels: {flag, nothing: ~, "": orphan, a: b}\n',
      expected: [
        { name: "flag", certain: true, form: "map", merged: false, flow: true, labelValue: "", name_: "3:14-3:18 flag", value_: "3:18-3:18 ", item: "3:14-3:18 flag", raw: "" },
        { name: "nothing", certain: true, form: "map", merged: false, flow: true, labelValue: "", name_: "3:20-3:27 nothing", value_: "3:27-3:27 ", item: "3:20-3:30 nothing: ~", raw: "" },
        { name: "a", value: "b", resolved: "b", certain: true, form: "map", merged: false, flow: true, labelValue: "b", name_: "3:44-3:45 a", value_: "3:47-3:48 b", item: "3:44-3:48 a: b", raw: "b" },
      ],
    },
  ])("$name", ({ code, expected }) => {
    expect(labels(code)).toEqual(expected);
  });

  it("gives the label compose keeps for a name: the last one written", () => {
    const model = parseCompose("services:\n  app:\n    labels:\n      - first=0\n      - a=1\n      - a=2\n");
    expect(serviceLabel(model, model.services[0], "a")?.value).toBe("2");
    expect(serviceLabel(model, model.services[0], "first")?.value).toBe("0");
    expect(serviceLabel(model, model.services[0], "b")).toBeUndefined();
  });
});
