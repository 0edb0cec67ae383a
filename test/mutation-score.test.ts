/**
 * scripts/mutation-score.ts, which `npm run mutation` ends with: the score of
 * each part of the engine as Stryker counts it, from a report.
 */
import { describe, expect, it } from "vitest";
import { percent, scores, type MutationReport } from "../scripts/mutation-score.js";

const mutants = (statuses: Record<string, number>) => Object.entries(statuses).flatMap(([status, count]) => Array.from({ length: count }, () => ({ status })));

describe("mutation scores per part of the engine", () => {
  const report: MutationReport = {
    files: {
      "server/src/engine/compose/ports.ts": { mutants: mutants({ Killed: 80, Timeout: 10, Survived: 6, NoCoverage: 4, CompileError: 50 }) },
      "server/src/engine/rules/no-container-name.ts": { mutants: mutants({ Killed: 9, Survived: 1, RuntimeError: 3 }) },
      "server/src/engine/lint.ts": { mutants: mutants({ Killed: 7, Survived: 3 }) },
      "server/src/lsp/server.ts": { mutants: mutants({ Survived: 100 }) },
    },
  };
  const files = ["server/src/engine/compose/ports.ts", "server/src/engine/rules/no-container-name.ts", "server/src/engine/lint.ts", "server/src/engine/hover/ports.ts"];

  it("counts timeouts as killed and uncovered mutants as survivors, leaves out those that do not compile or error, and files outside the engine", () => {
    const { parts } = scores(report, files);
    expect(parts.map((p) => [p.name, p.detected, p.detected + p.undetected, percent(p), p.target])).toEqual([
      ["engine/compose", 90, 100, 90, 90],
      ["engine/rules", 9, 10, 90, 90],
      ["engine (the rest)", 7, 10, 70, 80],
    ]);
    expect([...parts[0].survivors]).toEqual([["server/src/engine/compose/ports.ts", 10]]);
  });

  it("names the engine files the report has no verdict for", () => {
    expect(scores(report, files).missing).toEqual(["server/src/engine/hover/ports.ts"]);
  });
});
