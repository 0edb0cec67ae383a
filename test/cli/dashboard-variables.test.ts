/** The dashboard's variables (`dashboardVariables` of the project configuration) in the CLI. */
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";

const COMPOSE = [
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1",
  "    environment:",
  "      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}",
  "      SECRET_KEY_FALLBACKS: ${DJANGO_SECRET_KEY}",
  "      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app",
  "      SENTRY_DSN: ${SENTRY_DSN}",
  "    ports:",
  '      - "172.17.0.1:8000:8000"',
  "  db:",
  "    image: postgres:16",
  "    environment:",
  "      POSTGRES_PASSWORD: ${DB_PASSWORD}",
  "",
].join("\n");

interface Diagnostic {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

function diagnostics(cwd: string, args: string[] = []): Diagnostic[] {
  const result = runCli(["--format", "json", ...args], { cwd });
  if (result.status === 2) throw new Error(result.stderr);
  return JSON.parse(result.stdout).flatMap((report: { diagnostics: Diagnostic[] }) => report.diagnostics);
}

const summary = (found: Diagnostic[]) => found.map((d) => `${d.ruleId} ${d.severity} ${d.line}:${d.column}`);

describe("undefined-variable and the dashboard's variables in the CLI", () => {
  it("without dashboardVariables: a hint once per variable, at its first use", () => {
    const dir = tempProject({ "docker-compose.yml": COMPOSE });
    const found = diagnostics(dir);
    expect(summary(found)).toEqual([
      "undefined-variable hint 5:26",
      "undefined-variable hint 7:36",
      "undefined-variable hint 8:19",
    ]);
    expect(found[0].message).toBe("DJANGO_SECRET_KEY has no default: it is empty unless set in Dashboard → Environment variables.");
    expect(runCli([], { cwd: dir }).status).toBe(0);
  });

  it("with dashboardVariables: a warning for each variable it lacks, nothing for the listed ones", () => {
    const dir = tempProject({
      "docker-compose.yml": COMPOSE,
      ".elestio-compose.json": JSON.stringify({ dashboardVariables: ["DB_PASSWORD"] }),
    });
    const found = diagnostics(dir);
    expect(summary(found)).toEqual(["undefined-variable warning 5:26", "undefined-variable warning 8:19"]);
    expect(found.map((d) => d.message)).toEqual([
      "DJANGO_SECRET_KEY is not set in the dashboard: compose leaves it empty. Set it in Dashboard → Environment variables.",
      "SENTRY_DSN is not set in the dashboard: compose leaves it empty. Set it in Dashboard → Environment variables.",
    ]);
    // Warnings: --max-warnings counts them.
    expect(runCli(["--max-warnings", "1"], { cwd: dir }).status).toBe(1);
    expect(runCli(["--max-warnings", "2"], { cwd: dir }).status).toBe(0);
  });

  it("with every variable listed, or set in the .env beside the file: nothing", () => {
    const listed = tempProject({
      "docker-compose.yml": COMPOSE,
      ".elestio-compose.json": JSON.stringify({ dashboardVariables: ["DB_PASSWORD", "DJANGO_SECRET_KEY", "SENTRY_DSN"] }),
    });
    expect(diagnostics(listed)).toEqual([]);
    const withDotEnv = tempProject({
      "docker-compose.yml": COMPOSE,
      ".env": "SENTRY_DSN=https://key@sentry.example/1\n",
      "package.json": JSON.stringify({ name: "app", elestio: { dashboardVariables: ["DB_PASSWORD", "DJANGO_SECRET_KEY"] } }),
    });
    expect(diagnostics(withDotEnv)).toEqual([]);
  });

  it("a file the pipeline does not deploy keeps its hints: the dashboard does not feed it", () => {
    const dir = tempProject({
      "docker-compose.dev.yml": COMPOSE,
      ".elestio-compose.json": JSON.stringify({ dashboardVariables: ["DB_PASSWORD"] }),
    });
    expect(summary(diagnostics(dir))).toEqual(["undefined-variable hint 5:26", "undefined-variable hint 7:36", "undefined-variable hint 8:19"]);
  });

  it("a bad entry is a configuration error, which never shows a value", () => {
    const dir = tempProject({
      "docker-compose.yml": COMPOSE,
      ".elestio-compose.json": JSON.stringify({ dashboardVariables: ["DB_PASSWORD=pg-secret-2024"] }),
    });
    const result = runCli([], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('elestio-compose-lint: .elestio-compose.json: "dashboardVariables" holds names only, without values: write "DB_PASSWORD"\n');
    expect(result.stdout + result.stderr).not.toContain("pg-secret-2024");
  });
});
