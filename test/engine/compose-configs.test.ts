/**
 * compose/configs.ts: a service's `configs` (short and long form, mounted at
 * `/<source>` without a target) and the top-level `configs:` declarations
 * (`file`, `environment`, `content`, `external`, `name`), defaults applied,
 * with exact spans (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { configDeclaration, configDeclarations, serviceConfigs } from "../../server/src/engine/compose/configs.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

function configs(code: string) {
  const model = parseCompose(code);
  return serviceConfigs(model, model.services[0]).map((c) => ({
    kind: c.kind,
    form: c.form,
    source: c.source,
    certain: c.certain,
    target: c.target?.value,
    defaultTarget: c.defaultTarget,
    mode: c.mode?.value,
    sourceSpan: spanText(model, c.sourceSpan),
    span: spanText(model, c.span),
  }));
}

describe("serviceConfigs", () => {
  it.each([
    {
      name: "short and long forms, flow style",
      code: "services:\n  app:\n    configs:\n      - nginx_conf\n      - {source: site, target: /etc/nginx/conf.d/site.conf, mode: 0444}\n",
      expected: [
        { kind: "config", form: "short", source: "nginx_conf", certain: true, defaultTarget: "/nginx_conf", sourceSpan: "4:9-4:19 nginx_conf", span: "4:9-4:19 nginx_conf" },
        {
          kind: "config",
          form: "long",
          source: "site",
          certain: true,
          target: "/etc/nginx/conf.d/site.conf",
          defaultTarget: "/site",
          mode: "0444",
          sourceSpan: "5:18-5:22 site",
          span: "5:9-5:72 {source: site, target: /etc/nginx/conf.d/site.conf, mode: 0444}",
        },
      ],
    },
    {
      name: "a long form without source; a default applied to a source",
      code: "services:\n  app:\n    configs:\n      - target: /x\n      - source: ${CONF:-base}\n",
      expected: [
        { kind: "config", form: "long", certain: true, target: "/x", span: "4:9-4:19 target: /x" },
        { kind: "config", form: "long", source: "base", certain: true, defaultTarget: "/base", sourceSpan: "5:17-5:30 ${CONF:-base}", span: "5:9-5:30 source: ${CONF:-base}" },
      ],
    },
  ])("$name", ({ code, expected }) => {
    expect(configs(code)).toEqual(expected);
  });
});

describe("configDeclarations", () => {
  it("reads file, environment, content, external and name", () => {
    const code =
      "configs:\n  nginx_conf:\n    file: ./nginx.conf\n  from_env:\n    environment: CONF\n  inline:\n    content: |\n      debug=${DEBUG:-false}\n  shared:\n    external: true\n    name: shared_conf\n";
    const model = parseCompose(code);
    expect(
      configDeclarations(model).map((c) => ({
        key: c.key,
        external: c.external,
        name: c.name,
        file: c.file?.value,
        environment: c.environment?.value,
        content: c.content?.value,
        contentSpan: spanText(model, c.content?.span),
        keySpan: spanText(model, c.keySpan),
      })),
    ).toEqual([
      { key: "nginx_conf", external: false, file: "./nginx.conf", keySpan: "2:3-2:13 nginx_conf" },
      { key: "from_env", external: false, environment: "CONF", keySpan: "4:3-4:11 from_env" },
      { key: "inline", external: false, content: "debug=false\n", contentSpan: "7:14-8:28 |\n      debug=${DEBUG:-false}", keySpan: "6:3-6:9 inline" },
      { key: "shared", external: true, name: "shared_conf", keySpan: "9:3-9:9 shared" },
    ]);
    expect(configDeclaration(model, "shared")).toMatchObject({ section: "configs", key: "shared", name: "shared_conf" });
    expect(configDeclaration(model, "nope")).toBeUndefined();
  });
});
