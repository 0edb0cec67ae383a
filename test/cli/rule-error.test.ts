/**
 * A rule that throws inside the CLI: its findings for that file are missing,
 * so the run must not pass for clean. One line on stderr names the rule and
 * the file (once, even when --fix lints the file again), the other rules'
 * findings are still printed, and the exit code is 2, --exit-zero or not.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { RULES } from "../../server/src/engine/rules/index.js";
import { runCliInProcess, tempProject } from "../helpers/cli.js";

const TEXT = "services:\n  web:\n    image: ghcr.io/acme/web:1.4\n    container_name: web\n    ports:\n      - '80:80'\n";


/** Makes no-container-name throw, as a bug in it would. */
function breakRule(): void {
  const rule = RULES.find((r) => r.meta.id === "no-container-name")!;
  vi.spyOn(rule, "check").mockImplementation(() => {
    throw new Error("cannot read properties of undefined (reading 'range')");
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a rule that throws", () => {
  it("is one line on stderr naming the rule and the file; the other findings are printed; exit 2", async () => {
    const dir = tempProject({ "docker-compose.yml": TEXT });
    const before = await runCliInProcess(["--format", "json", "docker-compose.yml"], dir);
    expect(before.status).toBe(1);
    expect(before.stderr).toBe("");
    breakRule();
    const after = await runCliInProcess(["--format", "json", "docker-compose.yml"], dir);
    expect(after.stderr).toBe("elestio-compose-lint: internal error: rule no-container-name failed on docker-compose.yml: cannot read properties of undefined (reading 'range')\n");
    expect(after.status).toBe(2);
    const rules = (JSON.parse(after.stdout) as { diagnostics: { ruleId: string }[] }[])[0].diagnostics.map((d) => d.ruleId);
    const rulesBefore = (JSON.parse(before.stdout) as { diagnostics: { ruleId: string }[] }[])[0].diagnostics.map((d) => d.ruleId);
    expect(rulesBefore).toContain("no-container-name");
    expect(rules).toEqual(rulesBefore.filter((id) => id !== "no-container-name"));
  });

  it("exits 2 with --exit-zero too, and says so once per file even when --fix lints each file again", async () => {
    const dir = tempProject({ "docker-compose.yml": TEXT, "other/docker-compose.yml": TEXT });
    breakRule();
    const result = await runCliInProcess(["--fix", "--exit-zero", "."], dir);
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n").filter(Boolean)).toEqual([
      "elestio-compose-lint: internal error: rule no-container-name failed on docker-compose.yml: cannot read properties of undefined (reading 'range')",
      "elestio-compose-lint: internal error: rule no-container-name failed on other/docker-compose.yml: cannot read properties of undefined (reading 'range')",
    ]);
  });
});
