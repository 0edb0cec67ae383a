/**
 * The files around a compose file (project.ts), read from real folders and
 * real Git checkouts: the root the reads stay in, `.env`'s variables, what
 * `.gitignore` ignores, what the index tracks, and the small files read.
 */
import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileProject } from "../../server/src/engine/project.js";
import { temporaryTrees } from "../helpers/tree.js";

const tree = temporaryTrees("elestio-project-");

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "init.defaultBranch=main", ...args], { cwd, stdio: "ignore" });
}

describe("the root the reads stay in", () => {
  it("the checkout's root, found upward from the compose file", () => {
    const root = tree({ ".git/": "", "README.md": "# app\n", "apps/web/docker-compose.yml": "services: {}\n" });
    const project = fileProject(join(root, "apps/web/docker-compose.yml"));
    expect(project.filePath).toBe(join(root, "apps/web/docker-compose.yml"));
    expect(project.exists("../../README.md")).toBe(true);
    expect(project.readText("../../README.md")).toBe("# app\n");
    expect(project.exists("../../missing.md")).toBe(false);
    // Above the checkout: not looked at.
    expect(project.exists("../../../README.md")).toBeUndefined();
  });

  it("outside any checkout, the compose file's own folder", () => {
    // The temp folder has no .git above it.
    const root = tree({ "outer.env": "A=1\n", "app/local.env": "B=2\n" });
    const project = fileProject(join(root, "app/docker-compose.yml"));
    expect(project.exists("local.env")).toBe(true);
    expect(project.exists("../outer.env")).toBeUndefined();
    expect(project.readText("../outer.env")).toBeUndefined();
  });

  it("a name starting with two dots is inside, not above", () => {
    // Kubernetes-style `..data` folders, or a file named `..env`: only `..` itself leads out.
    const root = tree({ ".git/": "", "..data/app.conf": "listen 80;\n", "..env": "A=1\n" });
    const project = fileProject(join(root, "docker-compose.yml"));
    expect(project.exists("..data/app.conf")).toBe(true);
    expect(project.readText("..data/app.conf")).toBe("listen 80;\n");
    expect(project.exists("..env")).toBe(true);
    expect(project.isGitIgnored("..env")).toBe(false);
    expect(project.exists("..")).toBeUndefined();
  });

  it("a symlink out of the root is not followed; one that stays inside is", () => {
    const base = tree({ "outside/secret.env": "TOKEN=outside\n", "ws/.git/": "", "ws/inside.env": "A=1\n" });
    symlinkSync(join(base, "outside/secret.env"), join(base, "ws/link-out.env"));
    symlinkSync(join(base, "ws/inside.env"), join(base, "ws/link-in.env"));
    symlinkSync(join(base, "ws/nowhere.env"), join(base, "ws/dangling.env"));
    const project = fileProject(join(base, "ws/docker-compose.yml"), join(base, "ws"));
    expect(project.exists("link-out.env")).toBeUndefined();
    expect(project.readText("link-out.env")).toBeUndefined();
    expect(project.exists("link-in.env")).toBe(true);
    expect(project.readText("link-in.env")).toBe("A=1\n");
    // A link to nothing: the file is missing.
    expect(project.exists("dangling.env")).toBe(false);
  });

  it("a root reached through a symlink: its files are read, the target folder's are outside", () => {
    const base = tree({ "real/Dockerfile": "FROM alpine\n", "real/.env": "A=1\n" });
    symlinkSync(join(base, "real"), join(base, "link"));
    const project = fileProject(join(base, "link/docker-compose.yml"), join(base, "link"));
    expect(project.readText("Dockerfile")).toBe("FROM alpine\n");
    expect(project.exists("Dockerfile")).toBe(true);
    expect(project.dotEnv()).toEqual(new Map([["A", "1"]]));
    // The same file by the target's name is outside the root as given.
    expect(project.readText("../real/Dockerfile")).toBeUndefined();
    expect(project.exists("../real/Dockerfile")).toBeUndefined();
  });
});

describe("small files read (a Dockerfile)", () => {
  it.each<[string, number, boolean]>([
    ["exactly 1,000,000 bytes", 1_000_000, true],
    // Larger: a generated file, not one to parse on each keystroke.
    ["1,000,001 bytes", 1_000_001, false],
  ])("a file of %s", (_name, size, read) => {
    const root = tree({ ".git/": "", Dockerfile: `FROM alpine\n${"#".repeat(size - 12)}` });
    const text = fileProject(join(root, "docker-compose.yml")).readText("Dockerfile");
    expect(text === undefined ? undefined : text.length).toBe(read ? size : undefined);
  });

  it("a folder or a missing file: nothing", () => {
    const root = tree({ ".git/": "", "Dockerfile/": "" });
    const project = fileProject(join(root, "docker-compose.yml"));
    expect(project.readText("Dockerfile")).toBeUndefined();
    expect(project.readText("Containerfile")).toBeUndefined();
  });
});

describe("the variables of the .env beside the compose file", () => {
  // Each row: a .env line, and the variable it sets (undefined: none).
  it.each<[string, string, [string, string] | undefined]>([
    ["a plain assignment", "DB_USER=app", ["DB_USER", "app"]],
    ["spaces around the =", "DB_HOST = localhost", ["DB_HOST", "localhost"]],
    ["a value with a space", "GREETING=hello world", ["GREETING", "hello world"]],
    ["trailing spaces", "DB_NAME=app   ", ["DB_NAME", "app"]],
    ["indented", "   INDENTED=yes", ["INDENTED", "yes"]],
    ["a shell export", "export API_URL=https://api.example.com", ["API_URL", "https://api.example.com"]],
    ["an export with two spaces", "export  SMTP_HOST=mail", ["SMTP_HOST", "mail"]],
    ["double quotes keep a #", 'TITLE="a b # not a comment"', ["TITLE", "a b # not a comment"]],
    ["single quotes", "MOTTO='it is'", ["MOTTO", "it is"]],
    ["empty quotes", 'EMPTY_QUOTED=""', ["EMPTY_QUOTED", ""]],
    // No closing quote: the quote is part of the value.
    ["an unterminated quote", 'BROKEN="abc', ["BROKEN", '"abc']],
    ["a comment after the value", "PORT=8000 # the app's port", ["PORT", "8000"]],
    ["a comment after two spaces", "WORKERS=4  # per core", ["WORKERS", "4"]],
    // A # inside a word is part of the value (passwords hold them).
    ["a # inside the value", "DB_PASSWORD=pass#word", ["DB_PASSWORD", "pass#word"]],
    ["empty", "EMPTY=", ["EMPTY", ""]],
    ["dots and dashes in the name", "app.log-level=debug", ["app.log-level", "debug"]],
    // U+2028 is no line break in a .env: the value holds it.
    ["a value holding U+2028", "NOTE=a\u2028b", ["NOTE", "a\u2028b"]],
    ["a comment line", "# DB_PASSWORD=old", undefined],
    ["an indented comment line", "  # OLD=1", undefined],
    ["a line without =", "NOT AN ASSIGNMENT", undefined],
    ["a name starting with a digit", "1ST=x", undefined],
  ])("%s", (_name, line, variable) => {
    const root = tree({ ".git/": "", ".env": `FIRST=1\r\n${line}\nLAST=2\r` });
    const vars = fileProject(join(root, "docker-compose.yml")).dotEnv();
    expect(vars).toEqual(new Map([["FIRST", "1"], ...(variable ? [variable] : []), ["LAST", "2"]]));
  });

  it("no .env, or a folder named .env: none", () => {
    expect(fileProject(join(tree({ ".git/": "" }), "docker-compose.yml")).dotEnv()).toBeUndefined();
    expect(fileProject(join(tree({ ".git/": "", ".env/": "" }), "docker-compose.yml")).dotEnv()).toBeUndefined();
  });

  it("the .env beside the compose file, not the checkout's", () => {
    const root = tree({ ".git/": "", ".env": "TOP=1\n", "apps/.env": "APP=1\n" });
    expect(fileProject(join(root, "apps/docker-compose.yml")).dotEnv()).toEqual(new Map([["APP", "1"]]));
  });

  it("one project reads .env once: a lint run sees one state of it", () => {
    const root = tree({ ".git/": "", ".env": "A=1\n" });
    const project = fileProject(join(root, "docker-compose.yml"));
    const first = project.dotEnv();
    writeFileSync(join(root, ".env"), "A=2\n");
    expect(project.dotEnv()).toBe(first);
    expect(first).toEqual(new Map([["A", "1"]]));
    expect(fileProject(join(root, "docker-compose.yml")).dotEnv()).toEqual(new Map([["A", "2"]]));
  });
});

describe("what Git ignores, per the .gitignore files from the root down", () => {
  const files = {
    ".git/": "",
    ".gitignore": "*.env\nlogs/\n",
    // The nearer file adds rules and takes some back.
    "apps/.gitignore": "!local.env\nnode_modules/\n..data/\n",
    "apps/docker-compose.yml": "services: {}\n",
  };

  it.each<[string, boolean | undefined]>([
    ["secret.env", true],
    ["local.env", false],
    ["node_modules/left-pad/index.js", true],
    ["../logs/app.log", true],
    // Above the nearer .gitignore: only the root's rules apply.
    ["../top.env", true],
    ["../node_modules/x.js", false],
    ["..data/app.conf", true],
    ["docker-compose.yml", false],
    ["./config/app.yml", false],
    // The checkout's root itself: above the nearer .gitignore, and no file to ignore.
    ["..", false],
    ["../../outside.env", undefined],
  ])("%s: %s", (path, ignored) => {
    const root = tree(files);
    expect(fileProject(join(root, "apps/docker-compose.yml")).isGitIgnored(path)).toBe(ignored);
  });

  it("a root at the filesystem's root reads every .gitignore down to the compose file", () => {
    const root = tree(files);
    const project = fileProject(join(root, "apps/docker-compose.yml"), "/");
    expect(project.isGitIgnored("secret.env")).toBe(true);
    expect(project.isGitIgnored("local.env")).toBe(false);
  });

  it("no .gitignore: nothing is ignored", () => {
    const root = tree({ ".git/": "" });
    expect(fileProject(join(root, "docker-compose.yml")).isGitIgnored("secret.env")).toBe(false);
  });
});

describe("what the Git index tracks", () => {
  it("a real checkout: tracked, untracked, outside", () => {
    const root = tree({ "docker-compose.yml": "services: {}\n", "nginx/default.conf": "server {}\n", "nginx/local.conf": "server {}\n" });
    git(root, "init", "-q");
    git(root, "add", "docker-compose.yml", "nginx/default.conf");
    const project = fileProject(join(root, "docker-compose.yml"));
    expect(project.isGitTracked?.("nginx/default.conf")).toBe(true);
    expect(project.isGitTracked?.("./nginx/../nginx/default.conf")).toBe(true);
    expect(project.isGitTracked?.("nginx/local.conf")).toBe(false);
    expect(project.isGitTracked?.("../elsewhere.conf")).toBeUndefined();
    // One lint run sees one index: a file added meanwhile is seen by the next project.
    git(root, "add", "nginx/local.conf");
    expect(project.isGitTracked?.("nginx/local.conf")).toBe(false);
    expect(fileProject(join(root, "docker-compose.yml")).isGitTracked?.("nginx/local.conf")).toBe(true);
  });

  it("a root below the checkout's: the index is not looked at", () => {
    // A workspace opened on a subfolder of a checkout.
    const root = tree({ "apps/docker-compose.yml": "services: {}\n" });
    git(root, "init", "-q");
    git(root, "add", "apps/docker-compose.yml");
    expect(fileProject(join(root, "apps/docker-compose.yml"), join(root, "apps")).isGitTracked?.("docker-compose.yml")).toBeUndefined();
    expect(fileProject(join(root, "apps/docker-compose.yml")).isGitTracked?.("docker-compose.yml")).toBe(true);
  });

  it("no checkout: unknown", () => {
    const root = tree({ "docker-compose.yml": "services: {}\n" });
    expect(fileProject(join(root, "docker-compose.yml")).isGitTracked?.("docker-compose.yml")).toBeUndefined();
  });
});
