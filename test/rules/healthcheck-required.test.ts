import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerfileHasHealthcheck } from "../../server/src/engine/compose/healthcheck.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { lint } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { healthcheckRequired } from "../../server/src/engine/rules/healthcheck-required.js";
import { applyEdits } from "../../server/src/engine/text.js";
import { testRule } from "./rule-tester.js";

const WEB = "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n";
const PG_HEALTHCHECK = [
  "    healthcheck:",
  '      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]',
  "      interval: 5s",
  "      timeout: 5s",
  "      retries: 5",
  "",
].join("\n");

testRule(healthcheckRequired, {
  valid: [
    { name: "the guide's db with pg_isready", code: `${WEB}  db:\n    image: postgres:15-alpine\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]\n` },
    { name: "short form waits for nothing", code: "services:\n  web:\n    image: app\n    depends_on:\n      - db\n  db:\n    image: postgres\n" },
    { name: "service_started", code: "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: postgres\n" },
    { name: "an undefined dependency is another problem", code: WEB },
    { name: "a build whose Dockerfile is not on disk is unknown", code: `${WEB}  db:\n    build: ./db\n` },
    {
      name: "a HEALTHCHECK in the Dockerfile",
      code: `${WEB}  db:\n    build: .\n`,
      files: { Dockerfile: "FROM python:3.12\n# check\nHEALTHCHECK --interval=5s \\\n  CMD curl -f http://localhost/ || exit 1\n" },
    },
    {
      name: "a HEALTHCHECK inherited from an earlier stage, with context and dockerfile",
      code: `${WEB}  db:\n    build:\n      context: ./db\n      dockerfile: docker/Dockerfile.prod\n`,
      files: { "db/docker/Dockerfile.prod": "FROM node:20 AS base\nHEALTHCHECK CMD node check.js\nFROM base AS app\nRUN npm ci\n" },
    },
    {
      name: "the build target's stage has one",
      code: `${WEB}  db:\n    build:\n      context: .\n      target: runtime\n`,
      files: { Dockerfile: "FROM alpine AS runtime\nHEALTHCHECK CMD true\nFROM alpine AS debug\n" },
    },
    { name: "a Dockerfile outside the root is not read", code: `${WEB}  db:\n    build: ../elsewhere\n`, files: {} },
    { name: "dockerfile_inline with a HEALTHCHECK", code: `${WEB}  db:\n    build:\n      dockerfile_inline: |\n        FROM redis\n        HEALTHCHECK CMD redis-cli ping\n` },
    { name: "timing options only: the image's test applies", code: `${WEB}  db:\n    image: some/db\n    healthcheck:\n      interval: 10s\n` },
    { name: "an optional dependency only logs a warning", code: "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n        required: false\n  db:\n    image: postgres\n" },
    { name: "a healthcheck merged from an anchor", code: `x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\n${WEB}  db:\n    <<: *hc\n    image: postgres\n` },
    { name: "a context from a variable with no default: its Dockerfile is not known", code: `${WEB}  db:\n    build: ./\${APP}\n`, files: { Dockerfile: "FROM alpine\n" } },
    { name: "a Dockerfile with a line separator (U+2028) in a label", code: `${WEB}  db:\n    build: .\n`, files: { Dockerfile: 'FROM alpine\nLABEL description="one\u2028two"\nHEALTHCHECK CMD true\n' } },
  ],
  invalid: [
    {
      // Found by the property tests: the parser's range of `deploy` ran over "# the cache", and the healthcheck went below it.
      name: "the healthcheck goes before the comment that introduces the next service",
      code: `${WEB}  db:\n    image: postgres:16\n    deploy:\n      placement:\n        constraints:\n          - node.role == manager\n          # pin it later\n\n  # the cache\n  cache:\n    image: redis\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: `${WEB}  db:\n    image: postgres:16\n    deploy:\n      placement:\n        constraints:\n          - node.role == manager\n          # pin it later\n${PG_HEALTHCHECK}\n  # the cache\n  cache:\n    image: redis\n`,
    },
    {
      name: "the guide's case: postgres without a healthcheck gets pg_isready, comments kept",
      code: "services:\n  web:\n    build: .\n    depends_on:\n      db: # wait for it\n        condition: service_healthy\n  db:\n    image: postgres:15-alpine # the database\n    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data:\n",
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck", log: "dependency failed to start: container <pipeline>-db-1 has no healthcheck configured", message: '"db" has no healthcheck, so "web", which waits for it to be healthy, never starts. Add one.' }],
      output: `services:\n  web:\n    build: .\n    depends_on:\n      db: # wait for it\n        condition: service_healthy\n  db:\n    image: postgres:15-alpine # the database\n    volumes:\n      - data:/var/lib/postgresql/data\n${PG_HEALTHCHECK}volumes:\n  data:\n`,
    },
    {
      name: "the container name follows the project name",
      code: `name: latigue\n${WEB}  db:\n    image: postgres\n`,
      errors: [{ line: 6, column: 7, endLine: 6, endColumn: 9, messageId: "noHealthcheck", log: "dependency failed to start: container latigue-db-1 has no healthcheck configured" }],
      output: `name: latigue\n${WEB}  db:\n    image: postgres\n${PG_HEALTHCHECK}`,
    },
    {
      name: "container_name names the container",
      code: `${WEB}  db:\n    image: postgres\n    container_name: latigue_db\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck", log: "dependency failed to start: container latigue_db has no healthcheck configured" }],
      output: `${WEB}  db:\n    image: postgres\n    container_name: latigue_db\n${PG_HEALTHCHECK}`,
    },
    {
      name: "on disk, the pipeline's project is still <pipeline>: the VM's folder, not the checkout's",
      code: `${WEB}  db:\n    image: alpine\n`,
      files: {},
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck", log: "dependency failed to start: container <pipeline>-db-1 has no healthcheck configured" }],
      output: null,
    },
    {
      name: "a local file's project is its folder (see below for the log)",
      pipeline: false,
      code: `${WEB}  db:\n    image: alpine\n`,
      files: {},
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: null,
    },
    {
      name: "without a file, a local file's project is <project>",
      pipeline: false,
      code: `${WEB}  db:\n    image: alpine\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck", log: "dependency failed to start: container <project>-db-1 has no healthcheck configured" }],
      output: null,
    },
    {
      name: "disable: true",
      code: `${WEB}  db:\n    image: postgres\n    healthcheck:\n      disable: true\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "disabled", message: '"db" disables its healthcheck, so "web", which waits for it, never starts. Enable it.' }],
      output: null,
    },
    {
      name: 'test: ["NONE"]',
      code: `${WEB}  db:\n    image: postgres\n    healthcheck:\n      test: ["NONE"]\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "disabled" }],
      output: null,
    },
    {
      name: "an empty healthcheck key: reported, not added twice",
      code: `${WEB}  db:\n    image: postgres\n    healthcheck:\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: null,
    },
    {
      name: "an image with no known check: reported, no fix",
      code: `${WEB}  db:\n    image: alpine\n    command: sh -c "exit 1"\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: null,
    },
    {
      name: "a Dockerfile without HEALTHCHECK",
      code: `${WEB}  db:\n    build: .\n`,
      files: { Dockerfile: "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n" },
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheckInDockerfile", message: '"db" and its Dockerfile have no healthcheck, so "web", waiting for it, never starts. Add one.' }],
      output: null,
    },
    {
      name: "long service names: the messages still fit",
      code: "services:\n  web-frontend-01:\n    image: app\n    depends_on:\n      postgres-primary:\n        condition: service_healthy\n      cache-replica-01:\n        condition: service_healthy\n  postgres-primary:\n    image: postgres\n    healthcheck:\n      disable: true\n  cache-replica-01:\n    build: .\n",
      files: { Dockerfile: "FROM redis:7\n" },
      errors: [
        { line: 5, column: 7, endLine: 5, endColumn: 23, messageId: "disabled", message: '"postgres-primary" disables its healthcheck, so "web-frontend-01", which waits for it, never starts. Enable it.' },
        { line: 7, column: 7, endLine: 7, endColumn: 23, messageId: "noHealthcheckInDockerfile", message: '"cache-replica-01" and its Dockerfile have no healthcheck, so "web-frontend-01", waiting for it, never starts. Add one.' },
      ],
      output: null,
    },
    {
      name: "the Dockerfile is read at context + dockerfile",
      code: `${WEB}  db:\n    build:\n      context: ./db\n      dockerfile: docker/Dockerfile.prod\n`,
      files: { "db/docker/Dockerfile.prod": "FROM node:20 AS base\nFROM base AS app\nRUN npm ci\n", Dockerfile: "FROM a\nHEALTHCHECK CMD true\n" },
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheckInDockerfile" }],
      output: null,
    },
    {
      name: "HEALTHCHECK NONE in the built stage",
      code: `${WEB}  db:\n    build: .\n`,
      files: { Dockerfile: "FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base\nHEALTHCHECK NONE\n" },
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheckInDockerfile" }],
      output: null,
    },
    {
      name: "dockerfile_inline without HEALTHCHECK",
      code: `${WEB}  db:\n    build:\n      dockerfile_inline: |\n        FROM redis\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheckInDockerfile" }],
      output: null,
    },
    {
      name: "healthcheck with no value in a flow map: reported, no second key added",
      code: `${WEB}  db: {image: postgres, healthcheck}\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: null,
    },
    {
      name: "flow style: reported inside the flow map; a flow service map gets no fix",
      code: "services:\n  web: {image: app, depends_on: {db: {condition: service_healthy}}}\n  db: {image: postgres}\n",
      errors: [{ line: 2, column: 34, endLine: 2, endColumn: 36, messageId: "noHealthcheck" }],
      output: null,
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-deps: &deps\n  depends_on:\n    cache:\n      condition: service_healthy\nservices:\n  a:\n    <<: *deps\n  b:\n    <<: *deps\n  cache:\n    image: redis:7\n",
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 10, messageId: "noHealthcheck" }],
      output: 'x-deps: &deps\n  depends_on:\n    cache:\n      condition: service_healthy\nservices:\n  a:\n    <<: *deps\n  b:\n    <<: *deps\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n',
    },
    {
      name: "two dependents of one database: two findings, one healthcheck added",
      code: "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  worker:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: mysql:8\n",
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck", fixOutput: "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  worker:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: mysql:8\n    healthcheck:\n      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"127.0.0.1\"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n" }, { line: 10, column: 7, endLine: 10, endColumn: 9, messageId: "noHealthcheck", fixOutput: "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  worker:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: mysql:8\n    healthcheck:\n      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"127.0.0.1\"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n" }],
      output: 'services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  worker:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: mysql:8\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n',
    },
    {
      name: "mariadb, at the file's end without a final line break",
      code: `${WEB}  db:\n    image: mariadb:11`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: `${WEB}  db:\n    image: mariadb:11\n    healthcheck:\n      test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n`,
    },
    {
      name: "mongo 4 has the legacy shell; four-space indentation",
      code: "services:\n    web:\n        image: app\n        depends_on:\n            db:\n                condition: service_healthy\n    db:\n        image: mongo:4.4\n",
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 15, messageId: "noHealthcheck" }],
      output: "services:\n    web:\n        image: app\n        depends_on:\n            db:\n                condition: service_healthy\n    db:\n        image: mongo:4.4\n        healthcheck:\n            test: [\"CMD\", \"mongo\", \"--quiet\", \"--eval\", \"db.adminCommand('ping')\"]\n            interval: 5s\n            timeout: 5s\n            retries: 5\n",
    },
    {
      name: "valkey, CRLF",
      code: "services:\r\n  web:\r\n    image: app\r\n    depends_on:\r\n      kv:\r\n        condition: service_healthy\r\n  kv:\r\n    image: valkey/valkey:8\r\n",
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: 'services:\r\n  web:\r\n    image: app\r\n    depends_on:\r\n      kv:\r\n        condition: service_healthy\r\n  kv:\r\n    image: valkey/valkey:8\r\n    healthcheck:\r\n      test: ["CMD", "valkey-cli", "ping"]\r\n      interval: 5s\r\n      timeout: 5s\r\n      retries: 5\r\n',
    },
    {
      name: "mongo 7 uses mongosh; a dev file too (scope all)",
      pipeline: false,
      code: `${WEB}  db:\n    image: mongo:7\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: `${WEB}  db:\n    image: mongo:7\n    healthcheck:\n      test: ["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]\n      interval: 5s\n      timeout: 5s\n      retries: 5\n`,
    },
    {
      name: "a flow service map written over several lines gets no fix",
      code: `${WEB}  db: {\n    image: postgres\n  }\n`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck", fixOutput: null }],
      output: null,
    },
    {
      name: "a service before the last, in a file without a final line break: no blank line added",
      code: `${WEB}  db:\n    image: postgres\n  cache:\n    image: redis`,
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "noHealthcheck" }],
      output: `${WEB}  db:\n    image: postgres\n${PG_HEALTHCHECK}  cache:\n    image: redis`,
    },
    {
      name: "four-space indentation under header comments, one of them indented",
      code: "# my app\n  # (staging)\nservices:\n    web:\n        image: app\n        depends_on:\n            db:\n                condition: service_healthy\n    db:\n        image: postgres\n",
      errors: [{ line: 7, column: 13, endLine: 7, endColumn: 15, messageId: "noHealthcheck" }],
      output: "# my app\n  # (staging)\nservices:\n    web:\n        image: app\n        depends_on:\n            db:\n                condition: service_healthy\n    db:\n        image: postgres\n        healthcheck:\n            test: [\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB\"]\n            interval: 5s\n            timeout: 5s\n            retries: 5\n",
    },
    {
      name: "a blank line after services: the indentation unit is two spaces",
      code: `services:\n\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n`,
      errors: [{ line: 6, column: 7, endLine: 6, endColumn: 9, messageId: "noHealthcheck" }],
      output: `services:\n\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n${PG_HEALTHCHECK}`,
    },
  ],
});

describe("the container a local file's log names", () => {
  it("is named after the file's folder, as compose names the project", () => {
    const dir = mkdtempSync(join(tmpdir(), "elestio-rule-"));
    mkdirSync(join(dir, ".git"));
    const path = join(dir, "docker-compose.yml");
    const text = `${WEB}  db:\n    image: alpine\n`;
    writeFileSync(path, text);
    const [finding] = lint(parseCompose(text), { isPipeline: false, project: fileProject(path, dir), rules: [healthcheckRequired] });
    expect(finding.log).toBe(`dependency failed to start: container ${basename(dir).toLowerCase()}-db-1 has no healthcheck configured`);
  });
});

describe("dockerfileHasHealthcheck", () => {
  it("reads the last stage, follows FROM <stage>, honours NONE and continuation lines", () => {
    expect(dockerfileHasHealthcheck("FROM python\nRUN pip install x\n")).toBe(false);
    expect(dockerfileHasHealthcheck("FROM python\nhealthcheck \\\n  CMD true\n")).toBe(true);
    expect(dockerfileHasHealthcheck("FROM a AS one\nHEALTHCHECK CMD true\nFROM one\n")).toBe(true);
    expect(dockerfileHasHealthcheck("FROM a AS one\nHEALTHCHECK CMD true\nFROM b\n")).toBe(false);
    expect(dockerfileHasHealthcheck("FROM a\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n")).toBe(false);
    expect(dockerfileHasHealthcheck("FROM --platform=$BUILDPLATFORM a AS one\nHEALTHCHECK CMD true\nFROM b AS two\n", "one")).toBe(true);
    expect(dockerfileHasHealthcheck("# HEALTHCHECK CMD true\nFROM a\n")).toBe(false);
  });
});

describe("the healthcheck added for a known image", () => {
  // The test line the fix writes for the dependency's image, by the image's name (its last path part) and, for MongoDB, its major version.
  const PG = '["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]';
  it.each([
    { image: "postgis/postgis:16-3.4", test: PG },
    { image: "timescale/timescaledb:latest-pg16", test: PG },
    { image: "timescale/timescaledb-ha:pg16", test: PG },
    { image: "pgvector/pgvector:pg16", test: PG },
    { image: "mysql/mysql-server:8.0", test: '["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]' },
    { image: "mongodb/mongodb-community-server:7.0-ubuntu2204", test: `["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]` },
    // MongoDB 5 is the first with mongosh.
    { image: "mongo:5.0", test: `["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]` },
    // A two-digit major is read whole (10, not 1).
    { image: "mongo:10.0", test: `["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]` },
    // A tag that does not start with the version is no version: the current shell.
    { image: "mongo:v4.4", test: `["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]` },
  ])("$image", ({ image, test }) => {
    const text = `${WEB}  db:\n    image: ${image}\n`;
    const [finding] = lint(parseCompose(text), { isPipeline: true, rules: [healthcheckRequired] });
    expect(finding.fix?.title).toEqual({ en: 'Add a healthcheck to "db"', fr: "Ajouter un healthcheck à « db »" });
    expect(applyEdits(text, finding.fix!.edits)).toBe(`${text}    healthcheck:\n      test: ${test}\n      interval: 5s\n      timeout: 5s\n      retries: 5\n`);
  });

  it("none for a built service, even from a known image: its Dockerfile is the place", () => {
    const dir = mkdtempSync(join(tmpdir(), "elestio-rule-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "Dockerfile"), "FROM postgres:16\n");
    const text = `${WEB}  db:\n    image: postgres:16\n    build: .\n`;
    const path = join(dir, "docker-compose.yml");
    writeFileSync(path, text);
    const findings = lint(parseCompose(text), { isPipeline: true, project: fileProject(path, dir), rules: [healthcheckRequired] });
    expect(findings.map((f) => [f.messageId, f.fix])).toEqual([["noHealthcheckInDockerfile", undefined]]);
  });
});

describe("the container name in the finding's log", () => {
  /** The compose file in a folder named `folder`, read as a local file (not the pipeline's). */
  function localLog(folder: string, text: string): string | null | undefined {
    const dir = join(mkdtempSync(join(tmpdir(), "elestio-rule-")), folder);
    mkdirSync(join(dir, ".git"), { recursive: true });
    const path = join(dir, "docker-compose.yml");
    writeFileSync(path, text);
    return lint(parseCompose(text), { isPipeline: false, project: fileProject(path, dir), rules: [healthcheckRequired] })[0].log;
  }
  it.each([
    // compose drops from the folder's name what a project name cannot hold.
    { name: "a folder name with capitals, a dot and a space", folder: "My Shop.v2", text: `${WEB}  db:\n    image: alpine\n`, container: "myshopv2-db-1" },
    // name: wins over the folder.
    { name: "name: set", folder: "checkout", text: `name: shop\n${WEB}  db:\n    image: alpine\n`, container: "shop-db-1" },
    // Only the key name: names the project, not the first top-level key.
    { name: "an obsolete version: first", folder: "checkout", text: `version: "3.8"\n${WEB}  db:\n    image: alpine\n`, container: "checkout-db-1" },
  ])("$name", ({ folder, text, container }) => {
    expect(localLog(folder, text)).toBe(`dependency failed to start: container ${container} has no healthcheck configured`);
  });
});

describe("a pasted line naming the container links the finding of that container", () => {
  // db and cache lack a healthcheck; the dependency on db is on line 5, on cache line 7.
  const TWO = "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_healthy\n  db:\n    image: alpine\n  cache:\n    image: alpine\n    container_name: cache\n";
  const SEARCH = "name: shop\nservices:\n  web:\n    image: app\n    depends_on:\n      search-db:\n        condition: service_healthy\n  search-db:\n    image: alpine\n";
  const VERSIONED = "services:\n  web:\n    image: app\n    depends_on:\n      postgres-16:\n        condition: service_healthy\n  postgres-16:\n    image: alpine\n";
  it.each([
    { name: "the project and the replica number", text: TWO, line: "dependency failed to start: container latigue-db-1 has no healthcheck configured", linked: ["db"] },
    { name: "spaces doubled around the name", text: TWO, line: "dependency failed to start: container  latigue-db-1  has no healthcheck configured", linked: ["db"] },
    { name: "a tenth replica", text: TWO, line: "container latigue-db-10 has no healthcheck configured", linked: ["db"] },
    { name: "no replica number", text: TWO, line: "container latigue-db has no healthcheck configured", linked: ["db"] },
    { name: "the service's name alone", text: TWO, line: "container db-1 has no healthcheck configured", linked: ["db"] },
    { name: "a container_name of one word", text: TWO, line: "container cache has no healthcheck configured", linked: ["cache"] },
    { name: "a name cut short after a dash names no container", text: TWO, line: "container latigue- has no healthcheck configured", linked: [] },
    { name: "a name holding the service's words without their dash is another container", text: SEARCH, line: "container shop-searchdb-1 has no healthcheck configured", linked: [] },
    // Only the replica number at the end is dropped: postgres-16's 16 stays part of its name.
    { name: "a service whose name ends with a version, and another container's line", text: VERSIONED, line: "container latigue-redis-7-1 has no healthcheck configured", linked: [] },
    { name: "a service whose name ends with a version, and its line", text: VERSIONED, line: "container latigue-postgres-16-1 has no healthcheck configured", linked: ["postgres-16"] },
  ])("$name", ({ text, line, linked }) => {
    const problems = explainLog(line, "en", parseCompose(text), { rules: [healthcheckRequired] }).filter((p) => p.id === "healthcheck-required");
    expect(problems.flatMap((p) => p.ranges).map((r) => text.slice(r.start, r.end))).toEqual(linked);
  });
});
