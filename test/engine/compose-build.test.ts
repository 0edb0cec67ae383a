/**
 * compose/build.ts: `build` as a string and as a map (context `.` when not
 * written, dockerfile, target, args and labels in list and map forms,
 * secrets), and `image` with where it is written; defaults applied, exact
 * spans (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { isRemoteContext, serviceBuild, serviceImageValue } from "../../server/src/engine/compose/build.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

function build(code: string) {
  const model = parseCompose(code);
  const b = serviceBuild(model, model.services[0]);
  return (
    b && {
      form: b.form,
      context: b.context,
      contextCertain: b.contextCertain,
      contextSpan: spanText(model, b.contextValue?.span),
      dockerfile: b.dockerfile?.value,
      dockerfileSpan: spanText(model, b.dockerfile?.span),
      inline: b.dockerfileInline !== undefined,
      target: b.target?.value,
      args: b.args.map((a) => [a.name, a.value, a.resolved, a.certain, spanText(model, a.nameSpan), spanText(model, a.valueSpan)]),
      labels: b.labels.map((l) => [l.name, l.resolved, spanText(model, l.valueSpan)]),
      secrets: b.secrets.map((s) => [s.source, s.defaultTarget]),
      span: spanText(model, b.span),
    }
  );
}

const NOTHING = { inline: false, args: [], labels: [], secrets: [] };

describe("serviceBuild", () => {
  it.each([
    {
      name: "a string: the context",
      code: "services:\n  app:\n    build: ./app\n",
      expected: { ...NOTHING, form: "string", context: "./app", contextCertain: true, contextSpan: "3:12-3:17 ./app", span: "3:5-3:17 build: ./app" },
    },
    {
      name: "a string with a default",
      code: "services:\n  app:\n    build: ${CONTEXT:-.}\n",
      expected: { ...NOTHING, form: "string", context: ".", contextCertain: true, contextSpan: "3:12-3:25 ${CONTEXT:-.}", span: "3:5-3:25 build: ${CONTEXT:-.}" },
    },
    {
      name: "a string from a variable without a default",
      code: "services:\n  app:\n    build: $CTX\n",
      expected: { ...NOTHING, form: "string", context: "", contextCertain: false, contextSpan: "3:12-3:16 $CTX", span: "3:5-3:16 build: $CTX" },
    },
    {
      name: "a map: context, dockerfile, target; args in the map form (a pass-through, a default applied); labels in the list form; secrets",
      code:
        "services:\n  app:\n    build:\n      context: ./app\n      dockerfile: docker/Dockerfile.prod\n      target: runtime\n      args:\n        NODE_ENV: production\n        API_KEY: ${API_KEY:-dev-key}\n        PASS:\n      labels:\n        - com.example.team=web\n      secrets: [npm_token]\n",
      expected: {
        form: "map",
        context: "./app",
        contextCertain: true,
        contextSpan: "4:16-4:21 ./app",
        dockerfile: "docker/Dockerfile.prod",
        dockerfileSpan: "5:19-5:41 docker/Dockerfile.prod",
        inline: false,
        target: "runtime",
        args: [
          ["NODE_ENV", "production", "production", true, "8:9-8:17 NODE_ENV", "8:19-8:29 production"],
          ["API_KEY", "${API_KEY:-dev-key}", "dev-key", true, "9:9-9:16 API_KEY", "9:18-9:37 ${API_KEY:-dev-key}"],
          ["PASS", undefined, undefined, true, "10:9-10:13 PASS", "10:13-10:13 "],
        ],
        labels: [["com.example.team", "web", "12:28-12:31 web"]],
        secrets: [["npm_token", "/run/secrets/npm_token"]],
        span: "3:5-13:27 build:\n      context: ./app\n      dockerfile: docker/Dockerfile.prod\n      target: runtime\n      args:\n        NODE_ENV: production\n        API_KEY: ${API_KEY:-dev-key}\n        PASS:\n      labels:\n        - com.example.team=web\n      secrets: [npm_token]",
      },
    },
    {
      name: "a map without context (compose's `.`), args in the list form, dockerfile_inline; flow style",
      code: 'services:\n  app:\n    build: {dockerfile_inline: "FROM alpine", args: ["VERSION=1.2", "TOKEN"]}\n',
      expected: {
        ...NOTHING,
        form: "map",
        context: ".",
        contextCertain: true,
        inline: true,
        args: [
          ["VERSION", "1.2", "1.2", true, "3:55-3:62 VERSION", "3:63-3:66 1.2"],
          ["TOKEN", undefined, undefined, true, "3:70-3:75 TOKEN", "3:75-3:75 "],
        ],
        span: '3:5-3:78 build: {dockerfile_inline: "FROM alpine", args: ["VERSION=1.2", "TOKEN"]}',
      },
    },
    {
      name: "merged with `<<`: the build of an anchor, its args merging others",
      code: "x-args: &args\n  A: '1'\nx-build: &build\n  build:\n    context: .\n    args:\n      <<: *args\n      B: '2'\nservices:\n  app:\n    <<: *build\n",
      expected: {
        ...NOTHING,
        form: "map",
        context: ".",
        contextCertain: true,
        contextSpan: "5:14-5:15 .",
        args: [
          ["B", "2", "2", true, "8:7-8:8 B", "8:11-8:12 2"],
          ["A", "1", "1", true, "2:3-2:4 A", "2:7-2:8 1"],
        ],
        span: "4:3-8:13 build:\n    context: .\n    args:\n      <<: *args\n      B: '2'",
      },
    },
    { name: "none", code: "services:\n  app:\n    image: nginx\n", expected: undefined },
  ])("$name", ({ code, expected }) => {
    expect(build(code)).toEqual(expected);
  });

  it("tells a remote context as compose-go does (case-sensitive prefixes)", () => {
    expect(["https://github.com/a/b.git#main", "git@github.com:a/b.git", "github.com/a/b", "ssh://host/x", "./app", "HTTPS://x", "."].map(isRemoteContext)).toEqual([true, true, true, true, false, false, false]);
  });
});

describe("serviceImageValue", () => {
  it.each([
    {
      name: "a reference with a registry and a tag",
      code: "services:\n  app:\n    image: ghcr.io/acme/app:1.2\n",
      expected: { value: "ghcr.io/acme/app:1.2", certain: true, valueSpan: "3:12-3:32 ghcr.io/acme/app:1.2", span: "3:5-3:32 image: ghcr.io/acme/app:1.2", repository: "acme/app", tag: "1.2" },
    },
    {
      name: "a tag from a default; a variable without one",
      code: 'services:\n  app:\n    image: "postgres:${PG_VERSION:-16}"\n',
      expected: { value: "postgres:16", certain: true, valueSpan: '3:12-3:40 "postgres:${PG_VERSION:-16}"', span: '3:5-3:40 image: "postgres:${PG_VERSION:-16}"', repository: "postgres", tag: "16" },
    },
    {
      name: "a variable without a default",
      code: "services:\n  app:\n    image: redis:${TAG}\n",
      expected: { value: "redis:", certain: false, valueSpan: "3:12-3:24 redis:${TAG}", span: "3:5-3:24 image: redis:${TAG}", repository: "redis", tag: "" },
    },
    {
      name: "merged with `<<`",
      code: "x-img: &img\n  image: nginx\nservices:\n  app:\n    <<: *img\n",
      expected: { value: "nginx", certain: true, valueSpan: "2:10-2:15 nginx", span: "2:3-2:15 image: nginx", repository: "nginx", tag: undefined },
    },
  ])("$name", ({ code, expected }) => {
    const model = parseCompose(code);
    const image = serviceImageValue(model, model.services[0])!;
    expect({ value: image.value.value, certain: image.value.certain, valueSpan: spanText(model, image.value.span), span: spanText(model, image.span), repository: image.ref.repository, tag: image.ref.tag }).toEqual(expected);
  });
});
