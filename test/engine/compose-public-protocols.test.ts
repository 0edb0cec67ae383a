/**
 * The ports meant to be public for their protocol (compose/publicProtocols.ts):
 * each row a port entry of a service (with its image) and the protocol the
 * table names for it, or none. Elestio's own templates are the reference: the
 * ports they publish on every interface on purpose are held (RustDesk,
 * OpenVPN, WebRTC media, Wazuh's agents), while web and database ports never are.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { servicePorts } from "../../server/src/engine/compose/ports.js";
import { NON_TCP_PROTOCOL, PUBLIC_PROTOCOLS, publicProtocolOf } from "../../server/src/engine/compose/publicProtocols.js";
import { isDatabasePort, serviceImage } from "../../server/src/engine/compose/services.js";

/** The protocol named for each port entry of a one-service file. */
function protocolsOf(item: string, image?: string): (string | undefined)[] {
  const model = parseCompose(`services:\n  app:\n${image ? `    image: ${image}\n` : ""}    ports:\n      - ${item}\n`);
  const [service] = model.services;
  return servicePorts(service).map((binding) => publicProtocolOf(binding, serviceImage(service))?.protocol);
}

const HELD: [item: string, image: string | undefined, protocol: string][] = [
  // Elestio's templates (corpus/realworld/el-*).
  ["21115:21115", "rustdesk/rustdesk-server:latest", "RustDesk"],
  ["21116:21116", "rustdesk/rustdesk-server:latest", "RustDesk"],
  ["21117:21117", "rustdesk/rustdesk-server:latest", "RustDesk"],
  ["21118:21118", "rustdesk/rustdesk-server:latest", "RustDesk"],
  ["21119:21119", "rustdesk/rustdesk-server:latest", "RustDesk"],
  ["21116:21116/udp", "rustdesk/rustdesk-server:latest", "UDP, SCTP"],
  ["1194:1194", "ghcr.io/jippi/docker-pritunl:latest", "OpenVPN"],
  ["1194:1194/udp", "kylemanna/openvpn", "UDP, SCTP"],
  ['"40000-40100:40000-40100/tcp"', "elestio/mirotalk-sfu:latest", "media range"],
  ['"1514:1514"', "wazuh/wazuh-manager:4.9.0", "Wazuh agents"],
  ['"1515:1515"', "wazuh/wazuh-manager:4.9.0", "Wazuh agents"],
  ['"514:514/udp"', "wazuh/wazuh-manager:4.9.0", "UDP, SCTP"],
  ['"3478:3478"', "coturn/coturn", "STUN/TURN"],
  ['"5349:5349"', "coturn/coturn", "STUN/TURN"],
  ['"49152-65535:49152-65535"', "coturn/coturn", "media range"],
  ['"10000-20000:10000-20000"', "andrius/asterisk", "media range"],
  ['"21000-21010:21000-21010"', "delfer/alpine-ftp-server", "media range"],
  // Ten ports, the fewest a media range holds.
  ['"40000-40009:40000-40009"', undefined, "media range"],
  // Whatever the host port, the container port decides.
  ['"2222:22"', "gitea/gitea:1.22", "SSH"],
  ['"2222:2222"', "gitea/gitea:1.22-rootless", "SSH"],
  ['"2525:25"', "mailserver/docker-mailserver", "SMTP"],
  // A stray space: compose refuses the file (invalid-value says so), but the port is still OpenVPN's, not a web port.
  ['"1194: 1194"', "kylemanna/openvpn", "OpenVPN"],
  ['"465:465"', undefined, "SMTP"],
  ['"587:587"', undefined, "SMTP"],
  ['"993:993"', undefined, "POP3, IMAP, ManageSieve"],
  ['"4190:4190"', undefined, "POP3, IMAP, ManageSieve"],
  ['"53:53/tcp"', "pihole/pihole", "DNS"],
  ['"853:853"', "adguard/adguardhome", "DNS"],
  ['"1935:1935"', "owncast/owncast", "RTMP"],
  ['"5060:5060"', "andrius/asterisk", "SIP"],
  ['"5222:5222"', "prosody/prosody", "XMPP"],
  ['"5269:5269"', "prosody/prosody", "XMPP"],
  ['"1883:1883"', "eclipse-mosquitto", "MQTT"],
  ['"8883:8883"', "eclipse-mosquitto", "MQTT"],
  ['"25565:25565"', "itzg/minecraft-server", "Minecraft"],
  ['"21:21"', "delfer/alpine-ftp-server", "FTP"],
  // Ports that are also web ports elsewhere: only for the images named.
  ['"4443:4443"', "jitsi/jvb:stable", "Jitsi videobridge"],
  ['"7881:7881"', "livekit/livekit-server:latest", "LiveKit"],
  ['"8443:8443/tcp"', "mattermost/mattermost-enterprise-edition:9.11", "Mattermost Calls"],
  ['"8443:8443"', "mattermost/rtcd:latest", "Mattermost Calls"],
  // The long form.
  ["{target: 1194, published: 1194}", "kylemanna/openvpn", "OpenVPN"],
  ["{target: 21116, published: 21116, protocol: udp}", "rustdesk/rustdesk-server", "UDP, SCTP"],
];

const REPORTED: [item: string, image: string | undefined][] = [
  // Beside the held ports in Elestio's templates: web and database ports.
  ['"55000:55000"', "wazuh/wazuh-manager:4.9.0"],
  ['"9200:9200"', "wazuh/wazuh-indexer:4.9.0"],
  ['"21114:21114"', "rustdesk/rustdesk-server-pro:latest"],
  ['"3010:3010/tcp"', "elestio/mirotalk-sfu:latest"],
  ['"7880:7880"', "livekit/livekit-server:latest"],
  ['"8000:80"', "jitsi/web:stable"],
  ['"8065:8065"', "mattermost/mattermost-enterprise-edition:9.11"],
  // A web port elsewhere, without the image that makes it a media port.
  ['"4443:4443"', "nginx:1.27"],
  ['"4443:4443"', undefined],
  ['"8443:8443"', "jitsi/web:stable"],
  ['"7881:7881"', undefined],
  // The image is matched on its whole repository, not on a part of it.
  ['"4443:4443"', "myjitsi/jvb"],
  ['"4443:4443"', "jitsi/jvb-exporter"],
  ['"7881:7881"', "mylivekit/livekit-server"],
  ['"7881:7881"', "livekit/livekit-server-exporter"],
  ['"8443:8443"', "mymattermost/app"],
  // A single port, or a short range, is no media range.
  ['"50000:50000"', undefined],
  ['"40000-40008:40000-40008"', undefined],
  ['"8000-8100:8000-8100"', undefined],
  // A range that overflows the entry's ports.
  ['"21113-21119:21113-21119"', "rustdesk/rustdesk-server"],
  ['"1194-1195:1194-1195"', "kylemanna/openvpn"],
  // A container port that is no number (compose refuses it) is no protocol's port.
  ['"1194:x1194"', "kylemanna/openvpn"],
  ['"1194:1194x"', "kylemanna/openvpn"],
  // The container port is not known.
  ['"${PORT}:${PORT}"', undefined],
  ['"${PORTS}"', undefined],
];

describe("publicProtocolOf", () => {
  it.each(HELD)("%s (%s) is meant to be public: %s", (item, image, protocol) => {
    expect(protocolsOf(item, image)).toEqual([protocol]);
  });

  it.each(REPORTED)("%s (%s) is not", (item, image) => {
    expect(protocolsOf(item, image)).toEqual([undefined]);
  });
});

describe("the table", () => {
  it("gives a reason for each entry, with ports in order", () => {
    expect(NON_TCP_PROTOCOL.reason.length).toBeGreaterThan(20);
    for (const entry of PUBLIC_PROTOCOLS) {
      expect(entry.reason.length, entry.protocol).toBeGreaterThan(20);
      for (const [from, to] of entry.ports) expect(0 < from && from <= to && to <= 65535, `${entry.protocol} ${from}-${to}`).toBe(true);
    }
    expect(new Set(PUBLIC_PROTOCOLS.map((e) => e.protocol)).size).toBe(PUBLIC_PROTOCOLS.length);
  });

  it("holds no web or database port on its own (without an image that makes it another protocol)", () => {
    const web = [80, 443, 3000, 3001, 4000, 4200, 5000, 5173, 5601, 5678, 8000, 8001, 8065, 8080, 8081, 8443, 8888, 9000, 9090, 9443, 4443, 7880, 7881, 55000];
    const databases = Array.from({ length: 65536 }, (_, port) => port).filter((port) => isDatabasePort(port, undefined));
    expect(databases).toContain(5432);
    for (const port of [...web, ...databases]) expect(protocolsOf(`"${port}:${port}"`), `${port}`).toEqual([undefined]);
  });
});
