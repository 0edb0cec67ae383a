import { loopbackPortBinding } from "../../server/src/engine/rules/loopback-port-binding.js";
import { testRule } from "./rule-tester.js";

testRule(loopbackPortBinding, {
  valid: [
    { name: "a database on the loopback: reached through an SSH tunnel, never by the proxy", code: "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"127.0.0.1:5432:5432\"\n  cache:\n    image: ghcr.io/acme/cache:1\n    ports:\n      - \"127.0.0.1:6379:6379\"\n" },
    {
      name: "a service in network_mode host: compose ignores its ports (host-network-mode reports it)",
      code: "services:\n  app:\n    image: ghcr.io/acme/app:1\n    network_mode: host\n    ports:\n      - \"127.0.0.1:8000:8000\"\n",
    },
    { name: "bound to the bridge", code: 'services:\n  web:\n    ports:\n      - "172.17.0.1:8000:8000"\n' },
    { name: "public ports are public-port-binding's finding", code: 'services:\n  web:\n    ports:\n      - "8000:8000"\n' },
    { name: "127.0.0.1:80 is no-reserved-host-port's finding", code: 'services:\n  web:\n    ports:\n      - "127.0.0.1:80:80"\n' },
    {
      name: "the same container port also on 172.17.0.1 (openslides): the proxy reaches it there",
      code: "services:\n  proxy:\n    ports:\n      - 127.0.0.1:8000:8000\n      - 172.17.0.1:8523:8000\n",
    },
    { name: "a variable without a default decides the address", code: 'services:\n  web:\n    ports:\n      - "${BIND}:8000:8000"\n' },
    { name: "a dev file may bind to loopback", pipeline: false, code: 'services:\n  web:\n    ports:\n      - "127.0.0.1:8000:8000"\n' },
  ],
  invalid: [
    {
      name: "127.0.0.1, comment kept",
      code: 'services:\n  web:\n    ports:\n      - "127.0.0.1:8000:8000" # local only?\n',
      errors: [
        {
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 30,
          messageId: "loopback",
          message: "Port 8000 is bound to 127.0.0.1: Elestio's proxy cannot reach it (502 if it serves the site). Bind it to 172.17.0.1.",
        },
      ],
      output: 'services:\n  web:\n    ports:\n      - "172.17.0.1:8000:8000" # local only?\n',
    },
    {
      name: "[::1] and localhost, plain and quoted",
      code: 'services:\n  db:\n    ports:\n      - "[::1]:8080:8080"\n      - localhost:3000:3000\n',
      errors: [
        { line: 4, column: 9, endLine: 4, endColumn: 26, fixOutput: "services:\n  db:\n    ports:\n      - \"172.17.0.1:8080:8080\"\n      - localhost:3000:3000\n", messageId: "loopback", message: "Port 8080 is bound to ::1: Elestio's proxy cannot reach it (502 if it serves the site). Bind it to 172.17.0.1." },
        { line: 5, column: 9, endLine: 5, endColumn: 28, fixOutput: "services:\n  db:\n    ports:\n      - \"[::1]:8080:8080\"\n      - 172.17.0.1:3000:3000\n", messageId: "loopback", message: "Port 3000 is bound to localhost: Elestio's proxy cannot reach it (502 if it serves the site). Bind it to 172.17.0.1." },
      ],
      output: 'services:\n  db:\n    ports:\n      - "172.17.0.1:8080:8080"\n      - 172.17.0.1:3000:3000\n',
    },
    {
      name: "a 5-digit port",
      code: 'services:\n  web:\n    ports:\n      - "127.0.0.1:18080:8080"\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 31, messageId: "loopback", message: "Port 18080 is bound to 127.0.0.1: Elestio's proxy cannot reach it (502 if it serves the site). Bind it to 172.17.0.1." }],
      output: 'services:\n  web:\n    ports:\n      - "172.17.0.1:18080:8080"\n',
    },
    {
      name: "flow style",
      code: 'services:\n  web: {image: x, ports: ["80:80", "127.0.0.1:8000:8000"]}\n',
      errors: [{ line: 2, column: 36, endLine: 2, endColumn: 57, messageId: "loopback" }],
      output: 'services:\n  web: {image: x, ports: ["80:80", "172.17.0.1:8000:8000"]}\n',
    },
    {
      name: "long form: host_ip replaced, quoting kept",
      code: 'services:\n  web:\n    ports:\n      - target: 8000\n        published: 8000\n        host_ip: "127.0.0.1"\n',
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 24, messageId: "loopback" }],
      output: 'services:\n  web:\n    ports:\n      - target: 8000\n        published: 8000\n        host_ip: "172.17.0.1"\n',
    },
    {
      name: "an interpolation's default is replaced, the variable kept",
      code: 'services:\n  web:\n    ports:\n      - "${BIND:-127.0.0.1}:8000:8000"\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 39, messageId: "loopback" }],
      output: 'services:\n  web:\n    ports:\n      - "${BIND:-172.17.0.1}:8000:8000"\n',
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: 'x-web: &web\n  ports:\n    - "127.0.0.1:8000:8000"\nservices:\n  a:\n    <<: *web\n  b:\n    <<: *web\n',
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 28, messageId: "loopback" }],
      output: 'x-web: &web\n  ports:\n    - "172.17.0.1:8000:8000"\nservices:\n  a:\n    <<: *web\n  b:\n    <<: *web\n',
    },
    {
      name: "CRLF",
      code: "services:\r\n  web:\r\n    ports:\r\n      - 127.0.0.1:8000:8000\r\n",
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 28, messageId: "loopback" }],
      output: "services:\r\n  web:\r\n    ports:\r\n      - 172.17.0.1:8000:8000\r\n",
    },
  ],
});
