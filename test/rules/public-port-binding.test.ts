import { publicPortBinding } from "../../server/src/engine/rules/public-port-binding.js";
import { testRule } from "./rule-tester.js";

testRule(publicPortBinding, {
  valid: [
    {
      name: "Elestio's templates: 172.17.0.1:HOST:CONTAINER, quoted or plain",
      code: 'services:\n  chartbrew:\n    ports:\n      - 172.17.0.1:4118:4018\n      - "172.17.0.1:4019:4019"\n      - "172.17.0.1:${KONG_HTTP_PORT}:8000/tcp"\n',
    },
    { name: "long form bound to the bridge", code: "services:\n  web:\n    ports:\n      - target: 8000\n        published: 8000\n        host_ip: 172.17.0.1\n" },
    { name: "80/443 are no-reserved-host-port's finding", code: 'services:\n  web:\n    ports:\n      - "80:80"\n      - "443:443"\n' },
    { name: "127.0.0.1 is loopback-port-binding's finding", code: 'services:\n  web:\n    ports:\n      - "127.0.0.1:8000:8000"\n' },
    { name: "a variable without a default decides the address (mailu)", code: 'services:\n  front:\n    ports:\n      - "${SYSTEM_IP}:25:25"\n      - "${BIND_IP}:8000:8000"\n' },
    { name: "a variable without a default is the whole entry", code: 'services:\n  web:\n    ports:\n      - "${PORTS}"\n      - $PORT_SPEC\n' },
    {
      name: "protocols the HTTP proxy does not carry are meant to be public (TURN, RTMP, SMTP, SSH, UDP)",
      code: 'services:\n  coturn:\n    ports:\n      - "3478:3478"\n      - "3478:3478/udp"\n      - "1935:1935"\n      - "2525:25"\n      - "2222:22"\n      - "51820:51820/udp"\n',
    },
    { name: "a dev file may publish on every interface", pipeline: false, code: 'services:\n  web:\n    ports:\n      - "8000:8000"\n' },
    { name: "expose is not publishing", code: "services:\n  web:\n    expose:\n      - 8000\n" },
    { name: "the protocol suffix in any case: /UDP is meant to be public too", code: 'services:\n  wireguard:\n    ports:\n      - "51820:51820/UDP"\n' },
  ],
  invalid: [
    {
      name: "the guide's web port, comment kept",
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000" # gunicorn\n',
      errors: [
        {
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
          messageId: "webPort",
          message: "Port 8000 is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1.",
        },
      ],
      output: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000" # gunicorn\n',
    },
    {
      name: "a database port: the database is exposed",
      code: 'services:\n  db:\n    image: postgres:15-alpine\n    ports:\n      - "5432:5432"\n  cache:\n    image: elestio/redis:7.0\n    ports:\n      - 26379:6379\n',
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 20, messageId: "databasePort", message: "Database port 5432 is open on the VM's public IP. Remove it, or bind it to 172.17.0.1." },
        { line: 9, column: 9, endLine: 9, endColumn: 19, messageId: "databasePort", message: "Database port 26379 is open on the VM's public IP. Remove it, or bind it to 172.17.0.1." },
      ],
      output: 'services:\n  db:\n    image: postgres:15-alpine\n    ports:\n      - "172.17.0.1:5432:5432"\n  cache:\n    image: elestio/redis:7.0\n    ports:\n      - 172.17.0.1:26379:6379\n',
    },
    {
      name: "a 5-digit host port",
      code: 'services:\n  web:\n    ports:\n      - "18000:8000"\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 21, messageId: "webPort", message: "Port 18000 is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1." }],
      output: 'services:\n  web:\n    ports:\n      - "172.17.0.1:18000:8000"\n',
    },
    {
      name: "flow style beside a reserved port",
      code: 'services:\n  web: {image: x, ports: ["80:80", "8000:8000"]}\n',
      errors: [{ line: 2, column: 36, endLine: 2, endColumn: 47, messageId: "webPort" }],
      output: 'services:\n  web: {image: x, ports: ["80:80", "172.17.0.1:8000:8000"]}\n',
    },
    {
      name: "an explicit 0.0.0.0 or [::] is replaced",
      code: 'services:\n  web:\n    ports:\n      - 0.0.0.0:8000:8000\n      - "[::]:9000:9000/tcp"\n',
      errors: [
        { line: 4, column: 9, endLine: 4, endColumn: 26, fixOutput: "services:\n  web:\n    ports:\n      - 172.17.0.1:8000:8000\n      - \"[::]:9000:9000/tcp\"\n", messageId: "webPort" },
        { line: 5, column: 9, endLine: 5, endColumn: 29, fixOutput: "services:\n  web:\n    ports:\n      - 0.0.0.0:8000:8000\n      - \"172.17.0.1:9000:9000/tcp\"\n", messageId: "webPort" },
      ],
      output: 'services:\n  web:\n    ports:\n      - 172.17.0.1:8000:8000\n      - "172.17.0.1:9000:9000/tcp"\n',
    },
    {
      name: "a bare container port gets a random public host port",
      code: 'services:\n  web:\n    ports:\n      - 8000\n      - "3000"\n',
      errors: [
        { line: 4, column: 9, endLine: 4, endColumn: 13, messageId: "randomPort", message: "Container port 8000 gets a random port on the VM's public IP, bypassing Elestio's proxy. Bind it to 172.17.0.1." },
        { line: 5, column: 9, endLine: 5, endColumn: 15, messageId: "randomPort" },
      ],
      output: 'services:\n  web:\n    ports:\n      - "172.17.0.1::8000"\n      - "172.17.0.1::3000"\n',
    },
    {
      name: "interpolations are kept",
      code: 'services:\n  web:\n    ports:\n      - "${PORT:-8000}:8000"\n      - "${BIND:-0.0.0.0}:9000:9000"\n      - ${API_PORT}:4000\n  db:\n    image: postgres\n    ports:\n      - ${POSTGRES_PORT}:${POSTGRES_PORT}\n',
      errors: [
        { line: 4, column: 9, endLine: 4, endColumn: 29, messageId: "webPort" },
        { line: 5, column: 9, endLine: 5, endColumn: 37, messageId: "webPort" },
        { line: 6, column: 9, endLine: 6, endColumn: 25, messageId: "webPort", message: "Port ${API_PORT} is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1." },
        { line: 10, column: 9, endLine: 10, endColumn: 42, messageId: "databasePort", message: "Database port ${POSTGRES_PORT} is open on the VM's public IP. Remove it, or bind it to 172.17.0.1." },
      ],
      output: 'services:\n  web:\n    ports:\n      - "172.17.0.1:${PORT:-8000}:8000"\n      - "${BIND:-172.17.0.1}:9000:9000"\n      - 172.17.0.1:${API_PORT}:4000\n  db:\n    image: postgres\n    ports:\n      - 172.17.0.1:${POSTGRES_PORT}:${POSTGRES_PORT}\n',
    },
    {
      name: "long form: host_ip added before published, at the keys' indentation",
      code: "services:\n  web:\n    ports:\n      - target: 8000\n        published: 8000\n        protocol: tcp\n",
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 24, messageId: "webPort" }],
      output: "services:\n  web:\n    ports:\n      - target: 8000\n        host_ip: 172.17.0.1\n        published: 8000\n        protocol: tcp\n",
    },
    {
      name: "long form with published first: host_ip after it",
      code: 'services:\n  web:\n    ports:\n      - published: "8001"\n        target: 8001\n      - target: 8002\n',
      errors: [
        { line: 4, column: 20, endLine: 4, endColumn: 26, messageId: "webPort" },
        { line: 6, column: 9, endLine: 6, endColumn: 21, messageId: "randomPort", message: "Container port 8002 gets a random port on the VM's public IP, bypassing Elestio's proxy. Bind it to 172.17.0.1." },
      ],
      output: 'services:\n  web:\n    ports:\n      - published: "8001"\n        host_ip: 172.17.0.1\n        target: 8001\n      - target: 8002\n        host_ip: 172.17.0.1\n',
    },
    {
      name: "long form: a public host_ip is replaced, quoting kept",
      code: "services:\n  web:\n    ports:\n      - target: 8000\n        published: 8000\n        host_ip: '0.0.0.0'\n",
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 24, messageId: "webPort" }],
      output: "services:\n  web:\n    ports:\n      - target: 8000\n        published: 8000\n        host_ip: '172.17.0.1'\n",
    },
    {
      name: "long form in flow style: host_ip inserted as a key",
      code: "services:\n  web:\n    ports:\n      - {target: 8000, published: 8000}\n",
      errors: [{ line: 4, column: 35, endLine: 4, endColumn: 39, messageId: "webPort" }],
      output: "services:\n  web:\n    ports:\n      - {target: 8000, host_ip: 172.17.0.1, published: 8000}\n",
    },
    {
      name: "through a merge key: reported once, on the anchored line",
      code: 'x-web: &web\n  image: app\n  ports:\n    - "8000:8000"\nservices:\n  a:\n    <<: *web\n  b:\n    <<: *web\n',
      errors: [{ line: 4, column: 7, endLine: 4, endColumn: 18, messageId: "webPort" }],
      output: 'x-web: &web\n  image: app\n  ports:\n    - "172.17.0.1:8000:8000"\nservices:\n  a:\n    <<: *web\n  b:\n    <<: *web\n',
    },
    {
      name: "CRLF, long form",
      code: "services:\r\n  web:\r\n    ports:\r\n      - target: 8000\r\n        published: 8000 # app\r\n",
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 24, messageId: "webPort" }],
      output: "services:\r\n  web:\r\n    ports:\r\n      - target: 8000\r\n        host_ip: 172.17.0.1\r\n        published: 8000 # app\r\n",
    },
  ],
});
