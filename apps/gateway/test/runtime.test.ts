import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The Node build npm installs with the project on this platform (root package.json's
// optionalDependencies), when there is one: npm scripts put it first on PATH.
const build = fileURLToPath(
  new URL(
    `../../../node_modules/node-${process.platform}-${process.arch}/package.json`,
    import.meta.url,
  ),
);

describe("the Node.js the tests run on", () => {
  it.runIf(existsSync(build))(
    "when npm installed the project's own Node, then the tests run on it, not on the machine's",
    () => {
      const { version } = JSON.parse(readFileSync(build, "utf8")) as { version: string };
      expect(process.versions.node, `tests ran on ${process.execPath}`).toBe(version);
      expect(Number(version.split(".")[0])).toBeGreaterThanOrEqual(24);
    },
  );

  it("when the suite runs, then Node is at least the 22.12 floor the gateway's dependencies need", () => {
    const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
    expect(major > 22 || (major === 22 && minor >= 12), process.versions.node).toBe(true);
  });
});
