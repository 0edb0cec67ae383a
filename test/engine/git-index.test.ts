import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseGitIndex } from "../../server/src/engine/gitIndex.js";
import { fileProject } from "../../server/src/engine/project.js";
import { gitIndexText } from "../helpers/git-index.js";

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
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "docker-compose.yml"), "services: {}\n");
    expect(fileProject(join(dir, "docker-compose.yml")).isGitTracked?.("docker-compose.yml")).toBeUndefined();
  });
});
