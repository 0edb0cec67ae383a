import { externalVolume } from "../../server/src/engine/rules/external-volume.js";
import { testRule } from "./rule-tester.js";

const MOUNTS = "services:\n  web:\n    image: x\n    volumes:\n      - data:/data\n";

testRule(externalVolume, {
  valid: [
    { name: "volumes compose creates", code: `${MOUNTS}volumes:\n  data:\n  other:\n    driver: local\n` },
    { name: "external: false, and a quoted \"false\"", code: `${MOUNTS}volumes:\n  data:\n    external: false\n  logs:\n    external: "false"\n` },
    { name: "decided by a variable: nothing is known", code: `${MOUNTS}volumes:\n  data:\n    external: \${EXTERNAL}\n` },
    { name: "an external network is not a volume", code: "services:\n  web:\n    image: x\n    networks: [data]\nnetworks:\n  data:\n    external: true\n" },
    { name: "a file the pipeline does not deploy", pipeline: false, code: `${MOUNTS}volumes:\n  data:\n    external: true\n` },
    {
      name: "an external volume no service mounts: compose drops it and never looks it up",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - ./data:/data\n      - cache:/cache\nvolumes:\n  cache:\n  backups:\n    external: true\n",
    },
    { name: "a bind mount with the volume's name as a path is not the volume", code: "services:\n  web:\n    image: x\n    volumes:\n      - ./data:/data\nvolumes:\n  data:\n    external: true\n" },
    { name: "no services at all", code: "volumes:\n  data:\n    external: true\n" },
    {
      name: "a bind path a variable completes names no volume: the unmounted external volume is still known to be unmounted",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - ./${CONF_DIR}:/etc/app\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata:\n  backups:\n    external: true\n",
    },
  ],
  invalid: [
    {
      name: "a long-syntax mount without a type: which volume it mounts is unknown, so every external volume is reported",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - source: data\n        target: /data\nvolumes:\n  data:\n    external: true\n",
      errors: [{ line: 9, column: 5, endLine: 9, endColumn: 19, messageId: "external" }],
      output: null,
    },
    {
      name: "a plain name holding quotes is shown as written, quotes and all",
      code: 'services:\n  web:\n    image: x\n    volumes:\n      - data:/data\nvolumes:\n  data:\n    external: true\n    name: app_"${SUFFIX}"\n',
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 19, messageId: "external", message: 'Volume "app_"${SUFFIX}"" is external: the deploy stops unless the VM has it. Create it there first.' }],
      output: null,
    },
    {
      name: "n8n-caddy: two external volumes, each mounted",
      code:
        "services:\n  caddy:\n    image: caddy:2\n    volumes:\n      - caddy_data:/data\n  n8n:\n    image: n8nio/n8n\n    volumes:\n      - n8n_data:/home/node/.n8n\n" +
        "volumes:\n  caddy_data:\n    external: true\n  n8n_data:\n    external: true\n",
      errors: [
        {
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 19,
          messageId: "external",
          log: 'external volume "caddy_data" not found',
          message: 'Volume "caddy_data" is external: the deploy stops unless the VM has it. Create it there first.',
        },
        { line: 14, column: 5, endLine: 14, endColumn: 19, messageId: "external", log: 'external volume "n8n_data" not found' },
      ],
      output: null,
    },
    {
      name: "legacy external: {name: x}, reported on the whole external value, with the name on the VM",
      code: "services:\n  db:\n    image: mongo\n    volumes:\n      - mongodbdata:/data/db\nvolumes:\n  mongodbdata:\n    external:\n      name: mongo_prod\n",
      errors: [{ line: 8, column: 5, endLine: 9, endColumn: 23, messageId: "external", log: 'external volume "mongo_prod" not found' }],
    },
    {
      name: "legacy external map with an x- extension key (the schema allows one) before its name",
      code: "services:\n  db:\n    image: mongo\n    volumes:\n      - mongodbdata:/data/db\nvolumes:\n  mongodbdata:\n    external:\n      x-owner: ops-team\n      name: mongo_prod\n",
      errors: [{ line: 8, column: 5, endLine: 10, endColumn: 23, messageId: "external", message: 'Volume "mongo_prod" is external: the deploy stops unless the VM has it. Create it there first.', log: 'external volume "mongo_prod" not found' }],
    },
    {
      name: "external: true with name:",
      code: `${MOUNTS}volumes:\n  data:\n    name: shared_uploads\n    external: true\n`,
      errors: [{ line: 9, column: 5, endLine: 9, endColumn: 19, messageId: "external", log: 'external volume "shared_uploads" not found' }],
    },
    {
      name: 'any boolean compose accepts: a quoted "TRUE", YAML\'s True; flow style; CRLF',
      code: 'services:\r\n  web:\r\n    image: x\r\n    volumes: ["va:/a", "vb:/b", "vc:/c"]\r\nvolumes:\r\n  va:\r\n    external: "TRUE"\r\n  vb:\r\n    external: True\r\n  vc: {external: true}\r\n',
      errors: [
        { line: 7, column: 5, endLine: 7, endColumn: 21, messageId: "external", log: 'external volume "va" not found' },
        { line: 9, column: 5, endLine: 9, endColumn: 19, messageId: "external" },
        { line: 10, column: 8, endLine: 10, endColumn: 22, messageId: "external" },
      ],
    },
    {
      name: "the long syntax's source",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - type: volume\n        source: data\n        target: /data\nvolumes:\n  data:\n    external: true\n",
      errors: [{ line: 10, column: 5, endLine: 10, endColumn: 19, messageId: "external" }],
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-ext: &ext\n  external: true\nservices:\n  web:\n    image: x\n    volumes: [\"va:/a\", \"vb:/b\"]\nvolumes:\n  va:\n    <<: *ext\n  vb:\n    <<: *ext\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 17, messageId: "external" }],
    },
    {
      name: "a name a variable without a default decides: shown as written, no log line of its own",
      code: `${MOUNTS}volumes:\n  data:\n    external: true\n    name: "\${DATA_VOLUME}"\n`,
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 19, messageId: "external", log: null, message: 'Volume "${DATA_VOLUME}" is external: the deploy stops unless the VM has it. Create it there first.' }],
    },
    {
      name: "a mount a variable without a default decides may name any volume",
      code: "services:\n  web:\n    image: x\n    volumes:\n      - ${VOLUME}:/data\nvolumes:\n  data:\n    external: true\n",
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 19, messageId: "external" }],
    },
    {
      name: "a service extending one of another file may mount it",
      code: "services:\n  web:\n    extends:\n      file: base.yml\n      service: web\nvolumes:\n  data:\n    external: true\n",
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 19, messageId: "external" }],
    },
    {
      name: "multi-document",
      code: `${MOUNTS}---\nvolumes:\n  data:\n    external: true\n`,
      errors: [{ line: 9, column: 5, endLine: 9, endColumn: 19, messageId: "external" }],
    },
  ],
});
