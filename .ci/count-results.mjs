// Sums the machine-readable reports every package's test run writes (vitest's JSON
// reporter, Playwright's JSON reporter) into the one line CI reads: "N passed, N failed".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const roots = ["packages", "apps", "examples", "e2e", "bench"];
// The reporters each package configures: vitest.json, vitest.<run>.json for another run of a
// suite (vitest.browser.json), playwright.json. Other files there (run state, traces) are not.
const isReport = (name) => name === "playwright.json" || /^vitest(\.[\w-]+)?\.json$/.test(name);
let passed = 0;
let failed = 0;
const seen = [];

function reportsIn(dir) {
  const found = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...reportsIn(path));
    else if (dir.endsWith("test-results") && isReport(entry.name)) found.push(path);
  }
  return found;
}

for (const file of roots.flatMap(reportsIn)) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    console.error(`unreadable test report: ${file}`);
    failed += 1;
    continue;
  }
  if (typeof report.numPassedTests === "number") {
    // vitest: a suite that failed to load counts as a failure even with no test inside.
    passed += report.numPassedTests;
    failed +=
      report.numFailedTests +
      (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
  } else if (report.stats && typeof report.stats.expected === "number") {
    // Playwright: expected = passed; unexpected = failed; flaky passed on retry.
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected + (report.errors?.length ?? 0);
  } else {
    console.error(`unknown test report shape: ${file}`);
    failed += 1;
    continue;
  }
  seen.push(file);
}

console.error(`counted ${seen.length} report(s): ${seen.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
