import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localBin, PACKAGE_DIR, run } from "./package-dir.js";

const read = (...path: string[]) => readFileSync(join(PACKAGE_DIR, ...path), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  name: string;
  version: string;
  engines: { node: string };
};

describe("versioning", () => {
  it("when the package is released, then its changelog's latest entry is this version", () => {
    const latest = /^## (\d+\.\d+\.\d+\S*)$/m.exec(read("CHANGELOG.md"))?.[1];
    expect(latest, "CHANGELOG.md has no `## x.y.z` entry").toBe(pkg.version);
  });

  it("when a changeset is written, then changesets versions this package and never the private ones", () => {
    const config = JSON.parse(read("..", "..", ".changeset", "config.json")) as {
      baseBranch?: string;
      access?: string;
      ignore?: string[];
      privatePackages?: { version?: boolean; tag?: boolean };
    };
    expect(config.baseBranch).toBe("main");
    expect(config.access).toBe("public");
    expect(config.ignore ?? []).not.toContain(pkg.name);
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it("when changesets reads the config and the pending changesets, then it plans releases of this package only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "changeset-status-"));
    try {
      const output = join(dir, "status.json");
      // The installed changesets validates the whole config here: an option it no longer
      // knows, or a changelog module it cannot load, is an error and a non-zero exit.
      const { code, stderr } = await run(localBin("changeset"), ["status", `--output=${output}`]);
      expect(code, stderr).toBe(0);
      const plan = JSON.parse(readFileSync(output, "utf8")) as {
        releases: { name: string; type: string; oldVersion: string; newVersion: string }[];
      };
      // Workspaces that depend on this one are listed too, with "none": nothing to bump.
      const bumped = plan.releases.filter((release) => release.newVersion !== release.oldVersion);
      expect(bumped.map((release) => release.name)).toEqual(bumped.length > 0 ? [pkg.name] : []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("when the README and the semver rules name the supported Node.js, then it is the engines floor", () => {
    const floor = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
    expect(floor, `engines.node is "${pkg.engines.node}", not ">=x.y"`).toBeDefined();
    for (const document of ["README.md", "VERSIONING.md"]) {
      const text = read(document);
      expect(text, document).toContain(`Node.js ${floor}+ and 24`);
      // No other floor left behind in the prose.
      expect(text.match(/Node(?:\.js)? (?:≥ ?)?\d+\.\d+\+?/g), document).toEqual([
        `Node.js ${floor}+`,
      ]);
    }
  });

  it("when someone reads the README, then it points to the semver rules and the changelog", () => {
    const readme = read("README.md");
    expect(readme).toContain("(VERSIONING.md)");
    expect(readme).toContain("(CHANGELOG.md)");
    expect(read("VERSIONING.md")).toMatch(
      /\| \*\*major\*\* \|[\s\S]*\| \*\*minor\*\* \|[\s\S]*\| \*\*patch\*\* \|/,
    );
  });
});
