import { hostNetworkMode } from "../../server/src/engine/rules/host-network-mode.js";
import { testRule } from "./rule-tester.js";

testRule(hostNetworkMode, {
  valid: [
    { name: "the default network, Docker's bridge, none", code: "services:\n  web:\n    image: x\n  worker:\n    image: y\n    network_mode: bridge\n  batch:\n    image: z\n    network_mode: none\n" },
    { name: "another service's stack", code: "services:\n  vpn:\n    image: example/vpn\n  app:\n    image: x\n    network_mode: service:vpn\n" },
    { name: "a variable without a default decides it", code: "services:\n  web:\n    image: x\n    network_mode: ${NETWORK_MODE}\n" },
    {
      name: "web servers and proxies in host mode are no-tls-proxy-service's finding (by image, variant, or by name without one)",
      code: 'services:\n  nginx:\n    image: nginx:alpine\n    network_mode: host\n  proxy:\n    image: traefik:v3\n    network_mode: "host"\n    ports:\n      - "80:80"\n  caddy:\n    image: caddy:2-alpine\n    network_mode: host\n  apache:\n    image: httpd:2.4\n    network_mode: host\n  nginx-proxy:\n    image: nginxproxy/nginx-proxy\n    network_mode: host\n  haproxy:\n    build: ./haproxy\n    network_mode: host\n',
    },
    {
      name: "a built nginx, whose image names only what the build gives, is no-tls-proxy-service's too",
      code: 'services:\n  nginx:\n    build: ./docker/production/nginx\n    image: dockerize-nginx-production\n    ports:\n      - "80"\n    network_mode: "host"\n',
    },
    { name: "a file other than the pipeline's", pipeline: false, code: "services:\n  web:\n    image: x\n    network_mode: host\n" },
  ],
  invalid: [
    {
      name: "an app in host mode",
      code: "services:\n  homeassistant:\n    image: homeassistant/home-assistant:stable\n    network_mode: host\n    restart: unless-stopped\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 23, messageId: "hostNetwork", message: 'Service "homeassistant" uses network_mode host: every port it opens is public. Use ports: on 172.17.0.1 instead.' }],
      output: null,
    },
    {
      name: "its ports are ignored: the message says so (quoted value, comment after it)",
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n    network_mode: "host" # for speed\n',
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 25, messageId: "ignoredPorts", message: 'Service "web" uses network_mode host: ports: is ignored, every port it opens is public. Drop host mode.' }],
    },
    {
      name: "a default applied",
      code: "services:\n  web:\n    build: .\n    network_mode: ${NETWORK_MODE:-host}\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 40, messageId: "hostNetwork" }],
    },
    {
      name: "flow style",
      code: "services:\n  web: {image: example/app, network_mode: host}\n",
      errors: [{ line: 2, column: 29, endLine: 2, endColumn: 47, messageId: "hostNetwork" }],
    },
    {
      name: "through a merge key: reported once, where it is written",
      code: "x-host: &host\n  network_mode: host\nservices:\n  a:\n    image: example/a\n    <<: *host\n  b:\n    image: example/b\n    <<: *host\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 21, messageId: "hostNetwork" }],
    },
    {
      name: "a built app: its image names what the build gives",
      code: 'services:\n  api:\n    build: .\n    image: myorg/api\n    ports:\n      - "3000"\n    network_mode: "host"\n',
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 25, messageId: "ignoredPorts" }],
    },
    {
      name: "CRLF",
      code: "services:\r\n  agent:\r\n    image: example/agent\r\n    network_mode: host\r\n",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 23, messageId: "hostNetwork" }],
    },
  ],
});
