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

  it("when the suite runs, then Node is at least the floor the gateway's package.json promises", () => {
    const { engines } = JSON.parse(
      readFileSync(new URL("../package.json", import.meta.url), "utf8"),
    ) as { engines: { node: string } };
    const [floorMajor = 0, floorMinor = 0] = (/\d+\.\d+/.exec(engines.node)?.[0] ?? "")
      .split(".")
      .map(Number);
    const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
    expect(floorMajor, engines.node).toBeGreaterThanOrEqual(22);
    expect(
      major > floorMajor || (major === floorMajor && minor >= floorMinor),
      process.versions.node,
    ).toBe(true);
  });
});
