/**
 * The dashboard's variables, names only: reading the block pasted from
 * Dashboard → Environment variables, merging the names into the project
 * configuration's text, and the configuration's `dashboardVariables`.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigFinder } from "../../server/src/engine/config.js";
import {
  ConfigurationTextError,
  namesFromDashboardBlock,
  newConfigurationFolder,
  parseDashboardBlock,
  withDashboardVariables,
} from "../../server/src/engine/dashboardVariables.js";

/** Values that must never come out of the parser, the merge or a configuration problem. */
const SECRETS = ["s3cr3t-Django-key", "pg-pass-2024", "https://hooks.example/T0/B1", "mail-secret"];

function expectNoValue(output: unknown): void {
  const text = JSON.stringify(output);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("namesFromDashboardBlock", () => {
  it("keeps the names of the dashboard's block, in order, and never a value", () => {
    const block = `DJANGO_SECRET_KEY=${SECRETS[0]}\nDB_PASSWORD=${SECRETS[1]}\nSLACK_WEBHOOK=${SECRETS[2]}\n`;
    const names = namesFromDashboardBlock(block);
    expect(names).toEqual(["DJANGO_SECRET_KEY", "DB_PASSWORD", "SLACK_WEBHOOK"]);
    expectNoValue(names);
  });

  it("ignores comments, blank lines and `export `, reads CRLF and lone CR", () => {
    const block = `# Production\r\n\r\nexport DJANGO_SECRET_KEY=${SECRETS[0]}\r\n  # DEBUG=1\r\nALLOWED_HOSTS=example.com # the domain\rexport\tEMAIL_PASSWORD=${SECRETS[3]}`;
    expect(parseDashboardBlock(block)).toEqual({ names: ["DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_PASSWORD"], skipped: 0 });
  });

  it("reads quoted values whole: blanks, #, = and newlines inside quotes are no new entry", () => {
    const block = [
      `GREETING="hello # not a comment NOT_A_NAME=1"`,
      `SINGLE='a b=c'`,
      `PRIVATE_KEY="-----BEGIN KEY-----`,
      `MIIB=abc`,
      `-----END KEY-----"`,
      `ESCAPED="say \\"X=1\\""`,
      `SPACED = "value"`,
      `EMPTY=`,
      `LAST=1`,
    ].join("\n");
    expect(namesFromDashboardBlock(block)).toEqual(["GREETING", "SINGLE", "PRIVATE_KEY", "ESCAPED", "SPACED", "EMPTY", "LAST"]);
  });

  it("reads a block an input box flattened into one line, pairs separated by blanks", () => {
    const flat = `DJANGO_SECRET_KEY=${SECRETS[0]} DB_PASSWORD=${SECRETS[1]}  EMPTY= export EMAIL_PASSWORD=${SECRETS[3]} QUOTED="a b" LAST=x`;
    const block = parseDashboardBlock(flat);
    expect(block).toEqual({ names: ["DJANGO_SECRET_KEY", "DB_PASSWORD", "EMPTY", "EMAIL_PASSWORD", "QUOTED", "LAST"], skipped: 0 });
    expectNoValue(block);
  });

  it("counts and skips what is not KEY=value; a name set twice is kept once", () => {
    expect(parseDashboardBlock("Environment variables\nA=1\n1ABC=2\nA-B=3\n=4\nA=5\nB=6\n")).toEqual({ names: ["A", "B"], skipped: 5 });
    expect(parseDashboardBlock("")).toEqual({ names: [], skipped: 0 });
    expect(parseDashboardBlock("   \n# only a comment\n")).toEqual({ names: [], skipped: 0 });
    expect(parseDashboardBlock("just some text")).toEqual({ names: [], skipped: 3 });
  });

  it("an unclosed quote runs to the end of its line", () => {
    expect(namesFromDashboardBlock('A="unclosed\nB=2\n')).toEqual(["A", "B"]);
  });
});

describe("withDashboardVariables", () => {
  it("creates a configuration: two-space JSON, sorted names, a final newline", () => {
    expect(withDashboardVariables(undefined, ["DB_PASSWORD", "ALLOWED_HOSTS", "DB_PASSWORD"])).toBe(
      '{\n  "dashboardVariables": [\n    "ALLOWED_HOSTS",\n    "DB_PASSWORD"\n  ]\n}\n',
    );
    expect(withDashboardVariables("  \n", ["A"])).toBe('{\n  "dashboardVariables": [\n    "A"\n  ]\n}\n');
  });

  it("merges with the names already there, keeps the other keys in their order, drops invalid entries", () => {
    const existing = '{\n  "$schema": "./schema.json",\n  "dashboardVariables": ["ZETA", "bad name", 3, "ALPHA"],\n  "rules": { "literal-secret": "error" }\n}\n';
    const merged = withDashboardVariables(existing, ["BETA", "ALPHA", "not valid"]);
    expect(JSON.parse(merged)).toEqual({ $schema: "./schema.json", dashboardVariables: ["ALPHA", "BETA", "ZETA"], rules: { "literal-secret": "error" } });
    expect(Object.keys(JSON.parse(merged))).toEqual(["$schema", "dashboardVariables", "rules"]);
    expect(merged).toBe(
      '{\n  "$schema": "./schema.json",\n  "dashboardVariables": [\n    "ALPHA",\n    "BETA",\n    "ZETA"\n  ],\n  "rules": {\n    "literal-secret": "error"\n  }\n}\n',
    );
  });

  it("appends the key to a configuration without it, and keeps a BOM out", () => {
    expect(withDashboardVariables('\uFEFF{"pipelineFiles": ["deploy/compose.yml"]}', ["A"])).toBe(
      '{\n  "pipelineFiles": [\n    "deploy/compose.yml"\n  ],\n  "dashboardVariables": [\n    "A"\n  ]\n}\n',
    );
  });

  it("keeps a file's own indentation", () => {
    expect(withDashboardVariables('{\n\t"rules": {}\n}\n', ["A"])).toBe('{\n\t"rules": {},\n\t"dashboardVariables": [\n\t\t"A"\n\t]\n}\n');
  });

  it("writes into a package.json's \"elestio\" key, leaving the rest of the package alone", () => {
    const pkg = '{\n    "name": "app",\n    "elestio": { "rules": {} },\n    "scripts": { "start": "node ." }\n}\n';
    const merged = JSON.parse(withDashboardVariables(pkg, ["B", "A"], { section: "elestio" }));
    expect(merged).toEqual({ name: "app", elestio: { rules: {}, dashboardVariables: ["A", "B"] }, scripts: { start: "node ." } });
  });

  it("refuses text that is not a JSON object, without quoting it", () => {
    const broken = `{ "dashboardVariables": ["DB_PASSWORD=${SECRETS[1]}" `;
    expect(() => withDashboardVariables(broken, ["A"])).toThrow(ConfigurationTextError);
    try {
      withDashboardVariables(broken, ["A"]);
    } catch (error) {
      expect((error as Error).message).toBe("it is not valid JSON");
    }
    expect(() => withDashboardVariables("[1]", ["A"])).toThrow("it is not a JSON object");
    expect(() => withDashboardVariables('{"elestio": 3}', ["A"], { section: "elestio" })).toThrow('its "elestio" key is not an object');
  });
});

describe("the configuration's dashboardVariables", () => {
  function lookup(content: unknown, file = ".elestio-compose.json") {
    const dir = mkdtempSync(join(tmpdir(), "elestio-dashboard-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, file), typeof content === "string" ? content : JSON.stringify(content));
    return new ConfigFinder(undefined, ["undefined-variable"]).find(join(dir, "docker-compose.yml"));
  }

  it("reads the names, from .elestio-compose.json and from package.json's \"elestio\"", () => {
    const found = lookup({ dashboardVariables: ["DJANGO_SECRET_KEY", "DB_PASSWORD", "DB_PASSWORD"] });
    expect(found.problems).toEqual([]);
    expect(found.config?.dashboardVariables).toEqual(["DJANGO_SECRET_KEY", "DB_PASSWORD", "DB_PASSWORD"]);
    expect(lookup({ name: "app", elestio: { dashboardVariables: [] } }, "package.json").config?.dashboardVariables).toEqual([]);
  });

  it("a problem per bad entry, the valid names still apply; a value is never quoted", () => {
    const found = lookup({ dashboardVariables: ["DB_PASSWORD", `SLACK_WEBHOOK=${SECRETS[2]}`, "DB PASSWORD", 42, null, "9LIVES", `export MAIL=${SECRETS[3]}`] });
    expect(found.config?.dashboardVariables).toEqual(["DB_PASSWORD"]);
    expect(found.problems).toEqual([
      '"dashboardVariables" holds names only, without values: write "SLACK_WEBHOOK"',
      '"dashboardVariables": "DB PASSWORD" is not a variable name (letters, digits and _, not starting with a digit)',
      '"dashboardVariables" holds variable names (strings), not number',
      '"dashboardVariables" holds variable names (strings), not null',
      '"dashboardVariables": "9LIVES" is not a variable name (letters, digits and _, not starting with a digit)',
      '"dashboardVariables" holds names only, without values: write "MAIL"',
    ]);
    expectNoValue(found);
  });

  it("must be a list", () => {
    const found = lookup({ dashboardVariables: "DB_PASSWORD" });
    expect(found.config?.dashboardVariables).toBeUndefined();
    expect(found.problems).toEqual(['"dashboardVariables" must be a list of variable names, such as ["DJANGO_SECRET_KEY", "DB_PASSWORD"]']);
  });

  it("a misspelt key is suggested", () => {
    expect(lookup({ dashboardVariable: [] }).problems).toEqual(['unknown key "dashboardVariable" (did you mean "dashboardVariables"?)']);
  });
});

describe("newConfigurationFolder", () => {
  const gitAt = (...dirs: string[]) => (dir: string) => dirs.includes(dir);
  it("the Git checkout's root between the file and the workspace folder, else the workspace folder", () => {
    expect(newConfigurationFolder("/ws/app/deploy", "/ws", gitAt("/ws/app"))).toBe("/ws/app");
    expect(newConfigurationFolder("/ws/app/deploy", "/ws", gitAt("/ws/app/deploy", "/ws/app"))).toBe("/ws/app/deploy");
    expect(newConfigurationFolder("/ws/app", "/ws", gitAt())).toBe("/ws");
    expect(newConfigurationFolder("/ws", "/ws", gitAt())).toBe("/ws");
    // A checkout above the workspace folder: the configuration search finds the workspace folder's first.
    expect(newConfigurationFolder("/repo/ws/app", "/repo/ws", gitAt("/repo"))).toBe("/repo/ws");
  });

  it("a file in no workspace folder: its own folder", () => {
    expect(newConfigurationFolder("/tmp/x", undefined, gitAt())).toBe("/tmp/x");
    expect(newConfigurationFolder("/elsewhere/x", "/ws", gitAt())).toBe("/elsewhere/x");
  });
});
