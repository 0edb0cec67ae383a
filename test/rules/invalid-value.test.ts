import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { lint } from "../../server/src/engine/lint.js";
import { invalidValue } from "../../server/src/engine/rules/invalid-value.js";
import { testRule } from "./rule-tester.js";

const RESTART_LOG = (policy: string) => `Error response from daemon: invalid restart policy: unknown policy '${policy}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;

/** Values compose takes, in every form the issue names: literals, interpolation, extensions, merges, tags. */
const EVERY_GOOD_VALUE = `name: shop
x-defaults: &defaults
  restart: unless-stopped
  stop_grace_period: 1m30s
x-anything: {restart: nope, retries: five}
services:
  web:
    <<: *defaults
    image: shop/web:1.0
    pull_policy: \${PULL_POLICY:-missing}
    init: yes
    tty: "TRUE"
    privileged: false
    read_only: \${READ_ONLY:-off}
    cpus: "0.5"
    mem_limit: 512M
    memswap_limit: -1
    shm_size: 1gb
    environment:
      MODE: production
      WORKERS: 4
      DEBUG: false
      EMPTY:
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/"]
      interval: 30s
      timeout: \${TIMEOUT:-5s}
      retries: \${RETRIES}
      start_period: 1.5m
      start_interval: 500ms
    depends_on:
      db: {condition: service_healthy, restart: true, required: false}
    deploy:
      replicas: "2"
      resources:
        limits: {cpus: "1", memory: 1.5G, pids: 100}
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}
    ulimits:
      nofile: {soft: 20000, hard: 40000}
      nproc: "65535"
    ports: !reset []
    volumes: !override
      - ./static:/app/static
    x-note: {restart: whatever}
    develop:
      watch:
        - {path: ./src, action: sync, target: /app/src, initial_sync: true}
        - {path: ./conf, action: sync+restart, target: /etc/app, initial_sync: "true"}
    pre_start:
      - {image: alpine, command: ./init.sh}
  worker:
    image: shop/web:1.0
    command: [--level, info, --audit-level, info]
    restart: on-failure:5
    stop_grace_period: \${GRACE}
    oom_score_adj: -500
    cpu_count: \${CPUS:-\${NPROC}}
  db:
    image: postgres:16
    restart: "no"
    healthcheck:
      test: pg_isready
      interval: 2d
volumes:
  data:
    external: "true"
`;

testRule(invalidValue, {
  valid: [
    { name: "values of every kind compose takes, literal, interpolated, merged, tagged and in extensions", code: EVERY_GOOD_VALUE },
    { name: "a variable alone is never judged, wherever it stands", code: "services:\n  web:\n    image: x\n    restart: ${RESTART}\n    use_api_socket: ${SOCKET}\n    healthcheck:\n      test: [CMD, 'true']\n      retries: ${RETRIES}\n      interval: ${INTERVAL}\n    mem_limit: ${MEM}${UNIT:-m}\n" },
    {
      name: "every word toBoolean casts, and signed integers strconv reads",
      code: "services:\n  web:\n    image: x\n    init: y\n    tty: \"false\"\n    stdin_open: on\n    read_only: n\n    privileged: No\n    pids_limit: ${PIDS_LIMIT:--1}\n    cpu_shares: '+512'\n",
    },
    {
      name: "numbers strconv.ParseFloat reads: several digits, a fraction alone, a sign, an exponent of either sign",
      code: "services:\n  web:\n    image: x\n    cpus: '12.25'\n    deploy:\n      update_config: {max_failure_ratio: '.25'}\n      rollback_config: {max_failure_ratio: '5e-02'}\n      resources:\n        limits: {cpus: '+1.5'}\n        reservations: {cpus: '1E0'}\n",
    },
    {
      name: "durations str2duration reads: a zero alone, signed or not, fractions of several digits, a fraction alone",
      code: "services:\n  web:\n    image: x\n    stop_grace_period: '0'\n    healthcheck:\n      test: [CMD, 'true']\n      interval: '-0'\n      timeout: 0.25s\n      start_period: .75s\n",
    },
    {
      name: "sizes go-units' RAMInBytes reads: bytes alone or in b, a fraction of several digits or alone, a plus, an exponent, a space before the unit",
      code: "services:\n  web:\n    image: x\n    build: {context: ., shm_size: 1024b}\n    mem_swappiness: '+60'\n    shm_size: '67108864'\n    mem_limit: 1.25g\n    mem_reservation: .75g\n    memswap_limit: '2e9'\n    deploy:\n      resources:\n        limits: {memory: '1e+09'}\n        reservations: {memory: 512 MiB}\n",
    },
    {
      name: "restart policies the engine takes: on-failure with or without a count, and the conditions",
      code: "services:\n  web:\n    image: x\n    restart: on-failure\n  worker:\n    image: x\n    restart: on-failure:10\n    deploy:\n      restart_policy: {condition: any}\n  job:\n    image: x\n    deploy:\n      restart_policy: {condition: none}\n",
    },
    { name: "repeated items are compared as written: interpolation may make them differ", code: "services:\n  web:\n    image: x\n    cap_add: [NET_ADMIN, '${EXTRA_CAP:-NET_ADMIN}']\n" },
    { name: "an empty value is not judged", code: "services:\n  web:\n    image: x\n    environment:\n  idle:\nmodels:\n  llm:\n" },
    { name: "what a syntax error cut short is yaml-syntax's", code: "services:\n  web:\n    image: x\n  db: [\n" },
    { name: "an unknown key is unknown-key's, not a value to judge", code: "services:\n  web:\n    image: x\n    enviroment:\n      A: b\n" },
    { name: "a quoted version is only obsolete", code: "version: '3.8'\nservices:\n  web:\n    image: x\n" },
    {
      name: "short-syntax ports compose parses: ranges of one length, a protocol in any case, no host port, defaults, IPv6, a number, a trailing slash",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"8000-8010:8000-8010\"\n      - \"8080:80/UDP\"\n      - \"127.0.0.1::8000\"\n      - \"${PORT:-8001}:80\"\n      - \"[::1]:81:81/sctp\"\n      - 8082\n      - \"83/\"\n      - \"9000-9001:9000\"\n      - \"${PORTS}\"\n      - \"65535:65535\"\n      - \"65530-65535:65530-65535\"\n",
    },
  ],
  invalid: [
    {
      name: "a misspelled restart policy: the engine refuses it when the container is created; fixed to the nearest",
      code: "services:\n  web:\n    image: x\n    restart: allways\n",
      errors: [{
        line: 4, column: 14, endLine: 4, endColumn: 21,
        messageId: "restartDidYouMean",
        message: 'Unknown restart policy "allways": Docker won\'t create the container. Did you mean "always"?',
        log: RESTART_LOG("allways"),
      }],
      output: "services:\n  web:\n    image: x\n    restart: always\n",
    },
    {
      name: "an unknown restart policy nothing is close to",
      code: "services:\n  web:\n    image: x\n    restart: sometimes\n",
      errors: [{
        line: 4, column: 14, endLine: 4, endColumn: 23,
        messageId: "restartPolicy",
        message: 'Unknown restart policy "sometimes": Docker won\'t create the container. Use no, always, on-failure or unless-stopped.',
        log: RESTART_LOG("sometimes"),
        fixOutput: null,
      }],
      output: null,
    },
    {
      name: "a retry count on a policy other than on-failure, in quotes, which the fix keeps",
      code: "services:\n  web:\n    image: x\n    restart: 'always:3'\n",
      errors: [{
        line: 4, column: 14, endLine: 4, endColumn: 24,
        messageId: "restartRetries",
        message: 'Restart policy "always:3": Docker won\'t create the container. Only on-failure takes a retry count.',
        log: "Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'",
      }],
      output: "services:\n  web:\n    image: x\n    restart: 'always'\n",
    },
    {
      name: "a depends_on condition outside the schema's enum",
      code: "services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healty\n  db:\n    image: y\n",
      errors: [{
        line: 6, column: 20, endLine: 6, endColumn: 34,
        messageId: "didYouMean",
        message: '…web.depends_on.db.condition is "service_healty": compose refuses the file. Did you mean "service_healthy"?',
        log: "services.web.depends_on.db.condition value must be one of 'service_started', 'service_healthy', 'service_completed_successfully'",
        fixOutput: "services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: y\n",
      }],
      output: "services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: y\n",
    },
    {
      name: "a word where compose casts to an integer: no fix, the number is the user's",
      code: "services:\n  db:\n    image: x\n    healthcheck:\n      test: [CMD, 'true']\n      retries: five\n",
      errors: [{
        line: 6, column: 16, endLine: 6, endColumn: 20,
        messageId: "notInteger",
        message: 'services.db.healthcheck.retries is "five": compose refuses the file. Use a whole number.',
        log: 'error while interpolating services.db.healthcheck.retries: failed to cast to expected type: strconv.Atoi: parsing "five": invalid syntax',
        fixOutput: null,
      }],
      output: null,
    },
    {
      name: "durations: a bare number (the schema wants a string, compose a unit), a quoted one without unit, an unknown unit",
      code: "services:\n  db:\n    image: x\n    healthcheck:\n      test: [CMD, 'true']\n      interval: 30\n      timeout: '30'\n      start_period: 1 minute\n",
      errors: [
        { line: 6, column: 17, endLine: 6, endColumn: 19, messageId: "notDuration", message: 'services.db.healthcheck.interval is "30": compose refuses the file. Use a duration such as 30s or 1m30s.', log: "services.db.healthcheck.interval must be a string" },
        { line: 7, column: 16, endLine: 7, endColumn: 20, messageId: "notDuration", log: `'services[db].healthcheck.timeout' time: missing unit in duration "30"` },
        { line: 8, column: 21, endLine: 8, endColumn: 29, messageId: "notDuration", log: `'services[db].healthcheck.start_period' time: unknown unit " minute" in duration "1 minute"` },
      ],
      output: null,
    },
    {
      name: "a string where a mapping or a list is needed, and a mapping where a list is",
      code: "services:\n  web:\n    image: x\n    environment: FOO=bar\n    ports: {http: 80}\n",
      errors: [
        { line: 4, column: 18, endLine: 4, endColumn: 25, messageId: "typeMappingOrList", message: "services.web.environment must be a mapping (key: value) or a list (- item): compose refuses the file.", log: "services.web.environment must be a mapping" },
        { line: 5, column: 12, endLine: 5, endColumn: 22, messageId: "typeList", message: "services.web.ports must be a list (- item): compose refuses the file.", log: "services.web.ports must be a array" },
      ],
      output: null,
    },
    {
      name: "compose's additions to the schema are checked too: pre_start is a list of hooks naming their image, initial_sync a boolean or a string",
      code: "services:\n  web:\n    image: x\n    pre_start: {command: ./init.sh}\n  worker:\n    image: x\n    pre_start:\n      - {image: [alpine], command: ./init.sh}\n    develop:\n      watch:\n        - {path: ., action: sync, target: /app, initial_sync: 1}\n        - {path: ./b, action: sync, target: /b, initial_sync: [yes]}\n",
      errors: [
        { line: 4, column: 16, endLine: 4, endColumn: 36, messageId: "typeList", log: "services.web.pre_start must be a array" },
        { line: 8, column: 17, endLine: 8, endColumn: 25, messageId: "typeString", log: "services.worker.pre_start.0.image must be a string" },
        { line: 11, column: 63, endLine: 11, endColumn: 64, messageId: "typeBoolean", message: "…develop.watch[0].initial_sync must be true or false: compose refuses the file.", log: "services.worker.develop.watch.0.initial_sync must be a boolean or string" },
        { line: 12, column: 63, endLine: 12, endColumn: 68, messageId: "typeBoolean" },
      ],
      output: null,
    },
    {
      name: "a service that is not a mapping",
      code: "services:\n  web: nginx\n",
      errors: [{ line: 2, column: 8, endLine: 2, endColumn: 13, messageId: "typeMapping", message: "services.web must be a mapping (key: value): compose refuses the file.", log: "services.web must be a mapping" }],
      output: null,
    },
    {
      name: "every other kind of type compose names: a string, a string or a list, a string or a mapping, numbers, ulimits, ports, single values",
      code: "services:\n  web:\n    image: [nginx]\n    command: {a: b}\n    build: [.]\n    cpus: [1]\n    ulimits:\n      nofile: [1]\n    ports:\n      - [80]\n    environment:\n      A: {b: c}\n    networks:\n      back:\n        priority: [1]\n  ai:\n    provider:\n      type: model\n      options:\n        m: {a: b}\nnetworks:\n  back:\n",
      errors: [
        { line: 3, column: 12, endLine: 3, endColumn: 19, messageId: "typeString", message: "services.web.image must be a string: compose refuses the file.", log: "services.web.image must be a string" },
        { line: 4, column: 14, endLine: 4, endColumn: 20, messageId: "typeStringOrList", message: "services.web.command must be a string or a list: compose refuses the file.", log: "services.web.command must be a null" },
        { line: 5, column: 12, endLine: 5, endColumn: 15, messageId: "typeStringOrMapping", message: "services.web.build must be a string or a mapping: compose refuses the file.", log: "services.web.build must be a string" },
        { line: 6, column: 11, endLine: 6, endColumn: 14, messageId: "typeNumberOrString", message: "services.web.cpus must be a number or a string: compose refuses the file.", log: "services.web.cpus must be a number or string" },
        { line: 8, column: 15, endLine: 8, endColumn: 18, messageId: "typeNumberOrMapping", message: "services.web.ulimits.nofile must be a number or a mapping (soft, hard): compose refuses the file.", log: "services.web.ulimits.nofile must be a integer or string" },
        { line: 10, column: 9, endLine: 10, endColumn: 13, messageId: "typePort", message: 'services.web.ports[0] must be a port (8000 or "8000:8000") or a mapping: compose refuses the file.', log: "services.web.ports.0 must be a number" },
        { line: 12, column: 10, endLine: 12, endColumn: 16, messageId: "typeScalar", message: "services.web.environment.A must be a single value, not a list or a mapping: compose refuses the file.", log: "services.web.environment.A must be a boolean, null, number or string" },
        { line: 15, column: 19, endLine: 15, endColumn: 22, messageId: "typeNumber", message: "…web.networks.back.priority must be a number: compose refuses the file.", log: "services.web.networks.back.priority must be a number" },
        { line: 20, column: 12, endLine: 20, endColumn: 18, messageId: "wrongType", message: "services.ai.provider.options.m has a type compose does not accept here: compose refuses the file.", log: "services.ai.provider.options.m must be a boolean, number or string" },
      ],
      output: null,
    },
    {
      name: "interpolation: a default is judged as the value, and not replaced by a fix",
      code: "services:\n  web:\n    image: x\n    pull_policy: ${PULL_POLICY:-allways}\n    stop_grace_period: ${GRACE:-ten}\n    mem_limit: ${MEM:-512M}\n",
      errors: [
        { line: 4, column: 18, endLine: 4, endColumn: 41, messageId: "didYouMean", message: 'services.web.pull_policy is "allways": compose refuses the file. Did you mean "always"?', fixOutput: null },
        { line: 5, column: 24, endLine: 5, endColumn: 37, messageId: "notDuration", message: 'services.web.stop_grace_period is "ten": compose refuses the file. Use a duration such as 30s or 1m30s.', log: `'services[web].stop_grace_period' time: invalid duration "ten"` },
      ],
      output: null,
    },
    {
      name: "through a merge and an alias: reported once, where the value is written",
      code: "x-hc: &hc\n  test: [CMD, 'true']\n  retries: many\nservices:\n  a:\n    image: x\n    healthcheck: *hc\n  b:\n    image: y\n    healthcheck:\n      <<: *hc\n      interval: 5s\n",
      errors: [{ line: 3, column: 12, endLine: 3, endColumn: 16, messageId: "notInteger", message: 'services.a.healthcheck.retries is "many": compose refuses the file. Use a whole number.' }],
      output: null,
    },
    {
      name: "!override values are checked as written",
      code: "services:\n  web:\n    image: x\n    ports: !reset {}\n    environment: !override FOO\n",
      errors: [{ line: 5, column: 28, endLine: 5, endColumn: 31, messageId: "typeMappingOrList", log: "services.web.environment must be a mapping" }],
      output: null,
    },
    {
      name: "an item repeated in a list the schema keeps unique: the repeat is removed",
      code: "services:\n  web:\n    image: x\n    cap_add:\n      - NET_ADMIN\n      - SYS_TIME\n      - NET_ADMIN\n",
      errors: [{
        line: 7, column: 9, endLine: 7, endColumn: 18,
        messageId: "duplicate",
        message: 'services.web.cap_add lists "NET_ADMIN" twice: compose refuses the file. Remove the repeat.',
        log: "services.web.cap_add items at 0 and 2 are equal",
      }],
      output: "services:\n  web:\n    image: x\n    cap_add:\n      - NET_ADMIN\n      - SYS_TIME\n",
    },
    {
      // Written alike, interpolated alike: compose validates the interpolated file and finds the two equal, whatever CAP is.
      name: "an interpolated item repeated as written: named as written, the repeat is removed",
      code: "services:\n  web:\n    image: x\n    cap_add: [\"${CAP}\", \"${CAP}\"]\n",
      errors: [{
        line: 4, column: 25, endLine: 4, endColumn: 33,
        messageId: "duplicate",
        message: 'services.web.cap_add lists "${CAP}" twice: compose refuses the file. Remove the repeat.',
        log: "services.web.cap_add items at 0 and 1 are equal",
      }],
      output: "services:\n  web:\n    image: x\n    cap_add: [\"${CAP}\"]\n",
    },
    {
      name: "a version written as a number: compose stops on it, and the obsolete key goes",
      code: "version: 3.8\nservices:\n  web:\n    image: x\n",
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 13, messageId: "versionNumber", message: "version: 3.8 is a number: compose refuses the file. The key is obsolete: remove it.", log: "version must be a string" }],
      output: "services:\n  web:\n    image: x\n",
    },
    {
      name: "a long-form dependency without the condition the schema requires",
      code: "services:\n  web:\n    image: x\n    depends_on:\n      db:\n        restart: true\n  db:\n    image: y\n",
      errors: [{ line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "missingKey", message: 'services.web.depends_on.db has no "condition" key: compose refuses the file. Add it.', log: "services.web.depends_on.db missing property 'condition'" }],
      output: null,
    },
    {
      name: "out of range under a oneOf: compose names the first alternative's type, the message the range",
      code: "services:\n  web:\n    image: x\n    oom_score_adj: -5000\n  worker:\n    image: x\n    oom_score_adj: 5000\n",
      errors: [
        { line: 4, column: 20, endLine: 4, endColumn: 25, messageId: "tooSmall", message: "services.web.oom_score_adj is -5000: compose refuses the file. Use -1000 or more.", log: "services.web.oom_score_adj must be a string" },
        { line: 7, column: 20, endLine: 7, endColumn: 24, messageId: "tooLarge", message: "services.worker.oom_score_adj is 5000: compose refuses the file. Use 1000 or less.", log: "services.worker.oom_score_adj must be a string" },
      ],
      output: null,
    },
    {
      name: "booleans: a word compose cannot cast, and a number the schema refuses",
      code: "services:\n  web:\n    image: x\n    privileged: maybe\n    tty: yes\n    read_only: 1\n",
      errors: [
        { line: 4, column: 17, endLine: 4, endColumn: 22, messageId: "notBoolean", message: 'services.web.privileged is "maybe": compose refuses the file. Use true or false.', log: "error while interpolating services.web.privileged: failed to cast to expected type: invalid boolean: maybe" },
        { line: 6, column: 16, endLine: 6, endColumn: 17, messageId: "typeBoolean", message: "services.web.read_only must be true or false: compose refuses the file.", log: "services.web.read_only must be a boolean or string" },
      ],
      output: null,
    },
    {
      name: "sizes, numbers and counts that compose decodes",
      code: "services:\n  web:\n    image: x\n    mem_limit: 512q\n    cpus: half\n    deploy:\n      replicas: two\n      resources:\n        limits: {cpus: 'one', memory: lots}\n      restart_policy: {condition: allways, delay: 5 seconds}\n",
      errors: [
        { line: 4, column: 16, endLine: 4, endColumn: 20, messageId: "notSize", message: 'services.web.mem_limit is "512q": compose refuses the file. Use a size such as 512m or 1g.', log: "'services[web].mem_limit' invalid size: '512q'" },
        { line: 5, column: 11, endLine: 5, endColumn: 15, messageId: "notNumber", message: 'services.web.cpus is "half": compose refuses the file. Use a number.', log: 'error while interpolating services.web.cpus: failed to cast to expected type: strconv.ParseFloat: parsing "half": invalid syntax' },
        { line: 7, column: 17, endLine: 7, endColumn: 20, messageId: "notInteger", log: 'error while interpolating services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "two": invalid syntax' },
        { line: 9, column: 24, endLine: 9, endColumn: 29, messageId: "notNumber", message: '…deploy.resources.limits.cpus is "one": compose refuses the file. Use a number.', log: `'services[web].deploy.resources.limits.cpus' strconv.ParseFloat: parsing "one": invalid syntax` },
        { line: 9, column: 39, endLine: 9, endColumn: 43, messageId: "notSize", log: "'services[web].deploy.resources.limits.memory' invalid size: 'lots'" },
        { line: 10, column: 35, endLine: 10, endColumn: 42, messageId: "restartCondition", message: 'Unknown restart condition "allways": Docker won\'t create the container. Use none, on-failure or any.', log: RESTART_LOG("allways") },
        { line: 10, column: 51, endLine: 10, endColumn: 60, messageId: "notDuration", log: `'services[web].deploy.restart_policy.delay' time: unknown unit " seconds" in duration "5 seconds"` },
      ],
      output: null,
    },
    {
      name: "text around the digits of a number or a count: before them, after them",
      code: "services:\n  web:\n    image: x\n    cpus: 50%\n    deploy:\n      replicas: x2\n      resources:\n        limits: {cpus: max 2}\n",
      errors: [
        { line: 4, column: 11, endLine: 4, endColumn: 14, messageId: "notNumber", message: 'services.web.cpus is "50%": compose refuses the file. Use a number.', log: 'error while interpolating services.web.cpus: failed to cast to expected type: strconv.ParseFloat: parsing "50%": invalid syntax' },
        { line: 6, column: 17, endLine: 6, endColumn: 19, messageId: "notInteger", message: 'services.web.deploy.replicas is "x2": compose refuses the file. Use a whole number.', log: 'error while interpolating services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "x2": invalid syntax' },
        { line: 8, column: 24, endLine: 8, endColumn: 29, messageId: "notNumber", message: '…deploy.resources.limits.cpus is "max 2": compose refuses the file. Use a number.', log: `'services[web].deploy.resources.limits.cpus' strconv.ParseFloat: parsing "max 2": invalid syntax` },
      ],
      output: null,
    },
    {
      name: "durations and sizes with text around them, and a negative size, which RAMInBytes refuses",
      code: "services:\n  web:\n    image: x\n    stop_grace_period: 30sec\n    mem_limit: x512m\n    memswap_limit: ${SWAP:--1}\n    shm_size: 64ki\n    healthcheck:\n      test: [CMD, 'true']\n      interval: 1m 30s\n",
      errors: [
        { line: 4, column: 24, endLine: 4, endColumn: 29, messageId: "notDuration", message: 'services.web.stop_grace_period is "30sec": compose refuses the file. Use a duration such as 30s or 1m30s.', log: `'services[web].stop_grace_period' time: unknown unit "sec" in duration "30sec"` },
        { line: 5, column: 16, endLine: 5, endColumn: 21, messageId: "notSize", message: 'services.web.mem_limit is "x512m": compose refuses the file. Use a size such as 512m or 1g.' },
        { line: 6, column: 20, endLine: 6, endColumn: 31, messageId: "notSize", message: 'services.web.memswap_limit is "-1": compose refuses the file. Use a size such as 512m or 1g.', log: "'services[web].memswap_limit' invalid size: '-1'" },
        { line: 7, column: 15, endLine: 7, endColumn: 19, messageId: "notSize", message: 'services.web.shm_size is "64ki": compose refuses the file. Use a size such as 512m or 1g.' },
        { line: 10, column: 17, endLine: 10, endColumn: 23, messageId: "notDuration", message: '…web.healthcheck.interval is "1m 30s": compose refuses the file. Use a duration such as 30s or 1m30s.', log: `'services[web].healthcheck.interval' time: unknown unit "m " in duration "1m 30s"` },
      ],
      output: null,
    },
    {
      name: "misspelt restart policies, conditions and booleans: each fixed to the word it is nearest, a no quoted",
      code: "services:\n  a:\n    image: x\n    restart: noo\n    privileged: ture\n    tty: flase\n  b:\n    image: x\n    restart: on-failur\n    deploy:\n      restart_policy: {condition: nnone}\n  c:\n    image: x\n    restart: unless-stoped\n    deploy:\n      restart_policy: {condition: on-failures}\n  d:\n    image: x\n    restart: aalways\n    deploy:\n      restart_policy: {condition: many}\n",
      errors: [
        {
          line: 4, column: 14, endLine: 4, endColumn: 17,
          messageId: "restartDidYouMean",
          message: 'Unknown restart policy "noo": Docker won\'t create the container. Did you mean "no"?',
          fixOutput: "services:\n  a:\n    image: x\n    restart: \"no\"\n    privileged: ture\n    tty: flase\n  b:\n    image: x\n    restart: on-failur\n    deploy:\n      restart_policy: {condition: nnone}\n  c:\n    image: x\n    restart: unless-stoped\n    deploy:\n      restart_policy: {condition: on-failures}\n  d:\n    image: x\n    restart: aalways\n    deploy:\n      restart_policy: {condition: many}\n",
        },
        { line: 5, column: 17, endLine: 5, endColumn: 21, messageId: "didYouMean", message: 'services.a.privileged is "ture": compose refuses the file. Did you mean "true"?' },
        { line: 6, column: 10, endLine: 6, endColumn: 15, messageId: "didYouMean", message: 'services.a.tty is "flase": compose refuses the file. Did you mean "false"?' },
        { line: 9, column: 14, endLine: 9, endColumn: 23, messageId: "restartDidYouMean", message: 'Unknown restart policy "on-failur": Docker won\'t create the container. Did you mean "on-failure"?' },
        { line: 11, column: 35, endLine: 11, endColumn: 40, messageId: "restartDidYouMean", message: 'Unknown restart policy "nnone": Docker won\'t create the container. Did you mean "none"?' },
        { line: 14, column: 14, endLine: 14, endColumn: 27, messageId: "restartDidYouMean", message: 'Unknown restart policy "unless-stoped": Docker won\'t create the container. Did you mean "unless-stopped"?' },
        { line: 16, column: 35, endLine: 16, endColumn: 46, messageId: "restartDidYouMean", message: 'Unknown restart policy "on-failures": Docker won\'t create the container. Did you mean "on-failure"?' },
        { line: 19, column: 14, endLine: 19, endColumn: 21, messageId: "restartDidYouMean", message: 'Unknown restart policy "aalways": Docker won\'t create the container. Did you mean "always"?' },
        { line: 21, column: 35, endLine: 21, endColumn: 39, messageId: "restartDidYouMean", message: 'Unknown restart policy "many": Docker won\'t create the container. Did you mean "any"?' },
      ],
      output: "services:\n  a:\n    image: x\n    restart: \"no\"\n    privileged: \"true\"\n    tty: \"false\"\n  b:\n    image: x\n    restart: on-failure\n    deploy:\n      restart_policy: {condition: none}\n  c:\n    image: x\n    restart: unless-stopped\n    deploy:\n      restart_policy: {condition: on-failure}\n  d:\n    image: x\n    restart: always\n    deploy:\n      restart_policy: {condition: any}\n",
    },
    {
      name: "pull_policy outside the schema's pattern, fixed to the nearest policy",
      code: "services:\n  web:\n    image: x\n    pull_policy: allways\n",
      errors: [{ line: 4, column: 18, endLine: 4, endColumn: 25, messageId: "didYouMean", log: "services.web.pull_policy 'allways' does not match pattern 'always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+'" }],
      output: "services:\n  web:\n    image: x\n    pull_policy: always\n",
    },
    {
      name: "words nothing is close to: the message lists the first ones compose accepts, the log all of them",
      code: "services:\n  web:\n    image: x\n    pull_policy: sometimes\n    volumes:\n      - type: xyz\n        target: /a\n",
      errors: [
        { line: 4, column: 18, endLine: 4, endColumn: 27, messageId: "notAllowed", message: 'services.web.pull_policy is "sometimes": compose refuses the file (it accepts: always, never, …).', fixOutput: null },
        { line: 6, column: 15, endLine: 6, endColumn: 18, messageId: "notAllowed", message: 'services.web.volumes[0].type is "xyz": compose refuses the file (it accepts: bind, volume, tmpfs, …).', log: "services.web.volumes.0.type value must be one of 'bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'", fixOutput: null },
      ],
      output: null,
    },
    {
      name: "an enum in a list item's long form",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - type: bnd\n        source: .\n        target: /app\n",
      errors: [{ line: 5, column: 15, endLine: 5, endColumn: 18, messageId: "didYouMean", message: 'services.web.volumes[0].type is "bnd": compose refuses the file. Did you mean "bind"?', log: "services.web.volumes.0.type value must be one of 'bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'" }],
      output: "services:\n  web:\n    image: x\n    volumes:\n      - type: bind\n        source: .\n        target: /app\n",
    },
    {
      name: "top-level sections: a network's external that is not a boolean",
      code: "volumes:\n  data:\n    external: 'TRUE'\nnetworks:\n  edge:\n    external: \"yes please\"\nservices:\n  web:\n    image: x\n",
      errors: [{ line: 6, column: 15, endLine: 6, endColumn: 27, messageId: "notBoolean", message: 'networks.edge.external is "yes please": compose refuses the file. Use true or false.', log: "error while interpolating networks.edge.external: failed to cast to expected type: invalid boolean: yes please" }],
      output: null,
    },
    {
      name: "flow style, and a quoted value keeps its quotes",
      code: "services: {web: {image: x, restart: 'alway', healthcheck: {test: [CMD, 'true'], retries: five}}}\n",
      errors: [
        { line: 1, column: 37, endLine: 1, endColumn: 44, messageId: "restartDidYouMean", fixOutput: "services: {web: {image: x, restart: 'always', healthcheck: {test: [CMD, 'true'], retries: five}}}\n" },
        { line: 1, column: 90, endLine: 1, endColumn: 94, messageId: "notInteger" },
      ],
      output: "services: {web: {image: x, restart: 'always', healthcheck: {test: [CMD, 'true'], retries: five}}}\n",
    },
    {
      name: "a container name the schema's pattern refuses",
      code: "services:\n  web:\n    image: x\n    container_name: a\n",
      errors: [{ line: 4, column: 21, endLine: 4, endColumn: 22, messageId: "badFormat", message: 'services.web.container_name is "a", not in the format compose expects: compose refuses the file.', log: "services.web.container_name 'a' does not match pattern '[a-zA-Z0-9][a-zA-Z0-9_.-]+'" }],
      output: null,
    },
    {
      name: "short-syntax ports compose cannot parse: a protocol (fixed to the nearest), a host port, a container port, ranges of two lengths",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80/tcpx\"\n      - \"99999:80\"\n      - \"80a\"\n      - \"8000-8001:80-82\"\n",
      errors: [
        {
          line: 5, column: 18, endLine: 5, endColumn: 22,
          messageId: "portProtocol",
          message: 'Unknown port protocol "tcpx": compose refuses the file. Use tcp, udp or sctp.',
          log: "invalid proto: tcpx",
          fixOutput: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80/tcp\"\n      - \"99999:80\"\n      - \"80a\"\n      - \"8000-8001:80-82\"\n",
        },
        { line: 6, column: 10, endLine: 6, endColumn: 15, messageId: "portHost", message: 'Invalid host port "99999": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.', log: "invalid hostPort: 99999", fixOutput: null },
        { line: 7, column: 10, endLine: 7, endColumn: 13, messageId: "portContainer", message: 'Invalid container port "80a": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.', log: "invalid containerPort: 80a" },
        { line: 8, column: 9, endLine: 8, endColumn: 26, messageId: "portRanges", message: "Host range 8000-8001 and container range 80-82 differ in length: compose refuses the file. Make them match.", log: "invalid ranges specified for container and host Ports: 80-82 and 8000-8001" },
      ],
      output: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80/tcp\"\n      - \"99999:80\"\n      - \"80a\"\n      - \"8000-8001:80-82\"\n",
    },
    {
      name: "short-syntax port ranges compose cannot parse: text before the digits, an end past 65535, an end before the start; an empty container port is left to the schema",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"a80\"\n      - \"65530-65536:80\"\n      - \"8010-8000:80\"\n      - \"8000:\"\n",
      errors: [
        { line: 5, column: 10, endLine: 5, endColumn: 13, messageId: "portContainer", message: 'Invalid container port "a80": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.', log: "invalid containerPort: a80" },
        { line: 6, column: 10, endLine: 6, endColumn: 21, messageId: "portHost", message: 'Invalid host port "65530-65536": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.', log: "invalid hostPort: 65530-65536" },
        { line: 7, column: 10, endLine: 7, endColumn: 19, messageId: "portHost", message: 'Invalid host port "8010-8000": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.', log: "invalid hostPort: 8010-8000" },
      ],
      output: null,
    },
    {
      name: "every policy of pull_policy's pattern is a fix, refresh too: each misspelling fixed to the one it is nearest",
      code: "services:\n  a:\n    image: x\n    pull_policy: biuld\n  b:\n    image: x\n    pull_policy: if_not_presnt\n  c:\n    image: x\n    pull_policy: dayly\n  d:\n    image: x\n    pull_policy: weekyl\n  e:\n    image: x\n    pull_policy: refesh\n",
      errors: [
        { line: 4, column: 18, endLine: 4, endColumn: 23, messageId: "didYouMean", message: 'services.a.pull_policy is "biuld": compose refuses the file. Did you mean "build"?' },
        { line: 7, column: 18, endLine: 7, endColumn: 31, messageId: "didYouMean", message: 'services.b.pull_policy is "if_not_presnt": compose refuses the file. Did you mean "if_not_present"?' },
        { line: 10, column: 18, endLine: 10, endColumn: 23, messageId: "didYouMean", message: 'services.c.pull_policy is "dayly": compose refuses the file. Did you mean "daily"?' },
        { line: 13, column: 18, endLine: 13, endColumn: 24, messageId: "didYouMean", message: 'services.d.pull_policy is "weekyl": compose refuses the file. Did you mean "weekly"?' },
        { line: 16, column: 18, endLine: 16, endColumn: 24, messageId: "didYouMean", message: 'services.e.pull_policy is "refesh": compose refuses the file. Did you mean "refresh"?', log: "services.e.pull_policy 'refesh' does not match pattern 'always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+'" },
      ],
      output: "services:\n  a:\n    image: x\n    pull_policy: build\n  b:\n    image: x\n    pull_policy: if_not_present\n  c:\n    image: x\n    pull_policy: daily\n  d:\n    image: x\n    pull_policy: weekly\n  e:\n    image: x\n    pull_policy: refresh\n",
    },
    {
      // selinux takes z and Z, which differ in case alone: a misspelling is as near to one as to the other, so neither is suggested.
      name: "a value as near to two accepted words: no suggestion, no fix",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - type: bind\n        source: ./data\n        target: /data\n        bind: {selinux: zz}\n",
      errors: [{ line: 8, column: 25, endLine: 8, endColumn: 27, messageId: "notAllowed", message: '…web.volumes[0].bind.selinux is "zz": compose refuses the file (it accepts: z, Z).', log: "services.web.volumes.0.bind.selinux value must be one of 'z', 'Z'", fixOutput: null }],
      output: null,
    },
    {
      // tmpfs.size's first alternative is the integer: compose names the range, not a type; a list index is in brackets when mapstructure decodes.
      name: "a tmpfs size below its minimum, and one that is not a size in the next mount",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - type: tmpfs\n        target: /cache\n        tmpfs: {size: -1}\n      - type: tmpfs\n        target: /run\n        tmpfs: {size: lots}\n",
      errors: [
        { line: 7, column: 23, endLine: 7, endColumn: 25, messageId: "tooSmall", message: "…web.volumes[0].tmpfs.size is -1: compose refuses the file. Use 0 or more.", log: "services.web.volumes.0.tmpfs.size must be greater than or equal to 0" },
        { line: 10, column: 23, endLine: 10, endColumn: 27, messageId: "notSize", log: "'services[web].volumes[1].tmpfs.size' invalid size: 'lots'" },
      ],
      output: null,
    },
    {
      // Only the top-level version is the obsolete key: another top-level key of the wrong type is a type error like any other.
      name: "a top-level section of the wrong type",
      code: "services: nginx\n",
      errors: [{ line: 1, column: 11, endLine: 1, endColumn: 16, messageId: "typeMapping", message: "services must be a mapping (key: value): compose refuses the file.", log: "services must be a mapping" }],
      output: null,
    },
    {
      name: "a duration key: a number of any kind is a duration without its unit, a list or a boolean is of the wrong type",
      code: "services:\n  web:\n    image: x\n    stop_grace_period: [1m]\n    healthcheck:\n      test: [CMD, 'true']\n      interval: 1.5\n      timeout: true\n",
      errors: [
        { line: 4, column: 24, endLine: 4, endColumn: 28, messageId: "typeString", message: "services.web.stop_grace_period must be a string: compose refuses the file.", log: "services.web.stop_grace_period must be a string" },
        { line: 7, column: 17, endLine: 7, endColumn: 20, messageId: "notDuration", message: '…web.healthcheck.interval is "1.5": compose refuses the file. Use a duration such as 30s or 1m30s.', log: "services.web.healthcheck.interval must be a string" },
        { line: 8, column: 16, endLine: 8, endColumn: 20, messageId: "typeString", message: "services.web.healthcheck.timeout must be a string: compose refuses the file." },
      ],
      output: null,
    },
    {
      // Only a policy named exactly takes the engine's words about a retry count: one that merely contains one, or starts with one, is unknown.
      name: "a retry count after an unknown policy that contains or starts with a known one",
      code: "services:\n  web:\n    image: x\n    restart: aalways:3\n  worker:\n    image: x\n    restart: always-on:3\n",
      errors: [
        { line: 4, column: 14, endLine: 4, endColumn: 23, messageId: "restartPolicy", message: 'Unknown restart policy "aalways:3": Docker won\'t create the container. Use no, always, on-failure or unless-stopped.', log: RESTART_LOG("aalways") },
        { line: 7, column: 14, endLine: 7, endColumn: 25, messageId: "restartPolicy", log: RESTART_LOG("always-on") },
      ],
      output: null,
    },
    {
      // Only a misspelt protocol has a fix: a container port that looks like one is not replaced by it.
      name: "a container port that is a misspelt protocol, before a protocol: no fix",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"80:udpp/tcp\"\n",
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 17, messageId: "portContainer", message: 'Invalid container port "udpp": compose refuses the file. Use a port from 0 to 65535 or a range like 8000-8010.', log: "invalid containerPort: udpp", fixOutput: null }],
      output: null,
    },
    {
      name: "a single-quoted no stays single-quoted: quotes of either kind keep it a string",
      code: "services:\n  web:\n    image: x\n    restart: 'noo'\n",
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 19, messageId: "restartDidYouMean", fixOutput: "services:\n  web:\n    image: x\n    restart: 'no'\n" }],
      output: "services:\n  web:\n    image: x\n    restart: 'no'\n",
    },
    {
      // str2duration reads a number, then every letter up to the next digit or dot as its unit: the log names the first fault it meets.
      name: "durations str2duration refuses part way: a number without unit after a valid one, a dot with no digit, a sign alone, a unit run into letters",
      code: "services:\n  web:\n    image: x\n    stop_grace_period: '-'\n    healthcheck:\n      test: [CMD, 'true']\n      interval: 1m30\n      timeout: 1m.\n      start_period: 1.5.5s\n    deploy:\n      restart_policy: {delay: 1h30mx, window: 2µs3}\n      update_config: {delay: .s}\n",
      errors: [
        { line: 4, column: 24, endLine: 4, endColumn: 27, messageId: "notDuration", log: `'services[web].stop_grace_period' time: invalid duration "-"` },
        { line: 7, column: 17, endLine: 7, endColumn: 21, messageId: "notDuration", message: '…web.healthcheck.interval is "1m30": compose refuses the file. Use a duration such as 30s or 1m30s.', log: `'services[web].healthcheck.interval' time: missing unit in duration "1m30"` },
        { line: 8, column: 16, endLine: 8, endColumn: 19, messageId: "notDuration", log: `'services[web].healthcheck.timeout' time: invalid duration "1m."` },
        { line: 9, column: 21, endLine: 9, endColumn: 27, messageId: "notDuration", log: `'services[web].healthcheck.start_period' time: missing unit in duration "1.5.5s"` },
        { line: 11, column: 31, endLine: 11, endColumn: 37, messageId: "notDuration", log: `'services[web].deploy.restart_policy.delay' time: unknown unit "mx" in duration "1h30mx"` },
        { line: 11, column: 47, endLine: 11, endColumn: 51, messageId: "notDuration", log: `'services[web].deploy.restart_policy.window' time: missing unit in duration "2µs3"` },
        { line: 12, column: 30, endLine: 12, endColumn: 32, messageId: "notDuration", log: `'services[web].deploy.update_config.delay' time: invalid duration ".s"` },
      ],
      output: null,
    },
    {
      // Each unit str2duration knows is read as one, so the number after it is the one missing its unit (µs is above, s and m elsewhere).
      name: "every other unit str2duration knows, then a number without one",
      code: "services:\n  web:\n    image: x\n    stop_grace_period: 1ns5\n    healthcheck:\n      test: [CMD, 'true']\n      interval: 1us5\n      timeout: 1μs5\n      start_period: 1ms5\n      start_interval: 1h5\n    deploy:\n      restart_policy: {delay: 1d5, window: 1w5}\n",
      errors: [
        { line: 4, column: 24, endLine: 4, endColumn: 28, messageId: "notDuration", log: `'services[web].stop_grace_period' time: missing unit in duration "1ns5"` },
        { line: 7, column: 17, endLine: 7, endColumn: 21, messageId: "notDuration", log: `'services[web].healthcheck.interval' time: missing unit in duration "1us5"` },
        { line: 8, column: 16, endLine: 8, endColumn: 20, messageId: "notDuration", log: `'services[web].healthcheck.timeout' time: missing unit in duration "1μs5"` },
        { line: 9, column: 21, endLine: 9, endColumn: 25, messageId: "notDuration", log: `'services[web].healthcheck.start_period' time: missing unit in duration "1ms5"` },
        { line: 10, column: 23, endLine: 10, endColumn: 26, messageId: "notDuration", log: `'services[web].healthcheck.start_interval' time: missing unit in duration "1h5"` },
        { line: 12, column: 31, endLine: 12, endColumn: 34, messageId: "notDuration", log: `'services[web].deploy.restart_policy.delay' time: missing unit in duration "1d5"` },
        { line: 12, column: 44, endLine: 12, endColumn: 47, messageId: "notDuration", log: `'services[web].deploy.restart_policy.window' time: missing unit in duration "1w5"` },
      ],
      output: null,
    },
    {
      // The sign is read once, before the first number only; a fraction takes every digit after its dot.
      name: "durations with a sign: a unit after it, a minus after a unit, a fraction of two digits before an unknown unit, a number after seconds",
      code: "services:\n  web:\n    image: x\n    stop_grace_period: -5x\n    healthcheck:\n      test: [CMD, 'true']\n      interval: 1m-5s\n      timeout: 1.55x\n      start_period: +1m30\n      start_interval: 1s5\n",
      errors: [
        { line: 4, column: 24, endLine: 4, endColumn: 27, messageId: "notDuration", log: `'services[web].stop_grace_period' time: unknown unit "x" in duration "-5x"` },
        { line: 7, column: 17, endLine: 7, endColumn: 22, messageId: "notDuration", log: `'services[web].healthcheck.interval' time: unknown unit "m-" in duration "1m-5s"` },
        { line: 8, column: 16, endLine: 8, endColumn: 21, messageId: "notDuration", log: `'services[web].healthcheck.timeout' time: unknown unit "x" in duration "1.55x"` },
        { line: 9, column: 21, endLine: 9, endColumn: 26, messageId: "notDuration", log: `'services[web].healthcheck.start_period' time: missing unit in duration "+1m30"` },
        { line: 10, column: 23, endLine: 10, endColumn: 26, messageId: "notDuration", log: `'services[web].healthcheck.start_interval' time: missing unit in duration "1s5"` },
      ],
      output: null,
    },
    {
      // jsonschema words a single allowed value without "one of".
      name: "an enum of one word: the log names it as compose does",
      code: "services:\n  web:\n    image: x\n    gpus: al\n",
      errors: [{ line: 4, column: 11, endLine: 4, endColumn: 13, messageId: "didYouMean", message: 'services.web.gpus is "al": compose refuses the file. Did you mean "all"?', log: "services.web.gpus value must be 'all'" }],
      output: "services:\n  web:\n    image: x\n    gpus: all\n",
    },
    {
      name: "CRLF, in a file that is not the pipeline's",
      pipeline: false,
      code: "services:\r\n  web:\r\n    image: x\r\n    restart: allways\r\n",
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 21, messageId: "restartDidYouMean" }],
      output: "services:\r\n  web:\r\n    image: x\r\n    restart: always\r\n",
    },
  ],
});


describe("invalid-value's quick fixes", () => {
  const titles = (code: string) =>
    lint(parseCompose(code), { isPipeline: true, rules: [invalidValue], onRuleError: (_, error) => { throw error; } }).map((f) => f.fix && [f.fix.title.en, f.fix.title.fr]);

  it.each([
    ["a misspelt word", "services:\n  web:\n    image: x\n    restart: allways\n", ['Change to "always"', "Remplacer par « always »"]],
    ["a repeated item", "services:\n  web:\n    image: x\n    cap_add: [NET_ADMIN, NET_ADMIN]\n", ['Remove the repeated "NET_ADMIN"', "Supprimer le « NET_ADMIN » répété"]],
    ["a repeated item a variable decides, named as written", "services:\n  web:\n    image: x\n    cap_add: [\"${CAP}\", \"${CAP}\"]\n", ['Remove the repeated "${CAP}"', "Supprimer le « ${CAP} » répété"]],
    ["a version number", "version: 3.8\nservices:\n  web:\n    image: x\n", ["Remove version", "Supprimer version"]],
    ["a misspelt port protocol", "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80/tcpx\"\n", ['Change to "tcp"', "Remplacer par « tcp »"]],
  ])("%s: the light bulb names what it does", (_, code, title) => {
    expect(titles(code)).toEqual([title]);
  });
});

describe("invalid-value's log lines, pasted", () => {
  // One finding per wording compose prints, and two of a kind where a log line must name one of them.
  const TEXT = [
    "services:",
    "  web:",
    "    image: [nginx]",
    "    pull_policy: sometimes",
    "    restart: allways",
    "    privileged: maybe",
    "    attach: ''",
    "    stop_grace_period: 30sec",
    "    mem_limit: 512q",
    "    gpus: al",
    "    depends_on:",
    "      db: {restart: true}",
    "      cache: {condition: service_healty}",
    "    healthcheck:",
    "      test: [CMD, 'true']",
    "      retries: five",
    "      timeout: '30'",
    "    deploy:",
    "      resources:",
    "        limits: {cpus: 'one'}",
    "    volumes:",
    "      - type: tmpfs",
    "        target: /cache",
    "        tmpfs: {size: -1}",
    "    cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, NET_BIND_SERVICE, NET_RAW, SYS_CHROOT, SYS_CHROOT]",
    "    ports:",
    '      - "8080:80/tcpx"',
    '      - "99999:80"',
    '      - "98765:81"',
    '      - "8000-8001:80-82"',
    '      - "8100-8101:80-82"',
    "  db:",
    "    image: postgres",
    "  cache:",
    "    image: redis",
    "",
  ].join("\n");
  const MODEL = parseCompose(TEXT);
  const VALIDATING = "validating /opt/app/shop/docker-compose.yml: ";
  /** The problems explained, each with the text of the findings it links. */
  const linked = (line: string) =>
    explainLog(line, "en", MODEL, { rules: [invalidValue] }).filter((p) => !p.note).map((p) => [p.id, p.ranges.map((r) => TEXT.slice(r.start, r.end))]);

  it.each([
    ["an enum", `${VALIDATING}services.web.depends_on.cache.condition value must be one of 'service_started', 'service_healthy', 'service_completed_successfully'`, ["service_healty"]],
    ["an enum of one word", `${VALIDATING}services.web.gpus value must be 'all'`, ["al"]],
    ["a type", `${VALIDATING}services.web.image must be a string`, ["[nginx]"]],
    ["a pattern", `${VALIDATING}services.web.pull_policy 'sometimes' does not match pattern 'always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+'`, ["sometimes"]],
    ["a required key", `${VALIDATING}services.web.depends_on.db missing property 'condition'`, ["db"]],
    ["a range", `${VALIDATING}services.web.volumes.0.tmpfs.size must be greater than or equal to 0`, ["-1"]],
    ["a repeated item, at indexes of two digits", `${VALIDATING}services.web.cap_add items at 10 and 11 are equal`, ["SYS_CHROOT"]],
    ["an integer interpolation casts", 'error while interpolating services.web.healthcheck.retries: failed to cast to expected type: strconv.Atoi: parsing "five": invalid syntax', ["five"]],
    ["a boolean interpolation casts", "error while interpolating services.web.privileged: failed to cast to expected type: invalid boolean: maybe", ["maybe"]],
    ["a duration's unknown unit", `'services[web].stop_grace_period' time: unknown unit "sec" in duration "30sec"`, ["30sec"]],
    ["a duration's missing unit", `'services[web].healthcheck.timeout' time: missing unit in duration "30"`, ["'30'"]],
    ["a size", "'services[web].mem_limit' invalid size: '512q'", ["512q"]],
    ["an empty boolean mapstructure decodes", "'services[web].attach' invalid boolean: ", ["''"]],
    ["a number mapstructure decodes", `'services[web].deploy.resources.limits.cpus' strconv.ParseFloat: parsing "one": invalid syntax`, ["'one'"]],
    ["a restart policy", "Error response from daemon: invalid restart policy: unknown policy 'allways'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'", ["allways"]],
    ["a port protocol", "invalid proto: tcpx", ["tcpx"]],
    ["one of two host ports starting alike", "invalid hostPort: 99999", ["99999"]],
    ["one of two port ranges starting alike", "invalid ranges specified for container and host Ports: 80-82 and 8000-8001", ['"8000-8001:80-82"']],
  ])("%s: recognised, and linked to the finding it names", (_, line, texts) => {
    expect(linked(line)).toEqual([["invalid-value", texts]]);
  });

  // The same place with another value (the file changed since that run, or another compose version lists other words): another fault.
  it.each([
    ["an enum listing other words", `${VALIDATING}services.web.depends_on.cache.condition value must be one of 'service_started', 'service_healthy'`],
    ["a boolean interpolation casts", "error while interpolating services.web.privileged: failed to cast to expected type: invalid boolean: perhaps"],
    ["a boolean mapstructure decodes", "'services[web].attach' invalid boolean: maybe"],
  ])("%s, with another value: recognised, and linked to no finding", (_, line) => {
    expect(linked(line)).toEqual([["invalid-value", []]]);
  });

  // compose prints its path after a space (or a quote, or `=` in logfmt): a path glued to the file's name is not a line of compose.
  it.each([
    "services.web.depends_on.cache.condition value must be one of 'service_started', 'service_healthy', 'service_completed_successfully'",
    "services.web.image must be a string",
    "services.web.pull_policy 'sometimes' does not match pattern 'always|never'",
    "services.web.depends_on.db missing property 'condition'",
    "services.web.volumes.0.tmpfs.size must be greater than or equal to 0",
    "services.web.cap_add items at 10 and 11 are equal",
  ])("a path glued to the text before it is not recognised: %s", (message) => {
    expect(linked(`validating /opt/app/shop/docker-compose.yml:${message}`)).toEqual([]);
  });
});
