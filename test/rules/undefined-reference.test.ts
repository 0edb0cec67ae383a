import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { lint } from "../../server/src/engine/lint.js";
import { fileProject } from "../../server/src/engine/project.js";
import { undefinedReference } from "../../server/src/engine/rules/undefined-reference.js";
import { testRule } from "./rule-tester.js";

/** compose-go's loader/validate.go line for a service it cannot find (links, volumes_from and network_mode: service:x included). */
const dependsLog = (service: string, target: string) => `service "${service}" depends on undefined service "${target}": invalid compose project`;

testRule(undefinedReference, {
  valid: [
    {
      name: "every kind of name, each defined",
      code: [
        "services:",
        "  web:",
        "    image: app",
        "    depends_on:",
        "      db:",
        "        condition: service_healthy",
        "    links: [db, \"cache:redis\"]",
        "    volumes_from: [db, \"cache:ro\"]",
        "    networks: [front, back]",
        "    volumes:",
        "      - data:/data",
        "      - type: volume",
        "        source: uploads",
        "        target: /uploads",
        "    secrets: [db_password, {source: api_key, target: key}]",
        "    configs: [nginx_conf]",
        "    build: {context: ., secrets: [npm_token]}",
        "  db:",
        "    image: postgres",
        "    healthcheck: {test: [\"CMD\", \"pg_isready\"]}",
        "  cache:",
        "    image: redis",
        "  vpn:",
        "    image: wireguard",
        "  tunnel:",
        "    image: app",
        "    network_mode: service:vpn",
        "  admin:",
        "    extends: web",
        "  api:",
        "    extends: {service: web}",
        "networks: {front: {}, back: {}}",
        "volumes: {data: {}, uploads: {}}",
        "secrets:",
        "  db_password: {file: ./db.txt}",
        "  api_key: {environment: API_KEY}",
        "  npm_token: {file: ./npm.txt}",
        "configs:",
        "  nginx_conf: {file: ./nginx.conf}",
        "",
      ].join("\n"),
    },
    { name: "volumes_from a container, with or without a mode", code: "services:\n  web:\n    image: app\n    volumes_from: [\"container:legacy\", \"container:old:ro\"]\n" },
    {
      name: "external networks, volumes, secrets and configs count as declared",
      code: "services:\n  web:\n    image: app\n    networks: [shared]\n    volumes: [certs:/certs]\n    secrets: [token]\n    configs: [site]\nnetworks:\n  shared: {external: true}\nvolumes:\n  certs:\n    external: true\nsecrets:\n  token: {external: true}\nconfigs:\n  site:\n    external:\n      name: site_v2\n",
    },
    { name: "the default network needs no declaration, in both forms", code: "services:\n  web:\n    image: app\n    networks: [default]\n  worker:\n    image: app\n    networks:\n      default:\n        aliases: [jobs]\n" },
    {
      name: "bind mounts: relative, absolute and home paths, the long form's bind, a Windows path",
      code: "services:\n  web:\n    image: app\n    volumes:\n      - ./a:/a\n      - ../b:/b:ro\n      - /abs:/abs\n      - ~/x:/x\n      - \"C:\\\\data:/data\"\n      - type: bind\n        source: data\n        target: /bind\n",
    },
    { name: "anonymous volumes, short and long", code: "services:\n  db:\n    image: postgres\n    volumes:\n      - /data\n      - type: volume\n        target: /cache\n" },
    { name: "tmpfs, the key and the mount type", code: "services:\n  web:\n    image: app\n    tmpfs: [/run]\n    volumes:\n      - type: tmpfs\n        target: /tmp\n" },
    {
      name: "a name a variable without a default decides is not judged, in every kind",
      code: [
        "services:",
        "  web:",
        "    image: app",
        "    depends_on: [\"${DB}\"]",
        "    links: [\"${CACHE}:cache\"]",
        "    volumes_from: [$DATA]",
        "    network_mode: service:${VPN}",
        "    networks: [\"${NET}\"]",
        "    volumes: [\"${VOLUME}:/data\", {type: volume, source: \"${UPLOADS}\", target: /uploads}]",
        "    secrets: [\"${SECRET}\"]",
        "    configs: [{source: \"${CONFIG}\"}]",
        "  worker:",
        "    extends: ${BASE}",
        "",
      ].join("\n"),
    },
    { name: "a variable's default names a defined service and network", code: "services:\n  web:\n    image: app\n    depends_on: [\"${DB:-db}\"]\n    networks: [\"${NET:-back}\"]\n  db:\n    image: postgres\nnetworks:\n  back:\n" },
    { name: "a key compose's schema refuses is the schema's (unknown-key), not an undefined name", code: "services:\n  web:\n    image: app\n    depends_on:\n      \"${DB}\": {condition: service_started}\n    networks:\n      \"${NET}\": {}\n" },
    { name: "a number or a boolean where a name goes is the schema's (invalid-value)", code: "services:\n  web:\n    image: app\n    depends_on: [1]\n    networks: [true]\n    secrets: [5]\n" },
    { name: "a service disabled by profiles still counts as defined", code: "services:\n  web:\n    image: app\n    depends_on: [debug]\n  debug:\n    image: busybox\n    profiles: [debug]\n" },
    {
      name: "merges: a service's keys through <<, defined names",
      code: "x-base: &base\n  depends_on: [db]\n  networks: [back]\nservices:\n  web:\n    <<: *base\n    image: app\n  worker:\n    <<: *base\n    image: app\n  db:\n    image: postgres\nnetworks:\n  back:\n",
    },
    { name: "ipc, pid and uts naming a service of the file, the host, or a container", code: "services:\n  a:\n    image: x\n    ipc: service:b\n    pid: host\n    uts: host\n  b:\n    image: y\n    ipc: shareable\n    pid: container:other\n" },
    { name: "network_mode: host, none, bridge and container:x", code: "services:\n  a:\n    network_mode: host\n  b:\n    network_mode: none\n  c:\n    network_mode: bridge\n  d:\n    network_mode: \"container:vpn\"\n" },
    { name: "extends with file: the service is another file's", code: "services:\n  web:\n    extends:\n      file: ./common.yml\n      service: base\n  worker:\n    extends: {file: \"${COMMON}\", service: worker}\n" },
    {
      name: "multi-document: compose merges the documents, so a name any of them defines is defined",
      code: "services:\n  web:\n    image: app\n    depends_on: [db]\n    networks: [back]\n    volumes: [data:/data]\n---\nservices:\n  db:\n    image: postgres\n    extends: base\n  base:\n    image: postgres\nnetworks:\n  back:\nvolumes:\n  data:\n",
    },
    { name: "a dependency chain without a cycle", code: "services:\n  web:\n    depends_on: [api, db]\n  api:\n    depends_on: [db]\n    links: [db]\n  db:\n    image: postgres\n" },
    { name: "not the pipeline's file: the same rule", pipeline: false, code: "services:\n  web:\n    image: app\n    depends_on: [db]\n  db:\n    image: postgres\n" },
  ],
  invalid: [
    {
      name: "depends_on, list form: a misspelled service, changed to the one defined",
      code: "services:\n  web:\n    image: app\n    depends_on: [cach]\n  cache:\n    image: redis\n",
      errors: [
        {
          messageId: "undefinedServiceSuggestion",
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 22,
          log: dependsLog("web", "cach"),
          message: 'Undefined service "cach" in depends_on: compose refuses the file. Did you mean "cache"?',
          fixOutput: "services:\n  web:\n    image: app\n    depends_on: [cache]\n  cache:\n    image: redis\n",
        },
      ],
      output: "services:\n  web:\n    image: app\n    depends_on: [cache]\n  cache:\n    image: redis\n",
    },
    {
      name: "depends_on, map form: the key inside its quotes; required: false does not exempt a missing service",
      code: "services:\n  web:\n    image: app\n    depends_on:\n      \"dbb\":\n        condition: service_started\n        required: false\n  db:\n    image: postgres\n",
      errors: [{ messageId: "undefinedServiceSuggestion", line: 5, column: 8, endLine: 5, endColumn: 11, log: dependsLog("web", "dbb"), fixOutput: "services:\n  web:\n    image: app\n    depends_on:\n      \"db\":\n        condition: service_started\n        required: false\n  db:\n    image: postgres\n" }],
      output: "services:\n  web:\n    image: app\n    depends_on:\n      \"db\":\n        condition: service_started\n        required: false\n  db:\n    image: postgres\n",
    },
    {
      name: "links: `cache` and the service part of `dbb:database`",
      code: "services:\n  web:\n    image: app\n    links:\n      - cache\n      - \"dbb:database\"\n  db:\n    image: postgres\n",
      errors: [
        { messageId: "undefinedService", line: 5, column: 9, endLine: 5, endColumn: 14, log: dependsLog("web", "cache"), message: 'Undefined service "cache" in links: compose refuses the file. Define it or correct the name.', fixOutput: null },
        { messageId: "undefinedServiceSuggestion", line: 6, column: 10, endLine: 6, endColumn: 13, log: dependsLog("web", "dbb"), fixOutput: "services:\n  web:\n    image: app\n    links:\n      - cache\n      - \"db:database\"\n  db:\n    image: postgres\n" },
      ],
      output: "services:\n  web:\n    image: app\n    links:\n      - cache\n      - \"db:database\"\n  db:\n    image: postgres\n",
    },
    {
      name: "volumes_from: `data` and `store:ro`, not `container:legacy`",
      code: "services:\n  web:\n    image: app\n    volumes_from:\n      - data\n      - 'store:ro'\n      - container:legacy\n  db:\n    image: postgres\n",
      errors: [
        { messageId: "undefinedService", line: 5, column: 9, endLine: 5, endColumn: 13, log: dependsLog("web", "data"), message: 'Undefined service "data" in volumes_from: compose refuses the file. Define it or correct the name.' },
        { messageId: "undefinedService", line: 6, column: 10, endLine: 6, endColumn: 15, log: dependsLog("web", "store") },
      ],
      output: null,
    },
    {
      name: "ipc, pid and uts: service:x share a namespace, an implicit dependency as network_mode's",
      code: "services:\n  app:\n    image: app\n    ipc: service:sidecar\n    pid: \"service:debuger\"\n    uts: service:${HOST_SVC:-nme}\n  debugger:\n    image: busybox\n  name:\n    image: busybox\n",
      errors: [
        { messageId: "undefinedService", line: 4, column: 18, endLine: 4, endColumn: 25, log: dependsLog("app", "sidecar"), message: 'Undefined service "sidecar" in ipc: compose refuses the file. Define it or correct the name.', fixOutput: null },
        { messageId: "undefinedServiceSuggestion", line: 5, column: 19, endLine: 5, endColumn: 26, message: 'Undefined service "debuger" in pid: compose refuses the file. Did you mean "debugger"?', fixOutput: "services:\n  app:\n    image: app\n    ipc: service:sidecar\n    pid: \"service:debugger\"\n    uts: service:${HOST_SVC:-nme}\n  debugger:\n    image: busybox\n  name:\n    image: busybox\n" },
        // Named by a default: reported on the interpolation after the prefix, which a fix does not rewrite.
        { messageId: "undefinedServiceSuggestion", line: 6, column: 18, endLine: 6, endColumn: 34, log: dependsLog("app", "nme"), message: 'Undefined service "nme" in uts: compose refuses the file. Did you mean "name"?', fixOutput: null },
      ],
      output: "services:\n  app:\n    image: app\n    ipc: service:sidecar\n    pid: \"service:debugger\"\n    uts: service:${HOST_SVC:-nme}\n  debugger:\n    image: busybox\n  name:\n    image: busybox\n",
    },
    {
      name: "network_mode: service:x, the name after the prefix",
      code: "services:\n  vpn-client:\n    image: app\n    network_mode: \"service:vpm\"\n  vpn:\n    image: wireguard\n",
      errors: [
        {
          messageId: "undefinedServiceSuggestion",
          line: 4,
          column: 28,
          endLine: 4,
          endColumn: 31,
          log: dependsLog("vpn-client", "vpm"),
          fixOutput: "services:\n  vpn-client:\n    image: app\n    network_mode: \"service:vpn\"\n  vpn:\n    image: wireguard\n",
        },
      ],
      output: "services:\n  vpn-client:\n    image: app\n    network_mode: \"service:vpn\"\n  vpn:\n    image: wireguard\n",
    },
    {
      name: "extends: x, in the pipeline's file",
      code: "services:\n  web:\n    extends: bse\n  base:\n    image: app\n",
      errors: [
        {
          messageId: "undefinedServiceSuggestion",
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 17,
          log: 'cannot extend service "web" in /opt/app/<pipeline>/docker-compose.yml: service "bse" not found',
          fixOutput: "services:\n  web:\n    extends: base\n  base:\n    image: app\n",
        },
      ],
      output: "services:\n  web:\n    extends: base\n  base:\n    image: app\n",
    },
    {
      name: "extends.service without file, in another compose file: compose names the file",
      pipeline: false,
      files: {},
      code: "services:\n  web:\n    extends:\n      service: \"worker\"\n  base:\n    image: app\n",
      errors: [{ messageId: "undefinedService", line: 4, column: 17, endLine: 4, endColumn: 23 }],
      output: null,
    },
    {
      name: "networks, list form: an undeclared network; `default` and a declared one are fine",
      code: "services:\n  web:\n    image: app\n    networks: [backend, frontend, default]\nnetworks:\n  frontend:\n",
      errors: [
        {
          messageId: "undeclared",
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 23,
          log: "service \"web\" refers to undefined network backend: invalid compose project",
          message: '"backend" is not declared in the top-level networks: compose refuses the file. Declare it or correct the name.',
          fixOutput: null,
        },
      ],
      output: null,
    },
    {
      name: "networks, map form: a quoted key, changed to the declared network",
      code: "services:\n  web:\n    image: app\n    networks:\n      \"fronted\":\n        aliases: [www]\n      backend:\nnetworks:\n  frontend:\n  backend:\n",
      errors: [{ messageId: "undeclaredSuggestion", line: 5, column: 8, endLine: 5, endColumn: 15, log: "service \"web\" refers to undefined network fronted: invalid compose project" }],
      output: "services:\n  web:\n    image: app\n    networks:\n      \"frontend\":\n        aliases: [www]\n      backend:\nnetworks:\n  frontend:\n  backend:\n",
    },
    {
      name: "named volumes, short and long form",
      code: "services:\n  db:\n    image: postgres\n    volumes:\n      - pgdta:/var/lib/postgresql/data\n      - \"cache:/cache:ro\"\n      - type: volume\n        source: uploads\n        target: /uploads\nvolumes:\n  pgdata:\n",
      errors: [
        {
          messageId: "undeclaredSuggestion",
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 14,
          log: "service \"db\" refers to undefined volume pgdta: invalid compose project",
          message: '"pgdta" is not declared in the top-level volumes: compose refuses the file. Did you mean "pgdata"?',
          fixOutput: "services:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n      - \"cache:/cache:ro\"\n      - type: volume\n        source: uploads\n        target: /uploads\nvolumes:\n  pgdata:\n",
        },
        { messageId: "undeclared", line: 6, column: 10, endLine: 6, endColumn: 15, log: "service \"db\" refers to undefined volume cache: invalid compose project" },
        { messageId: "undeclared", line: 8, column: 17, endLine: 8, endColumn: 24, log: "service \"db\" refers to undefined volume uploads: invalid compose project", fixOutput: null },
      ],
      output: "services:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n      - \"cache:/cache:ro\"\n      - type: volume\n        source: uploads\n        target: /uploads\nvolumes:\n  pgdata:\n",
    },
    {
      name: "secrets (short and long), configs and build secrets",
      code: "services:\n  web:\n    image: app\n    secrets:\n      - db_pasword\n      - source: api_key\n        target: /run/secrets/key\n    configs:\n      - nginx.conf\n    build:\n      context: .\n      secrets: [npm_token]\nsecrets:\n  db_password:\n    file: ./db_password.txt\nconfigs:\n  nginx_conf:\n    file: ./nginx.conf\n",
      errors: [
        {
          messageId: "undeclaredSuggestion",
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 19,
          log: "service \"web\" refers to undefined secret db_pasword: invalid compose project",
          fixOutput: "services:\n  web:\n    image: app\n    secrets:\n      - db_password\n      - source: api_key\n        target: /run/secrets/key\n    configs:\n      - nginx.conf\n    build:\n      context: .\n      secrets: [npm_token]\nsecrets:\n  db_password:\n    file: ./db_password.txt\nconfigs:\n  nginx_conf:\n    file: ./nginx.conf\n",
        },
        { messageId: "undeclared", line: 6, column: 17, endLine: 6, endColumn: 24, log: "service \"web\" refers to undefined secret api_key: invalid compose project" },
        { messageId: "undeclaredSuggestion", line: 9, column: 9, endLine: 9, endColumn: 19, log: "service \"web\" refers to undefined config nginx.conf: invalid compose project", message: '"nginx.conf" is not declared in the top-level configs: compose refuses the file. Did you mean "nginx_conf"?' },
        { messageId: "undeclared", line: 12, column: 17, endLine: 12, endColumn: 26, log: "service \"web\" refers to undefined build secret npm_token: invalid compose project", message: '"npm_token" is not declared in the top-level secrets: compose refuses the file. Declare it or correct the name.' },
      ],
      output: "services:\n  web:\n    image: app\n    secrets:\n      - db_password\n      - source: api_key\n        target: /run/secrets/key\n    configs:\n      - nginx_conf\n    build:\n      context: .\n      secrets: [npm_token]\nsecrets:\n  db_password:\n    file: ./db_password.txt\nconfigs:\n  nginx_conf:\n    file: ./nginx.conf\n",
    },
    {
      name: "depends_on cycles: each dependency of a → b → a, and a service linked to itself; compose's line names the cycle",
      code: "services:\n  web:\n    image: app\n    depends_on: [db]\n  db:\n    image: postgres\n    depends_on:\n      web:\n        condition: service_started\n  worker:\n    image: app\n    links: [worker]\n",
      errors: [
        {
          messageId: "cycle",
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 20,
          log: "dependency cycle detected: db -> web -> db",
          message: '"web" depends on "db" (depends_on) in a cycle: compose refuses the file. Break the cycle.',
          fixOutput: null,
        },
        { messageId: "cycle", line: 8, column: 7, endLine: 8, endColumn: 10, log: "dependency cycle detected: db -> web -> db" },
        { messageId: "selfCycle", line: 12, column: 13, endLine: 12, endColumn: 19, log: "dependency cycle detected: worker -> worker", message: '"worker" depends on itself (links): compose refuses the file. Remove this dependency.' },
      ],
      output: null,
    },
    {
      name: "a longer cycle through network_mode, as compose walks it: from the first name, dependencies in name order",
      code: "services:\n  c:\n    network_mode: service:a\n  b:\n    depends_on: [c]\n  a:\n    depends_on: [b]\n  z:\n    depends_on: [a]\n",
      errors: [
        { messageId: "cycle", line: 3, column: 27, endLine: 3, endColumn: 28, log: "dependency cycle detected: a -> b -> c -> a", message: '"c" depends on "a" (network_mode) in a cycle: compose refuses the file. Break the cycle.' },
        { messageId: "cycle", line: 5, column: 18, endLine: 5, endColumn: 19, log: "dependency cycle detected: a -> b -> c -> a" },
        { messageId: "cycle", line: 7, column: 18, endLine: 7, endColumn: 19, log: "dependency cycle detected: a -> b -> c -> a" },
      ],
      output: null,
    },
    {
      name: "a long cycle: the message names the dependency, the log the whole cycle",
      code: `services:\n${Array.from({ length: 9 }, (_, i) => `  s${i}: {image: x, depends_on: [s${(i + 1) % 9}]}\n`).join("")}`,
      errors: Array.from({ length: 9 }, (_, i) => ({
        messageId: "cycle",
        line: i + 2,
        column: 31,
        endLine: i + 2,
        endColumn: 33,
        log: "dependency cycle detected: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> s6 -> s7 -> s8 -> s0",
        message: `"s${i}" depends on "s${(i + 1) % 9}" (depends_on) in a cycle: compose refuses the file. Break the cycle.`,
      })),
      output: null,
    },
    {
      name: "a variable's default decides the name: judged by it, no fix (the variable may hold another)",
      code: "services:\n  web:\n    image: app\n    depends_on:\n      - ${DB_SERVICE:-postgress}\n    networks:\n      - \"${NET:-back}\"\n  postgres:\n    image: postgres\n",
      errors: [
        { messageId: "undefinedServiceSuggestion", line: 5, column: 9, endLine: 5, endColumn: 33, log: dependsLog("web", "postgress"), fixOutput: null },
        { messageId: "undeclared", line: 7, column: 10, endLine: 7, endColumn: 22, log: "service \"web\" refers to undefined network back: invalid compose project" },
      ],
      output: null,
    },
    {
      name: "an anchored map merged by two services: reported once, where it is written",
      code: "x-common: &common\n  depends_on: [redis]\n  networks: [back]\nservices:\n  web:\n    <<: *common\n    image: app\n  worker:\n    <<: *common\n    image: app\n",
      errors: [
        { messageId: "undefinedService", line: 2, column: 16, endLine: 2, endColumn: 21, log: dependsLog("web", "redis") },
        { messageId: "undeclared", line: 3, column: 14, endLine: 3, endColumn: 18, log: "service \"web\" refers to undefined network back: invalid compose project" },
      ],
      output: null,
    },
    {
      name: "multi-document: extends looks in its own document only (compose applies it before merging them)",
      code: "services:\n  web:\n    image: app\n    depends_on: [db]\n    networks: [back]\n---\nservices:\n  db:\n    image: postgres\n  worker:\n    extends: web\nnetworks:\n  back:\n",
      errors: [
        {
          messageId: "extendsOtherDocument",
          message: 'No service "web" in this YAML document, where extends looks: compose refuses the file.',
          line: 11,
          column: 14,
          endLine: 11,
          endColumn: 17,
          log: 'cannot extend service "worker" in /opt/app/<pipeline>/docker-compose.yml: service "web" not found',
        },
      ],
      output: null,
    },
    {
      name: "no fix when two names would both become the same one, nor to the service itself",
      code: "services:\n  web:\n    image: app\n    depends_on: [db1, db2, web1]\n  db:\n    image: postgres\n",
      errors: [
        { messageId: "undefinedServiceSuggestion", line: 4, column: 18, endLine: 4, endColumn: 21, fixOutput: null },
        { messageId: "undefinedServiceSuggestion", line: 4, column: 23, endLine: 4, endColumn: 26, fixOutput: null },
        { messageId: "undefinedService", line: 4, column: 28, endLine: 4, endColumn: 32, fixOutput: null },
      ],
      output: null,
    },
    {
      name: "no fix when the map already has the key it would become",
      code: "services:\n  web:\n    image: app\n    depends_on:\n      db:\n        condition: service_started\n      dbb:\n        condition: service_started\n  db:\n    image: postgres\n",
      errors: [{ messageId: "undefinedService", line: 7, column: 7, endLine: 7, endColumn: 10, fixOutput: null }],
      output: null,
    },
    {
      name: "no fix when two defined names are as close",
      code: "services:\n  web:\n    image: app\n    depends_on: [redis]\n  redis-1:\n    image: redis\n  redis-2:\n    image: redis\n",
      errors: [{ messageId: "undefinedService", line: 4, column: 18, endLine: 4, endColumn: 23, fixOutput: null }],
      output: null,
    },
    {
      name: "CRLF",
      code: "services:\r\n  web:\r\n    image: app\r\n    depends_on: [postgress]\r\n  postgres:\r\n    image: postgres\r\n",
      errors: [{ messageId: "undefinedServiceSuggestion", line: 4, column: 18, endLine: 4, endColumn: 27 }],
      output: "services:\r\n  web:\r\n    image: app\r\n    depends_on: [postgres]\r\n  postgres:\r\n    image: postgres\r\n",
    },
    {
      name: "a volume mounted twice: the name the service already mounts elsewhere is still the suggestion and the fix",
      code: "services:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n      - pgdta:/backup\nvolumes:\n  pgdata:\n",
      errors: [
        {
          messageId: "undeclaredSuggestion",
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 14,
          message: '"pgdta" is not declared in the top-level volumes: compose refuses the file. Did you mean "pgdata"?',
          fixOutput: "services:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n      - pgdata:/backup\nvolumes:\n  pgdata:\n",
        },
      ],
      output: "services:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n      - pgdata:/backup\nvolumes:\n  pgdata:\n",
    },
    {
      name: "multi-document: a missing dependency is an undefined service, and an extends with a close name in its document gets the suggestion",
      code: "services:\n  web:\n    image: app\n    depends_on: [redis]\n---\nservices:\n  base:\n    image: app\n  worker:\n    extends: bse\n",
      errors: [
        { messageId: "undefinedService", line: 4, column: 18, endLine: 4, endColumn: 23, message: 'Undefined service "redis" in depends_on: compose refuses the file. Define it or correct the name.' },
        {
          messageId: "undefinedServiceSuggestion",
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 17,
          message: 'Undefined service "bse" in extends: compose refuses the file. Did you mean "base"?',
          fixOutput: "services:\n  web:\n    image: app\n    depends_on: [redis]\n---\nservices:\n  base:\n    image: app\n  worker:\n    extends: base\n",
        },
      ],
      output: "services:\n  web:\n    image: app\n    depends_on: [redis]\n---\nservices:\n  base:\n    image: app\n  worker:\n    extends: base\n",
    },
    {
      name: "a network named like the service that names it: suggested (only a service may not name itself)",
      code: "services:\n  backend:\n    image: app\n    networks: [backnd]\nnetworks:\n  backend:\n",
      errors: [
        {
          messageId: "undeclaredSuggestion",
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 22,
          message: '"backnd" is not declared in the top-level networks: compose refuses the file. Did you mean "backend"?',
          fixOutput: "services:\n  backend:\n    image: app\n    networks: [backend]\nnetworks:\n  backend:\n",
        },
      ],
      output: "services:\n  backend:\n    image: app\n    networks: [backend]\nnetworks:\n  backend:\n",
    },
    {
      name: "a name that differs only by case and separators is suggested however many characters differ",
      code: "services:\n  web:\n    image: app\n    depends_on: [Auth-Service-Api]\n  auth_service_api:\n    image: auth\n",
      errors: [
        {
          messageId: "undefinedServiceSuggestion",
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 34,
          message: 'Undefined service "Auth-Service-Api" in depends_on: compose refuses the file. Did you mean "auth_service_api"?',
          fixOutput: "services:\n  web:\n    image: app\n    depends_on: [auth_service_api]\n  auth_service_api:\n    image: auth\n",
        },
      ],
      output: "services:\n  web:\n    image: app\n    depends_on: [auth_service_api]\n  auth_service_api:\n    image: auth\n",
    },
    {
      // Beside `:/path`, a name with a space would change what the short syntax says: the suggestion only.
      name: "part of a volume's short syntax: no fix to a declared name with a space",
      code: "services:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  \"pg data\":\n",
      errors: [
        {
          messageId: "undeclaredSuggestion",
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 15,
          message: '"pgdata" is not declared in the top-level volumes: compose refuses the file. Did you mean "pg data"?',
          fixOutput: null,
        },
      ],
      output: null,
    },
    {
      name: "a whole plain item becomes the declared name as YAML writes it, a space included",
      code: "services:\n  web:\n    image: app\n    networks:\n      - frontend\nnetworks:\n  front end:\n",
      errors: [
        {
          messageId: "undeclaredSuggestion",
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 17,
          fixOutput: "services:\n  web:\n    image: app\n    networks:\n      - front end\nnetworks:\n  front end:\n",
        },
      ],
      output: "services:\n  web:\n    image: app\n    networks:\n      - front end\nnetworks:\n  front end:\n",
    },
    {
      // Inside quotes the name is written as it is: only names of characters no scalar escapes or splits.
      name: "a quoted item: no fix to a declared name with a space",
      code: "services:\n  web:\n    image: app\n    networks: [\"frontend\"]\nnetworks:\n  front end:\n",
      errors: [{ messageId: "undeclaredSuggestion", line: 4, column: 17, endLine: 4, endColumn: 25, fixOutput: null }],
      output: null,
    },
    {
      name: "extends in a file the CLI lints without a project: compose's line names docker-compose.yml",
      pipeline: false,
      code: "services:\n  web:\n    extends: bse\n  base:\n    image: app\n",
      errors: [{ messageId: "undefinedServiceSuggestion", line: 3, column: 14, endLine: 3, endColumn: 17, log: 'cannot extend service "web" in docker-compose.yml: service "bse" not found' }],
      output: "services:\n  web:\n    extends: base\n  base:\n    image: app\n",
    },
    {
      // A name without a suggestion is no rival of one whose suggestion is the service called "undefined".
      name: "a service called undefined is a suggestion like any other, beside a name without one",
      code: "services:\n  web:\n    image: app\n    depends_on: [undefind, redis]\n  undefined:\n    image: app\n",
      errors: [
        {
          messageId: "undefinedServiceSuggestion",
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 26,
          fixOutput: "services:\n  web:\n    image: app\n    depends_on: [undefined, redis]\n  undefined:\n    image: app\n",
        },
        { messageId: "undefinedService", line: 4, column: 28, endLine: 4, endColumn: 33, fixOutput: null },
      ],
      output: "services:\n  web:\n    image: app\n    depends_on: [undefined, redis]\n  undefined:\n    image: app\n",
    },
  ],
});

describe("undefined-reference", () => {
  it("the quick fix's title names the defined name it writes", () => {
    const text = "services:\n  web:\n    image: app\n    depends_on: [cach]\n  cache:\n    image: redis\n";
    const [finding] = lint(parseCompose(text), { isPipeline: true, rules: [undefinedReference] });
    expect(finding.fix?.title).toEqual({ en: 'Change to "cache"', fr: "Remplacer par « cache »" });
  });

  it("a generated file with hundreds of services: suggestions stop once 200,000 names have been compared", () => {
    // 499 workers with long names, and one cache that each of the first 401 workers misspells: 500 names compared each.
    // The workers' names are too long to be one edit from the misspelling, so only the cache's distance is computed:
    // the budget is spent on names looked at, and the test stays fast where the edit distance is instrumented (Stryker).
    const worker = (i: number) => `worker-${String(i).padStart(3, "0")}-queue`;
    const services = Array.from({ length: 499 }, (_, i) => `  ${worker(i)}:\n    image: app\n${i < 401 ? "    depends_on: [rediscach]\n" : ""}`);
    const findings = lint(parseCompose(`services:\n${services.join("")}  rediscache:\n    image: redis\n`), { isPipeline: true, rules: [undefinedReference] });
    expect(findings).toHaveLength(401);
    // The 400th reaches the budget exactly and still gets its suggestion; the 401st is past it.
    expect(findings.filter((f) => f.messageId === "undefinedServiceSuggestion")).toHaveLength(400);
    expect(findings[399].message.en).toBe('Undefined service "rediscach" in depends_on: compose refuses the file. Did you mean "rediscache"?');
    expect(findings[399].fix?.title.en).toBe('Change to "rediscache"');
    expect(findings[400].message.en).toBe('Undefined service "rediscach" in depends_on: compose refuses the file. Define it or correct the name.');
    expect(findings[400].fix).toBeUndefined();
  });

  it("extends in a file that is not the pipeline's: compose's line names the file's own path", () => {
    const dir = mkdtempSync(join(tmpdir(), "elestio-extends-"));
    const path = join(dir, "docker-compose.yml");
    const text = "services:\n  web:\n    extends:\n      service: \"worker\"\n  base:\n    image: app\n";
    writeFileSync(path, text);
    const [finding] = lint(parseCompose(text), { isPipeline: false, project: fileProject(path, dir), rules: [undefinedReference] });
    expect(finding.log).toBe(`cannot extend service "web" in ${path}: service "worker" not found`);
    expect(finding.message.en).toBe('Undefined service "worker" in extends: compose refuses the file. Define it or correct the name.');
  });
});
