import { describe, expect, it } from "vitest";
import { composeScopes, contributedGrammars, tokenize } from "./tokenize.js";

const I = "meta.interpolation.compose";
const BEGIN = `${I} punctuation.definition.variable.begin.compose`;
const END = `${I} punctuation.definition.variable.end.compose`;
const NAME = `${I} variable.other.compose`;
const OP = `${I} keyword.operator.expansion.compose`;
const DOLLAR = `${I} punctuation.definition.variable.compose`;
const ESCAPE = "constant.character.escape.dollar.compose";
const NESTED = (scopes: string) => scopes.replace(I, `${I} ${I}`);

/** The compose scopes of `line` (0-based) from where `from` starts in it. */
async function scopesOf(yaml: string, line: number, from: string): Promise<[string, string][]> {
  const lines = await tokenize(yaml);
  const text = yaml.split("\n")[line];
  expect(text.includes(from), `line ${line} holds ${from}`).toBe(true);
  return composeScopes(lines[line], text.indexOf(from));
}

describe("compose interpolation grammar (injected into VS Code's YAML grammar)", () => {
  it("is contributed as an injection into source.yaml, the grammar of both yaml and dockercompose documents", () => {
    expect(contributedGrammars).toEqual([
      {
        scopeName: "elestio.compose.interpolation.injection",
        path: "./syntaxes/compose-interpolation.injection.tmLanguage.json",
        injectTo: ["source.yaml"],
      },
    ]);
  });

  it("${VAR:-default} in a double-quoted value", async () => {
    const yaml = 'services:\n  web:\n    image: "nginx:${TAG:-1.27}"\n';
    expect(await scopesOf(yaml, 2, '"')).toEqual([
      ['"nginx:', ""],
      ["${", BEGIN],
      ["TAG", NAME],
      [":-", OP],
      ["1.27", I],
      ["}", END],
      ['"', ""],
    ]);
  });

  it("$VAR, $$ and ${VAR:?error} in a plain value", async () => {
    const yaml = "services:\n  web:\n    command: echo $HOME $$PATH ${API_KEY:?set it in the dashboard}\n";
    expect(await scopesOf(yaml, 2, "echo")).toEqual([
      ["echo ", ""],
      ["$", DOLLAR],
      ["HOME", NAME],
      [" ", ""],
      ["$$", ESCAPE],
      ["PATH ", ""],
      ["${", BEGIN],
      ["API_KEY", NAME],
      [":?", OP],
      ["set it in the dashboard", I],
      ["}", END],
    ]);
  });

  it("the other operators: ${VAR-d}, ${VAR?e}, ${VAR:+a}, ${VAR+a}, and a nested default", async () => {
    const yaml = "x-vars: '${A-d} ${B?e} ${C:+a} ${D+a} ${E:-${F}}'\n";
    expect(await scopesOf(yaml, 0, "'")).toEqual([
      ["'", ""],
      ["${", BEGIN], ["A", NAME], ["-", OP], ["d", I], ["}", END], [" ", ""],
      ["${", BEGIN], ["B", NAME], ["?", OP], ["e", I], ["}", END], [" ", ""],
      ["${", BEGIN], ["C", NAME], [":+", OP], ["a", I], ["}", END], [" ", ""],
      ["${", BEGIN], ["D", NAME], ["+", OP], ["a", I], ["}", END], [" ", ""],
      ["${", BEGIN], ["E", NAME], [":-", OP],
      ["${", NESTED(BEGIN)], ["F", NESTED(NAME)], ["}", NESTED(END)],
      ["}", END],
      ["'", ""],
    ]);
  });

  it("$$ escapes the dollar: $${VAR} and $$VAR are no variables (the guide's healthcheck)", async () => {
    const yaml = 'services:\n  db:\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $${POSTGRES_DB}"]\n';
    expect(await scopesOf(yaml, 3, '"pg_isready')).toEqual([
      ['"pg_isready -U ', ""],
      ["$$", ESCAPE],
      ["POSTGRES_USER -d ", ""],
      ["$$", ESCAPE],
      ['{POSTGRES_DB}"]', ""],
    ]);
  });

  it("in a list item and in a block scalar", async () => {
    const yaml = "services:\n  web:\n    environment:\n      - DATABASE_URL=postgres://${DB_USER}@db/app\n    entrypoint: |\n      exec gunicorn --bind 0.0.0.0:$PORT\n";
    expect(await scopesOf(yaml, 3, "DATABASE_URL")).toEqual([
      ["DATABASE_URL=postgres://", ""],
      ["${", BEGIN],
      ["DB_USER", NAME],
      ["}", END],
      ["@db/app", ""],
    ]);
    expect(await scopesOf(yaml, 5, "exec")).toEqual([
      ["exec gunicorn --bind 0.0.0.0:", ""],
      ["$", DOLLAR],
      ["PORT", NAME],
    ]);
  });

  it("leaves comments, keys and dollars that are no variables alone", async () => {
    const yaml = "# ${NOT_A_VARIABLE}\nx-${KEY}: costs 5$ or $1 or $-x\n";
    const lines = await tokenize(yaml);
    expect(composeScopes(lines[0])).toEqual([["# ${NOT_A_VARIABLE}", ""]]);
    expect(composeScopes(lines[1])).toEqual([["x-${KEY}: costs 5$ or $1 or $-x", ""]]);
  });

  it("an unclosed ${ ends with its line: the next lines are YAML as before", async () => {
    const yaml = 'image: "app:${TAG"\nports:\n  - "8000:8000"\n';
    const lines = await tokenize(yaml);
    expect(composeScopes(lines[0], 7)).toEqual([
      ['"app:', ""],
      ["${", BEGIN],
      ["TAG", NAME],
      ['"', I],
    ]);
    const key = lines[1].find((token) => token.text === "ports");
    expect(key?.scopes).toContain("entity.name.tag.yaml");
    expect(composeScopes(lines[2])).toEqual([['  - "8000:8000"', ""]]);
  });
});
