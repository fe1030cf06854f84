// Sums the machine-readable reports every package's test run writes (vitest's JSON
// reporter, Playwright's JSON reporter) into one line: "N passed, N failed". `npm test` ends
// with it for people; CI reads it as the run's result.
//   node scripts/count-results.mjs [repository root]
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const WORKSPACE_ROOTS = ["packages", "apps", "examples", "e2e", "bench"];
// The reporters each package configures: vitest.json, vitest.<run>.json for another run of a
// suite (vitest.browser.json), playwright.json. Other files there (run state, traces) are not.
const isReport = (name) => name === "playwright.json" || /^vitest(\.[\w-]+)?\.json$/.test(name);

/** Every `test-results` folder under the workspaces of `root`, node_modules left out. */
function resultDirs(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory() && entry.name !== "node_modules")
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.name === "test-results" ? [path] : resultDirs(path);
    });
}

const reportDirs = (root) => WORKSPACE_ROOTS.flatMap((name) => resultDirs(join(root, name)));

/**
 * Removes earlier runs' reports, so a package whose tests did not run this time is not counted.
 * Only the reports: whatever else a run left there (traces, screenshots) stays.
 */
export function clearReports(root) {
  for (const dir of reportDirs(root)) {
    for (const name of readdirSync(dir).filter(isReport)) rmSync(join(dir, name), { force: true });
  }
}

/** Counts one report's tests; a report that cannot be read is a failure, never a pass. */
function countReport(file) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return { passed: 0, failed: 1, problem: `unreadable test report: ${file}` };
  }
  if (typeof report?.numPassedTests === "number") {
    // vitest: a suite that failed to load counts as a failure even with no test inside.
    const failed = report.numFailedTests ?? 0;
    return {
      passed: report.numPassedTests,
      failed: failed + (report.numFailedTestSuites > 0 && failed === 0 ? 1 : 0),
    };
  }
  if (typeof report?.stats?.expected === "number") {
    // Playwright: expected = passed; unexpected = failed; flaky passed on retry.
    return {
      passed: report.stats.expected + (report.stats.flaky ?? 0),
      failed: (report.stats.unexpected ?? 0) + (report.errors?.length ?? 0),
    };
  }
  return { passed: 0, failed: 1, problem: `unknown test report shape: ${file}` };
}

/** The totals over every report under `root`'s workspaces. */
export function countReports(root) {
  const totals = { passed: 0, failed: 0, reports: [], problems: [] };
  for (const dir of reportDirs(root)) {
    for (const name of readdirSync(dir).filter(isReport).sort()) {
      const file = join(dir, name);
      const { passed, failed, problem } = countReport(file);
      totals.passed += passed;
      totals.failed += failed;
      if (problem) totals.problems.push(problem);
      else totals.reports.push(file);
    }
  }
  return totals;
}

export const totalLine = ({ passed, failed }) => `${passed} passed, ${failed} failed`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  const totals = countReports(root);
  for (const problem of totals.problems) console.error(problem);
  console.error(`counted ${totals.reports.length} report(s): ${totals.reports.join(", ")}`);
  console.log(totalLine(totals));
}
