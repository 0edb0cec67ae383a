/**
 * The hover's topic providers (server/src/engine/hover/): how a provider
 * declares where it applies, that a provider or a finding's section that
 * throws is reported through onError while the rest of the hover shows, and
 * the branches of each provider that test/engine/hover.test.ts (on the
 * guide's files) does not reach.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { parseCompose, type ComposeModel } from "../../server/src/engine/compose/model.js";
import { hoveredNode } from "../../server/src/engine/compose/position.js";
import { hover, HOVER_PROVIDERS, type HoverOptions, type HoverProvider } from "../../server/src/engine/hover/index.js";
import { matchesPattern } from "../../server/src/engine/hover/provider.js";
import type { Language } from "../../server/src/engine/i18n/index.js";
import type { Finding } from "../../server/src/engine/lint.js";
import { spanText } from "../helpers/spans.js";

/** The hover at `needle` (plus `shift` characters), without findings: its span as `line:column-endLine:endColumn text`, and its markdown. */
function hoverOn(text: string, needle: string, options: Partial<HoverOptions> & { shift?: number; language?: Language; findings?: Finding[] } = {}) {
  const model = parseCompose(text);
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`no ${needle} in the text`);
  const result = hover(model, options.findings ?? [], at + (options.shift ?? 0), options.language ?? "en", { isPipeline: true, ...options });
  return result && { span: spanText(model, result), markdown: result.markdown };
}

function nodeOn(model: ComposeModel, needle: string) {
  return hoveredNode(model, model.text.indexOf(needle))!;
}

const VARIABLE_SOURCE = "At deploy time, compose takes its value from the `.env` file that the pipeline writes from **Dashboard → Environment variables**.";
const CONDITION =
  "**`condition`**: what to wait for. `service_started` (the default): the container has started. `service_healthy`: its healthcheck passes, which needs a healthcheck. `service_completed_successfully`: it has exited with code 0 (migrations, one-off jobs).";

describe("where a provider applies", () => {
  let model: ComposeModel;
  beforeEach(() => {
    model = parseCompose(
      "x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    ports:\n      - target: 80\n        published: 8080\n    networks: [front]\nnetworks:\n  front: {}\n",
    );
  });

  it("a path pattern: keys as written, `*` a key, `#` an index, `**` any segments; a key or a value", () => {
    const target = nodeOn(model, "target");
    expect(target.path).toEqual(["services", "web", "ports", 0, "target"]);
    expect(matchesPattern({ path: "services/*/ports/#/**" }, target)).toBe(true);
    expect(matchesPattern({ path: "services/*/ports/#/**", on: "value" }, target)).toBe(false);
    expect(matchesPattern({ path: "services/*/ports/*/target" }, target)).toBe(false);
    expect(matchesPattern({ path: "services/*/ports" }, target)).toBe(false);
    expect(matchesPattern({ path: "**" }, target)).toBe(true);
    const front = nodeOn(model, "front]");
    expect(front.path).toEqual(["services", "web", "networks", 0]);
    expect(matchesPattern({ path: "services/*/networks/#", on: "value" }, front)).toBe(true);
  });

  it("a key written in a `<<` anchor has the path through the service that merges it; `document` matches where it is written", () => {
    const restart = nodeOn(model, "restart");
    expect(restart.documentPath).toEqual(["x-base", "restart"]);
    expect(restart.path).toEqual(["services", "web", "restart"]);
    expect(restart.service?.name).toBe("web");
    expect(restart.servicePath).toEqual(["restart"]);
    expect(matchesPattern({ path: "services/*/restart" }, restart)).toBe(true);
    expect(matchesPattern({ path: "services/*/restart", document: true }, restart)).toBe(false);
    expect(matchesPattern({ path: "x-base/restart", document: true }, restart)).toBe(true);
  });

  it("the hovered node: its span, its text, the service its key names", () => {
    const web = nodeOn(model, "web:");
    expect(web).toMatchObject({ onKey: true, text: "web", service: undefined, span: { start: model.text.indexOf("web:"), end: model.text.indexOf("web:") + 3 } });
    expect(web.namesService?.name).toBe("web");
    expect(nodeOn(model, "8080")).toMatchObject({ onKey: false, text: "8080", namesService: undefined });
  });

  it("a second `services:` in one document (compose reads the first): a path under services, but no service", () => {
    const node = nodeOn(parseCompose("services:\n  a:\n    image: x\nservices:\n  b:\n    restart: always\n"), "restart");
    expect(node.path).toEqual(["services", "b", "restart"]);
    expect(node.service).toBeUndefined();
    expect(hoverOn("services:\n  a:\n    image: x\nservices:\n  b:\n    restart: always\n", "restart")).toBeUndefined();
  });

  it("every provider has its own id", () => {
    const ids = HOVER_PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("a part of the hover that throws", () => {
  const TEXT = "services:\n  web:\n    image: app\n    restart: always\n";
  const throwing = (id: string, path = "services/*/restart"): HoverProvider => ({
    id,
    where: [{ path }],
    provide() {
      throw new Error(`${id} exploded`);
    },
  });

  it("is reported through onError, once per failing provider, and the other providers still answer", () => {
    const errors: string[] = [];
    const onError = (part: string, error: unknown) => errors.push(`${part}: ${(error as Error).message}`);
    const providers = [throwing("first"), throwing("second", "**"), ...HOVER_PROVIDERS];
    const result = hoverOn(TEXT, "always", { providers, onError });
    expect(result?.span).toBe("4:14-4:20 always");
    expect(result?.markdown).toContain("`always`: always restarted.");
    expect(errors).toEqual(["first: first exploded", "second: second exploded"]);
  });

  it("without onError, is left out silently", () => {
    expect(hoverOn(TEXT, "always", { providers: [throwing("first"), ...HOVER_PROVIDERS] })?.markdown).toContain("`always`: always restarted.");
  });

  it("a `where` predicate that throws is the provider's failure too", () => {
    const errors: string[] = [];
    const predicate: HoverProvider = {
      id: "predicate",
      where: () => {
        throw new Error("where exploded");
      },
      provide: () => undefined,
    };
    expect(hoverOn(TEXT, "always", { providers: [predicate, ...HOVER_PROVIDERS], onError: (part) => errors.push(part) })?.markdown).toContain("always restarted");
    expect(errors).toEqual(["predicate"]);
  });

  it("a finding's section that throws: reported once as `findings`, the other findings' sections shown", () => {
    const model = parseCompose(TEXT);
    const at = TEXT.indexOf("always");
    // The section reads the finding's own log line (the message is VS Code's to show, never the hover's).
    const broken = { ruleId: "broken", messageId: "m", severity: "error", start: at, end: at + 6, message: { en: "", fr: "" }, get log(): string { throw new Error("no log"); } } as Finding;
    const fine: Finding = { ruleId: "fine", messageId: "m", severity: "warning", start: at, end: at + 6, message: { en: "a fine message", fr: "" }, log: "a fine log line" };
    const errors: string[] = [];
    const result = hover(model, [broken, broken, fine], at, "en", { isPipeline: true, onError: (part, error) => errors.push(`${part}: ${(error as Error).message}`) });
    expect(result).toEqual({ markdown: "`fine`\n\nPipeline log:\n\n```text\na fine log line\n```", start: at, end: at + 6 });
    expect(errors).toEqual(["findings: no log"]);
    // Every section failing: the topic providers answer instead.
    expect(hover(model, [broken], at, "en", { isPipeline: true })?.markdown).toContain("`always`: always restarted.");
  });
});

describe("variable: every operator", () => {
  const TEXT = 'services:\n  web:\n    image: "app:${TAG:?set TAG}"\n    command: "${A?} ${B:+on} ${C+x} ${D-x} ${E:-${F}}"\n';
  const cases: [string, number, string, string][] = [
    ["${TAG", 2, "${TAG:?set TAG}", "Required: when it is not set or empty, compose stops with `set TAG`."],
    ["${A?", 2, "${A?}", "Required: when it is not set, compose stops."],
    ["${B", 2, "${B:+on}", "Gives `on` when the variable is set and not empty, an empty string otherwise."],
    ["${C", 2, "${C+x}", "Gives `x` when the variable is set, an empty string otherwise."],
    ["${D", 2, "${D-x}", "Default: `x`, when it is not set (an empty value stays empty)."],
    // The innermost reference under the cursor.
    ["${F}", 2, "${F}", 'No default: when it is not set, compose warns `The "F" variable is not set. Defaulting to a blank string.` and uses an empty string.'],
  ];
  it.each(cases)("%s", (needle, shift, hovered, line) => {
    const name = /\$\{(\w+)/.exec(hovered)![1];
    const result = hoverOn(TEXT, needle, { shift });
    expect(result?.span?.replace(/^\S+ /, "")).toBe(hovered);
    expect(result?.markdown).toBe([`**\`${name}\`**: a compose variable.`, VARIABLE_SOURCE, line].join("\n\n"));
  });
});

describe("ports: the bindings the guide's files lack", () => {
  const TEXT =
    'services:\n  web:\n    ports:\n      - "127.0.0.1::8000"\n      - "${P}:80"\n      - "9000/udp"\n      - "10.0.0.5:8001:8001"\n      - target: 80\n        published: 80\n';
  it("a random host port, a variable host port, UDP, another address, and a long form hovered on any of its scalars", () => {
    expect(hoverOn(TEXT, "127.0.0.1::8000")?.markdown).toBe(
      "**Publishes container port 8000** on a host port Docker picks at random.\n\nThe proxy needs a fixed host port: write `\"172.17.0.1:<host>:<container>\"`.",
    );
    // Outside `${P}` (the variable's own hover there): the binding.
    expect(hoverOn(TEXT, "}:80", { shift: 2 })).toEqual({
      span: '5:9-5:18 "${P}:80"',
      markdown: "The host port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**.",
    });
    expect(hoverOn(TEXT, "9000/udp")?.markdown).toBe(
      "**Publishes container port 9000/udp** on a host port Docker picks at random.\n\nA UDP port: Elestio's proxy carries HTTP and HTTPS over TCP only, so this port neither collides with its ports 80/443 nor goes through it.",
    );
    expect(hoverOn(TEXT, "10.0.0.5")?.markdown).toBe(
      "**Publishes host port 8001** → container port 8001, on `10.0.0.5` only. Elestio's proxy connects to `172.17.0.1:8001`, which this binding does not listen on.",
    );
    const long = hoverOn(TEXT, "target");
    expect(long?.span).toBe("8:9-8:15 target");
    expect(long?.markdown).toContain("Port 80 belongs to Elestio's proxy (`elestio-nginx`): the deploy fails with `failed to bind host port for 0.0.0.0:80 - address already in use`.");
  });
});

describe("depends_on: the targets' other healthcheck states", () => {
  const TEXT = [
    "services:",
    "  web:",
    "    depends_on:",
    "      ghost:",
    "        condition: service_healthy",
    "      off:",
    "        condition: service_healthy",
    "      opt:",
    "        condition: service_healthy",
    "        required: false",
    "      inh:",
    "        condition: service_healthy",
    "      db:",
    "        condition: service_started",
    "  worker:",
    "    depends_on: [db]",
    "  off:",
    "    healthcheck:",
    "      disable: true",
    "  opt:",
    "    image: x",
    "  inh:",
    "    healthcheck:",
    "      interval: 5s",
    "  db:",
    "    image: postgres",
    "",
  ].join("\n");

  it("an unknown target, a disabled healthcheck, an optional dependency, an inherited test, the short form", () => {
    expect(hoverOn(TEXT, "ghost:")?.markdown).toBe('**`web` starts after `ghost`**. No service `ghost` in this file: compose refuses the file with `service "web" depends on undefined service "ghost": invalid compose project`.');
    expect(hoverOn(TEXT, "off:")?.markdown).toBe(
      "**`web` starts after `off`**. `off` disables its healthcheck (`disable: true` or `test: [\"NONE\"]`): the deploy fails with `container <pipeline>-off-1 has no healthcheck configured`.",
    );
    expect(hoverOn(TEXT, "opt:")?.markdown).toBe(
      "**`web` starts after `opt`**. `opt` has no healthcheck, but the dependency is optional (`required: false`): compose only warns and starts this service anyway.",
    );
    expect(hoverOn(TEXT, "inh:")?.markdown).toBe("**`web` starts after `inh`**. `inh` sets healthcheck options without a `test`: the test of its image (`HEALTHCHECK`) applies.");
    expect(hoverOn(TEXT, "[db]", { shift: 1 })).toEqual({ span: "16:18-16:20 db", markdown: "**`worker` starts after `db`**." });
    // `required` is not explained.
    expect(hoverOn(TEXT, "required")).toBeUndefined();
  });

  it("a condition written as a map (compose wants a string): the words inside it are not the condition, even where its span starts or ends", () => {
    // No newline at the end: the map ends where its last value does.
    const text = "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition:\n          service_healthy: true";
    expect(hoverOn(text, "service_healthy")).toBeUndefined();
    expect(hoverOn(text, "true")).toBeUndefined();
    expect(hoverOn(text, "condition")?.span).toBe("6:9-6:18 condition");
  });

  it("condition: service_started needs no healthcheck: the target's missing one is not mentioned (it was: \"else the deploy fails\")", () => {
    expect(hoverOn(TEXT, "service_started")).toEqual({ span: "14:20-14:35 service_started", markdown: CONDITION });
    expect(hoverOn(TEXT, "condition: service_started")?.markdown).toBe(CONDITION);
  });
});

describe("networks, proxies, restart, env_file and Django: the branches the guide's files lack", () => {
  const TEXT = "services:\n  web:\n    image: httpd:2.4\n    networks: [front, default]\n    restart: constructor\nnetworks:\n  back:\n    name: my_back\n";

  it("an undeclared network, `default`, and a declaration's `name`", () => {
    expect(hoverOn(TEXT, "front")?.markdown).toBe('**Network `front`**: not declared under the top-level `networks`, so compose does not create it and refuses the file with `service "web" refers to undefined network front: invalid compose project`.');
    expect(hoverOn(TEXT, "default")?.markdown).toBe("**Network `default`**: created by compose as `<project>_default` when the project starts.");
    expect(hoverOn(TEXT, "my_back")).toEqual({ span: "8:11-8:18 my_back", markdown: "**Network `back`**: created by compose as `<project>_back` when the project starts." });
  });

  it("a web server behind Elestio's proxy, in the pipeline's file only", () => {
    expect(hoverOn(TEXT, "httpd")?.markdown).toBe(
      "**`web`**: a web server behind Elestio's proxy, which owns ports 80/443 and TLS. Fine as long as it serves another port bound to `172.17.0.1`, as Elestio's own templates do.",
    );
    expect(hoverOn(TEXT, "httpd", { isPipeline: false })).toBeUndefined();
  });

  it("a restart value that names no policy: the key's text alone", () => {
    expect(hoverOn(TEXT, "constructor")?.markdown).toBe(
      "**`restart`**: what Docker does when the container stops. `unless-stopped` and `always` restart it after a crash and after the VM reboots; with `no` (the default) a crashed app stays down and Elestio's proxy answers 502 Bad Gateway.",
    );
  });

  it("env_file in another compose file: `.env` is not special, another file must exist", () => {
    const env = "services:\n  web:\n    env_file:\n      - .env\n      - config/app.env\n    environment:\n      - DJANGO_DEBUG=1\n";
    const local = "**`env_file`**: files whose variables are set in the container, relative to this file. (The Elestio pipeline writes only `.env`; that matters in the pipeline's compose file, not here.)";
    expect(hoverOn(env, ".env\n", { isPipeline: false })?.markdown).toBe(local);
    expect(hoverOn(env, "config/app.env", { isPipeline: false })?.markdown).toBe(`${local}\n\n\`config/app.env\` must exist wherever compose runs.`);
    const debug = hoverOn(env, "DJANGO_DEBUG", { shift: 2 });
    expect(debug?.span).toBe("7:9-7:21 DJANGO_DEBUG");
    // Its own lines only: a few lines, not the proxy's whole story.
    expect(debug?.markdown).toBe("**`DJANGO_DEBUG`** (Django): keep it `False` in production. With `True`, Django shows its settings and stack traces to visitors.");
    // On the value of the list item: nothing.
    expect(hoverOn(env, "=1", { shift: 1 })).toBeUndefined();
  });

  it("env_file: an item without a path names no file, not the next item's", () => {
    const env = "services:\n  web:\n    env_file:\n      - required: false\n      - config/app.env\n";
    const local = "**`env_file`**: files whose variables are set in the container, relative to this file. (The Elestio pipeline writes only `.env`; that matters in the pipeline's compose file, not here.)";
    expect(hoverOn(env, "required", { isPipeline: false })).toEqual({ span: "4:9-4:17 required", markdown: local });
    expect(hoverOn(env, "false", { isPipeline: false })).toEqual({ span: "4:19-4:24 false", markdown: local });
  });

  it("Django: the merge key `<<` of an environment is no variable, whatever follows it", () => {
    const env = 'x-env: &env\n  TZ: UTC\nservices:\n  web:\n    environment:\n      <<: *env\n      DJANGO_DEBUG: "False"\n';
    expect(hoverOn(env, "<<")).toBeUndefined();
    expect(hoverOn(env, "DJANGO_DEBUG")?.markdown).toBe("**`DJANGO_DEBUG`** (Django): keep it `False` in production. With `True`, Django shows its settings and stack traces to visitors.");
  });
});
