/**
 * compose/secrets.ts: a service's `secrets` (short `- name` and long
 * `{source, target, uid, gid, mode}`, mounted at `/run/secrets/<source>`
 * without a target) and the top-level `secrets:` declarations (`file`,
 * `environment`, `external`, `name`), defaults applied, with exact spans
 * (`line:column-endLine:endColumn text`, 1-based).
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { secretDeclaration, secretDeclarations, serviceSecrets } from "../../server/src/engine/compose/secrets.js";
import { spanText } from "../helpers/spans.js";

function secrets(code: string) {
  const model = parseCompose(code);
  return serviceSecrets(model, model.services[0]).map((s) => ({
    form: s.form,
    source: s.source,
    certain: s.certain,
    target: s.target?.value,
    defaultTarget: s.defaultTarget,
    uid: s.uid?.value,
    gid: s.gid?.value,
    mode: s.mode?.value,
    sourceSpan: spanText(model, s.sourceSpan),
    span: spanText(model, s.span),
    targetSpan: spanText(model, s.target?.span),
  }));
}

describe("serviceSecrets", () => {
  it.each([
    {
      name: "short form: names, quoted, a default applied, a variable without one",
      code: 'services:\n  app:\n    secrets:\n      - db_password\n      - "api_key"\n      - ${SECRET:-token}\n      - $OTHER\n',
      expected: [
        { form: "short", source: "db_password", certain: true, defaultTarget: "/run/secrets/db_password", sourceSpan: "4:9-4:20 db_password", span: "4:9-4:20 db_password" },
        { form: "short", source: "api_key", certain: true, defaultTarget: "/run/secrets/api_key", sourceSpan: '5:9-5:18 "api_key"', span: '5:9-5:18 "api_key"' },
        { form: "short", source: "token", certain: true, defaultTarget: "/run/secrets/token", sourceSpan: "6:9-6:25 ${SECRET:-token}", span: "6:9-6:25 ${SECRET:-token}" },
        { form: "short", source: "", certain: false, defaultTarget: "/run/secrets/", sourceSpan: "7:9-7:15 $OTHER", span: "7:9-7:15 $OTHER" },
      ],
    },
    {
      name: "long form: source, target, uid, gid, mode (a number as written); flow style without a target",
      code: "services:\n  app:\n    secrets:\n      - source: db_password\n        target: /run/secrets/db\n        uid: '103'\n        gid: '103'\n        mode: 0440\n      - {source: tls_key}\n",
      expected: [
        {
          form: "long",
          source: "db_password",
          certain: true,
          target: "/run/secrets/db",
          defaultTarget: "/run/secrets/db_password",
          uid: "103",
          gid: "103",
          mode: "0440",
          sourceSpan: "4:17-4:28 db_password",
          span: "4:9-8:19 source: db_password\n        target: /run/secrets/db\n        uid: '103'\n        gid: '103'\n        mode: 0440",
          targetSpan: "5:17-5:32 /run/secrets/db",
        },
        { form: "long", source: "tls_key", certain: true, defaultTarget: "/run/secrets/tls_key", sourceSpan: "9:18-9:25 tls_key", span: "9:9-9:26 {source: tls_key}" },
      ],
    },
    {
      name: "an aliased item and a long item merging its options",
      code: "x-opts: &opts {uid: '1000', mode: 0400}\nx-name: &name shared\nservices:\n  app:\n    secrets:\n      - *name\n      - <<: *opts\n        source: key\n",
      expected: [
        { form: "short", source: "shared", certain: true, defaultTarget: "/run/secrets/shared", sourceSpan: "2:15-2:21 shared", span: "2:15-2:21 shared" },
        { form: "long", source: "key", certain: true, defaultTarget: "/run/secrets/key", uid: "1000", mode: "0400", sourceSpan: "8:17-8:20 key", span: "7:9-8:20 <<: *opts\n        source: key" },
      ],
    },
    {
      name: "`secrets` merged into the service with `<<`",
      code: "x-base: &base\n  secrets: [token]\nservices:\n  app:\n    <<: *base\n",
      expected: [{ form: "short", source: "token", certain: true, defaultTarget: "/run/secrets/token", sourceSpan: "2:13-2:18 token", span: "2:13-2:18 token" }],
    },
  ])("$name", ({ code, expected }) => {
    expect(secrets(code)).toEqual(expected);
  });
});

describe("secretDeclarations", () => {
  it("reads file, environment, external (compose's cast, the legacy `{name}` form) and name, defaults applied", () => {
    const code =
      "services:\n  app:\n    image: x\nsecrets:\n  db_password:\n    file: ${SECRETS_DIR:-./secrets}/db.txt\n  api_key:\n    environment: API_KEY\n  vault:\n    external: true\n  legacy:\n    external: {name: prod_key}\n  named:\n    name: ${NAME}\n";
    const model = parseCompose(code);
    expect(
      secretDeclarations(model).map((s) => ({
        key: s.key,
        external: s.external,
        name: s.name,
        nameCertain: s.nameCertain,
        file: s.file?.value,
        fileSpan: spanText(model, s.file?.span),
        environment: s.environment?.value,
        keySpan: spanText(model, s.keySpan),
        externalSpan: spanText(model, s.externalSpan),
        nameSpan: spanText(model, s.nameSpan),
      })),
    ).toEqual([
      { key: "db_password", external: false, nameCertain: true, file: "./secrets/db.txt", fileSpan: "6:11-6:43 ${SECRETS_DIR:-./secrets}/db.txt", keySpan: "5:3-5:14 db_password" },
      { key: "api_key", external: false, nameCertain: true, environment: "API_KEY", keySpan: "7:3-7:10 api_key" },
      { key: "vault", external: true, nameCertain: true, keySpan: "9:3-9:8 vault", externalSpan: "10:5-10:19 external: true" },
      { key: "legacy", external: true, name: "prod_key", nameCertain: true, keySpan: "11:3-11:9 legacy", externalSpan: "12:5-12:31 external: {name: prod_key}", nameSpan: "12:22-12:30 prod_key" },
      { key: "named", external: false, name: "", nameCertain: false, keySpan: "13:3-13:8 named", nameSpan: "14:11-14:18 ${NAME}" },
    ]);
    expect(secretDeclaration(model, "vault")?.section).toBe("secrets");
    expect(secretDeclaration(model, "nope")).toBeUndefined();
  });
});
