// `npm test`: every workspace's tests, one after another, then one grand total over all of
// them, the line CI reads too. The exit code is the test run's.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clearReports, countReports, totalLine } from "./count-results.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

clearReports(root);
const child = spawn(
  "turbo",
  ["run", "test", "--continue", "--concurrency=1", ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
// Ctrl-C reaches the tests through the terminal; this process waits to print what ran.
process.on("SIGINT", () => {});
child.on("error", (err) => {
  process.stderr.write(`could not run turbo: ${err.message}\n`);
  process.exit(1);
});
child.on("close", (code) => {
  const totals = countReports(root);
  for (const problem of totals.problems) console.error(problem);
  console.log(`\n${totalLine(totals)}`);
  process.exit(code ?? 1);
});
