/**
 * Hostile and broken inputs, each as the bytes a file would hold: what the
 * server (over JSON-RPC) and the CLI must survive, with the diagnostics
 * they must give.
 */
import { generateCompose } from "../generators/compose.js";

export interface HostileInput {
  name: string;
  bytes: Buffer;
  /** The text an editor sends, when the bytes cannot hold it (lone surrogates); else the bytes as UTF-8. */
  text?: string;
  /** What the text must be diagnosed with: rule ids that must appear, and a message that must. */
  expectCodes?: string[];
  expectMessage?: RegExp;
  /** Exactly these codes (an empty list: no diagnostic at all). */
  exactCodes?: string[];
  /** The CLI reads it in npm test (the 5 MB file takes the CLI many seconds: only the server, which refuses it, sees it). */
  cli: boolean;
}

const SMALL = 'services:\n  web:\n    image: nginx\n    container_name: web\n    ports:\n      - "8080:80"\n';

/**
 * The alias bomb of compose-go's loader tests (reset_test.go): an anchored
 * map, then nine sequences each aliasing the previous anchor nine times, so
 * 9^9 (387,420,489) maps if expanded, under a service that is otherwise fine.
 * A loader that expands aliases hangs or runs out of memory; it must be
 * rejected quickly.
 */
export function nineFoldAliasBomb(): string {
  const names = "abcdefghij";
  const lines = ["name: test", `x-${names[0]}: &${names[0]} {k: v}`];
  for (let level = 1; level < names.length; level++) lines.push(`x-${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(", ")}]`);
  lines.push("services:", "  svc:", "    image: alpine", '    ports: ["172.17.0.1:8000:8000"]');
  return lines.join("\n") + "\n";
}

/** Nine-fold aliases over twelve levels (9^12 nodes if expanded), and `<<` merges nine-fold over sixteen levels. */
export function aliasBomb(): string {
  const lines = ["x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let level = 1; level <= 12; level++) lines.push(`x-l${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(", ")}]`);
  lines.push("x-m0: &m0 {image: nginx, restart: always}");
  for (let level = 1; level <= 16; level++) lines.push(`x-m${level}: &m${level}`, `  <<: [${Array(9).fill(`*m${level - 1}`).join(", ")}]`, `  key${level}: v`);
  lines.push("services:");
  for (let i = 0; i < 50; i++) {
    lines.push(`  web${i}:`, "    <<: *m16", "    environment: *l12", "    command: *l12", "    ports: *l12", "    labels: *l12", "    healthcheck:", "      test: *l12");
  }
  return lines.join("\n") + "\n";
}

function nested(depth: number, open: string, close: string, inner = "x"): string {
  return `services:\n  web:\n    image: nginx\n    command: ${open.repeat(depth)}${inner}${close.repeat(depth)}\n`;
}

export function hostileInputs(): HostileInput[] {
  const utf8 = (text: string) => Buffer.from(text, "utf8");
  let big = generateCompose({ lines: 200_000, seed: 5, faults: true });
  while (big.length < 5_000_000) big += big.slice(big.indexOf("\nservices:\n") + 11);
  return [
    { name: "alias bomb of compose-go's reset test (9^9 nodes)", bytes: utf8(nineFoldAliasBomb()), exactCodes: [], cli: true },
    { name: "bigger alias and merge bomb (9^12 nodes, 9^16 merges)", bytes: utf8(aliasBomb()), expectCodes: ["unknown-key"], cli: true },
    { name: "5 MB file", bytes: utf8(big.slice(0, 5_200_000)), exactCodes: ["file-too-large"], expectMessage: /too large to check as you type/, cli: false },
    { name: "10,000 nested flow sequences", bytes: utf8(nested(10_000, "[", "]")), expectMessage: /nested too deeply/, cli: true },
    { name: "10,000 nested flow maps", bytes: utf8(nested(10_000, "{a: ", "}", "1")), expectMessage: /nested too deeply/, cli: true },
    { name: "10,000 nested block sequences on one line", bytes: utf8(`services:\n  web:\n    image: nginx\n    command:\n      ${"- ".repeat(10_000)}x\n`), cli: true },
    { name: "one 1 MB line", bytes: utf8(`services:\n  web:\n    image: nginx\n    container_name: web\n    command: "${"a".repeat(1_000_000)}"\n`), expectCodes: ["no-container-name"], cli: true },
    { name: "NUL bytes", bytes: utf8("services:\n  web:\0\n    image: ngi\0nx\n    container_name: web\n"), expectCodes: ["yaml-syntax"], cli: true },
    {
      name: "invalid UTF-8",
      bytes: Buffer.concat([utf8("services:\n  web:\n    image: nginx\n    container_name: "), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), utf8("\n    command: \"\u00e9\"\n")]),
      expectCodes: ["no-container-name"],
      cli: true,
    },
    {
      name: "lone UTF-16 surrogates (editor only)",
      bytes: Buffer.alloc(0),
      text: "services:\n  web\ud800:\n    image: nginx\udc00\n    container_name: \ud83d\n",
      expectCodes: ["no-container-name"],
      cli: false,
    },
    { name: "byte order mark", bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(SMALL)]), exactCodes: ["no-container-name", "public-port-binding"], cli: true },
    { name: "empty file", bytes: Buffer.alloc(0), exactCodes: [], cli: true },
    { name: "comment-only file", bytes: utf8("# nothing yet\n# services:\n"), exactCodes: [], cli: true },
    { name: "--- alone", bytes: utf8("---\n"), exactCodes: [], cli: true },
    { name: "a JSON array", bytes: utf8('[{"services": {"web": {"image": "nginx"}}}]\n'), exactCodes: ["yaml-syntax"], expectMessage: /^Top-level object must be a mapping/, cli: true },
    { name: "Windows line endings", bytes: utf8(SMALL.replace(/\n/g, "\r\n")), exactCodes: ["no-container-name", "public-port-binding"], cli: true },
    { name: "old Mac line endings", bytes: utf8(SMALL.replace(/\n/g, "\r")), exactCodes: ["no-container-name", "public-port-binding"], cli: true },
  ];
}

export function textOf(input: HostileInput): string {
  return input.text ?? input.bytes.toString("utf8");
}
