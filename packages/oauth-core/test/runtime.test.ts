import { describe, expect, it } from "vitest";

// The suite runs once on each maintained Node.js line (scripts/runtime/with-node.mjs sets
// EXPECTED_NODE_MAJOR for the second run). These checks make a run that silently fell back
// to another Node fail instead of counting as coverage of a line it never touched.
const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];

describe("the Node.js this suite runs on", () => {
  it("when the suite runs, then Node is at least the 22.12 floor that package.json promises", () => {
    expect(major > 22 || (major === 22 && minor >= 12)).toBe(true);
  });

  const expected = process.env.EXPECTED_NODE_MAJOR;
  it.runIf(expected)(
    "when a run names the Node line it wants, then that line is the one running",
    () => {
      expect(String(major)).toBe(expected);
    },
  );
});
