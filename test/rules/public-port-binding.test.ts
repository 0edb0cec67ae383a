import { describe, expect, it } from "vitest";
import { publicPortBinding } from "../../server/src/engine/rules/public-port-binding.js";
import { testRule } from "./rule-tester.js";

testRule(publicPortBinding, {
  valid: [
    {
      name: "a service in network_mode host: compose ignores its ports (host-network-mode reports it)",
      code: "services:\n  app:\n    image: ghcr.io/acme/app:1\n    network_mode: host\n    ports:\n      - \"8000:8000\"\n",
    },
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
    { name: "an entry without a container port publishes nothing a client reaches", code: 'services:\n  web:\n    ports:\n      - protocol: tcp\n      - "8000:"\n      - {published: 8001}\n' },
    { name: "the protocol suffix in any case: /UDP is meant to be public too", code: 'services:\n  wireguard:\n    ports:\n      - "51820:51820/UDP"\n' },
    {
      name: "Elestio's RustDesk template: every port public, TCP and UDP",
      code: "services:\n  hbbs:\n    ports:\n      - 21115:21115\n      - 21116:21116\n      - 21116:21116/udp\n      - 21118:21118\n    image: rustdesk/rustdesk-server:${SOFTWARE_VERSION_TAG}\n  hbbr:\n    ports:\n      - 21117:21117\n      - 21119:21119\n    image: rustdesk/rustdesk-server:${SOFTWARE_VERSION_TAG}\n",
    },
    {
      name: "Elestio's Pritunl template: OpenVPN on 1194, TCP and UDP, beside its web ports on the bridge",
      code: "services:\n  pritunl:\n    image: ghcr.io/jippi/docker-pritunl:latest\n    ports:\n      - 172.17.0.1:4767:80\n      - 172.17.0.1:4867:443\n      - 1194:1194\n      - 1194:1194/udp\n  openvpn:\n    image: kylemanna/openvpn\n    ports:\n      - {target: 1194, published: 11940}\n",
    },
    {
      name: "Elestio's MiroTalk template: the WebRTC media range and coturn",
      code: 'services:\n  mirotalksfu:\n    image: elestio/mirotalk-sfu:latest\n    ports:\n      - "172.17.0.1:3010:3010/tcp"\n      - "40000-40100:40000-40100/tcp"\n      - "40000-40100:40000-40100/udp"\n  coturn:\n    image: coturn/coturn:latest\n    ports:\n      - "3478:3478"\n      - "3478:3478/udp"\n      - "5349:5349"\n      - "49152-65535:49152-65535"\n',
    },
    {
      name: "Elestio's Wazuh template: the agents' ports",
      code: 'services:\n  wazuh.manager:\n    image: wazuh/wazuh-manager:${SOFTWARE_VERSION_TAG}\n    ports:\n      - "1514:1514"\n      - "1515:1515"\n      - "514:514/udp"\n',
    },
    {
      name: "a mail server: SMTP, submission, POP3, IMAP, ManageSieve, whatever the host port",
      code: 'services:\n  mailserver:\n    image: ghcr.io/docker-mailserver/docker-mailserver:latest\n    ports:\n      - "25:25"\n      - "465:465"\n      - "587:587"\n      - "110:110"\n      - "995:995"\n      - "143:143"\n      - "993:993"\n      - "4190:4190"\n      - "2525:25"\n',
    },
    {
      name: "SSH for git, DNS, XMPP, SIP, MQTT, RTMP, Minecraft, FTP and its passive range",
      code: 'services:\n  gitea:\n    image: gitea/gitea:1.22-rootless\n    ports:\n      - "172.17.0.1:3000:3000"\n      - "2222:2222"\n  forgejo:\n    image: codeberg.org/forgejo/forgejo:9\n    ports:\n      - "10022:22"\n  pihole:\n    image: pihole/pihole\n    ports:\n      - "53:53/tcp"\n      - "853:853"\n  prosody:\n    image: prosody/prosody\n    ports:\n      - "5222:5222"\n      - "5269:5269"\n  asterisk:\n    image: andrius/asterisk\n    ports:\n      - "5060:5060"\n      - "10000-20000:10000-20000"\n  mosquitto:\n    image: eclipse-mosquitto\n    ports:\n      - "1883:1883"\n      - "8883:8883"\n  owncast:\n    image: owncast/owncast\n    ports:\n      - "1935:1935"\n  minecraft:\n    image: itzg/minecraft-server\n    ports:\n      - "25565:25565"\n  ftp:\n    image: delfer/alpine-ftp-server\n    ports:\n      - "21:21"\n      - "21000-21010:21000-21010"\n',
    },
    {
      name: "media ports that are web ports elsewhere, for the images that make them media: Jitsi's videobridge, LiveKit, Mattermost Calls",
      code: 'services:\n  jvb:\n    image: jitsi/jvb:stable\n    ports:\n      - "4443:4443"\n      - "10000:10000/udp"\n  livekit:\n    image: livekit/livekit-server:latest\n    ports:\n      - "7881:7881"\n  mattermost:\n    image: mattermost/mattermost-enterprise-edition:9.11\n    ports:\n      - "172.17.0.1:8065:8065"\n      - "8443:8443/tcp"\n      - "8443:8443/udp"\n',
    },
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
      name: "a random host port for a container port from an unset variable: the variable is named",
      code: "services:\n  web:\n    ports:\n      - target: ${APP_PORT}\n",
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 28, messageId: "randomPort", message: "Container port ${APP_PORT} gets a random port on the VM's public IP, bypassing Elestio's proxy. Bind it to 172.17.0.1." }],
      output: "services:\n  web:\n    ports:\n      - target: ${APP_PORT}\n        host_ip: 172.17.0.1\n",
    },
    {
      // invalid-value reports the host port; the message names what is sure, the container port.
      name: "a host port that is not a number: the container port is named",
      code: 'services:\n  web:\n    ports:\n      - "abc:8000"\n',
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 19, messageId: "webPort", message: "Port 8000 is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1." }],
      output: 'services:\n  web:\n    ports:\n      - "172.17.0.1:abc:8000"\n',
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
      name: "the message names the variable that decides the host port: not the address's, and without braces too",
      code: 'services:\n  web:\n    image: app:1\n    ports:\n      - "${BIND:-0.0.0.0}:${API_PORT}:4000"\n      - "$ADMIN_PORT:9000"\n',
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 44, messageId: "webPort", message: "Port ${API_PORT} is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1." },
        { line: 6, column: 9, endLine: 6, endColumn: 27, messageId: "webPort", message: "Port $ADMIN_PORT is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1." },
      ],
      output: 'services:\n  web:\n    image: app:1\n    ports:\n      - "${BIND:-172.17.0.1}:${API_PORT}:4000"\n      - "172.17.0.1:$ADMIN_PORT:9000"\n',
    },
    {
      name: "a random host port behind an address's variable: the container port is named",
      code: 'services:\n  web:\n    image: app:1\n    ports:\n      - "${HOST_IP:-0.0.0.0}::8000"\n',
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 36, messageId: "randomPort", message: "Container port 8000 gets a random port on the VM's public IP, bypassing Elestio's proxy. Bind it to 172.17.0.1." }],
      output: 'services:\n  web:\n    image: app:1\n    ports:\n      - "${HOST_IP:-172.17.0.1}::8000"\n',
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
      name: "Wazuh: beside the agents' ports, the API (HTTP) and the indexer (a database) are still reported",
      code: 'services:\n  wazuh.manager:\n    image: wazuh/wazuh-manager:4.9.0\n    ports:\n      - "1514:1514"\n      - "1515:1515"\n      - "55000:55000"\n  wazuh.indexer:\n    image: wazuh/wazuh-indexer:4.9.0\n    ports:\n      - "9200:9200"\n',
      errors: [
        { line: 7, column: 9, endLine: 7, endColumn: 22, messageId: "webPort", message: "Port 55000 is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1." },
        { line: 11, column: 9, endLine: 11, endColumn: 20, messageId: "databasePort" },
      ],
      output: 'services:\n  wazuh.manager:\n    image: wazuh/wazuh-manager:4.9.0\n    ports:\n      - "1514:1514"\n      - "1515:1515"\n      - "172.17.0.1:55000:55000"\n  wazuh.indexer:\n    image: wazuh/wazuh-indexer:4.9.0\n    ports:\n      - "172.17.0.1:9200:9200"\n',
    },
    {
      name: "web ports beside the media ports of the same apps: RustDesk Pro's console, MiroTalk's page, LiveKit's API",
      code: 'services:\n  hbbs:\n    image: rustdesk/rustdesk-server-pro:latest\n    ports:\n      - "21114:21114"\n      - "21115:21115"\n  mirotalksfu:\n    image: elestio/mirotalk-sfu:latest\n    ports:\n      - "3010:3010/tcp"\n      - "40000-40100:40000-40100/tcp"\n  livekit:\n    image: livekit/livekit-server:latest\n    ports:\n      - "7880:7880"\n      - "7881:7881"\n',
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 22, messageId: "webPort" },
        { line: 10, column: 9, endLine: 10, endColumn: 24, messageId: "webPort" },
        { line: 15, column: 9, endLine: 15, endColumn: 20, messageId: "webPort" },
      ],
      output: 'services:\n  hbbs:\n    image: rustdesk/rustdesk-server-pro:latest\n    ports:\n      - "172.17.0.1:21114:21114"\n      - "21115:21115"\n  mirotalksfu:\n    image: elestio/mirotalk-sfu:latest\n    ports:\n      - "172.17.0.1:3010:3010/tcp"\n      - "40000-40100:40000-40100/tcp"\n  livekit:\n    image: livekit/livekit-server:latest\n    ports:\n      - "172.17.0.1:7880:7880"\n      - "7881:7881"\n',
    },
    {
      name: "4443 and 8443 are HTTPS ports without a media server's image; a single high port and a short range are no media range",
      code: 'services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "4443:4443"\n      - "8443:8443"\n      - "50000:50000"\n      - "8000-8100:8000-8100"\n      - "40000-40008:40000-40008"\n',
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 20, messageId: "webPort" },
        { line: 6, column: 9, endLine: 6, endColumn: 20, messageId: "webPort" },
        { line: 7, column: 9, endLine: 7, endColumn: 22, messageId: "webPort" },
        { line: 8, column: 9, endLine: 8, endColumn: 30, messageId: "webPort", message: "Port 8000-8100 is open on the VM's public IP, bypassing Elestio's proxy and TLS. Bind it to 172.17.0.1." },
        { line: 9, column: 9, endLine: 9, endColumn: 34, messageId: "webPort" },
      ],
      output: 'services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "172.17.0.1:4443:4443"\n      - "172.17.0.1:8443:8443"\n      - "172.17.0.1:50000:50000"\n      - "172.17.0.1:8000-8100:8000-8100"\n      - "172.17.0.1:40000-40008:40000-40008"\n',
    },
    {
      name: "database ports stay reported whatever the image: MySQL published on another host port, Redis's TLS port",
      code: 'services:\n  mysql:\n    image: elestio/mysql:8\n    ports:\n      - "24306:3306"\n  redis:\n    image: elestio/redis:7\n    ports:\n      - "6380:6380"\n',
      errors: [
        { line: 5, column: 9, endLine: 5, endColumn: 21, messageId: "databasePort" },
        { line: 9, column: 9, endLine: 9, endColumn: 20, messageId: "databasePort" },
      ],
      output: 'services:\n  mysql:\n    image: elestio/mysql:8\n    ports:\n      - "172.17.0.1:24306:3306"\n  redis:\n    image: elestio/redis:7\n    ports:\n      - "172.17.0.1:6380:6380"\n',
    },
    {
      name: "CRLF, long form",
      code: "services:\r\n  web:\r\n    ports:\r\n      - target: 8000\r\n        published: 8000 # app\r\n",
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 24, messageId: "webPort" }],
      output: "services:\r\n  web:\r\n    ports:\r\n      - target: 8000\r\n        host_ip: 172.17.0.1\r\n        published: 8000 # app\r\n",
    },
  ],
});

describe("public-port-binding's advice", () => {
  it("never binds to 127.0.0.1, which Elestio's proxy cannot reach: 172.17.0.1", () => {
    const { messages, docs } = publicPortBinding.meta;
    const texts = [...Object.values(messages), docs.title, docs.description, docs.fix!].flatMap((text) => [text.en, text.fr]);
    for (const text of [...texts, docs.example.valid]) expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
    for (const message of Object.values(messages)) expect(message.en).toContain("172.17.0.1");
  });
});
