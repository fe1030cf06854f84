import { describe, expect, it } from "vitest";

describe("the Node.js the tests run on", () => {
  it("when the suite runs, then it is on Node 24 or later, as npm scripts put it first on PATH", () => {
    const [major = 0] = process.versions.node.split(".").map(Number);
    expect(
      major,
      `tests ran on Node ${process.versions.node} (${process.execPath})`,
    ).toBeGreaterThanOrEqual(24);
  });
});
