import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { healthcheckExecShell, shellSyntax } from "../../server/src/engine/rules/healthcheck-exec-shell.js";
import { testRule } from "./rule-tester.js";

/** A service `web` whose healthcheck test is `test` (one line, or block lines indented under `test:`). */
const web = (test: string, extra = "") => `services:\n  web:\n    image: app\n${extra}    healthcheck:\n      test: ${test}\n      interval: 5s\n`;

testRule(healthcheckExecShell, {
  valid: [
    { name: "CMD-SHELL", code: web('["CMD-SHELL", "curl -f http://localhost/ || exit 1"]') },
    { name: "the string form runs a shell", code: web("curl -f http://localhost/ || exit 1") },
    { name: "plain exec form", code: web('["CMD", "curl", "-f", "http://localhost:8000/health/"]') },
    { name: "an explicit shell (supabase's realtime check)", code: web('["CMD", "bash", "-c", "printf \\\\0 > /dev/tcp/localhost/4000"]') },
    { name: "a script in the program's own language", code: web(`["CMD", "node", "-e", "fetch('http://localhost/').then((r) => process.exit(r.ok ? 0 : 1)) || 1"]`) },
    { name: "compose substitutes a variable the service does not set", code: web('["CMD", "curl", "-f", "http://localhost:${PORT:-8000}/"]') },
    { name: "a pass-through variable has the same value either way", code: web('["CMD", "pg_isready", "-U", "$POSTGRES_USER"]', "    environment:\n      - POSTGRES_USER=${POSTGRES_USER}\n") },
    { name: "an alternation without spaces is a pattern", code: web('["CMD", "grep", "-qE", "ok|ready", "/tmp/status"]') },
    { name: "NONE", code: web('["NONE"]') },
    { name: "-c among other flags (sh -ceu) is still a shell's script", code: web('["CMD", "sh", "-ceu", "curl -f http://localhost/ || exit 1"]') },
    { name: "a flag of one letter before its script's (node -pe) is a script flag too", code: web(`["CMD", "node", "-pe", "require('fs').existsSync('/tmp/ready') || process.exit(1)"]`) },
    { name: "SQL ending in a semicolon, sqlite3's argument: no operator", code: web('["CMD", "sqlite3", "/data/app.db", "PRAGMA quick_check;"]') },
    { name: "an XML tag grep looks for is no redirection", code: web('["CMD", "grep", "-q", "<status>ok</status>", "/tmp/health.xml"]') },
  ],
  invalid: [
    {
      name: "latigue 63c0d4f: curl -f ... || exit 1 in exec form",
      code: web('["CMD", "curl", "-f", "http://localhost:8000/health/", "||", "exit", "1"] # liveness'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 86, fixOutput: "services:\n  web:\n    image: app\n    healthcheck:\n      test: [\"CMD-SHELL\", \"curl -f http://localhost:8000/health/ || exit 1\"] # liveness\n      interval: 5s\n", messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "||" is just an argument to curl. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "curl -f http://localhost:8000/health/ || exit 1"] # liveness'),
    },
    {
      name: "sha256sum -c checks sums: a name that starts like sh is no shell",
      code: web('["CMD", "sha256sum", "-c", "/data/SHA256SUMS", "||", "exit", "1"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 78, messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "||" is just an argument to sha256sum. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "sha256sum -c /data/SHA256SUMS || exit 1"]'),
    },
    {
      name: "a script whose name ends in sh is no shell: its -c is its own option",
      code: web('["CMD", "/docker-healthcheck.sh", "-c", "/etc/app.conf", "||", "exit", "1"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 88, messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "||" is just an argument to /docker-healthcheck.sh. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "/docker-healthcheck.sh -c /etc/app.conf || exit 1"]'),
    },
    {
      name: "bash running a script file: --norc is no -c",
      code: web('["CMD", "bash", "--norc", "/healthcheck.sh", "||", "exit", "1"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 76, messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "||" is just an argument to bash. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "bash --norc /healthcheck.sh || exit 1"]'),
    },
    {
      name: "block list: the first two items rewritten, the others removed",
      code: web('\n        - CMD\n        - curl\n        - -f\n        - http://localhost/ # the app\n        - "||"\n        - exit\n        - "1"'),
      errors: [{ line: 6, column: 9, endLine: 12, endColumn: 14, messageId: "operator" }],
      output: web("\n        - CMD-SHELL\n        - curl -f http://localhost/ || exit 1"),
    },
    {
      name: "a whole command in one argument",
      code: web('["CMD", "curl", "-sf http://localhost/ || exit 1"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 63, messageId: "wholeCommand", message: 'Healthcheck of "web": CMD has no shell; "-sf http://localhost/ || exit 1" is one argument. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "curl -sf http://localhost/ || exit 1"]'),
    },
    {
      name: "a program name with spaces",
      code: web('[ "CMD", "pg_isready -U postgres" ]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 48, messageId: "programName", message: 'Healthcheck of "web": CMD looks for a program called "pg_isready -U postgres". Use CMD-SHELL.' }],
      output: web('[ "CMD-SHELL", "pg_isready -U postgres" ]'),
    },
    {
      name: "a container variable: the shell must expand it, so it becomes $$VAR",
      code: web('["CMD", "pg_isready", "-U", "$POSTGRES_USER"]', "    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n"),
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 58, messageId: "containerVariable", message: 'Healthcheck of "web": compose replaces $POSTGRES_USER on deploy, usually by nothing. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "pg_isready -U $$POSTGRES_USER"]', "    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n"),
    },
    {
      name: "an escaped variable reaches the program as literal text",
      code: web('["CMD", "pg_isready", "-U", "$${POSTGRES_USER}", "-d", "$$POSTGRES_DB"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 84, messageId: "escapedVariable", message: 'Healthcheck of "web": CMD has no shell; pg_isready gets "${POSTGRES_USER}" unexpanded. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "pg_isready -U $${POSTGRES_USER} -d $$POSTGRES_DB"]'),
    },
    {
      name: "arguments quoted for the shell, operators bare, other variables left to compose",
      code: web('["CMD", "wget", "-qO-", "http://localhost:${PORT}/?a=1&b=2", "|", "grep", "-q", "it\'s ok", "2>/dev/null"]', "    environment:\n      - PORT=3000\n"),
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 118, messageId: "containerVariable", message: 'Healthcheck of "web": compose replaces ${PORT} on deploy, usually by nothing. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "wget -qO- \\"http://localhost:$${PORT}/?a=1&b=2\\" | grep -q \'it\'\\\\\'\'s ok\' 2>/dev/null"]', "    environment:\n      - PORT=3000\n"),
    },
    {
      name: "single-quoted items stay single-quoted",
      code: web("['CMD', 'curl', '-f', 'http://localhost/', '>', '/dev/null']"),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 73, messageId: "operator" }],
      output: web("['CMD-SHELL', 'curl -f http://localhost/ > /dev/null']"),
    },
    {
      name: "plain flow items stay plain",
      code: web('[CMD, curl, -f, http://localhost/, "&&", echo, ok]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 63, messageId: "operator" }],
      output: web("[CMD-SHELL, curl -f http://localhost/ && echo ok]"),
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: 'x-hc: &hc\n  test: ["CMD", "curl", "-f", "http://localhost/", ";", "true"]\n  interval: 5s\nservices:\n  a:\n    image: app\n    healthcheck:\n      <<: *hc\n  b:\n    image: app\n    healthcheck:\n      <<: *hc\n',
      errors: [{ line: 2, column: 9, endLine: 2, endColumn: 64, messageId: "operator" }],
      output: 'x-hc: &hc\n  test: ["CMD-SHELL", "curl -f http://localhost/ ; true"]\n  interval: 5s\nservices:\n  a:\n    image: app\n    healthcheck:\n      <<: *hc\n  b:\n    image: app\n    healthcheck:\n      <<: *hc\n',
    },
    {
      name: "CRLF block list",
      code: "services:\r\n  web:\r\n    image: app\r\n    healthcheck:\r\n      test:\r\n        - CMD\r\n        - curl\r\n        - http://localhost/\r\n        - '||'\r\n        - exit\r\n        - '1'\r\n      retries: 3\r\n",
      errors: [{ line: 6, column: 9, endLine: 11, endColumn: 14, messageId: "operator" }],
      output: "services:\r\n  web:\r\n    image: app\r\n    healthcheck:\r\n      test:\r\n        - CMD-SHELL\r\n        - curl http://localhost/ || exit 1\r\n      retries: 3\r\n",
    },
    {
      name: "long names and a 40-character command: the messages still fit",
      code: 'services:\n  web-frontend-01:\n    image: postgres\n    healthcheck:\n      test: ["CMD", "pg_isready -U postgres -d app_production"]\n  cache-replica-01:\n    image: redis\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping", "2>/dev/null"]\n',
      errors: [
        { line: 5, column: 13, endLine: 5, endColumn: 64, messageId: "programName", message: 'Healthcheck of "web-frontend-01": CMD looks for a program called "pg_isready -U postgres -d app_p…". Use CMD-SHELL.' },
        { line: 9, column: 13, endLine: 9, endColumn: 56, messageId: "operator", message: 'Healthcheck of "cache-replica-01": CMD has no shell; "2>/dev/null" is just an argument to redis-cli. Use CMD-SHELL.' },
      ],
      output: 'services:\n  web-frontend-01:\n    image: postgres\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres -d app_production"]\n  cache-replica-01:\n    image: redis\n    healthcheck:\n      test: ["CMD-SHELL", "redis-cli ping 2>/dev/null"]\n',
    },
    {
      // -uroot is no script flag (-u's value glued to it): the password after it is still looked at.
      name: "mysqladmin -uroot -p$$MYSQL_ROOT_PASSWORD: the password reaches mysqladmin unexpanded",
      code: web('["CMD", "mysqladmin", "ping", "-h", "localhost", "-uroot", "-p$$MYSQL_ROOT_PASSWORD"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 98, messageId: "escapedVariable", message: 'Healthcheck of "web": CMD has no shell; mysqladmin gets "$MYSQL_ROOT_PASSWORD" unexpanded. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "mysqladmin ping -h localhost -uroot -p$$MYSQL_ROOT_PASSWORD"]'),
    },
    {
      // A host name ending in -ce is no script flag: the operator after it counts.
      name: "getent hosts gitlab-ce || exit 1",
      code: web('["CMD", "getent", "hosts", "gitlab-ce", "||", "exit", "1"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 71, messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "||" is just an argument to getent. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "getent hosts gitlab-ce || exit 1"]'),
    },
    {
      // --eval= inside the program's name is no inline script of an argument.
      name: "a whole mongosh command as the program",
      code: web(`["CMD", "mongosh --quiet --eval=db.adminCommand('ping')"]`),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 70, messageId: "programName" }],
      output: web(`["CMD-SHELL", "mongosh --quiet --eval=db.adminCommand('ping')"]`),
    },
    {
      name: "2> on its own, then the file",
      code: web('["CMD", "redis-cli", "ping", "2>", "/dev/null"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 60, messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "2>" is just an argument to redis-cli. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "redis-cli ping 2> /dev/null"]'),
    },
    {
      // Each redirection stays bare in the fix: quoted, it would be an argument again.
      name: "&> and >&2: bash's redirections, each an operator",
      code: web('["CMD", "curl", "-sf", "http://localhost/", "&>", "/dev/null", "||", "echo", "down", ">&2"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 104, messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "&>" is just an argument to curl. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "curl -sf http://localhost/ &> /dev/null || echo down >&2"]'),
    },
    {
      name: "2>&1 then a pipe: pg_isready's output grepped",
      code: web('["CMD", "pg_isready", "-U", "postgres", "2>&1", "|", "grep", "-q", "accepting"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 92, messageId: "operator", message: 'Healthcheck of "web": CMD has no shell; "2>&1" is just an argument to pg_isready. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "pg_isready -U postgres 2>&1 | grep -q accepting"]'),
    },
    {
      name: "$$(hostname): a command substitution reaches curl as text",
      code: web('["CMD", "curl", "-f", "http://$$(hostname):8080/health"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 69, messageId: "escapedVariable", message: 'Healthcheck of "web": CMD has no shell; curl gets "$(hostname)" unexpanded. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "curl -f \\"http://$$(hostname):8080/health\\""]'),
    },
    {
      name: "$$POSTGRES_USER alone: the whole name in the message",
      code: web('["CMD", "pg_isready", "-U", "$$POSTGRES_USER"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 59, messageId: "escapedVariable", message: 'Healthcheck of "web": CMD has no shell; pg_isready gets "$POSTGRES_USER" unexpanded. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "pg_isready -U $$POSTGRES_USER"]'),
    },
    {
      // Only the service's own variables are escaped for the shell: ${HOST:-localhost} stays compose's.
      name: "a container variable beside a variable compose substitutes",
      code: web('["CMD", "curl", "-f", "http://${HOST:-localhost}:$PORT/health"]', "    environment:\n      - PORT=3000\n"),
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 76, messageId: "containerVariable", message: 'Healthcheck of "web": compose replaces $PORT on deploy, usually by nothing. Use CMD-SHELL.' }],
      output: web('["CMD-SHELL", "curl -f http://${HOST:-localhost}:$$PORT/health"]', "    environment:\n      - PORT=3000\n"),
    },
    {
      // In double quotes for the shell (to keep $$STATUS expandable), the JSON's own quotes are escaped.
      name: "a JSON body with a variable: double-quoted for the shell, its quotes escaped",
      code: web("['CMD', 'curl', '-sf', '-d', '{\"status\":\"$$STATUS\"}', 'http://localhost/', '||', 'exit', '1']"),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 106, messageId: "escapedVariable" }],
      output: web("['CMD-SHELL', 'curl -sf -d \"{\\\"status\\\":\\\"$$STATUS\\\"}\" http://localhost/ || exit 1']"),
    },
    {
      // A comma would split a plain item of a flow list: the command is quoted.
      name: "plain flow items, a command with a comma",
      code: web('[CMD, curl, -f, "http://localhost/health?checks=db,cache", "||", exit, "1"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 88, messageId: "operator" }],
      output: web("[CMD-SHELL, \"curl -f 'http://localhost/health?checks=db,cache' || exit 1\"]"),
    },
    {
      // In a block list a comma is plain text: the command stays plain.
      name: "block list, a command with a comma",
      code: web('\n        - CMD\n        - curl\n        - -f\n        - "http://localhost/health?checks=db,cache"\n        - "||"\n        - exit\n        - "1"'),
      errors: [{ line: 6, column: 9, endLine: 12, endColumn: 14, messageId: "operator" }],
      output: web("\n        - CMD-SHELL\n        - curl -f 'http://localhost/health?checks=db,cache' || exit 1"),
    },
    {
      // Rewriting the alias would leave the anchored word elsewhere: no fix.
      name: "an alias among the items: no fix",
      code: 'x-curl: &curl curl\nservices:\n  web:\n    image: app\n    healthcheck:\n      test: ["CMD", *curl, "-f", "http://localhost/", "||", "exit", "1"]\n',
      errors: [{ line: 6, column: 13, endLine: 6, endColumn: 73, messageId: "operator", fixOutput: null }],
      output: null,
    },
    {
      // Deleting the anchored item's line would leave worker's alias without its anchor.
      name: "block list, an anchored item another service's alias names: no fix",
      code: "services:\n  web:\n    image: app\n    healthcheck:\n      test:\n        - CMD\n        - curl\n        - -f\n        - &url http://localhost/\n        - \"||\"\n        - exit\n        - \"1\"\n  worker:\n    image: app\n    healthcheck:\n      test: [\"CMD\", \"wget\", \"-q\", \"--spider\", *url]\n",
      errors: [{ line: 6, column: 9, endLine: 12, endColumn: 14, messageId: "operator", fixOutput: null }],
      output: null,
    },
    {
      name: "block list, an anchor whose name ends in a dash: no fix either",
      code: "services:\n  web:\n    image: app\n    healthcheck:\n      test:\n        - CMD\n        - curl\n        - &url- http://localhost/\n        - \"||\"\n        - exit 1\n  worker:\n    image: app\n    healthcheck:\n      test: [\"CMD\", \"wget\", \"-q\", \"--spider\", *url-]\n",
      errors: [{ line: 6, column: 9, endLine: 10, endColumn: 17, messageId: "operator", fixOutput: null }],
      output: null,
    },
    {
      name: "block list, items two spaces after their dash",
      code: web('\n        -  CMD\n        -  curl\n        -  http://localhost/\n        -  "||"\n        -  exit\n        -  "1"'),
      errors: [{ line: 6, column: 9, endLine: 11, endColumn: 15, messageId: "operator" }],
      output: web("\n        -  CMD-SHELL\n        -  curl http://localhost/ || exit 1"),
    },
    {
      name: "a dev file too (scope all)",
      pipeline: false,
      code: web('["CMD", "redis-cli", "ping", "|", "grep", "PONG"]'),
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 62, messageId: "operator" }],
      output: web('["CMD-SHELL", "redis-cli ping | grep PONG"]'),
    },
  ],
});

describe("the quick fix", () => {
  it("names the whole command it writes: the message leaves it out", () => {
    const text = web('["CMD", "curl", "-f", "http://localhost:8000/health/", "||", "exit", "1"]');
    const [finding] = lint(parseCompose(text), { isPipeline: true, rules: [healthcheckExecShell] });
    expect(finding.fix?.title).toEqual({
      en: 'Convert to ["CMD-SHELL", "curl -f http://localhost:8000/health/ || exit 1"]',
      fr: 'Convertir en ["CMD-SHELL", "curl -f http://localhost:8000/health/ || exit 1"]',
    });
  });
});

describe("shellSyntax", () => {
  it("finds operators, redirections, whole commands and variables, not scripts", () => {
    const none = new Set<string>();
    expect(shellSyntax(["curl", "-f", "x", "||", "exit", "1"], none)).toEqual([{ index: 3, kind: "operator", token: "||" }]);
    expect(shellSyntax(["curl", "x", ">/dev/null"], none).map((s) => s.kind)).toEqual(["operator"]);
    expect(shellSyntax(["curl", "x; echo done"], none).map((s) => s.kind)).toEqual(["command"]);
    expect(shellSyntax(["echo", "a b"], none)).toEqual([]);
    expect(shellSyntax(["psql", "-c", "select 1; select 2"], none)).toEqual([]);
    expect(shellSyntax(["mongosh", "--eval=db.a() || 1"], none)).toEqual([]);
    expect(shellSyntax(["/bin/sh", "-ec", "a || b"], none)).toEqual([]);
    expect(shellSyntax(["redis-cli", "-a", "${PASS}", "ping"], new Set(["PASS"]))).toEqual([{ index: 2, kind: "variable", token: "${PASS}" }]);
  });

  // One argument holding a whole command: each operator or redirection between words, at its start or at its end.
  it.each([
    { name: "an operator opening the argument", args: ["curl", "-f", "http://localhost/", "|| exit 1"] },
    { name: "&& between words", args: ["curl", "-sf http://localhost/ && echo ok"] },
    { name: "> between words", args: ["wget", "-qO- http://localhost/ > /dev/null"] },
    { name: "2> between words", args: ["curl", "-f http://localhost/ 2> /dev/null"] },
    { name: ">&2 ending the argument", args: ["curl", "-f http://localhost/ >&2"] },
    { name: "2>&1 ending the argument", args: ["curl", "-sf http://localhost/ 2>&1"] },
    { name: "&> between words", args: ["curl", "-sf http://localhost/ &> /dev/null"] },
    { name: "; then two spaces", args: ["curl", "-sf http://localhost/;  echo ok"] },
  ])("a whole command in one argument: $name", ({ args }) => {
    const index = args.length - 1;
    expect(shellSyntax(args, new Set())).toEqual([{ index, kind: "command", token: args[index] }]);
  });
});
