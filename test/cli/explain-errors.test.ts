/**
 * `--explain` when a piece of the explainer throws: one line on stderr per
 * piece, and the rest of the answer as usual. The engine's explainLog is
 * replaced by one that reports failures through the CLI's onError (the
 * engine's own test, test/engine/explainers.test.ts, makes real pieces throw).
 */
import { describe, expect, it, vi } from "vitest";
import type { ExplainOptions } from "../../server/src/engine/explain.js";
import { runCliInProcess, tempProject } from "../helpers/cli.js";

vi.mock("../../server/src/engine/explain.js", () => ({
  explainLog: (_log: string, _language: string, _model: unknown, options: ExplainOptions) => {
    options.onError?.("bad-gateway", new Error("the facts layer failed"));
    options.onError?.("bad-gateway", new Error("again"));
    options.onError?.("no-container-name", "not an Error");
    return [{ id: "bad-gateway", title: "502 Bad Gateway", explanation: "**What happened:** …", ranges: [] }];
  },
}));

const explain = (args: string[], stdin: string) => runCliInProcess(args, tempProject({ "docker-compose.yml": "services:\n  web:\n    image: app:1\n" }), stdin);

describe("--explain and a failing piece", () => {
  it("prints one line on stderr per failing piece, and the explanations on stdout", async () => {
    const result = await explain(["--explain", "-", "docker-compose.yml"], "curl: 502 Bad Gateway\n");
    expect(result).toEqual({
      status: 0,
      stdout: "● 502 Bad Gateway  (bad-gateway)\n  What happened: …\n\n",
      stderr: "elestio-compose-lint: explaining the log, bad-gateway failed: the facts layer failed\nelestio-compose-lint: explaining the log, no-container-name failed: not an Error\n",
    });
  });
});
