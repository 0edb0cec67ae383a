import { externalNetwork } from "../../server/src/engine/rules/external-network.js";
import { testRule } from "./rule-tester.js";

testRule(externalNetwork, {
  valid: [
    { name: "networks compose creates", code: "services:\n  web:\n    image: x\n    networks: [app]\nnetworks:\n  app:\n    driver: bridge\n  other:\n" },
    { name: "external: false", code: "networks:\n  app:\n    external: false\n" },
    { name: "decided by a variable: nothing is known", code: "networks:\n  app:\n    external: ${EXTERNAL}\n" },
    { name: "an external volume is not a network", code: "volumes:\n  data:\n    external: true\n" },
    { name: "a file the pipeline does not deploy", pipeline: false, code: "networks:\n  shared:\n    external: true\n" },
  ],
  invalid: [
    {
      name: "latigue 374f378: shared_saas",
      code: "services:\n  web:\n    image: x\n    networks:\n      - app_network\n      - shared_saas\nnetworks:\n  app_network:\n    driver: bridge\n  shared_saas:\n    external: true\n",
      errors: [
        {
          line: 11,
          column: 5,
          endLine: 11,
          endColumn: 19, log: "network shared_saas declared as external, but could not be found",
          messageId: "external",
          message: 'Network "shared_saas" is external: the deploy stops unless the VM has it. Create it there first.',
        },
      ],
      output: null,
    },
    {
      name: "the network's name: is the one on the VM",
      code: "networks:\n  proxy:\n    name: traefik_public\n    external: true\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 19, messageId: "external", log: "network traefik_public declared as external, but could not be found" }],
    },
    {
      name: "legacy external: {name: x}, reported on the whole external value",
      code: "networks:\n  proxy:\n    external:\n      name: legacy_net\n",
      errors: [{ line: 3, column: 5, endLine: 4, endColumn: 23, messageId: "external", log: "network legacy_net declared as external, but could not be found" }],
    },
    {
      name: "flow style, a quoted \"true\", CRLF",
      code: "networks:\r\n  a: {external: true}\r\n  b:\r\n    external: \"true\"\r\n",
      errors: [
        { line: 2, column: 7, endLine: 2, endColumn: 21, log: "network a declared as external, but could not be found", messageId: "external" },
        { line: 4, column: 5, endLine: 4, endColumn: 21, log: "network b declared as external, but could not be found", messageId: "external" },
      ],
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-ext: &ext\n  external: true\nnetworks:\n  a:\n    <<: *ext\n  b:\n    <<: *ext\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 17, messageId: "external" }],
    },
    {
      name: "a long network name",
      code: "networks:\n  shared:\n    name: elestio_shared_network\n    external: true\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 19, messageId: "external", message: 'Network "elestio_shared_network" is external: the deploy stops unless the VM has it. Create it there first.' }],
    },
    {
      name: "multi-document",
      code: "services:\n  web:\n    image: x\n---\nnetworks:\n  edge:\n    external: true\n",
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 19, messageId: "external" }],
    },
    {
      name: 'a quoted "TRUE" in any case, and YAML\'s True',
      code: 'services:\n  web:\n    networks: [a, b]\nnetworks:\n  a:\n    external: "TRUE"\n  b:\n    external: True\n',
      errors: [
        { line: 6, column: 5, endLine: 6, endColumn: 21, messageId: "external" },
        { line: 8, column: 5, endLine: 8, endColumn: 19, messageId: "external" },
      ],
    },
  ],
});
