/**
 * Watching what a server process does: a preload script (node --require)
 * records every process it starts, every network connection or lookup it
 * attempts, and every file whose content it opens; /proc shows its sockets
 * and children (Linux). Records go to a log file through a descriptor opened
 * before anything is patched, so that recording never records itself.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Watcher {
  /** Node options that load the watcher into the server. */
  nodeArgs: string[];
  records(): WatchRecord[];
}

export interface WatchRecord {
  kind: "exec" | "network" | "read";
  api: string;
  detail: string;
}

const PRELOAD = (log: string) => `"use strict";
const fs = require("node:fs");
const fd = fs.openSync(${JSON.stringify(log)}, "a");
const writeSync = fs.writeSync;
function record(kind, api, detail) {
  try { writeSync(fd, JSON.stringify({ kind, api, detail: String(detail) }) + "\\n"); } catch {}
}
function wrap(object, name, kind, api, describe) {
  const original = object && object[name];
  if (typeof original !== "function") return;
  object[name] = function (...args) {
    record(kind, api, describe(args));
    return original.apply(this, args);
  };
}
const first = (args) => {
  const value = args[0];
  if (typeof value === "string" || typeof value === "number") return value;
  if (value instanceof URL) return value.href;
  if (Buffer.isBuffer(value)) return value.toString();
  try { return JSON.stringify(value); } catch { return String(value); }
};
const childProcess = require("node:child_process");
for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) wrap(childProcess, name, "exec", "child_process." + name, first);
const net = require("node:net");
for (const name of ["connect", "createConnection", "createServer"]) wrap(net, name, "network", "net." + name, first);
wrap(net.Socket.prototype, "connect", "network", "net.Socket.connect", first);
const tls = require("node:tls");
wrap(tls, "connect", "network", "tls.connect", first);
for (const module of ["http", "https", "http2"]) {
  const m = require("node:" + module);
  for (const name of ["request", "get", "connect"]) wrap(m, name, "network", module + "." + name, first);
}
const dgram = require("node:dgram");
wrap(dgram, "createSocket", "network", "dgram.createSocket", first);
const dns = require("node:dns");
for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny", "lookupService"]) {
  wrap(dns, name, "network", "dns." + name, first);
  wrap(dns.promises, name, "network", "dns.promises." + name, first);
}
if (typeof globalThis.fetch === "function") wrap(globalThis, "fetch", "network", "fetch", first);
const worker = require("node:worker_threads");
if (worker.Worker) {
  const Original = worker.Worker;
  worker.Worker = function (...args) { record("exec", "worker_threads.Worker", first(args)); return new Original(...args); };
}
// Files whose content is opened (existence checks and realpath are not reads).
for (const name of ["readFileSync", "readFile", "openSync", "open", "createReadStream", "readdirSync", "readdir", "opendirSync", "opendir", "readlinkSync"]) wrap(fs, name, "read", "fs." + name, first);
for (const name of ["readFile", "open", "readdir", "opendir"]) wrap(fs.promises, name, "read", "fs.promises." + name, first);
`;

export function createWatcher(): Watcher {
  const dir = mkdtempSync(join(tmpdir(), "elestio-watch-"));
  const log = join(dir, "records.jsonl");
  const preload = join(dir, "preload.cjs");
  writeFileSync(log, "");
  writeFileSync(preload, PRELOAD(log));
  return {
    nodeArgs: ["--require", preload],
    records: () =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as WatchRecord),
  };
}

/** The inodes of the sockets a process holds, from /proc/<pid>/fd. */
export function socketInodes(pid: number): string[] {
  const inodes: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.push(match[1]);
    } catch {
      // The descriptor closed while listing.
    }
  }
  return inodes;
}

/** The inodes of the IP sockets (TCP, UDP, raw; v4 and v6) of the process's network namespace. */
export function ipSocketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6"]) {
    const path = `/proc/${pid}/net/${table}`;
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** Unix sockets by inode, with the path they are bound to ("" for an unnamed socket pair). */
export function unixSockets(pid: number): Map<string, string> {
  const sockets = new Map<string, string>();
  for (const line of readFileSync(`/proc/${pid}/net/unix`, "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length >= 7) sockets.set(fields[6], fields[7] ?? "");
  }
  return sockets;
}

/** The processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the parent's id is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while listing.
    }
  }
  return children;
}
