import { readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { providers } from "../src/index.js";

// Adding a provider is one file in src/providers/ plus a line in the catalogue: that holds only
// while each provider's factory and catalogue entry share a file and the folders import one
// way (catalogue → providers → protocol helpers), never back.
const SRC = new URL("../src/", import.meta.url);
const files = readdirSync(SRC, { recursive: true })
  .map((name) => String(name).replaceAll("\\", "/"))
  .filter((name) => name.endsWith(".ts"));
const read = (name: string) => readFileSync(new URL(name, SRC), "utf8");

/** The src-relative files a module imports (relative specifiers only). */
function importsOf(name: string): string[] {
  const specifiers = [...read(name).matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)];
  return specifiers.map(([, specifier = ""]) =>
    posix.join(posix.dirname(name), specifier).replace(/\.js$/, ".ts"),
  );
}

const folderOf = (name: string) => posix.dirname(name);

/** Folder → the other folders its files import; the package entry point stands apart. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of files.filter((file) => file !== "index.ts")) {
    const from = folderOf(name);
    const targets = graph.get(from) ?? new Set<string>();
    for (const target of importsOf(name))
      if (folderOf(target) !== from) targets.add(folderOf(target));
    graph.set(from, targets);
  }
  return graph;
}

/** A loop of folders importing each other, or undefined when there is none. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>();
  const walk = (folder: string, path: string[]): string[] | undefined => {
    if (path.includes(folder)) return [...path.slice(path.indexOf(folder)), folder];
    if (done.has(folder)) return undefined;
    for (const next of graph.get(folder) ?? []) {
      const cycle = walk(next, [...path, folder]);
      if (cycle) return cycle;
    }
    done.add(folder);
    return undefined;
  };
  for (const folder of graph.keys()) {
    const cycle = walk(folder, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("source layout", () => {
  it("when the scanner reads a folder loop, then it reports it (so the checks below can fail)", () => {
    const graph = new Map([
      ["catalogue", new Set(["providers"])],
      ["providers", new Set(["catalogue"])],
    ]);
    expect(findCycle(graph)).toEqual(["catalogue", "providers", "catalogue"]);
    expect(importsOf("catalogue/index.ts")).toContain("providers/index.ts");
  });

  it.each(files.filter((name) => name.startsWith("providers/")))(
    "when %s is read, then it imports nothing from catalogue/",
    (name) => {
      expect(importsOf(name).filter((target) => target.startsWith("catalogue/"))).toEqual([]);
    },
  );

  it("when the folders' imports are drawn, then no folders import each other, even around a loop", () => {
    expect(findCycle(folderGraph())).toBeUndefined();
  });

  it("when catalogue/ is listed, then it holds the list alone", () => {
    expect(files.filter((name) => name.startsWith("catalogue/"))).toEqual(["catalogue/index.ts"]);
  });

  it.each(Object.entries(providers))(
    "when %s is in the catalogue, then its definition is in the file of its factory",
    async (id, definition) => {
      const declaring = files.filter((name) =>
        new RegExp(`export const ${id}Definition\\b`).test(read(name)),
      );
      expect(declaring).toHaveLength(1);
      const [file = ""] = declaring;
      expect(file).toMatch(/^providers\//);
      expect(read(file)).toMatch(new RegExp(`export function ${id}\\(`));
      const module: Record<string, unknown> = await import(new URL(file, SRC).href);
      expect(module[`${id}Definition`]).toBe(definition);
      expect(module[id]).toBeTypeOf("function");
    },
  );
});
