import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The suite runs once on each maintained Node.js line (scripts/runtime/with-node.mjs sets
// EXPECTED_NODE_MAJOR for the second run). These checks make a run that silently fell back
// to another Node fail instead of counting as coverage of a line it never touched.
const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
const { engines } = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
) as { engines: { node: string } };
// ">=22.12" → [22, 12]: the promise is written once, in package.json.
const [floorMajor = 0, floorMinor = 0] = (/\d+\.\d+/.exec(engines.node)?.[0] ?? "")
  .split(".")
  .map(Number);

describe("the Node.js this suite runs on", () => {
  it("when the suite runs, then Node is at least the floor that package.json promises", () => {
    expect(floorMajor, engines.node).toBeGreaterThanOrEqual(22);
    expect(major > floorMajor || (major === floorMajor && minor >= floorMinor)).toBe(true);
  });

  const expected = process.env.EXPECTED_NODE_MAJOR;
  it.runIf(expected)(
    "when a run names the Node line it wants, then that line is the one running",
    () => {
      expect(String(major)).toBe(expected);
    },
  );
});
