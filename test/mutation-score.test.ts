/**
 * scripts/mutation-score.ts, which `npm run mutation` ends with: the score of
 * each part of the engine as Stryker counts it, from a report.
 */
import { describe, expect, it } from "vitest";
import { equivalentsSection, percent, scores, unlisted, type MutationReport } from "../scripts/mutation-score.js";

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

describe("the survivors and RELIABILITY.md's list of equivalent mutants", () => {
  const at = (line: number, column: number) => ({ start: { line, column } });
  const report: MutationReport = {
    files: {
      "server/src/engine/compose/edits.ts": {
        mutants: [
          { status: "Survived", mutatorName: "Regex", replacement: "/[ \\t]*/", location: at(40, 36) },
          { status: "NoCoverage", mutatorName: "StringLiteral", replacement: '"Stryker was here!"', location: at(78, 37) },
          { status: "Survived", mutatorName: "EqualityOperator", replacement: "line >= 0", location: at(134, 10) },
          { status: "Killed", mutatorName: "EqualityOperator", replacement: "at > 0", location: at(221, 15) },
        ],
      },
      "server/src/lsp/server.ts": { mutants: [{ status: "Survived", mutatorName: "BooleanLiteral", replacement: "false", location: at(1, 1) }] },
    },
  };
  const markdown = [
    "### Equivalent mutants",
    "",
    '- server/src/engine/compose/edits.ts:40:36 Regex "/^[ \\\\t]*/" -> "/[ \\\\t]*/": exec returns the leftmost match.',
    '- server/src/engine/compose/edits.ts:78:37 StringLiteral "\\"\\"" -> "\\"Stryker was here!\\"" (NoCoverage): never reached with a value.',
    '- server/src/engine/compose/edits.ts:221:15 EqualityOperator "at >= 0" -> "at > 0": killed since.',
    "",
    "## Not covered here",
    '- server/src/engine/compose/edits.ts:134:10 EqualityOperator "line > 0" -> "line >= 0": outside the section.',
  ].join("\n");

  it("names the survivors the list does not, and the listed mutants that no longer survive, by file, position, mutator and replacement", () => {
    expect(unlisted(report, equivalentsSection(markdown))).toEqual({
      unlisted: ['server/src/engine/compose/edits.ts:134:10 EqualityOperator -> "line >= 0"'],
      stale: ['server/src/engine/compose/edits.ts:221:15 EqualityOperator -> "at > 0"'],
    });
  });

  it("agrees when the list names exactly the survivors", () => {
    const exact = equivalentsSection(markdown).replace(/^- .*221:15.*$/m, '- server/src/engine/compose/edits.ts:134:10 EqualityOperator "line > 0" -> "line >= 0": the dash line is never line 0.');
    expect(unlisted(report, exact)).toEqual({ unlisted: [], stale: [] });
  });

  it("reads only the section: a document without one lists nothing", () => {
    expect(equivalentsSection("# Reliability\n\n## Not covered here\n")).toBe("");
    expect(unlisted(report, "").unlisted).toHaveLength(3);
  });
});
