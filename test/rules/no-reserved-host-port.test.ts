import { noReservedHostPort } from "../../server/src/engine/rules/no-reserved-host-port.js";
import { testRule } from "./rule-tester.js";

testRule(noReservedHostPort, {
  valid: [
    {
      name: "a service in network_mode host: compose ignores its ports (host-network-mode reports it)",
      code: "services:\n  app:\n    image: ghcr.io/acme/app:1\n    network_mode: host\n    ports:\n      - \"80:80\"\n",
    },
    { name: "host port 8080 for container port 80", code: 'services:\n  web:\n    ports:\n      - 8080:80\n      - "172.17.0.1:8443:443"\n' },
    { name: "a bare container port 80 gets a random host port", code: "services:\n  web:\n    ports:\n      - 80\n" },
    { name: "a variable without a default decides the host port", code: 'services:\n  web:\n    ports:\n      - "${HTTP_PORT}:80"\n' },
    { name: "long form on another host port", code: "services:\n  web:\n    ports:\n      - target: 80\n        published: 8080\n" },
    { name: "UDP 443 does not collide with the proxy's TCP listener", code: 'services:\n  web:\n    ports:\n      - "443:443/udp"\n' },
    { name: "a dev file may publish 80", pipeline: false, code: 'services:\n  web:\n    ports:\n      - "80:80"\n' },
    { name: "the protocol suffix in any case: 443/UDP, 80/Udp", code: 'services:\n  web:\n    ports:\n      - "443:443/UDP"\n      - 80:80/Udp\n' },
    {
      name: "a long-form protocol merged with <<: UDP 443 does not collide either",
      code: "x-udp: &udp\n  protocol: udp\nservices:\n  web:\n    ports:\n      - <<: *udp\n        target: 443\n        published: 443\n",
    },
  ],
  invalid: [
    {
      name: "an IPv6 address: Docker's line writes it in brackets",
      code: 'services:\n  web:\n    image: app:1\n    ports:\n      - "[::1]:80:8000"\n      - "8000:8000"\n',
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 24, messageId: "reservedPort", log: "failed to bind host port for [::1]:80 - address already in use" }],
      output: 'services:\n  web:\n    image: app:1\n    ports:\n      - "8000:8000"\n',
    },
    {
      name: "block style: only the reserved entry goes, comments kept",
      code: 'services:\n  web:\n    ports:\n      # public site\n      - "80:80" # http\n      - "8000:8000"\n',
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 16,
          messageId: "reservedPort",
          message: 'Host port 80 belongs to Elestio\'s proxy: the deploy fails ("address already in use"). Remove it.',
        },
      ],
      output: 'services:\n  web:\n    ports:\n      # public site\n      - "8000:8000"\n',
    },
    {
      name: "every entry reserved: each fix removes the whole ports key",
      code: 'services:\n  web:\n    image: x\n    ports:\n      - "80:80"\n      - "0.0.0.0:443:443/tcp"\n    restart: always\n',
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 16, messageId: "reservedPort", log: "failed to bind host port for 0.0.0.0:80 - address already in use" },
        { line: 6, column: 9, endLine: 6, endColumn: 30, messageId: "reservedPort", log: "failed to bind host port for 0.0.0.0:443 - address already in use", message: 'Host port 443 belongs to Elestio\'s proxy: the deploy fails ("address already in use"). Remove it.' },
      ],
      output: "services:\n  web:\n    image: x\n    restart: always\n",
    },
    {
      name: "a range holding 80, and the entry's own address in the log",
      code: 'services:\n  web:\n    ports:\n      - "80-81:80-81"\n      - 127.0.0.1:443:443\n      - 3000:3000\n',
      errors: [
        { line: 4, column: 9, endLine: 4, endColumn: 22, fixOutput: "services:\n  web:\n    ports:\n      - 127.0.0.1:443:443\n      - 3000:3000\n", log: "failed to bind host port for 0.0.0.0:80 - address already in use", messageId: "reservedPort" },
        { line: 5, column: 9, endLine: 5, endColumn: 26, fixOutput: "services:\n  web:\n    ports:\n      - \"80-81:80-81\"\n      - 3000:3000\n", log: "failed to bind host port for 127.0.0.1:443 - address already in use", messageId: "reservedPort" },
      ],
      output: "services:\n  web:\n    ports:\n      - 3000:3000\n",
    },
    {
      name: "flow style",
      code: 'services:\n  web: {image: x, ports: ["80:80", "8000:8000"]}\n',
      errors: [{ line: 2, column: 27, endLine: 2, endColumn: 34, messageId: "reservedPort" }],
      output: 'services:\n  web: {image: x, ports: ["8000:8000"]}\n',
    },
    {
      name: "long form: reported on the published value",
      code: 'services:\n  web:\n    ports:\n      - target: 443\n        published: "443"\n        protocol: tcp\n      - "8000:8000"\n',
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 25, messageId: "reservedPort", log: "failed to bind host port for 0.0.0.0:443 - address already in use" }],
      output: 'services:\n  web:\n    ports:\n      - "8000:8000"\n',
    },
    {
      name: "long form with a number, alone in its list",
      code: "services:\n  web:\n    ports:\n      - published: 80\n        target: 8000\n    image: x\n",
      errors: [{ line: 4, column: 20, endLine: 4, endColumn: 22, messageId: "reservedPort" }],
      output: "services:\n  web:\n    image: x\n",
    },
    {
      name: "an interpolation's default publishes 80",
      code: 'services:\n  web:\n    ports:\n      - "${HTTP_PORT:-80}:80"\n      - "${APP_PORT:-3000}:3000"\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 30, messageId: "reservedPort", log: "failed to bind host port for 0.0.0.0:80 - address already in use" }],
      output: 'services:\n  web:\n    ports:\n      - "${APP_PORT:-3000}:3000"\n',
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: 'x-ports: &ports\n  ports:\n    - "80:80"\n    - "3000:3000"\nservices:\n  a:\n    image: app\n    <<: *ports\n  b:\n    image: app\n    <<: *ports\n',
      errors: [{ line: 3, column: 7, endLine: 3, endColumn: 14, messageId: "reservedPort" }],
      output: 'x-ports: &ports\n  ports:\n    - "3000:3000"\nservices:\n  a:\n    image: app\n    <<: *ports\n  b:\n    image: app\n    <<: *ports\n',
    },
    {
      name: "CRLF, comments kept",
      code: 'services:\r\n  web:\r\n    ports: # published\r\n      - "443:443"\r\n      - "8000:8000" # app\r\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 18, messageId: "reservedPort" }],
      output: 'services:\r\n  web:\r\n    ports: # published\r\n      - "8000:8000" # app\r\n',
    },
    {
      name: "a port range covering 80 inside it: 79-81",
      code: 'services:\n  web:\n    ports:\n      - "79-81:79-81"\n      - "8000:8000"\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 22, messageId: "reservedPort", log: "failed to bind host port for 0.0.0.0:80 - address already in use" }],
      output: 'services:\n  web:\n    ports:\n      - "8000:8000"\n',
    },
    {
      name: "a list at its key's indentation, a comment after the entry: the whole key goes",
      code: 'services:\n  web:\n    ports:\n    - "80:80" # http\n    image: x\n',
      errors: [{ line: 4, column: 7, endLine: 4, endColumn: 14, messageId: "reservedPort" }],
      output: "services:\n  web:\n    image: x\n",
    },
    {
      name: "an entry below its dash (long form after a lone dash, short form after a comment): the dash goes too",
      code: 'services:\n  web:\n    ports:\n      -\n        target: 80\n        published: 80\n      - # https\n        "443:443"\n      - "8000:8000"\n',
      errors: [
        { line: 6, column: 20, endLine: 6, endColumn: 22, messageId: "reservedPort", fixOutput: 'services:\n  web:\n    ports:\n      - # https\n        "443:443"\n      - "8000:8000"\n' },
        { line: 8, column: 9, endLine: 8, endColumn: 18, messageId: "reservedPort", fixOutput: "services:\n  web:\n    ports:\n      -\n        target: 80\n        published: 80\n      - \"8000:8000\"\n" },
      ],
      output: 'services:\n  web:\n    ports:\n      - "8000:8000"\n',
    },
    {
      name: "an entry below a lone dash and a comment line holding a hyphen: the dash goes too, not only the lines from the comment",
      code: 'services:\n  web:\n    ports:\n      -\n        # the front-end\n        "80:80"\n      - "8000:8000"\n',
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 16, messageId: "reservedPort" }],
      output: 'services:\n  web:\n    ports:\n      - "8000:8000"\n',
    },
    {
      name: "flow style, the last two entries: one edit takes them with the comma before",
      code: 'services:\n  web: {image: x, ports: ["8000:8000", "80:80", "443:443"]}\n',
      errors: [{ line: 2, column: 40, endLine: 2, endColumn: 47, messageId: "reservedPort" }, { line: 2, column: 49, endLine: 2, endColumn: 58, messageId: "reservedPort" }],
      output: 'services:\n  web: {image: x, ports: ["8000:8000"]}\n',
    },
  ],
});
