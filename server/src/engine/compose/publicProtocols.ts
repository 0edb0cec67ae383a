/**
 * Published ports that are meant to be public: those of protocols Elestio's
 * reverse proxy does not carry (it forwards HTTP from 80/443 to
 * `172.17.0.1:<port>`), which clients reach on the VM's own address. Elestio's
 * own templates publish them on every interface on purpose (RustDesk, Pritunl's
 * OpenVPN, MiroTalk's WebRTC media, Wazuh's agents); binding them to the bridge
 * would cut the app off from its clients.
 *
 * The one table of them, each entry with its reason. An entry names container
 * ports (what the app listens on, whatever host port it is published on), and
 * when those ports are also common web ports, the images it holds for.
 * Web and database ports never appear here: public-port-binding reports them.
 */
import type { PortBinding } from "./ports.js";
import type { ImageRef } from "./services.js";

export interface PublicProtocol {
  /** What listens there, as docs name it. */
  protocol: string;
  /** Container ports, as inclusive ranges. */
  ports: readonly (readonly [number, number])[];
  /**
   * Only for these images (matched on the repository, `jitsi/jvb`), when the
   * ports alone would also be those of web apps (4443, 8443): a service
   * without an image never matches.
   */
  images?: readonly RegExp[];
  /** Only for a range of at least this many ports (media ranges), never for one port alone. */
  minRange?: number;
  /** Why the port must be public. */
  reason: string;
}

/** Container ports that must be reachable on the VM's public IP for their protocol, over TCP (every UDP port is: NON_TCP_PROTOCOL). */
export const PUBLIC_PROTOCOLS: readonly PublicProtocol[] = [
  {
    protocol: "SSH",
    ports: [[22, 22], [2222, 2222]],
    reason: "Git over SSH (Gitea, Forgejo, GitLab) and SFTP: clients speak SSH, which an HTTP proxy cannot carry; 2222 is where rootless Gitea and openssh-server images listen.",
  },
  {
    protocol: "FTP",
    ports: [[21, 21], [990, 990]],
    reason: "FTP and implicit FTPS control connections come from FTP clients; their passive data ports are a media-style range (see below).",
  },
  {
    protocol: "SMTP",
    ports: [[25, 25], [465, 465], [587, 587]],
    reason: "Other mail servers deliver on 25; mail clients submit on 465 and 587. Mail never goes through an HTTP proxy.",
  },
  {
    protocol: "POP3, IMAP, ManageSieve",
    ports: [[110, 110], [143, 143], [993, 993], [995, 995], [4190, 4190]],
    reason: "Mail clients read mail (POP3, IMAP, with or without TLS) and edit filters (ManageSieve) directly on the mail server.",
  },
  {
    protocol: "DNS",
    ports: [[53, 53], [853, 853]],
    reason: "Resolvers and clients query a DNS server (Pi-hole, AdGuard Home, a zone's authority) on 53, and on 853 over TLS.",
  },
  {
    protocol: "OpenVPN",
    ports: [[1194, 1194]],
    reason: "VPN clients connect to OpenVPN (kylemanna/openvpn, Pritunl) on 1194, over TCP as well as UDP.",
  },
  {
    protocol: "RTMP",
    ports: [[1935, 1935]],
    reason: "Streaming software (OBS) pushes live video to an RTMP server (Owncast, nginx-rtmp, PeerTube) on 1935.",
  },
  {
    protocol: "STUN/TURN",
    ports: [[3478, 3479], [5349, 5350]],
    reason: "Browsers reach a STUN/TURN server (coturn, Jitsi, Nextcloud Talk) on 3478–3479, and over TLS on 5349–5350, to set up WebRTC calls.",
  },
  {
    protocol: "SIP",
    ports: [[5060, 5061]],
    reason: "Phones and SIP trunks register with a VoIP server (Asterisk, FreePBX) on 5060, and over TLS on 5061.",
  },
  {
    protocol: "XMPP",
    ports: [[5222, 5223], [5269, 5269]],
    reason: "Chat clients (5222, 5223 over TLS) and other servers (5269, federation) connect to an XMPP server (Prosody, ejabberd) directly.",
  },
  {
    protocol: "MQTT",
    ports: [[1883, 1883], [8883, 8883]],
    reason: "Devices publish to an MQTT broker (Mosquitto, EMQX) on 1883, and over TLS on 8883.",
  },
  {
    protocol: "Minecraft",
    ports: [[25565, 25565]],
    reason: "Players' game clients connect to a Minecraft Java server on 25565.",
  },
  {
    protocol: "Wazuh agents",
    ports: [[1514, 1515]],
    reason: "Wazuh agents on the monitored machines send their events to the manager on 1514 and enroll on 1515 (Wazuh's API on 55000 is HTTP, and reported).",
  },
  {
    protocol: "RustDesk",
    ports: [[21115, 21119]],
    reason: "RustDesk clients reach its ID server (hbbs: 21115 NAT test, 21116 rendezvous, 21118 web client) and its relay (hbbr: 21117, 21119 web client) directly.",
  },
  {
    protocol: "Jitsi videobridge",
    ports: [[4443, 4443]],
    images: [/^jitsi\/jvb$/],
    reason: "Browsers whose UDP is blocked send their call media to the videobridge over TCP on 4443; elsewhere 4443 is an HTTPS port.",
  },
  {
    protocol: "LiveKit",
    ports: [[7881, 7881]],
    images: [/^livekit\/livekit-server$/],
    reason: "Browsers send WebRTC media to LiveKit over TCP on 7881 when UDP is blocked (its API on 7880 is HTTP, and reported).",
  },
  {
    protocol: "Mattermost Calls",
    ports: [[8443, 8443]],
    images: [/^mattermost\//],
    reason: "Mattermost Calls (the server's plugin or rtcd) receives call media on 8443, over TCP as well as UDP; elsewhere 8443 is an HTTPS port.",
  },
  {
    protocol: "media range",
    ports: [[10000, 65535]],
    minRange: 10,
    reason: "A range of ports is a media or data range: WebRTC (mediasoup's MiroTalk 40000–40100), RTP (Jitsi, Asterisk 10000–20000), TURN relays (coturn 49152–65535), FTP passive ports. A web app or a database listens on one port, and a single port up there (Wazuh's API, 55000) is reported.",
  },
];

/** The container ports of a binding as an inclusive range (`40000-40100`), when they are numbers. */
function targetRange(binding: PortBinding): [number, number] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(binding.target.trim());
  if (!match) return undefined;
  const low = Number(match[1]);
  return [low, match[2] ? Number(match[2]) : low];
}

/** Whether the entry holds every container port of `[low, high]`, for this image. */
function holds(entry: PublicProtocol, [low, high]: [number, number], image: ImageRef | undefined): boolean {
  if (entry.minRange !== undefined && high - low + 1 < entry.minRange) return false;
  if (entry.images && !(image && entry.images.some((pattern) => pattern.test(image.repository)))) return false;
  return entry.ports.some(([from, to]) => from <= low && high <= to);
}

/** Every port that is not TCP: Docker publishes it apart from TCP, and no protocol Elestio's proxy carries runs there. */
export const NON_TCP_PROTOCOL: PublicProtocol = {
  protocol: "UDP, SCTP",
  ports: [[0, 65535]],
  reason: "Elestio's proxy carries TCP only (HTTP, WebSockets): a UDP port (WireGuard, OpenVPN, DNS, WebRTC media, game servers) is reached on the VM's own address or not at all, and so is an SCTP one.",
};

/**
 * The protocol for which the binding is meant to be public, when it is one:
 * any UDP or SCTP port, else the first entry of PUBLIC_PROTOCOLS holding all
 * of its container ports (for the service's image). Undefined when the
 * container port is not known (a variable without a default).
 */
export function publicProtocolOf(binding: PortBinding, image: ImageRef | undefined): PublicProtocol | undefined {
  if (binding.protocol !== "tcp") return NON_TCP_PROTOCOL;
  const range = targetRange(binding);
  return range && PUBLIC_PROTOCOLS.find((entry) => holds(entry, range, image));
}
