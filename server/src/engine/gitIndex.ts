/**
 * The paths Git tracks in a checkout, read from `.git/index` (format versions
 * 2, 3 and 4, as git's Documentation/gitformat-index.txt describes them),
 * without running git: what the pipeline's clone will hold.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** The largest index read (a checkout of about 100,000 files); a larger one is not looked at. */
const MAX_INDEX_BYTES = 16 * 1024 * 1024;
const ENTRY_FIXED_BYTES = 62;
const EXTENDED_FLAG = 0x4000;

/** The paths of an index file's entries (`a/b.conf`, `/`-separated); undefined when it is not one git writes. */
export function parseGitIndex(data: Buffer): Set<string> | undefined {
  if (data.length < 12 || data.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = data.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = data.readUInt32BE(8);
  const paths = new Set<string>();
  let offset = 12;
  let previous = "";
  for (let i = 0; i < count; i++) {
    const start = offset;
    if (offset + ENTRY_FIXED_BYTES > data.length) return undefined;
    const flags = data.readUInt16BE(offset + 60);
    offset += ENTRY_FIXED_BYTES;
    if (version >= 3 && flags & EXTENDED_FLAG) offset += 2;
    let path: string;
    if (version === 4) {
      // The number of bytes to drop from the previous path (git's offset varint), then the rest, NUL-terminated.
      let byte = data[offset++];
      let drop = byte & 0x7f;
      while (byte & 0x80) {
        if (offset >= data.length) return undefined;
        byte = data[offset++];
        drop = ((drop + 1) << 7) | (byte & 0x7f);
      }
      const end = data.indexOf(0, offset);
      if (end < 0 || drop > previous.length) return undefined;
      path = previous.slice(0, previous.length - drop) + data.toString("utf8", offset, end);
      offset = end + 1;
    } else {
      const end = data.indexOf(0, offset);
      if (end < 0) return undefined;
      path = data.toString("utf8", offset, end);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      offset = start + Math.ceil((end - start + 1) / 8) * 8;
    }
    paths.add(path);
    previous = path;
  }
  return paths;
}

/** The tracked paths of the checkout at `gitRoot`, when its `.git` is a folder holding a readable index. */
export function trackedPaths(gitRoot: string): Set<string> | undefined {
  const file = join(gitRoot, ".git", "index");
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_INDEX_BYTES) return undefined;
    return parseGitIndex(readFileSync(file));
  } catch {
    return undefined;
  }
}
