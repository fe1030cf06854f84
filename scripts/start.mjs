// `npm start`: builds the gateway (and what it depends on), then runs it in the foreground.
// The gateway says what is wrong with its configuration and exits 1; that must be the last
// thing a person reads, not turbo's and npm's lines about a task that failed. So the build's
// output is shown only when the build fails, the gateway runs without npm's banner or error
// lines, and its exit code is this script's.
import { spawn } from "node:child_process";
import { constants } from "node:os";

const GATEWAY = "@latchkey/gateway";

/** Runs a command to its end; `quiet` keeps its output back unless it fails. */
function run(command, args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    const output = [];
    if (quiet) {
      child.stdout.on("data", (chunk) => output.push(chunk));
      child.stderr.on("data", (chunk) => output.push(chunk));
    }
    // A stop asked of `npm start` (Ctrl-C, a supervisor's SIGTERM) is the gateway's to handle:
    // it drains its connections before it exits.
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (err) => {
      process.stderr.write(`could not run ${command}: ${err.message}\n`);
      resolve({ code: 1, output });
    });
    child.on("close", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      // Killed by a signal: the shell's convention, 128 + its number.
      resolve({ code: code ?? 128 + (constants.signals[signal] ?? 0), output });
    });
  });
}

const build = await run(
  "turbo",
  ["run", "build", `--filter=${GATEWAY}`, "--output-logs=errors-only"],
  {
    quiet: true,
  },
);
if (build.code !== 0) {
  process.stderr.write(Buffer.concat(build.output));
  process.exit(build.code);
}
const gateway = await run("npm", ["run", "start", "--silent", `--workspace=${GATEWAY}`]);
process.exit(gateway.code);
