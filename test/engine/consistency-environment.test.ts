/**
 * The rules, the hovers and the log explainer read environment, env_file,
 * healthcheck, depends_on and interpolated values from one facts layer
 * (engine/compose/): they cannot disagree. One regression test per
 * contradiction there was between them, each with the exact texts and
 * ranges; each fails on the code before the facts layer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { hover } from "../../server/src/engine/hover/index.js";
import { lint } from "../../server/src/engine/lint.js";
import { spanText } from "../helpers/spans.js";

const ENV_FILE_PIPELINE =
  "**`env_file`**: files whose variables are set in the container.\n\nThe Elestio pipeline writes one env file only: `.env`, in the app folder (`/opt/app/<pipeline>/`), from **Dashboard → Environment variables**. Another env file is there only if it is committed to Git: `.env.production` usually is not (Git ignores it), and a required env file that is missing stops the deploy with `env file /opt/app/<pipeline>/.env.production not found`.";
const CONDITION_EXPLAINED =
  "**`condition`**: what to wait for. `service_started` (the default): the container has started. `service_healthy`: its healthcheck passes, which needs a healthcheck. `service_completed_successfully`: it has exited with code 0 (migrations, one-off jobs).";

/** The port a service publishes for Elestio's proxy, after its other keys: proxy-target-port then has nothing to say. */
const WEB_PORT = '    ports: ["172.17.0.1:8000:8000"]\n';
/** A web service the proxy reaches, after the services a test is about. */
const WEB = `  web:\n    image: app\n${WEB_PORT}`;

/** The findings of a pipeline file, as `rule line:column-endLine:endColumn text`. */
function findings(model: ComposeModel, rule?: string): string[] {
  return lint(model, { isPipeline: true })
    .filter((f) => rule === undefined || f.ruleId === rule)
    .map((f) => `${f.ruleId} ${spanText(model, f)}`);
}

/** The hover at the first occurrence of `text` (plus `shift` characters), with its range. */
function hoverOn(model: ComposeModel, text: string, shift = 0): { markdown: string; range: string | undefined } | undefined {
  const offset = model.text.indexOf(text) + shift;
  const result = hover(model, lint(model, { isPipeline: true }), offset, "en", { isPipeline: true });
  return result && { markdown: result.markdown, range: spanText(model, result) };
}

describe("env_file: the rule and the hover read `required` the same way", () => {
  it("`required: False` is optional for both: no finding, and the hover says compose skips the file", () => {
    const model = parseCompose("services:\n  app:\n    image: app\n    env_file:\n      - path: .env.production\n        required: False\n" + WEB_PORT);
    expect(findings(model)).toEqual([]);
    expect(hoverOn(model, ".env.production", 2)).toEqual({
      markdown: `${ENV_FILE_PIPELINE}\n\n\`.env.production\` is optional (\`required: false\`): compose skips it when it is missing.`,
      range: "5:15-5:30 .env.production",
    });
  });

  it("an optional file is not where the explainer points for `env file ... not found`, as the rule does not report it", () => {
    const model = parseCompose("services:\n  app:\n    image: app\n    env_file:\n      - .env\n      - path: .env.production\n        required: False\n");
    expect(findings(model, "env-file-not-dotenv")).toEqual([]);
    const [problem] = explainLog("env file /opt/app/latigue/.env.production not found", "en", model);
    expect(problem.id).toBe("env-file-not-dotenv");
    expect(problem.ranges).toEqual([]);
  });
});

describe("a healthcheck test merged with `<<`: one finding per fault", () => {
  const merged = 'x-hc: &hc\n  test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]\nservices:\n  db:\n    environment: { POSTGRES_USER: app }\n    healthcheck: { <<: *hc, interval: 5s }\n' + WEB;
  const direct = 'services:\n  db:\n    environment: { POSTGRES_USER: app }\n    healthcheck: { test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"], interval: 5s }\n' + WEB;

  it("without the merge, unescaped-dollar reports $POSTGRES_USER and undefined-variable steps aside", () => {
    expect(findings(parseCompose(direct))).toEqual(["unescaped-dollar 4:55-4:69 $POSTGRES_USER"]);
  });

  it("through the merge, the same: unescaped-dollar only, where the anchor writes it", () => {
    const model = parseCompose(merged);
    expect(findings(model)).toEqual(["unescaped-dollar 2:38-2:52 $POSTGRES_USER"]);
    const [finding] = lint(model, { isPipeline: true });
    expect(finding.messageId).toBe("shell");
    expect(finding.message.en).toBe("Compose, not the container, expands $POSTGRES_USER (usually to nothing). Write $$POSTGRES_USER.");
  });
});

describe("healthcheck-required and the explainer point at the same place", () => {
  const dir = join(__dirname, "../fixtures/engine/explain");
  let model: ComposeModel;
  beforeEach(() => {
    model = parseCompose(readFileSync(join(dir, "docker-compose.yml"), "utf8"));
  });

  it("the link for `container ... has no healthcheck configured` is the finding's range", () => {
    const finding = lint(model, { isPipeline: true }).find((f) => f.ruleId === "healthcheck-required")!;
    expect(spanText(model, finding)).toBe("24:7-24:15 postgres");
    const problem = explainLog("dependency failed to start: container latigue-postgres-1 has no healthcheck configured", "en", model).find((p) => p.id === "healthcheck-required")!;
    expect(problem.ranges).toEqual([{ start: finding.start, end: finding.end }]);
  });

  it("when the log names no container, only the dependencies the rule reports: not a `required: false` one", () => {
    const optional = parseCompose(
      "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  worker:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n        required: false\n  db:\n    image: postgres\n",
    );
    expect(findings(optional, "healthcheck-required")).toEqual(["healthcheck-required 5:7-5:9 db"]);
    const [problem] = explainLog("dependency failed to start: has no healthcheck configured", "en", optional);
    expect(problem.ranges.map((r) => spanText(optional, r))).toEqual(["5:7-5:9 db"]);
  });
});

describe("depends_on hovers say what healthcheck-required decides", () => {
  const waiting = (db: string, extra = "") => `services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n${extra}${WEB_PORT}  db:\n    image: some/db\n${db}`;

  it("healthcheck options without a test: the image's test applies; no finding, and the hover does not call it missing", () => {
    const model = parseCompose(waiting("    healthcheck:\n      interval: 10s\n"));
    expect(findings(model)).toEqual([]);
    expect(hoverOn(model, "service_healthy", 1)).toEqual({
      markdown: `${CONDITION_EXPLAINED}\n\n\`db\` sets healthcheck options without a \`test\`: the test of its image (\`HEALTHCHECK\`) applies.`,
      range: "6:20-6:35 service_healthy",
    });
  });

  it("`disable: True` disables it for both: a finding, and the hover says so rather than showing the test", () => {
    const model = parseCompose(waiting('    healthcheck:\n      disable: True\n      test: ["CMD", "true"]\n'));
    expect(findings(model)).toEqual(["healthcheck-required 5:7-5:9 db"]);
    expect(hoverOn(model, "service_healthy", 1)).toEqual({
      markdown: `${CONDITION_EXPLAINED}\n\n\`db\` disables its healthcheck (\`disable: true\` or \`test: ["NONE"]\`): the deploy fails with \`container <pipeline>-db-1 has no healthcheck configured\`.`,
      range: "6:20-6:35 service_healthy",
    });
  });

  it("`required: false`: no finding, and the hover does not say the deploy fails", () => {
    const model = parseCompose(waiting("", "        required: false\n"));
    expect(findings(model)).toEqual([]);
    expect(hoverOn(model, "service_healthy", 1)).toEqual({
      markdown: `${CONDITION_EXPLAINED}\n\n\`db\` has no healthcheck, but the dependency is optional (\`required: false\`): compose only warns and starts this service anyway.`,
      range: "6:20-6:35 service_healthy",
    });
  });
});
