/**
 * A `.git/index` (format version 2) listing `paths`, as a string of
 * characters below U+0080 (zero stat data and object ids), so that the rule
 * tester's `files` can write it as text: a checkout whose index is known
 * without running git.
 */
export function gitIndexText(paths: readonly string[]): string {
  const bytes: number[] = [..."DIRC"].map((c) => c.charCodeAt(0));
  const u32 = (n: number) => bytes.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  u32(2);
  u32(paths.length);
  for (const path of [...paths].sort()) {
    if (!/^[\x20-\x7e]{1,127}$/.test(path)) throw new Error(`gitIndexText takes short ASCII paths, not ${path}`);
    const start = bytes.length;
    // ctime, mtime, dev, ino, mode, uid, gid, size (40 bytes) and the object id (20): zeros.
    for (let i = 0; i < 60; i++) bytes.push(0);
    bytes.push(0, path.length);
    for (const c of path) bytes.push(c.charCodeAt(0));
    do bytes.push(0);
    while ((bytes.length - start) % 8 !== 0);
  }
  return String.fromCharCode(...bytes);
}
