import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_DIR } from "./package-dir.js";

const read = (...path: string[]) => readFileSync(join(PACKAGE_DIR, ...path), "utf8");
const pkg = JSON.parse(read("package.json")) as { name: string; version: string };

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

  it("when someone reads the README, then it points to the semver rules and the changelog", () => {
    const readme = read("README.md");
    expect(readme).toContain("(VERSIONING.md)");
    expect(readme).toContain("(CHANGELOG.md)");
    expect(read("VERSIONING.md")).toMatch(
      /\| \*\*major\*\* \|[\s\S]*\| \*\*minor\*\* \|[\s\S]*\| \*\*patch\*\* \|/,
    );
  });
});
