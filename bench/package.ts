/**
 * The packaged extension: the .vsix that `npm run package` makes (when the
 * project has that script), the production bundles, and the time from
 * loading dist/server.js to its first diagnostics.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface VsixEntry {
  name: string;
  bytes: number;
  compressedBytes: number;
}

/** The entries of a zip, from its central directory. */
function zipEntries(path: string): VsixEntry[] {
  const zip = readFileSync(path);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) return [];
  const entries: VsixEntry[] = [];
  let offset = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0 && zip.readUInt32LE(offset) === 0x02014b50; i--) {
    const nameLength = zip.readUInt16LE(offset + 28);
    entries.push({
      name: zip.toString("utf8", offset + 46, offset + 46 + nameLength),
      compressedBytes: zip.readUInt32LE(offset + 20),
      bytes: zip.readUInt32LE(offset + 24),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

export interface PackageResult {
  /** How the production bundles were made. */
  build: string;
  vsix?: { bytes: number; command: string; entries: VsixEntry[] };
  /** Why the .vsix was not measured, when it was not. */
  vsixMissing?: string;
  bundles: BundleSize[];
}

function npmCommand(): string {
  return process.platform === "win32" ? "npm.cmd" : "npm";
}

/** Builds the production bundles (through `npm run package` when it exists) and measures them. */
export function buildPackage(repoRoot: string, outDir: string, log: (line: string) => void): PackageResult {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const result: PackageResult = { build: "", bundles: [] };
  mkdirSync(outDir, { recursive: true });
  if (manifest.scripts?.package) {
    const vsix = join(outDir, "elestio-compose.vsix");
    const args = ["run", "--silent", "package", "--", "--out", vsix];
    log(`package: npm ${args.join(" ")}`);
    // The project's package script makes the production bundles, then the .vsix.
    execFileSync(npmCommand(), args, { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
    result.build = "`npm run package` (the production bundles, then the .vsix)";
    if (existsSync(vsix)) result.vsix = { bytes: statSync(vsix).size, command: "npm run package", entries: zipEntries(vsix) };
    else result.vsixMissing = "npm run package made no .vsix";
  } else {
    log("package: no package script, node esbuild.mjs --production");
    execFileSync(process.execPath, ["esbuild.mjs", "--production"], { cwd: repoRoot, stdio: "inherit" });
    result.build = "`node esbuild.mjs --production`";
    result.vsixMissing = "the project has no `npm run package` script yet: the .vsix was not measured";
  }
  for (const file of ["dist/server.js", "dist/cli.js", "dist/client.js"]) {
    const path = join(repoRoot, file);
    if (!existsSync(path)) continue;
    const content = readFileSync(path);
    result.bundles.push({ file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
  }
  log(`package: ${result.vsix ? `vsix ${result.vsix.bytes} bytes, ` : ""}${result.bundles.map((b) => `${b.file} ${b.bytes} bytes`).join(", ")}`);
  return result;
}
