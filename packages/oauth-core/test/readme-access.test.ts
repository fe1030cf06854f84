import { describe, expect, it } from "vitest";
import { providers } from "../src/index.js";

// The README's table of access rules is what people write policies from: it must say, for
// every provider in the catalogue, exactly the rules checkAccess applies to it.
// Read through Vite rather than node:fs, so that this runs in Chromium as well as in Node.
const [readme = ""] = Object.values(
  import.meta.glob("../README.md", { query: "?raw", import: "default", eager: true }),
);
const MARKER =
  "<!-- access-rules: test/readme-access.test.ts checks this table against the catalogue -->";

function accessTable(): Map<string, string[]> {
  const start = readme.indexOf(MARKER);
  expect(start, "the README has no access-rules table").toBeGreaterThan(-1);
  const rows = new Map<string, string[]>();
  for (const line of readme
    .slice(start + MARKER.length)
    .trimStart()
    .split("\n")) {
    if (!line.startsWith("|")) break;
    const [id, rules] = line
      .slice(1, -1)
      .split("|")
      .map((cell) => cell.trim());
    const name = /^`([a-z0-9]+)`$/.exec(id ?? "")?.[1];
    if (name)
      rows.set(
        name,
        [...(rules ?? "").matchAll(/`(\w+)`/g)].map((m) => m[1] ?? ""),
      );
  }
  return rows;
}

describe("the README's access rules", () => {
  const table = accessTable();

  it.each(Object.values(providers).map((d) => [d.id, d] as const))(
    "when %s is in the catalogue, then its row lists exactly the rules it applies",
    (id, definition) => {
      expect(table.get(id), `no row for ${id}`).toEqual([...definition.access]);
    },
  );

  it("when the table names a provider, then it is in the catalogue", () => {
    expect([...table.keys()].filter((id) => !(id in providers))).toEqual([]);
  });
});
