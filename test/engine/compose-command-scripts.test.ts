/**
 * compose/commandScripts.ts: the words of a service's healthcheck test,
 * command and entrypoint, each with whether a shell reads it as its script
 * (`[place, shell, plainInFlow, span]`, spans as
 * `line:column-endLine:endColumn text`).
 */
import { describe, expect, it } from "vitest";
import { serviceCommandWords } from "../../server/src/engine/compose/commandScripts.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { spanText } from "../helpers/spans.js";

const service = (body: string) => `services:\n  db:\n    image: mysql\n${body}`;

function words(code: string) {
  const model = parseCompose(code);
  return serviceCommandWords(model, model.services[0]).map((w) => [w.place, w.shell, w.plainInFlow, spanText(model, w.word.textSpan)]);
}

describe("serviceCommandWords", () => {
  it.each([
    {
      name: "a string test: compose runs it with CMD-SHELL",
      code: service("    healthcheck:\n      test: mysqladmin ping -padmin\n"),
      expected: [["healthcheck", true, false, "5:13-5:36 mysqladmin ping -padmin"]],
    },
    {
      name: "CMD-SHELL: its script",
      code: service('    healthcheck:\n      test: ["CMD-SHELL", "mysqladmin ping -padmin"]\n'),
      expected: [
        ["healthcheck", false, false, '5:14-5:25 "CMD-SHELL"'],
        ["healthcheck", true, false, '5:27-5:52 "mysqladmin ping -padmin"'],
      ],
    },
    {
      name: "CMD without a shell: no script",
      code: service('    healthcheck:\n      test: ["CMD", "mysqladmin", "-padmin"]\n'),
      expected: [
        ["healthcheck", false, false, '5:14-5:19 "CMD"'],
        ["healthcheck", false, false, '5:21-5:33 "mysqladmin"'],
        ["healthcheck", false, false, '5:35-5:44 "-padmin"'],
      ],
    },
    {
      name: "CMD with sh -c: the script; plain words in a flow list",
      code: service("    healthcheck:\n      test: [CMD, sh, -c, mysqladmin ping]\n"),
      expected: [
        ["healthcheck", false, true, "5:14-5:17 CMD"],
        ["healthcheck", false, true, "5:19-5:21 sh"],
        ["healthcheck", false, true, "5:23-5:25 -c"],
        ["healthcheck", true, true, "5:27-5:42 mysqladmin ping"],
      ],
    },
    {
      name: "a list first word that is not CMD: compose refuses the test, no shell reads it",
      code: service("    healthcheck:\n      test: [cmd, sh, -c, mysqladmin ping]\n"),
      expected: [
        ["healthcheck", false, true, "5:14-5:17 cmd"],
        ["healthcheck", false, true, "5:19-5:21 sh"],
        ["healthcheck", false, true, "5:23-5:25 -c"],
        ["healthcheck", false, true, "5:27-5:42 mysqladmin ping"],
      ],
    },
    {
      name: "a list command with bash -lc; a string entrypoint is split by compose, no shell",
      code: service('    command:\n      - bash\n      - -lc\n      - "redis-server --requirepass x"\n    entrypoint: sh -c "echo x"\n'),
      expected: [
        ["command", false, false, "5:9-5:13 bash"],
        ["command", false, false, "6:9-6:12 -lc"],
        ["command", true, false, '7:9-7:39 "redis-server --requirepass x"'],
        ["entrypoint", false, false, '8:17-8:31 sh -c "echo x"'],
      ],
    },
    {
      name: "entrypoint [sh, -c]: the list command's first word is the script",
      code: service("    entrypoint: [/bin/sh, -c]\n    command:\n      - mysqld --skip-grant\n      - arg0\n"),
      expected: [
        ["command", true, false, "6:9-6:28 mysqld --skip-grant"],
        ["command", false, false, "7:9-7:13 arg0"],
        ["entrypoint", false, true, "4:18-4:25 /bin/sh"],
        ["entrypoint", false, true, "4:27-4:29 -c"],
      ],
    },
    {
      name: "a shell running a script file: no -c, no script, even with a -c... argument of the script's",
      code: service("    command: [sh, ./start.sh, -config=/etc/app.yml, --verbose]\n"),
      expected: [
        ["command", false, true, "4:15-4:17 sh"],
        ["command", false, true, "4:19-4:29 ./start.sh"],
        ["command", false, true, "4:31-4:51 -config=/etc/app.yml"],
        ["command", false, true, "4:53-4:62 --verbose"],
      ],
    },
    {
      name: "bash --login -c: the word after -c, not after the first option",
      code: service("    command: [bash, --login, -c, mysqld --skip-grant]\n"),
      expected: [
        ["command", false, true, "4:15-4:19 bash"],
        ["command", false, true, "4:21-4:28 --login"],
        ["command", false, true, "4:30-4:32 -c"],
        ["command", true, true, "4:34-4:53 mysqld --skip-grant"],
      ],
    },
    {
      name: "-c of a program that is no shell (python3 -c) is not a shell's script",
      code: service("    command: [python3, -c, print(1)]\n"),
      expected: [
        ["command", false, true, "4:15-4:22 python3"],
        ["command", false, true, "4:24-4:26 -c"],
        ["command", false, true, "4:28-4:36 print(1)"],
      ],
    },
    {
      name: "entrypoint [sh, -c, <script>]: the list command's words are its arguments, not a script",
      code: service("    entrypoint: [/bin/sh, -c, exec mysqld \"$$@\"]\n    command: [--skip-grant]\n"),
      expected: [
        ["command", false, true, "5:15-5:27 --skip-grant"],
        ["entrypoint", false, true, "4:18-4:25 /bin/sh"],
        ["entrypoint", false, true, "4:27-4:29 -c"],
        ["entrypoint", true, true, '4:31-4:48 exec mysqld "$$@"'],
      ],
    },
    {
      name: "a program whose name ends like a shell's (docker-entrypoint.sh) runs no script after -c",
      code: service("    command: [docker-entrypoint.sh, -c, /etc/app.conf]\n"),
      expected: [
        ["command", false, true, "4:15-4:35 docker-entrypoint.sh"],
        ["command", false, true, "4:37-4:39 -c"],
        ["command", false, true, "4:41-4:54 /etc/app.conf"],
      ],
    },
    {
      name: "a program whose name starts like a shell's (dashboard) runs no script after -c",
      code: service("    command: [dashboard, -c, config.yml]\n"),
      expected: [
        ["command", false, true, "4:15-4:24 dashboard"],
        ["command", false, true, "4:26-4:28 -c"],
        ["command", false, true, "4:30-4:40 config.yml"],
      ],
    },
    {
      name: "bash -ce: letters after the c are more flags, the next word is the script",
      code: service("    command: [bash, -ce, mysqld --skip-grant]\n"),
      expected: [
        ["command", false, true, "4:15-4:19 bash"],
        ["command", false, true, "4:21-4:24 -ce"],
        ["command", true, true, "4:26-4:45 mysqld --skip-grant"],
      ],
    },
    {
      name: "bash --norc -c: a long option holding a c is not the -c flag",
      code: service("    command: [bash, --norc, -c, mysqld --skip-grant]\n"),
      expected: [
        ["command", false, true, "4:15-4:19 bash"],
        ["command", false, true, "4:21-4:27 --norc"],
        ["command", false, true, "4:29-4:31 -c"],
        ["command", true, true, "4:33-4:52 mysqld --skip-grant"],
      ],
    },
    {
      name: "sh -c1: not the -c flag (the shell refuses the option), so no script",
      code: service("    command: [sh, -c1, mysqld]\n"),
      expected: [
        ["command", false, true, "4:15-4:17 sh"],
        ["command", false, true, "4:19-4:22 -c1"],
        ["command", false, true, "4:24-4:30 mysqld"],
      ],
    },
    {
      name: "a string command, even sh -c, is no shell's script",
      code: service("    command: sh -c 'mysqld -padmin'\n"),
      expected: [["command", false, false, "4:14-4:36 sh -c 'mysqld -padmin'"]],
    },
    {
      name: "no command line",
      code: service(""),
      expected: [],
    },
    {
      name: "empty values (compose's default command): no words",
      code: service("    command:\n    entrypoint: ~\n"),
      expected: [],
    },
  ])("$name", ({ code, expected }) => {
    expect(words(code)).toEqual(expected);
  });
});
