import { describe, expect, it } from "vitest";
import { suggestKeys, unknownKey } from "../../server/src/engine/rules/unknown-key.js";
import { editDistance } from "../../server/src/engine/suggest.js";
import { composeSchema, schemaAt } from "../../server/src/engine/compose/schema.js";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { lint } from "../../server/src/engine/lint.js";

// Read inside the tests, not when the file loads: a schema that fails to compile then fails them.
const serviceKeys = () => schemaAt("#/definitions/service");
const healthcheckKeys = () => schemaAt("#/definitions/healthcheck");
const topLevelKeys = () => composeSchema();
import { testRule } from "./rule-tester.js";

const EVERY_LONG_FORM = `name: shop
include:
  - path: ./other/compose.yaml
    env_file: ./other/.env
x-defaults: &defaults
  restart: unless-stopped
  logging:
    driver: json-file
services:
  web:
    <<: *defaults
    image: shop/web:1.0
    build:
      context: .
      dockerfile: Dockerfile
      args: {VERSION: "1"}
      x-note: built in CI
    env_file:
      - path: .env
        required: false
        format: raw
      - ./common.env
    environment:
      MODE: production
    depends_on:
      db:
        condition: service_healthy
        restart: true
        required: true
      cache:
        condition: service_started
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 10s
      start_interval: 2s
      x-why: slow boot
    ports:
      - "172.17.0.1:8000:8000"
      - target: 9000
        published: "9000"
        host_ip: 172.17.0.1
        protocol: tcp
        mode: host
        app_protocol: http
        name: admin
    volumes:
      - ./static:/app/static
      - type: bind
        source: ./media
        target: /app/media
        read_only: true
        bind:
          propagation: rprivate
          create_host_path: true
      - type: volume
        source: data
        target: /data
        volume: {nocopy: true, subpath: web}
      - type: tmpfs
        target: /tmp
        tmpfs: {size: 1000000, mode: 1777}
    deploy:
      mode: replicated
      replicas: 1
      resources:
        limits: {cpus: "0.5", memory: 512M, pids: 100}
        reservations:
          memory: 128M
          devices:
            - capabilities: [gpu]
              driver: nvidia
              count: 1
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 120s}
      update_config: {parallelism: 1, order: start-first}
      rollback_config: {parallelism: 1, failure_action: pause}
      placement:
        constraints: [node.role == manager]
        preferences:
          - spread: node.labels.zone
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app/src
          initial_sync: true
    post_start:
      - command: ./warm-up.sh
    pre_start:
      - image: alpine
        command: ./init.sh
    pre_stop:
      - command: ./drain.sh
    models:
      - llm
    x-team: web
  ai:
    provider:
      type: model
      options:
        model: ai/smollm2
    use_api_socket: true
  db:
    image: postgres:16
    healthcheck:
      disable: true
models:
  llm:
    model: ai/smollm2
networks:
  default:
    name: shop
volumes:
  data:
configs:
  app:
    file: ./app.conf
secrets:
  key:
    environment: KEY
x-extra: {anything: goes}
`;

testRule(unknownKey, {
  valid: [
    { name: "every long form and newer keys (develop, models, provider, post_start, pre_start, include)", code: EVERY_LONG_FORM },
    { name: "short forms: build string, depends_on list, env_file string, volumes strings", code: "services:\n  web:\n    build: .\n    depends_on: [db]\n    env_file: .env\n    volumes: [./a:/a]\n    ports: [8000]\n  db:\n    image: postgres\n" },
    { name: "flow style", code: "services: {web: {image: x, restart: always, healthcheck: {test: [CMD, 'true'], interval: 5s}}}\n" },
    { name: "quoted keys", code: "services:\n  web:\n    \"image\": x\n    'restart': always\n" },
    { name: "!reset and !override tags", code: "services:\n  web:\n    image: x\n    ports: !reset []\n    environment: !override\n      A: b\n" },
    { name: "a healthcheck brought in by an alias", code: "x-hc: &hc\n  test: [CMD, 'true']\n  interval: 5s\nservices:\n  web:\n    image: x\n    healthcheck: *hc\n" },
    { name: "user-chosen names are not keys: services, dependencies, networks, volumes, environment", code: "services:\n  my-web.1:\n    image: x\n    depends_on:\n      my-db: {condition: service_started}\n    environment:\n      ENVIROMENT: prod\n    labels:\n      Image: x\nnetworks:\n  Servies: {}\n" },
    { name: "multi-document file", code: "services:\n  web:\n    image: x\n---\nservices:\n  db:\n    image: postgres\n" },
    { name: "obsolete version is a known key (obsolete-version reports it)", code: "version: '3.8'\nservices:\n  web:\n    image: x\n" },
  ],
  invalid: [
    {
      name: "the issue's example: enviroment in a service",
      code: "services:\n  web:\n    image: x\n    enviroment:\n      A: b\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 15, messageId: "didYouMean", message: 'Unknown key "enviroment": compose refuses the file. Did you mean "environment"?', log: "services.web additional properties 'enviroment' not allowed" }],
      output: "services:\n  web:\n    image: x\n    environment:\n      A: b\n",
    },
    {
      name: "a misspelled top-level key",
      code: "servies:\n  web:\n    image: x\n",
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 8, messageId: "didYouMean", log: "additional properties 'servies' not allowed" }],
      output: "services:\n  web:\n    image: x\n",
    },
    {
      name: "dash instead of underscore, and case",
      code: "services:\n  web:\n    Image: x\n    depends-on:\n      - db\n  db:\n    image: y\n",
      errors: [
        { line: 3, column: 5, endLine: 3, endColumn: 10, messageId: "didYouMean", fixOutput: "services:\n  web:\n    image: x\n    depends-on:\n      - db\n  db:\n    image: y\n", log: "services.web additional properties 'Image' not allowed" },
        { line: 4, column: 5, endLine: 4, endColumn: 15, messageId: "didYouMean", fixOutput: "services:\n  web:\n    Image: x\n    depends_on:\n      - db\n  db:\n    image: y\n", log: "services.web additional properties 'depends-on' not allowed", message: 'Unknown key "depends-on": compose refuses the file. Did you mean "depends_on"?' },
      ],
      output: "services:\n  web:\n    image: x\n    depends_on:\n      - db\n  db:\n    image: y\n",
    },
    {
      name: "a quoted key keeps its quotes",
      code: "services:\n  web:\n    \"enviroment\": {A: b}\n    'restrat': always\n",
      errors: [
        { line: 3, column: 5, endLine: 3, endColumn: 17, messageId: "didYouMean" },
        { line: 4, column: 5, endLine: 4, endColumn: 14, messageId: "didYouMean", message: 'Unknown key "restrat": compose refuses the file. Did you mean "restart"?' },
      ],
      output: "services:\n  web:\n    \"environment\": {A: b}\n    'restart': always\n",
    },
    {
      name: "flow style",
      code: "services:\n  web: {image: x, restrat: always}\n",
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 26, messageId: "didYouMean" }],
      output: "services:\n  web: {image: x, restart: always}\n",
    },
    {
      name: "through a merge key: reported once, on the anchored line, fixed there",
      code: "x-base: &base\n  restrat: always\nservices:\n  a:\n    <<: *base\n    image: x\n  b:\n    <<: *base\n    image: y\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 10, messageId: "didYouMean", log: "services.a additional properties 'restrat' not allowed" }],
      output: "x-base: &base\n  restart: always\nservices:\n  a:\n    <<: *base\n    image: x\n  b:\n    <<: *base\n    image: y\n",
    },
    {
      name: "CRLF",
      code: "services:\r\n  web:\r\n    imgae: x\r\n    restart: always\r\n",
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 10, messageId: "didYouMean" }],
      output: "services:\r\n  web:\r\n    image: x\r\n    restart: always\r\n",
    },
    {
      name: "multi-document: the second document is checked too",
      code: "services:\n  web:\n    image: x\n---\nservices:\n  db:\n    imag: postgres\n",
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 9, messageId: "didYouMean", log: "services.db additional properties 'imag' not allowed" }],
      output: "services:\n  web:\n    image: x\n---\nservices:\n  db:\n    image: postgres\n",
    },
    {
      name: "healthcheck long form",
      code: "services:\n  db:\n    image: postgres\n    healthcheck:\n      test: pg_isready\n      intervall: 5s\n      start-period: 10s\n",
      errors: [
        { line: 6, column: 7, endLine: 6, endColumn: 16, messageId: "didYouMean", log: "services.db.healthcheck additional properties 'intervall' not allowed" },
        { line: 7, column: 7, endLine: 7, endColumn: 19, messageId: "didYouMean", message: 'Unknown key "start-period": compose refuses the file. Did you mean "start_period"?' },
      ],
      output: "services:\n  db:\n    image: postgres\n    healthcheck:\n      test: pg_isready\n      interval: 5s\n      start_period: 10s\n",
    },
    {
      name: "depends_on per dependency, build, env_file, ports and volumes long forms: compose's text under a oneOf is the long form's (its error is the deepest)",
      code: [
        "services:",
        "  web:",
        "    build: {context: ., dockerfil: Dockerfile}",
        "    depends_on:",
        "      db: {condtion: service_healthy}",
        "    env_file:",
        "      - path: .env",
        "        requird: false",
        "    ports:",
        "      - target: 80",
        "        publised: 8080",
        "    volumes:",
        "      - type: bind",
        "        source: .",
        "        target: /app",
        "        bind: {propogation: rshared}",
        "  db:",
        "    image: postgres",
        "",
      ].join("\n"),
      errors: [
        { line: 3, column: 25, endLine: 3, endColumn: 34, messageId: "didYouMean", log: "services.web.build additional properties 'dockerfil' not allowed" },
        { line: 5, column: 12, endLine: 5, endColumn: 20, messageId: "didYouMean", log: "services.web.depends_on.db additional properties 'condtion' not allowed" },
        { line: 8, column: 9, endLine: 8, endColumn: 16, messageId: "didYouMean", log: "services.web.env_file.0 additional properties 'requird' not allowed" },
        { line: 11, column: 9, endLine: 11, endColumn: 17, messageId: "didYouMean", log: "services.web.ports.0 additional properties 'publised' not allowed" },
        { line: 16, column: 16, endLine: 16, endColumn: 27, messageId: "didYouMean", log: "services.web.volumes.0.bind additional properties 'propogation' not allowed", message: 'Unknown key "propogation": compose refuses the file. Did you mean "propagation"?' },
      ],
      output: [
        "services:",
        "  web:",
        "    build: {context: ., dockerfile: Dockerfile}",
        "    depends_on:",
        "      db: {condition: service_healthy}",
        "    env_file:",
        "      - path: .env",
        "        required: false",
        "    ports:",
        "      - target: 80",
        "        published: 8080",
        "    volumes:",
        "      - type: bind",
        "        source: .",
        "        target: /app",
        "        bind: {propagation: rshared}",
        "  db:",
        "    image: postgres",
        "",
      ].join("\n"),
    },
    {
      name: "deploy and its nested maps",
      code: "services:\n  web:\n    image: x\n    deploy:\n      replica: 2\n      resources:\n        limits: {cpus: '1', memroy: 1g}\n      restart_policy: {conditon: any}\n",
      errors: [
        { line: 5, column: 7, endLine: 5, endColumn: 14, messageId: "didYouMean", log: "services.web.deploy additional properties 'replica' not allowed" },
        { line: 7, column: 29, endLine: 7, endColumn: 35, messageId: "didYouMean", log: "services.web.deploy.resources.limits additional properties 'memroy' not allowed", message: 'Unknown key "memroy": compose refuses the file. Did you mean "memory"?' },
        { line: 8, column: 24, endLine: 8, endColumn: 32, messageId: "didYouMean", log: "services.web.deploy.restart_policy additional properties 'conditon' not allowed" },
      ],
      output: "services:\n  web:\n    image: x\n    deploy:\n      replicas: 2\n      resources:\n        limits: {cpus: '1', memory: 1g}\n      restart_policy: {condition: any}\n",
    },
    {
      name: "an extension key with the wrong case or separator",
      code: "X-common: &c\n  restart: always\nservices:\n  web:\n    image: x\n    x_owner: team\n",
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 9, messageId: "didYouMean", message: 'Unknown key "X-common": compose refuses the file. Did you mean "x-common"?' },
        { line: 6, column: 5, endLine: 6, endColumn: 12, messageId: "didYouMean", message: 'Unknown key "x_owner": compose refuses the file. Did you mean "x-owner"?' },
      ],
      output: "x-common: &c\n  restart: always\nservices:\n  web:\n    image: x\n    x-owner: team\n",
    },
    {
      name: "env_file's long form allows no extension keys",
      code: "services:\n  web:\n    image: x\n    env_file:\n      - path: .env\n        x-note: local\n",
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 15, messageId: "extensionNotAllowed", message: 'Extension key "x-note" is not allowed here: compose refuses the file. Move or remove it.', log: "services.web.env_file.0 additional properties 'x-note' not allowed" }],
      output: null,
    },
    {
      name: "nothing close: reported without a fix",
      code: "services:\n  web:\n    image: x\n    wrongField: true\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 15, messageId: "unknownKey", message: 'Unknown key "wrongField": compose refuses the file. Check its spelling or remove it.', log: "services.web additional properties 'wrongField' not allowed", fixOutput: null }],
      output: null,
    },
    {
      name: "nothing close at the top level, and a value that is no service",
      code: "services:\n  web:\n    image: x\nsettings:\n  debug: true\n",
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 9, messageId: "unknownKey", log: "additional properties 'settings' not allowed" }],
      output: null,
    },
    {
      name: "ambiguous: two suggestions, no fix",
      code: "services:\n  web:\n    image: x\n    env: {A: b}\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 8, messageId: "didYouMeanOneOf", message: 'Unknown key "env": compose refuses the file. Did you mean one of: env_file, environment?', fixOutput: null }],
      output: null,
    },
    {
      name: "no rename onto a key the map already has (the YAML would not parse)",
      code: "services:\n  web:\n    environment: {A: b}\n    enviroment: {C: d}\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 15, messageId: "didYouMean", fixOutput: null }],
      output: null,
    },
    {
      name: "no rename when two misspellings mean the same key",
      code: "services:\n  web:\n    enviroment: {A: b}\n    environmnet: {C: d}\n",
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 15, messageId: "didYouMean" }, { line: 4, column: 5, endLine: 4, endColumn: 16, messageId: "didYouMean" }],
      output: null,
    },
    {
      name: "no rename that would hide a key merged with <<",
      code: "x-base: &base\n  environment: {A: b}\nservices:\n  web:\n    <<: *base\n    enviroment: {C: d}\n",
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 15, messageId: "didYouMean" }],
      output: null,
    },
    {
      name: "a service written outside services:",
      code: "services:\n  db:\n    image: postgres\nweb:\n  image: x\n",
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 4, messageId: "serviceOutsideServices", message: 'Top-level key "web" looks like a service: compose refuses the file. Move it under services.', log: "additional properties 'web' not allowed" }],
      output: null,
    },
    {
      name: "a service name compose's pattern refuses",
      code: "services:\n  \"my web\":\n    image: x\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 11, messageId: "invalidName", message: 'Invalid name "my web": compose refuses the file. Use only letters, digits, ".", "_" and "-".', log: "services additional properties 'my web' not allowed" }],
      output: null,
    },
    {
      name: "a name like an extension key's that compose's pattern refuses is only an invalid name: no rename to x-",
      code: "services:\n  'x_my web':\n    image: x\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 13, messageId: "invalidName", log: "services additional properties 'x_my web' not allowed", fixOutput: null }],
      output: null,
    },
    {
      name: "free keys as compose's Go regexp reads them: an empty key is refused, a carriage return or a line separator is a character (JavaScript's `.` is none)",
      code: [
        "services:",
        "  web:",
        "    image: x",
        "    environment:",
        "      \"\": a",
        "      \"\\r\": b",
        "      \"\\u2028\": c",
        "networks:",
        "  back:",
        "    ipam:",
        "      options:",
        "        \"\": a",
        "        \"a\\rb\": b",
        "      config:",
        "        - aux_addresses:",
        "            \"\\u2028\": 10.0.0.2",
        "",
      ].join("\n"),
      errors: [
        { line: 5, column: 7, endLine: 5, endColumn: 9, messageId: "unknownKey", log: "services.web.environment additional properties '' not allowed" },
        { line: 12, column: 9, endLine: 12, endColumn: 11, messageId: "unknownKey", log: "networks.back.ipam.options additional properties '' not allowed" },
      ],
      output: null,
    },
    {
      name: "every compose file, not only the pipeline's",
      pipeline: false,
      code: "services:\n  web:\n    image: x\n    helthcheck:\n      test: [CMD, 'true']\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 15, messageId: "didYouMean", message: 'Unknown key "helthcheck": compose refuses the file. Did you mean "healthcheck"?' }],
      output: "services:\n  web:\n    image: x\n    healthcheck:\n      test: [CMD, 'true']\n",
    },
    {
      name: "the same misspelling in two services: each is renamed (a rival is a key of the same map only)",
      code: "services:\n  web:\n    image: x\n    enviroment: {A: b}\n  worker:\n    image: y\n    enviroment: {C: d}\n",
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 15, messageId: "didYouMean", fixOutput: "services:\n  web:\n    image: x\n    environment: {A: b}\n  worker:\n    image: y\n    enviroment: {C: d}\n" },
        { line: 7, column: 5, endLine: 7, endColumn: 15, messageId: "didYouMean", fixOutput: "services:\n  web:\n    image: x\n    enviroment: {A: b}\n  worker:\n    image: y\n    environment: {C: d}\n" },
      ],
      output: "services:\n  web:\n    image: x\n    environment: {A: b}\n  worker:\n    image: y\n    environment: {C: d}\n",
    },
    {
      name: "an ambiguous key whose first suggestion is another key's only one is no rival: that key is still renamed",
      code: "services:\n  web:\n    image: x\n    env: {A: b}\n    env_fle: .env\n",
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 8, messageId: "didYouMeanOneOf", fixOutput: null },
        { line: 5, column: 5, endLine: 5, endColumn: 12, messageId: "didYouMean", fixOutput: "services:\n  web:\n    image: x\n    env: {A: b}\n    env_file: .env\n" },
      ],
      output: "services:\n  web:\n    image: x\n    env: {A: b}\n    env_file: .env\n",
    },
    {
      name: "a service outside services: with more keys than image",
      code: "services:\n  db:\n    image: postgres\nweb:\n  image: x\n  ports: [\"8080:80\"]\n",
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 4, messageId: "serviceOutsideServices" }],
      output: null,
    },
    {
      name: "a service outside services: built, with no image",
      code: "services:\n  db:\n    image: postgres\nworker:\n  build: ./worker\n",
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 7, messageId: "serviceOutsideServices", message: 'Top-level key "worker" looks like a service: compose refuses the file. Move it under services.' }],
      output: null,
    },
    {
      name: "a top-level key with a scalar value is no service",
      code: "services:\n  web:\n    image: x\ndebug: true\n",
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 6, messageId: "unknownKey", log: "additional properties 'debug' not allowed" }],
      output: null,
    },
    {
      name: "a map with an image inside a service is no service written outside services: (only top-level keys are)",
      code: "services:\n  web:\n    image: x\n    sidecar:\n      image: envoy\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 12, messageId: "unknownKey", log: "services.web additional properties 'sidecar' not allowed" }],
      output: null,
    },
    {
      name: "a key holding x- past its start is no extension key (logging's max-size written in env_file)",
      code: "services:\n  web:\n    image: x\n    env_file:\n      - path: .env\n        max-size: 1m\n",
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 17, messageId: "unknownKey", message: 'Unknown key "max-size": compose refuses the file. Check its spelling or remove it.' }],
      output: null,
    },
  ],
});

describe("unknown-key suggestions", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("restrat", "restart")).toBe(1);
    expect(editDistance("enviroment", "environment")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests across case, separators, edits and prefixes", () => {
    expect(suggestKeys(serviceKeys(), "Depends-On")).toEqual(["depends_on"]);
    expect(suggestKeys(serviceKeys(), "evnironment")).toEqual(["environment"]);
    expect(suggestKeys(serviceKeys(), "stop_grace")).toEqual(["stop_grace_period"]);
    expect(suggestKeys(healthcheckKeys(), "timout")).toEqual(["timeout"]);
    expect(suggestKeys(topLevelKeys(), "network")).toEqual(["networks"]);
  });

  it("offers nothing for short keys more than one edit away, or too many completions", () => {
    expect(suggestKeys(serviceKeys(), "abc")).toEqual([]);
    expect(suggestKeys(serviceKeys(), "mem")).toEqual([]);
    expect(suggestKeys(serviceKeys(), "image_name")).toEqual([]);
  });
});

describe("unknown-key suggestions, case by case", () => {
  // A names map (services) has no fixed keys: read inside the test, as the schemas above.
  const servicesMap = () => composeSchema().properties!.get("services")!;
  it.each([
    // A letter dropped inside the key: the length differs by exactly the distance allowed, still a suggestion.
    { schema: serviceKeys, key: "imge", expected: ["image"] },
    // Two keys equally close: both are offered, in the schema's order.
    { schema: serviceKeys, key: "prestart", expected: ["restart", "pre_start"] },
    { schema: serviceKeys, key: "pus", expected: ["cpus", "gpus"] },
    // A farther key met first (mem_limit) gives way to a closer one met later.
    { schema: serviceKeys, key: "memswp_limit", expected: ["memswap_limit"] },
    { schema: serviceKeys, key: "cpurt_period", expected: ["cpu_rt_period"] },
    // Completions: a two-letter key says too little, three completions are still offered, four are too many.
    { schema: serviceKeys, key: "im", expected: [] },
    { schema: serviceKeys, key: "ext", expected: ["extends", "external_links", "extra_hosts"] },
    { schema: serviceKeys, key: "mem", expected: [] },
    // Only a key starting with x- or x_ is an extension key: max_retries holds x_ past its start.
    { schema: serviceKeys, key: "max_retries", expected: [] },
    { schema: serviceKeys, key: "x_team", expected: ["x-team"] },
    // A map of names has no key to suggest, whatever the name.
    { schema: servicesMap, key: "web", expected: [] },
  ])("$key", ({ schema, key, expected }) => {
    expect(suggestKeys(schema(), key)).toEqual(expected);
  });

  it("the rename's title names the key it writes", () => {
    const findings = lint(parseCompose("services:\n  web:\n    image: x\n    enviroment: {A: b}\n"), { isPipeline: true, rules: [unknownKey] });
    expect(findings.map((f) => f.fix?.title)).toEqual([{ en: 'Rename to "environment"', fr: "Renommer en « environment »" }]);
  });
});

describe("unknown-key log lines pasted in the explainer", () => {
  const TWO_KEYS = "services:\n  web:\n    image: x\n    enviroment:\n      A: b\n    restrat: always\n";
  const TOP_LEVEL = "servies:\n  web:\n    image: x\n";
  const QUOTED = "services:\n  web:\n    image: x\n    \"a', 'b\": x\n";
  it.each([
    { name: "current wording, one of two keys of the map", text: TWO_KEYS, line: "validating /opt/app/shop/docker-compose.yml: services.web additional properties 'enviroment' not allowed", keys: ["enviroment"] },
    { name: "current wording, both keys at once", text: TWO_KEYS, line: "services.web additional properties 'enviroment', 'restrat' not allowed", keys: ["enviroment", "restrat"] },
    { name: "current wording, another map's path", text: TWO_KEYS, line: "services.db additional properties 'enviroment' not allowed", keys: [] },
    { name: "current wording, spaces doubled (a reflowed log)", text: TWO_KEYS, line: "services.web  additional properties  'restrat'  not allowed", keys: ["restrat"] },
    { name: "older wording", text: TWO_KEYS, line: "services.web Additional property restrat is not allowed", keys: ["restrat"] },
    { name: "older wording, spaces doubled", text: TWO_KEYS, line: "services.web  Additional property  enviroment  is not allowed", keys: ["enviroment"] },
    { name: "older wording at the top level, as (root)", text: TOP_LEVEL, line: "(root) Additional property servies is not allowed", keys: ["servies"] },
    { name: "older wording at the top level, with no path", text: TOP_LEVEL, line: "ERROR: Additional property servies is not allowed", keys: ["servies"] },
    // The key's own log names a and b in quotes: a line naming a alone is not its line.
    { name: "a key holding quotes is linked only by a line naming all of it", text: QUOTED, line: "services.web additional properties 'a' not allowed", keys: [] },
  ])("$name", ({ text, line, keys }) => {
    const problems = explainLog(line, "en", parseCompose(text), { rules: [unknownKey] }).filter((p) => p.id === "unknown-key");
    expect(problems.flatMap((p) => p.ranges).map((r) => text.slice(r.start, r.end))).toEqual(keys);
  });
});

describe("unknown-key docs", () => {


  it("the log explainer reads compose's line in both wordings, current and older, and links the key", () => {
    const text = "services:\n  web:\n    image: x\n    enviroment:\n      A: b\n";
    const current = "validating /opt/app/shop/docker-compose.yml: services.web additional properties 'enviroment' not allowed";
    const older = "services.web Additional property enviroment is not allowed";
    for (const line of [current, older]) {
      const problems = explainLog(line, "en", parseCompose(text), { rules: [unknownKey] }).filter((p) => p.id === "unknown-key");
      expect(problems.map((p) => p.ranges), line).toEqual([[{ start: text.indexOf("enviroment"), end: text.indexOf("enviroment") + 10 }]]);
    }
  });

  it("the description names both of compose's wordings, and the texts no compose version of their own", () => {
    for (const language of ["en", "fr"] as const) {
      const description = unknownKey.meta.docs.description[language];
      expect(description).toContain("additional properties 'enviroment' not allowed");
      expect(description).toContain("Additional property enviroment is not allowed");
    }
    for (const template of Object.values(unknownKey.meta.messages)) expect(template.en).toContain("compose refuses the file");
  });
});
