import { dockerSocketMount } from "../../server/src/engine/rules/docker-socket-mount.js";
import { testRule } from "./rule-tester.js";

testRule(dockerSocketMount, {
  valid: [
    { name: "other binds and named volumes", code: "services:\n  web:\n    image: x\n    volumes:\n      - ./media:/app/media\n      - data:/var/run\n      - /var/run/docker.sock.bak:/backup\nvolumes:\n  data:\n" },
    { name: "a file of the project named docker.sock, a socket path only as the target", code: "services:\n  web:\n    image: x\n    volumes:\n      - ./docker.sock:/var/run/docker.sock\n      - /srv/sock:/run/docker.sock\n" },
    { name: "a variable without a default decides the source (Supabase's DOCKER_SOCKET_LOCATION)", code: 'services:\n  vector:\n    image: timberio/vector\n    volumes:\n      - ${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock:ro\n      - "${PREFIX}/var/run/docker.sock:/var/run/docker.sock"\n' },
    { name: "a named volume's long syntax, an anonymous volume", code: "services:\n  web:\n    image: x\n    volumes:\n      - type: volume\n        source: sock\n        target: /var/run/docker.sock\n      - /var/run/docker.sock\nvolumes:\n  sock:\n" },
  ],
  invalid: [
    {
      name: "read-write: the whole item",
      code: "services:\n  portainer:\n    image: portainer/portainer-ce\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - portainer_data:/data\nvolumes:\n  portainer_data:\n",
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 50, messageId: "socket", message: 'Service "portainer" mounts docker.sock: it controls Docker, and so the VM. Mount it only if needed.' }],
      output: null,
    },
    {
      name: ":ro does not protect the API (quoted, mounted elsewhere in the container)",
      code: 'services:\n  nginx-proxy:\n    image: nginxproxy/nginx-proxy\n    volumes:\n      - "/var/run/docker.sock:/tmp/docker.sock:ro" # docker-gen\n',
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 51, messageId: "readOnlySocket", message: 'Service "nginx-proxy" mounts docker.sock: even read-only, it controls Docker and the VM. Mount it only if needed.' }],
    },
    {
      name: "/run/docker.sock, //var/run/docker.sock, a default applied; in a file other than the pipeline's too",
      pipeline: false,
      code: 'services:\n  agent:\n    image: x\n    volumes:\n      - /run/docker.sock:/run/docker.sock:rw\n      - //var/run/docker.sock:/var/run/docker.sock\n      - "${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock:ro,z"\n',
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 45, messageId: "socket" },
        { line: 6, column: 9, endLine: 6, endColumn: 51, messageId: "socket" },
        { line: 7, column: 9, endLine: 7, endColumn: 73, messageId: "readOnlySocket" },
      ],
    },
    {
      name: "the long syntax: the whole map; read_only as compose casts it",
      code: "services:\n  traefik:\n    image: traefik:v3\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n  watchtower:\n    image: containrrr/watchtower\n    volumes: [{type: bind, source: /var/run/docker.sock, target: /var/run/docker.sock}]\n",
      errors: [
        { line: 5, column: 9, endLine: 8, endColumn: 24, messageId: "readOnlySocket" },
        { line: 11, column: 15, endLine: 11, endColumn: 87, messageId: "socket" },
      ],
    },
    {
      name: "through an anchor: reported once, where it is written",
      code: "x-sock: &sock /var/run/docker.sock:/var/run/docker.sock\nservices:\n  a:\n    image: x\n    volumes:\n      - *sock\n  b:\n    image: y\n    volumes:\n      - *sock\n",
      errors: [{ line: 1, column: 15, endLine: 1, endColumn: 56, messageId: "socket" }],
    },
  ],
});
