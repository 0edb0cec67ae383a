/**
 * Blocks pasted from Dashboard → Environment variables, as users paste them:
 * the exact names read and the pieces of text skipped; and the
 * configuration's text the names are merged into (dashboardVariables.ts).
 */
import { dirname, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationTextError, newConfigurationFolder, parseDashboardBlock, withDashboardVariables } from "../../server/src/engine/dashboardVariables.js";

describe("parseDashboardBlock", () => {
  it.each<[string, string, string[], number]>([
    ["`export` followed by two spaces", "export  DB_HOST=db\nexport\t\tDB_PORT=5432\n", ["DB_HOST", "DB_PORT"], 0],
    // A `#` inside a value, with no blank before it, is no comment: the next pair of a flattened block is read.
    ["a # inside a value", "DB_PASSWORD=abc#123 DB_NAME=app", ["DB_PASSWORD", "DB_NAME"], 0],
    // `log.format=json` is no `KEY=`: the value runs on.
    ["a value holding a word with = that is no name", "LOG_OPTS=--level info log.format=json\nNEXT=1", ["LOG_OPTS", "NEXT"], 0],
    ["a quoted value after a blank", 'TITLE = "My app DEBUG=1"\nNEXT=1', ["TITLE", "NEXT"], 0],
    ["a quoted value after a tab", 'TITLE =\t"My app DEBUG=1"\nNEXT=1', ["TITLE", "NEXT"], 0],
    ["a quoted value after several blanks", 'TITLE=  \t "My app DEBUG=1" NEXT=1', ["TITLE", "NEXT"], 0],
    ["an empty value, then the next pair of a flattened block", "EMPTY= NEXT=1", ["EMPTY", "NEXT"], 0],
    ["an empty value, blanks, then a quoted value's name", 'EMPTY=   NEXT="a b"', ["EMPTY", "NEXT"], 0],
    ["a backquoted value", "CMD=`echo a B=1`\nNEXT=2", ["CMD", "NEXT"], 0],
    // A backslash escapes nothing in single quotes: the quote after it closes the value.
    ["a single-quoted Windows folder ending with a backslash", "WIN_DIR='C:\\data\\'\nMOTD='hello world'", ["WIN_DIR", "MOTD"], 0],
    ["a comment line, LF", "# Database\nDB_HOST=db\n", ["DB_HOST"], 0],
    ["a comment line, lone CR", "# Database\rDB_HOST=db", ["DB_HOST"], 0],
    ["a comment as the last line, without a line break", "DB_HOST=db\n# end", ["DB_HOST"], 0],
    ["an inline comment, LF", "DB_HOST=db # the service\nDB_PORT=5432", ["DB_HOST", "DB_PORT"], 0],
    ["an inline comment, CRLF", "DB_HOST=db # the service\r\nDB_PORT=5432\r\n", ["DB_HOST", "DB_PORT"], 0],
    ["an inline comment holding KEY=", "DB_HOST=db # was OLD_HOST=db1\nDB_PORT=5432", ["DB_HOST", "DB_PORT"], 0],
    ["an empty value with an inline comment", "DB_HOST=db\nEMPTY=        # set in the dashboard\nDB_PORT=5432", ["DB_HOST", "EMPTY", "DB_PORT"], 0],
    ["an inline comment as the last line", "DB_HOST=db # the service", ["DB_HOST"], 0],
    ["invalid names among valid ones", "1ST=a\nDB-HOST=b\nOK=c\n", ["OK"], 2],
  ])("%s", (_, block, names, skipped) => {
    expect(parseDashboardBlock(block)).toEqual({ names, skipped });
  });
});

describe("withDashboardVariables", () => {
  it("keeps four-space indentation", () => {
    expect(withDashboardVariables('{\n    "rules": {}\n}\n', ["B", "A"])).toBe('{\n    "rules": {},\n    "dashboardVariables": [\n        "A",\n        "B"\n    ]\n}\n');
  });

  it("refuses `null`, which is no object", () => {
    expect(() => withDashboardVariables("null", ["A"])).toThrow(new ConfigurationTextError("object", "it is not a JSON object"));
  });

  it("names its error", () => {
    let thrown: unknown;
    try {
      withDashboardVariables("{", ["A"]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationTextError);
    expect(String(thrown)).toBe("ConfigurationTextError: it is not valid JSON");
    expect((thrown as ConfigurationTextError).reason).toBe("json");
  });

  it("drops the BOM that starts the file, not one inside a value", () => {
    const merged = '{\n  "title": "\uFEFFApp",\n  "dashboardVariables": [\n    "A"\n  ]\n}\n';
    expect(withDashboardVariables('\uFEFF{"title": "\uFEFFApp"}', ["A"])).toBe(merged);
    expect(withDashboardVariables('{"title": "\uFEFFApp"}', ["A"])).toBe(merged);
  });
});

describe("newConfigurationFolder with a folder relative to the current directory", () => {
  it("no checkout up to the current directory, the workspace folder above it: the workspace folder", () => {
    const workspace = dirname(process.cwd());
    expect(relative(workspace, "deploy")).not.toMatch(/^\.\./);
    expect(newConfigurationFolder("deploy", workspace, () => false)).toBe(workspace);
  });
});
