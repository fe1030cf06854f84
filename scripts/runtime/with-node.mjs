// Runs a command on another maintained Node.js line that npm installed with the project, so
// the library is tested on every line a consumer may use:
//   node scripts/runtime/with-node.mjs 22 vitest run
// The line's bin folder goes first on PATH, so `#!/usr/bin/env node` scripts (vitest) run on
// it; EXPECTED_NODE_MAJOR lets the suite check that it really did.
import { spawn } from "node:child_process";
import { dirname, delimiter } from "node:path";
import { buildPackage, installedBinary, pinnedVersion } from "./node-builds.mjs";

const [line, ...command] = process.argv.slice(2);
if (!/^\d+$/.test(line ?? "") || command.length === 0) {
  process.stderr.write("usage: with-node.mjs <major> <command> [args…]\n");
  process.exit(2);
}

const name = buildPackage(line);
if (!name) {
  // No build of this line exists on npm for this platform: say so plainly rather than pass.
  process.stderr.write(
    `skipped: npm carries no Node ${line} build for ${process.platform}-${process.arch}; ` +
      `run \`${command.join(" ")}\` with Node ${line} yourself to cover it.\n`,
  );
  process.exit(0);
}
const binary = installedBinary(name);
if (!binary) {
  process.stderr.write(
    `Node ${line} (${name}@${pinnedVersion(name)}) is not installed: run \`npm install\` ` +
      "(without --omit=optional), then retry.\n",
  );
  process.exit(1);
}

const child = spawn(command[0], command.slice(1), {
  stdio: "inherit",
  env: {
    ...process.env,
    PATH: `${dirname(binary)}${delimiter}${process.env.PATH ?? ""}`,
    EXPECTED_NODE_MAJOR: line,
  },
});
child.on("error", (error) => {
  process.stderr.write(`could not start ${command[0]}: ${error.message}\n`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
