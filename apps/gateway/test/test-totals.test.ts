import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// The counter behind `npm test`'s last line and CI's result lives with the repository's
// scripts; the gateway's suite checks it because the scripts folder has no test run of its own.
const COUNTER = fileURLToPath(new URL("../../../scripts/count-results.mjs", import.meta.url));

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository-shaped folder holding the given files (path → content). */
function repository(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), "latchkey-totals-"));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(
      join(root, path),
      typeof content === "string" ? content : JSON.stringify(content),
    );
  }
  return root;
}

function count(root: string) {
  const run = spawnSync(process.execPath, [COUNTER, root], { encoding: "utf8" });
  return { code: run.status, line: run.stdout.trim(), stderr: run.stderr };
}

describe("scripts/count-results.mjs", () => {
  it("when vitest and Playwright reports sit in the workspaces, then it prints their sum in one line", () => {
    const root = repository({
      "packages/core/test-results/vitest.json": {
        numPassedTests: 10,
        numFailedTests: 2,
        numFailedTestSuites: 1,
      },
      "packages/core/test-results/vitest.browser.json": {
        numPassedTests: 4,
        numFailedTests: 0,
        numFailedTestSuites: 0,
      },
      "apps/gateway/test-results/vitest.json": {
        numPassedTests: 7,
        numFailedTests: 0,
        numFailedTestSuites: 0,
      },
      "e2e/test-results/playwright.json": {
        stats: { expected: 3, unexpected: 1, flaky: 1 },
        errors: [],
      },
    });
    expect(count(root)).toMatchObject({ code: 0, line: "25 passed, 3 failed" });
  });

  it("when a suite failed to load with no test inside, then it counts as one failure", () => {
    const root = repository({
      "examples/cli/test-results/vitest.json": {
        numPassedTests: 0,
        numFailedTests: 0,
        numFailedTestSuites: 1,
      },
    });
    expect(count(root).line).toBe("0 passed, 1 failed");
  });

  it("when Playwright reports an error outside any test, then it counts as a failure", () => {
    const root = repository({
      "e2e/test-results/playwright.json": {
        stats: { expected: 2, unexpected: 0, flaky: 0 },
        errors: [{ message: "global setup" }],
      },
    });
    expect(count(root).line).toBe("2 passed, 1 failed");
  });

  it("when a report is unreadable or of an unknown shape, then each is a failure and named on stderr", () => {
    const root = repository({
      "apps/web/test-results/vitest.json": "{ half a report",
      "bench/test-results/vitest.json": { tests: 3 },
    });
    const { line, stderr } = count(root);
    expect(line).toBe("0 passed, 2 failed");
    expect(stderr).toContain("unreadable test report");
    expect(stderr).toContain("unknown test report shape");
  });

  it("when other files, node_modules or folders outside the workspaces hold JSON, then none is counted", () => {
    const root = repository({
      "packages/core/test-results/.last-run.json": { numPassedTests: 50, numFailedTests: 5 },
      "packages/core/node_modules/dep/test-results/vitest.json": {
        numPassedTests: 50,
        numFailedTests: 5,
      },
      "docs/test-results/vitest.json": { numPassedTests: 50, numFailedTests: 5 },
      "packages/core/test-results/vitest.json": {
        numPassedTests: 1,
        numFailedTests: 0,
        numFailedTestSuites: 0,
      },
    });
    expect(count(root).line).toBe("1 passed, 0 failed");
  });
});
