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
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 118, messageId: "containerVariable" }],
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
});
