/**
 * The project configuration (config.ts), read from real folders: which file
 * applies to a compose file (`.elestio-compose.json`, or package.json's
 * `"elestio"` key, the nearest one upward, stopping at the checkout's root),
 * what it sets, and the exact problems the CLI and the editor show for it.
 */
import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigFinder, describeProblems, type ConfigLookup } from "../../server/src/engine/config.js";
import { knownRuleIds } from "../../server/src/engine/lint.js";
import { temporaryTrees } from "../helpers/tree.js";

const tree = temporaryTrees("elestio-config-");

/** A finder as the CLI makes one: paths shown relative to the checkout, the registry's rule ids. */
function finderIn(root: string): ConfigFinder {
  return new ConfigFinder((path) => relative(root, path), knownRuleIds());
}

/** The lookup for `root/docker-compose.yml` in a checkout holding `.elestio-compose.json` with `text`. */
function lookupOf(text: string): ConfigLookup {
  const root = tree({ ".git/": "", ".elestio-compose.json": text });
  return finderIn(root).find(join(root, "docker-compose.yml"));
}

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("valid JSON");
}

describe("what a .elestio-compose.json sets, and its problems", () => {
  // Each row: the file's content, what the configuration keeps (besides `file`), the problems, in order.
  it.each<[string, string, Record<string, unknown>, string[]]>([
    [
      "every key, valid, with the $schema editors add for completion",
      JSON.stringify({ $schema: "https://example.com/elestio-compose.schema.json", pipelineFiles: ["deploy/compose.yml"], rules: { "literal-secret": "error", "no-container-name": "off" }, dashboardVariables: ["DB_PASSWORD"], proxyTargetPorts: [8000] }),
      { pipelineFiles: ["deploy/compose.yml"], rules: { "literal-secret": "error", "no-container-name": "off" }, dashboardVariables: ["DB_PASSWORD"], proxyTargetPorts: [8000] },
      [],
    ],
    // Saved by Windows Notepad: a byte order mark before the JSON.
    ["a byte order mark at the start", '\uFEFF{"pipelineFiles": ["compose.yml"]}', { pipelineFiles: ["compose.yml"] }, []],
    // A zero-width no-break space pasted inside a name is not a byte order mark: the name is wrong.
    [
      "U+FEFF inside a name",
      '{"dashboardVariables": ["\uFEFFDB_PASSWORD", "DB_USER"]}',
      { dashboardVariables: ["DB_USER"] },
      ['"dashboardVariables": "\uFEFFDB_PASSWORD" is not a variable name (letters, digits and _, not starting with a digit)'],
    ],
    // One glob may be written alone.
    ["pipelineFiles as one string", '{"pipelineFiles": "deploy/compose.yml"}', { pipelineFiles: ["deploy/compose.yml"] }, []],
    ["pipelineFiles empty", '{"pipelineFiles": []}', {}, ['"pipelineFiles" must be a non-empty list of globs, such as ["docker-compose.yml"]']],
    ["pipelineFiles with one empty glob among good ones", '{"pipelineFiles": ["compose.yml", ""]}', {}, ['"pipelineFiles" must be a non-empty list of globs, such as ["docker-compose.yml"]']],
    ["pipelineFiles with a blank glob", '{"pipelineFiles": ["   "]}', {}, ['"pipelineFiles" must be a non-empty list of globs, such as ["docker-compose.yml"]']],
    ["pipelineFiles with a number", '{"pipelineFiles": ["compose.yml", 3]}', {}, ['"pipelineFiles" must be a non-empty list of globs, such as ["docker-compose.yml"]']],
    ["pipelineFiles as an object", '{"pipelineFiles": {"file": "compose.yml"}}', {}, ['"pipelineFiles" must be a non-empty list of globs, such as ["docker-compose.yml"]']],
    ["rules as a string", '{"rules": "strict"}', {}, ['"rules" must be an object of rule ids to off, hint, info, warning or error']],
    ["rules as a list of ids", '{"rules": ["literal-secret"]}', {}, ['"rules" must be an object of rule ids to off, hint, info, warning or error']],
    ["rules null", '{"rules": null}', {}, ['"rules" must be an object of rule ids to off, hint, info, warning or error']],
    // The valid rules still apply beside a misspelt one.
    [
      "a misspelt rule id beside a good one",
      '{"rules": {"literal-secrets": "error", "obsolete-version": "hint"}}',
      { rules: { "obsolete-version": "hint" } },
      ['unknown rule "literal-secrets" (did you mean "literal-secret"?)'],
    ],
    // A prefix of two ids: the first in the registry's order is suggested.
    ["a prefix of two rule ids", '{"rules": {"healthcheck": "off"}}', { rules: {} }, ['unknown rule "healthcheck" (did you mean "healthcheck-required"?)']],
    ["an id like none", '{"rules": {"my-own-rule": "off"}}', { rules: {} }, ['unknown rule "my-own-rule"']],
    [
      "severities misspelt, abbreviated, in capitals, or not strings",
      '{"rules": {"literal-secret": "warn", "obsolete-version": "war", "unknown-key": "wa", "invalid-value": "fo", "external-network": "ERROR", "external-volume": 2, "privileged-container": true, "docker-socket-mount": null, "public-port-binding": "error\\t", "host-network-mode": "info"}}',
      { rules: { "host-network-mode": "info" } },
      [
        // A prefix of three letters or more is suggested, however far from the whole word.
        'rule "literal-secret" takes off, hint, info, warning or error, not "warn" (did you mean "warning"?)',
        'rule "obsolete-version" takes off, hint, info, warning or error, not "war" (did you mean "warning"?)',
        // Two letters are too few to suggest "warning".
        'rule "unknown-key" takes off, hint, info, warning or error, not "wa"',
        // As far from "off" as from "info": the first setting is suggested.
        'rule "invalid-value" takes off, hint, info, warning or error, not "fo" (did you mean "off"?)',
        'rule "external-network" takes off, hint, info, warning or error, not "ERROR" (did you mean "error"?)',
        'rule "external-volume" takes off, hint, info, warning or error, not 2',
        'rule "privileged-container" takes off, hint, info, warning or error, not true',
        'rule "docker-socket-mount" takes off, hint, info, warning or error, not null',
        // A tab pasted after the setting: shown escaped, not as blank space.
        'rule "public-port-binding" takes off, hint, info, warning or error, not "error\\t" (did you mean "error"?)',
      ],
    ],
    ["dashboardVariables as one string", '{"dashboardVariables": "DB_PASSWORD"}', {}, ['"dashboardVariables" must be a list of variable names, such as ["DJANGO_SECRET_KEY", "DB_PASSWORD"]']],
    [
      "dashboardVariables entries that are not strings",
      '{"dashboardVariables": [["DB_PASSWORD"], 5, null, "DB_USER"]}',
      { dashboardVariables: ["DB_USER"] },
      ['"dashboardVariables" holds variable names (strings), not a list', '"dashboardVariables" holds variable names (strings), not number', '"dashboardVariables" holds variable names (strings), not null'],
    ],
    // Lines pasted from a .env or a shell: the problem names the variable and never shows the value.
    [
      "dashboardVariables pasted with values",
      JSON.stringify({ dashboardVariables: ["export DB_PASSWORD=hunter2", " API_KEY = abc123", "export \tSMTP_PASSWORD=x", "DB-PASSWORD=hunter2", "=hunter2", "MY_export TOKEN=abc"] }),
      { dashboardVariables: [] },
      [
        '"dashboardVariables" holds names only, without values: write "DB_PASSWORD"',
        '"dashboardVariables" holds names only, without values: write "API_KEY"',
        '"dashboardVariables" holds names only, without values: write "SMTP_PASSWORD"',
        '"dashboardVariables": "DB-PASSWORD=…" is not a variable name (letters, digits and _, not starting with a digit)',
        '"dashboardVariables": "=…" is not a variable name (letters, digits and _, not starting with a digit)',
        // Only a leading `export` is the shell's keyword.
        '"dashboardVariables": "MY_export TOKEN=…" is not a variable name (letters, digits and _, not starting with a digit)',
      ],
    ],
    // Without an `=` there is no value to hide: the entry is quoted as written.
    [
      "dashboardVariables written as a shell export without a value",
      '{"dashboardVariables": ["export DB_PASSWORD", " DB_USER"]}',
      { dashboardVariables: [] },
      [
        '"dashboardVariables": "export DB_PASSWORD" is not a variable name (letters, digits and _, not starting with a digit)',
        '"dashboardVariables": " DB_USER" is not a variable name (letters, digits and _, not starting with a digit)',
      ],
    ],
    // A problem quotes at most 40 characters of an entry.
    [
      "long entries",
      JSON.stringify({ dashboardVariables: [`sk-${"a".repeat(37)}`, `sk-${"b".repeat(38)}`] }),
      { dashboardVariables: [] },
      [
        `"dashboardVariables": "sk-${"a".repeat(37)}" is not a variable name (letters, digits and _, not starting with a digit)`,
        `"dashboardVariables": "sk-${"b".repeat(36)}…" is not a variable name (letters, digits and _, not starting with a digit)`,
      ],
    ],
    ["proxyTargetPorts as a word", '{"proxyTargetPorts": "web"}', {}, ['"proxyTargetPorts" must be a list of ports, such as [8000]']],
    [
      "proxyTargetPorts written as strings",
      '{"proxyTargetPorts": [" 8080 ", "port 8080", "8080/tcp", "x8080", 3000]}',
      { proxyTargetPorts: [3000] },
      [
        '"proxyTargetPorts" holds numbers, not strings: write 8080',
        '"proxyTargetPorts" holds port numbers, not the string "port 8080"',
        '"proxyTargetPorts" holds port numbers, not the string "8080/tcp"',
        '"proxyTargetPorts" holds port numbers, not the string "x8080"',
      ],
    ],
    ["a misspelt key", '{"pipelinefiles": ["compose.yml"]}', {}, ['unknown key "pipelinefiles" (did you mean "pipelineFiles"?)']],
    ["a key cut short", '{"rule": {"literal-secret": "off"}}', {}, ['unknown key "rule" (did you mean "rules"?)']],
    ["a key from another tool", '{"extends": "base"}', {}, ['unknown key "extends" (the keys are pipelineFiles, rules, dashboardVariables and proxyTargetPorts)']],
  ])("%s", (_name, text, kept, problems) => {
    const root = tree({ ".git/": "", ".elestio-compose.json": text });
    const found = finderIn(root).find(join(root, "docker-compose.yml"));
    // Strict: a key in error is left out, not set to undefined.
    expect(found.config).toStrictEqual({ file: join(root, ".elestio-compose.json"), ...kept });
    expect(found.problems).toEqual(problems);
    expect(found.shownAs).toBe(".elestio-compose.json");
  });

  it.each([
    ["a list", "[]"],
    ["a string", '"strict"'],
    ["null", "null"],
    ["a number", "42"],
  ])("a file holding %s instead of an object", (_name, text) => {
    const found = lookupOf(text);
    expect(found.problems).toEqual(['expected an object such as {"rules": {"no-container-name": "warning"}}']);
    expect(found.config?.rules).toBeUndefined();
  });

  it.each([
    ["a trailing comma", '{"rules": {"literal-secret": "error",}}'],
    ["an empty file", ""],
    // Not a byte order mark: a stray U+FEFF after the object.
    ["a stray U+FEFF after the object", '{"rules": {}}\uFEFF'],
  ])("invalid JSON (%s): one problem with the parser's message", (_name, text) => {
    const root = tree({ ".git/": "", ".elestio-compose.json": text });
    const found = finderIn(root).find(join(root, "docker-compose.yml"));
    expect(found).toStrictEqual({ config: { file: join(root, ".elestio-compose.json") }, shownAs: ".elestio-compose.json", problems: [`not valid JSON (${jsonError(text)})`] });
    expect(describeProblems(found)).toBe(`.elestio-compose.json: not valid JSON (${jsonError(text)})`);
  });

  // A file stat() calls regular that read() refuses: as root every file is readable, but /proc/self/mem at offset 0 gives EIO.
  it.skipIf(process.platform !== "linux")("a configuration file that cannot be read: one problem naming the error", () => {
    const root = tree({ ".git/": "" });
    symlinkSync("/proc/self/mem", join(root, ".elestio-compose.json"));
    const found = finderIn(root).find(join(root, "docker-compose.yml"));
    expect(found).toStrictEqual({ config: { file: join(root, ".elestio-compose.json") }, shownAs: ".elestio-compose.json", problems: ["cannot be read (EIO)"] });
    expect(describeProblems(found)).toBe(".elestio-compose.json: cannot be read (EIO)");
  });

  it("a finder given no rule ids (the VS Code client's) takes any rule id", () => {
    const root = tree({ ".git/": "", ".elestio-compose.json": '{"rules": {"my-own-rule": "off", "literal-secret": "warn"}}' });
    const found = new ConfigFinder().find(join(root, "docker-compose.yml"));
    expect(found.config?.rules).toEqual({ "my-own-rule": "off" });
    expect(found.problems).toEqual(['rule "literal-secret" takes off, hint, info, warning or error, not "warn" (did you mean "warning"?)']);
    // Without `display`, a configuration is shown by its absolute path.
    expect(found.shownAs).toBe(join(root, ".elestio-compose.json"));
  });
});

describe("the problems as one line", () => {
  it.each<[ConfigLookup, string]>([
    [{ shownAs: ".elestio-compose.json", problems: ['unknown rule "x"', '"rules" must be an object'] }, '.elestio-compose.json: unknown rule "x"; "rules" must be an object'],
    [{ shownAs: 'package.json ("elestio")', problems: ['unknown key "y"'] }, 'package.json ("elestio"): unknown key "y"'],
    // A lookup without a name (none of the finder's) still reads as a sentence.
    [{ problems: ['unknown key "y"', 'unknown key "z"'] }, 'configuration: unknown key "y"; unknown key "z"'],
  ])("%j", (lookup, line) => {
    expect(describeProblems(lookup)).toBe(line);
  });
});

describe("which configuration applies to a compose file", () => {
  const config = (rules: Record<string, string>) => JSON.stringify({ rules });

  it("the nearest file upward, in the checkout", () => {
    const root = tree({ ".git/": "", ".elestio-compose.json": config({ "literal-secret": "error" }), "apps/web/docker-compose.yml": "services: {}\n", "apps/api/.elestio-compose.json": config({ "literal-secret": "off" }) });
    const finder = finderIn(root);
    const web = finder.find(join(root, "apps/web/docker-compose.yml"));
    expect(web.config?.file).toBe(join(root, ".elestio-compose.json"));
    expect(web.config?.rules).toEqual({ "literal-secret": "error" });
    // No merging: the nearer file replaces the outer one entirely.
    const api = finder.find(join(root, "apps/api/compose.yml"));
    expect(api).toStrictEqual({ config: { file: join(root, "apps/api/.elestio-compose.json"), rules: { "literal-secret": "off" } }, problems: [], shownAs: join("apps", "api", ".elestio-compose.json") });
  });

  it("in one folder, .elestio-compose.json before package.json", () => {
    const root = tree({ ".git/": "", ".elestio-compose.json": config({ "literal-secret": "error" }), "package.json": JSON.stringify({ name: "app", elestio: { rules: { "literal-secret": "off" } } }) });
    expect(finderIn(root).find(join(root, "docker-compose.yml")).config?.file).toBe(join(root, ".elestio-compose.json"));
  });

  it("package.json's \"elestio\" key, its problems named after the key", () => {
    const root = tree({ ".git/": "", "package.json": JSON.stringify({ name: "app", elestio: { rules: { "literal-secret": "eror" } } }) });
    const found = finderIn(root).find(join(root, "docker-compose.yml"));
    expect(found).toStrictEqual({
      config: { file: join(root, "package.json"), rules: {} },
      problems: ['rule "literal-secret" takes off, hint, info, warning or error, not "eror" (did you mean "error"?)'],
      shownAs: 'package.json ("elestio")',
    });
    expect(describeProblems(found)).toBe('package.json ("elestio"): rule "literal-secret" takes off, hint, info, warning or error, not "eror" (did you mean "error"?)');
  });

  it("package.json's \"elestio\" key that is not an object", () => {
    const root = tree({ ".git/": "", "package.json": JSON.stringify({ name: "app", elestio: "strict" }) });
    expect(finderIn(root).find(join(root, "docker-compose.yml"))).toStrictEqual({
      config: { file: join(root, "package.json") },
      shownAs: 'package.json ("elestio")',
      problems: ['expected an object such as {"rules": {"no-container-name": "warning"}}'],
    });
  });

  it.each([
    // Most package.json files configure npm only: the search goes on upward.
    ["without the \"elestio\" key", JSON.stringify({ name: "web", scripts: { start: "node ." } })],
    // A broken package.json is npm's to report, not ours: it is passed over.
    ["that is not valid JSON", '{"name": "web",}'],
    ["that is a list", "[]"],
  ])("a package.json %s is passed over for the one above", (_name, packageJson) => {
    const root = tree({ ".git/": "", ".elestio-compose.json": config({ "literal-secret": "error" }), "apps/web/package.json": packageJson });
    const found = finderIn(root).find(join(root, "apps/web/docker-compose.yml"));
    expect(found.config?.file).toBe(join(root, ".elestio-compose.json"));
    expect(found.problems).toEqual([]);
  });

  it("a folder that happens to be called .elestio-compose.json is no configuration", () => {
    const root = tree({ ".git/": "", ".elestio-compose.json": config({ "literal-secret": "error" }), "apps/.elestio-compose.json/": "" });
    expect(finderIn(root).find(join(root, "apps/docker-compose.yml")).config?.file).toBe(join(root, ".elestio-compose.json"));
  });

  it.each([
    ["a .git folder (a checkout)", "repo/.git/"],
    ["a .git file (a worktree or submodule)", "repo/.git"],
  ])("the search stops at %s: a configuration outside the checkout does not apply", (_name, gitPath) => {
    const outer = tree({ ".elestio-compose.json": config({ "literal-secret": "error" }), [gitPath]: "gitdir: /elsewhere/.git/worktrees/repo\n", "repo/apps/docker-compose.yml": "services: {}\n" });
    const finder = finderIn(outer);
    expect(finder.find(join(outer, "repo/apps/docker-compose.yml"))).toStrictEqual({ problems: [] });
    // The checkout's own root is still searched.
    writeFileSync(join(outer, "repo/.elestio-compose.json"), config({ "literal-secret": "hint" }));
    expect(finder.find(join(outer, "repo/apps/docker-compose.yml")).config?.rules).toEqual({ "literal-secret": "hint" });
  });

  it("outside any checkout the search goes up to the filesystem root", () => {
    // The temp folder has no .git above it (nor a configuration).
    const outer = tree({ ".elestio-compose.json": config({ "literal-secret": "error" }), "a/b/c/": "" });
    const finder = finderIn(outer);
    expect(finder.find(join(outer, "a/b/c/docker-compose.yml")).config?.file).toBe(join(outer, ".elestio-compose.json"));
    const bare = tree({ "a/b/": "" });
    expect(finderIn(bare).find(join(bare, "a/b/docker-compose.yml"))).toStrictEqual({ problems: [] });
  });
});

describe("a long-running server sees edits to the configuration", () => {
  it("an edit, a new file nearer, a removal", () => {
    const root = tree({ ".git/": "", ".elestio-compose.json": '{"rules": {"literal-secret": "error"}}' });
    const finder = finderIn(root);
    const compose = join(root, "apps/docker-compose.yml");
    expect(finder.find(compose).config?.rules).toEqual({ "literal-secret": "error" });
    writeFileSync(join(root, ".elestio-compose.json"), '{"rules": {"literal-secret": "off"}}');
    expect(finder.find(compose).config?.rules).toEqual({ "literal-secret": "off" });
    mkdirSync(join(root, "apps"));
    writeFileSync(join(root, "apps/.elestio-compose.json"), '{"rules": {"literal-secret": "hint"}}');
    expect(finder.find(compose).config?.rules).toEqual({ "literal-secret": "hint" });
    rmSync(join(root, "apps/.elestio-compose.json"));
    expect(finder.find(compose).config?.rules).toEqual({ "literal-secret": "off" });
  });

  it("a file whose size and modification time did not change is not read again", () => {
    // What the cache promises: one read per configuration in a CLI run over many files.
    const root = tree({ ".git/": "", ".elestio-compose.json": '{"rules": {"literal-secret": "info"}}' });
    const file = join(root, ".elestio-compose.json");
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const finder = finderIn(root);
    const first = finder.find(join(root, "docker-compose.yml"));
    expect(first.config?.rules).toEqual({ "literal-secret": "info" });
    writeFileSync(file, '{"rules": {"literal-secret": "hint"}}');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(finder.find(join(root, "docker-compose.yml"))).toBe(first);
    // A new finder reads it.
    expect(finderIn(root).find(join(root, "docker-compose.yml")).config?.rules).toEqual({ "literal-secret": "hint" });
  });
});
