import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseGitIndex, trackedPaths } from "../../server/src/engine/gitIndex.js";
import { fileProject } from "../../server/src/engine/project.js";
import { gitIndexText } from "../helpers/git-index.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function hasGit(): boolean {
  try {
    execFileSync("git", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A real checkout with `tracked` committed to the index and `untracked` only on disk. */
function checkout(tracked: string[], untracked: string[], indexVersion: number): string {
  const dir = mkdtempSync(join(tmpdir(), "elestio-git-"));
  made.push(dir);
  const git = (...args: string[]) => execFileSync("git", ["-c", "init.defaultBranch=main", ...args], { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  for (const path of [...tracked, ...untracked]) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), "x\n");
  }
  git("add", "--", ...tracked);
  git("update-index", "--index-version", String(indexVersion));
  return dir;
}

describe("the paths a checkout tracks, read from .git/index", () => {
  it.runIf(hasGit()).each([2, 3, 4])("git's own index, version %i: the committed paths, not the others", (version) => {
    const tracked = ["docker-compose.yml", "nginx/default.conf", "nginx/ssl/cert.pem", "a-very/long/path/that/shares/a/prefix.conf", "a-very/long/path/that/shares/another.conf"];
    const dir = checkout(tracked, ["nginx/local.conf", "secret.env"], version);
    expect(parseGitIndex(readFileSync(join(dir, ".git", "index")))).toEqual(new Set(tracked));
    const project = fileProject(join(dir, "docker-compose.yml"));
    expect(project.isGitTracked?.("./nginx/default.conf")).toBe(true);
    expect(project.isGitTracked?.("nginx/local.conf")).toBe(false);
    expect(project.isGitTracked?.("../outside.conf")).toBeUndefined();
  });

  it("the tests' own index (test/helpers/git-index.ts) reads the same", () => {
    const text = gitIndexText(["b.conf", "a/x.yml"]);
    expect(parseGitIndex(Buffer.from(text, "utf8"))).toEqual(new Set(["a/x.yml", "b.conf"]));
  });

  it("no index, or one git did not write: unknown, never \"untracked\"", () => {
    expect(parseGitIndex(Buffer.from("DIRC"))).toBeUndefined();
    expect(parseGitIndex(Buffer.from("not an index at all"))).toBeUndefined();
    const truncated = Buffer.from(gitIndexText(["docker-compose.yml"]), "utf8").subarray(0, 40);
    expect(parseGitIndex(truncated)).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), "elestio-git-"));
    made.push(dir);
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "docker-compose.yml"), "services: {}\n");
    expect(fileProject(join(dir, "docker-compose.yml")).isGitTracked?.("docker-compose.yml")).toBeUndefined();
  });
});

describe("index entries git writes in less common forms", () => {
  /** A real checkout with `paths` added, in the index version given, after `more` git commands. */
  function repo(paths: string[], version: number, ...more: string[][]): string {
    const dir = mkdtempSync(join(tmpdir(), "elestio-git-"));
    made.push(dir);
    const git = (...args: string[]) => execFileSync("git", ["-c", "init.defaultBranch=main", ...args], { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    for (const path of paths) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), "x\n");
    }
    for (const args of more) git(...args);
    git("update-index", "--index-version", String(version));
    return dir;
  }
  const index = (dir: string) => readFileSync(join(dir, ".git", "index"));

  // `git add -N` (intent to add) and --skip-worktree set the extended flags, two more bytes per entry (versions 3 and 4).
  it.runIf(hasGit()).each([3, 4])("extended flags, version %i", (version) => {
    const dir = repo(["docker-compose.yml", "nginx/default.conf", "nginx/new.conf"], version, ["add", "docker-compose.yml", "nginx/default.conf"], ["add", "-N", "nginx/new.conf"], ["update-index", "--skip-worktree", "nginx/default.conf"]);
    expect(parseGitIndex(index(dir))).toEqual(new Set(["docker-compose.yml", "nginx/default.conf", "nginx/new.conf"]));
  });

  // Version 4 stores how much of the previous path to drop as a varint: more than 127 takes two bytes.
  it.runIf(hasGit())("version 4, a short path after a long one", () => {
    const long = `config/${"very-long-folder-name/".repeat(8)}app.conf`;
    const dir = repo([long, "z.conf", "zz.conf"], 4, ["add", "--", long, "z.conf", "zz.conf"]);
    expect(long.length).toBeGreaterThan(128);
    expect(parseGitIndex(index(dir))).toEqual(new Set([long, "z.conf", "zz.conf"]));
  });

  it.runIf(hasGit())("version 4 cut short, or dropping more than the previous path holds: not an index", () => {
    const dir = repo(["docker-compose.yml", "nginx/default.conf"], 4, ["add", "docker-compose.yml", "nginx/default.conf"]);
    const data = index(dir);
    expect(parseGitIndex(data)).toEqual(new Set(["docker-compose.yml", "nginx/default.conf"]));
    // Cut inside the second path: no NUL ends it.
    expect(parseGitIndex(data.subarray(0, data.indexOf("nginx/def") + 5))).toBeUndefined();
    // The first entry (no extended flags) says to drop 5 characters of the empty previous path.
    const corrupt = Buffer.from(data);
    expect(corrupt[12 + 62]).toBe(0);
    corrupt[12 + 62] = 5;
    expect(parseGitIndex(corrupt)).toBeUndefined();
  });

  it("an index of no entries: nothing tracked", () => {
    expect(parseGitIndex(Buffer.from(gitIndexText([]), "latin1"))).toEqual(new Set());
  });

  it.each<[string, (data: Buffer) => void]>([
    ["another signature", (data) => data.write("dirc", 0, "latin1")],
    ["version 1", (data) => data.writeUInt32BE(1, 4)],
    ["version 5", (data) => data.writeUInt32BE(5, 4)],
  ])("%s: not an index git writes", (_name, change) => {
    const data = Buffer.from(gitIndexText(["docker-compose.yml"]), "latin1");
    expect(parseGitIndex(data)).toEqual(new Set(["docker-compose.yml"]));
    change(data);
    expect(parseGitIndex(data)).toBeUndefined();
  });

  it("version 2 has no extended flags: the bit set does not move the path", () => {
    const data = Buffer.from(gitIndexText(["docker-compose.yml"]), "latin1");
    data[12 + 60] |= 0x40;
    expect(parseGitIndex(data)).toEqual(new Set(["docker-compose.yml"]));
  });

  it("version 2 cut inside a path: not an index", () => {
    const data = Buffer.from(gitIndexText(["docker-compose.yml"]), "latin1");
    expect(parseGitIndex(data.subarray(0, 12 + 62 + 5))).toBeUndefined();
  });
});

describe("the index a checkout holds", () => {
  /** A checkout whose `.git/index` lists docker-compose.yml, then zeros up to `size` bytes. */
  function checkoutWithIndexOf(size: number): string {
    const dir = mkdtempSync(join(tmpdir(), "elestio-git-"));
    made.push(dir);
    mkdirSync(join(dir, ".git"));
    const file = join(dir, ".git", "index");
    writeFileSync(file, Buffer.from(gitIndexText(["docker-compose.yml"]), "latin1"));
    truncateSync(file, size);
    return dir;
  }

  it.each<[string, number, Set<string> | undefined]>([
    ["16 MiB, the largest read", 16 * 1024 * 1024, new Set(["docker-compose.yml"])],
    // Larger than a checkout of about 100,000 files: not read on each keystroke.
    ["one byte more", 16 * 1024 * 1024 + 1, undefined],
  ])("an index of %s", (_name, size, paths) => {
    expect(trackedPaths(checkoutWithIndexOf(size))).toEqual(paths);
  });

  it("a worktree's .git file, or no index: unknown", () => {
    const dir = mkdtempSync(join(tmpdir(), "elestio-git-"));
    made.push(dir);
    expect(trackedPaths(dir)).toBeUndefined();
    writeFileSync(join(dir, ".git"), "gitdir: /elsewhere/.git/worktrees/app\n");
    expect(trackedPaths(dir)).toBeUndefined();
  });
});
