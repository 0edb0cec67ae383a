/** The text format's listing and summary, from findings made up for it (no rule involved). */
import { describe, expect, it } from "vitest";
import { shownPath, toText, type FileReport } from "../../server/src/cli/format.js";
import type { Finding } from "../../server/src/engine/lint.js";
import { LineIndex } from "../../server/src/engine/text.js";

function finding(severity: Finding["severity"], start: number, fixable = false): Finding {
  return {
    ruleId: `a-${severity}`,
    messageId: "m",
    severity,
    start,
    end: start + 1,
    message: { en: `the ${severity}`, fr: `le ${severity}` },
    ...(fixable ? { fix: { title: { en: "Fix it", fr: "Le corriger" }, edits: [] } } : {}),
  };
}

const TEXT = "services:\n  web:\n    image: x\n";
const report = (file: string, findings: Finding[]): FileReport => ({ file, lines: new LineIndex(TEXT), findings });

describe("toText", () => {
  it("summarises the severities found, never a zero count", () => {
    const reports = [report("docker-compose.yml", [finding("error", 0, true), finding("hint", 12), finding("hint", 20)]), report("compose.dev.yml", [])];
    expect(toText(reports, "en", { color: false }).split("\n")).toEqual([
      "docker-compose.yml:1:1  error  the error  a-error",
      "docker-compose.yml:2:3  hint  the hint  a-hint",
      "docker-compose.yml:3:4  hint  the hint  a-hint",
      "3 problems (1 error, 2 hints) in 2 files; 1 fixable with --fix.",
      "",
    ]);
    expect(toText([report("a.yml", [finding("warning", 0), finding("info", 12)])], "en", { color: false })).toContain("2 problems (1 warning, 1 info) in 1 file.");
    expect(toText([report("a.yml", [])], "en", { color: false })).toBe("No problems in 1 file.\n");
  });

  it("in French, a hint is a « conseil », as VS Code calls it", () => {
    const text = toText([report("docker-compose.yml", [finding("hint", 12), finding("error", 0, true), finding("error", 20, true)])], "fr", { color: false });
    expect(text).toContain("docker-compose.yml:2:3  conseil  le hint  a-hint");
    expect(text).toContain("3 problèmes (2 erreurs, 1 conseil) dans 1 fichier ; 2 corrigeables avec --fix.");
    expect(toText([report("a.yml", [])], "fr", { color: false })).toBe("Aucun problème dans 1 fichier.\n");
  });

  it("shows a file inside the current folder relative to it, one outside as it was named", () => {
    expect(shownPath("/work/app/deploy/docker-compose.yml", "/work/app")).toBe("deploy/docker-compose.yml");
    expect(shownPath("deploy/docker-compose.yml", "/work/app")).toBe("deploy/docker-compose.yml");
    expect(shownPath("/elsewhere/docker-compose.yml", "/work/app")).toBe("/elsewhere/docker-compose.yml");
    expect(shownPath("../other/docker-compose.yml", "/work/app")).toBe("../other/docker-compose.yml");
    expect(toText([report("/work/app/docker-compose.yml", [finding("error", 0)])], "en", { color: false, cwd: "/work/app" })).toMatch(/^docker-compose\.yml:1:1 {2}error/);
  });
});
