/**
 * Tokenizes YAML as VS Code does: its built-in YAML grammar (copied under
 * yaml/) with this extension's injection grammar, through vscode-textmate and
 * vscode-oniguruma, the libraries VS Code itself uses.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as oniguruma from "vscode-oniguruma";
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from "vscode-textmate";

const ROOT = join(__dirname, "../..");

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

export const contributedGrammars: GrammarContribution[] = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).contributes.grammars;

const YAML_GRAMMARS: Record<string, string> = {
  "source.yaml": "yaml.tmLanguage.json",
  "source.yaml.1.3": "yaml-1.3.tmLanguage.json",
  "source.yaml.1.2": "yaml-1.2.tmLanguage.json",
  "source.yaml.1.1": "yaml-1.1.tmLanguage.json",
  "source.yaml.1.0": "yaml-1.0.tmLanguage.json",
  "source.yaml.embedded": "yaml-embedded.tmLanguage.json",
};

let grammar: Promise<IGrammar> | undefined;

function yamlGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    await oniguruma.loadWASM(readFileSync(join(ROOT, "node_modules/vscode-oniguruma/release/onig.wasm")).buffer);
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: (scopeName) => {
        const contributed = contributedGrammars.find((entry) => entry.scopeName === scopeName);
        const path = contributed ? join(ROOT, contributed.path) : YAML_GRAMMARS[scopeName] && join(__dirname, "yaml", YAML_GRAMMARS[scopeName]);
        return Promise.resolve(path ? parseRawGrammar(readFileSync(path, "utf8"), path) : null);
      },
      getInjections: (scopeName) =>
        contributedGrammars.filter((entry) => entry.injectTo?.includes(scopeName)).map((entry) => entry.scopeName),
    });
    const loaded = await registry.loadGrammar("source.yaml");
    if (!loaded) throw new Error("source.yaml did not load");
    return loaded;
  })();
  return grammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Every line's tokens, the state carried from line to line as in the editor. */
export async function tokenize(text: string): Promise<Token[][]> {
  const loaded = await yamlGrammar();
  let state: StateStack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = loaded.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

/**
 * A line as [text, the compose scopes of that text]: the YAML grammar's own
 * scopes left out, adjacent tokens with the same compose scopes merged. Only
 * the value part of the line (from `from`) is kept.
 */
export function composeScopes(tokens: Token[], from = 0): [string, string][] {
  const out: [string, string][] = [];
  let offset = 0;
  for (const token of tokens) {
    const start = offset;
    offset += token.text.length;
    if (start < from) continue;
    const scopes = token.scopes.filter((scope) => scope.endsWith(".compose")).join(" ");
    const last = out[out.length - 1];
    if (last && last[1] === scopes) last[0] += token.text;
    else out.push([token.text, scopes]);
  }
  return out;
}
