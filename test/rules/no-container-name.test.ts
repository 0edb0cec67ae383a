import { noContainerName } from "../../server/src/engine/rules/no-container-name.js";
import { testRule } from "./rule-tester.js";

testRule(noContainerName, {
  valid: [
    { name: "container_name left empty fixes no name: compose names the container", code: 'services:\n  web:\n    image: app:1\n    container_name:\n  worker:\n    image: app:1\n    container_name: ""\n' },
    { code: "services:\n  web:\n    image: nginx\n" },
    { name: "a dev file may set container_name", pipeline: false, code: "services:\n  web:\n    container_name: web_dev\n" },
  ],
  invalid: [
    {
      name: "block style, the guide's latigue_web",
      code: "services:\n  web:\n    build: .\n    container_name: latigue_web # old\n    restart: unless-stopped\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 32, fixOutput: "services:\n  web:\n    build: .\n    restart: unless-stopped\n", messageId: "fixedName", log: "Error response from daemon: Conflict. The container name \"/latigue_web\" is already in use", message: 'Fixed container_name "latigue_web": redeploys fail while another container has that name. Remove it.' }],
      output: "services:\n  web:\n    build: .\n    restart: unless-stopped\n",
    },
    {
      name: "flow style",
      code: "services:\n  web: {image: x, container_name: y, restart: always}\n",
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 36, messageId: "fixedName" }],
      output: "services:\n  web: {image: x, restart: always}\n",
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: "x-base: &base\n  container_name: shared\n  restart: always\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 25, messageId: "fixedName" }],
      output: "x-base: &base\n  restart: always\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n",
    },
    {
      name: "CRLF",
      code: "services:\r\n  web:\r\n    container_name: w\r\n    image: x\r\n",
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 22, messageId: "fixedName" }],
      output: "services:\r\n  web:\r\n    image: x\r\n",
    },
    {
      name: "flow style, the last key: the comma before it goes",
      code: "services:\n  web: {image: x, container_name: y}\n",
      errors: [{ line: 2, column: 19, endLine: 2, endColumn: 36, messageId: "fixedName" }],
      output: "services:\n  web: {image: x}\n",
    },
    {
      name: "flow style, the only key",
      code: "services:\n  web: {container_name: y}\n  app:\n    image: x\n",
      errors: [{ line: 2, column: 9, endLine: 2, endColumn: 26, messageId: "fixedName" }],
      output: "services:\n  web: {}\n  app:\n    image: x\n",
    },
    {
      name: "a comment indented under the key is its own: it goes too; the one at the key's column stays",
      code: "services:\n  web:\n    container_name: web_1\n      # was web_0\n    # the image\n    image: x\n",
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 26, messageId: "fixedName" }],
      output: "services:\n  web:\n    # the image\n    image: x\n",
    },
  ],
});
