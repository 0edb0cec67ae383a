/**
 * The words of a service's command lines (`command`, `entrypoint`, the
 * healthcheck's `test`), each with whether a shell reads it as its script,
 * so that a rule can tell where `$${VAR}` reaches a shell that expands it.
 * A shell reads: the word after `-c` in a list `[sh, -c, <script>]` (`bash
 * -lc`, `/bin/ash -c`, ...); the first word of a list `command` when
 * `entrypoint` is exactly `[sh, -c]`; a healthcheck test written as a string
 * (compose runs it as `CMD-SHELL`), the script of `["CMD-SHELL", <script>]`,
 * and `["CMD", "sh", "-c", <script>]`. A string `command` or `entrypoint` is
 * split into words by compose, without a shell: `sh -c "..."` written so has
 * its quotes taken by compose's splitting, not by the shell, and counts as no
 * shell here.
 */
import { serviceCommand, shellScriptIndex, type CommandValue, type CommandWord } from "./commands.js";
import { serviceHealthcheck } from "./healthcheck.js";
import { serviceModelFact, type ComposeModel, type Service } from "./model.js";

export type CommandPlace = "command" | "entrypoint" | "healthcheck";

export interface CommandScriptWord {
  /** The key the word is written under. */
  place: CommandPlace;
  word: CommandWord;
  /** Whether a shell reads the word as its script (see the module's comment). */
  shell: boolean;
  /** A plain scalar in a flow collection, where `{`, `}` and `,` need quotes. */
  plainInFlow: boolean;
}

function wordsOf(place: CommandPlace, value: Pick<CommandValue, "words" | "flow"> | undefined, script: number): CommandScriptWord[] {
  if (!value) return [];
  return value.words.map((word, index) => ({ place, word, shell: index === script, plainInFlow: word.plain && value.flow }));
}

/** The words of the service's healthcheck test, command and entrypoint, in that order (computed once per parse: treat as read-only). */
export function serviceCommandWords(model: ComposeModel, service: Service): readonly CommandScriptWord[] {
  return serviceModelFact(model, service, readCommandWords);
}

function readCommandWords(model: ComposeModel, service: Service): CommandScriptWord[] {
  const words: CommandScriptWord[] = [];
  const test = serviceHealthcheck(model, service).test;
  if (test) {
    const texts = test.words.map((w) => w.text ?? "");
    let script = -1;
    if (test.form === "string" || test.form === "CMD-SHELL") script = test.form === "string" ? 0 : 1;
    else if (test.form === "CMD") {
      const index = shellScriptIndex(texts.slice(1));
      script = index < 0 ? -1 : index + 1;
    }
    words.push(...wordsOf("healthcheck", test, script));
  }
  const command = serviceCommand(service, "command");
  const entrypoint = serviceCommand(service, "entrypoint");
  const entrypointTexts = entrypoint?.form === "list" ? entrypoint.words.map((w) => w.text ?? "") : [];
  const entrypointScript = shellScriptIndex(entrypointTexts);
  // `entrypoint: [sh, -c]`: the script is past the entrypoint's last word, the command's first.
  const commandScript = command?.form !== "list" ? -1 : entrypointScript === entrypointTexts.length ? 0 : shellScriptIndex(command.words.map((w) => w.text ?? ""));
  words.push(...wordsOf("command", command, commandScript));
  words.push(...wordsOf("entrypoint", entrypoint, entrypointScript));
  return words;
}
