import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const SRC = new URL("../src/", import.meta.url);
const files = readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((name) => name.endsWith(".ts"));
const read = (name: string) => readFileSync(new URL(name, SRC), "utf8");
const inFolder = (folder: string) => files.filter((name) => name.startsWith(`${folder}/`));

/** Every module specifier `source` imports or re-exports, static or dynamic. */
function importsIn(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/\bfrom\s+["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
    ...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
  ];
  return specifiers.map((match) => match[1] as string);
}

/** The gateway folders that the file `name` (holding `source`) reaches through relative imports. */
function foldersReached(name: string, source = read(name)): string[] {
  return importsIn(source)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => new URL(specifier, new URL(name, SRC)).pathname)
    .map((path) => path.slice(SRC.pathname.length).split("/"))
    .map((parts) => (parts.length > 1 ? (parts[0] as string) : "."));
}

describe("layout", () => {
  it("when src is scanned, then the folders under test have files", () => {
    for (const folder of ["session", "stores", "auth", "crypto", "collections"])
      expect(inFolder(folder).length).toBeGreaterThan(0);
  });

  it("when a session file imports stores/ in any form, then the scan sees it", () => {
    const sources = [
      'import type { Stores } from "../stores/stores.js";',
      'export { createStores } from "../stores/select.js";',
      'const m = await import("../stores/redis.js");',
      'import "../stores/memory.js";',
    ];
    for (const source of sources)
      expect(foldersReached("session/manager.ts", source)).toContain("stores");
    expect(foldersReached("session/manager.ts", 'import { x } from "./session.js";')).toEqual([
      "session",
    ]);
  });

  // The session owns its schemas and the store interfaces it needs; stores implement them.
  it.each(inFolder("session"))("when %s is read, then it imports nothing from stores/", (name) => {
    expect(foldersReached(name)).not.toContain("stores");
  });

  // Sealing and the bounded map serve sessions, stores and the proxy alike: they depend on none.
  it.each([...inFolder("crypto"), ...inFolder("collections")])(
    "when %s is read, then it imports nothing from session/, stores/, api/, auth/ or http/",
    (name) => {
      const reached = foldersReached(name);
      for (const folder of ["session", "stores", "api", "auth", "http"])
        expect(reached).not.toContain(folder);
    },
  );

  // The order the README's "What is in the box" gives: each folder may use only later ones
  // (and the files at src/'s top, such as errors.ts and config.ts).
  const ORDER = [
    "api",
    "auth",
    "http",
    "stores",
    "observability",
    "session",
    "crypto",
    "collections",
  ];
  it("when src is scanned, then every folder has its place in the order", () => {
    const folders = new Set(files.filter((n) => n.includes("/")).map((n) => n.split("/")[0]));
    expect([...folders].sort()).toEqual([...ORDER].sort());
  });

  it.each(ORDER.flatMap((folder) => inFolder(folder).map((name) => [name, folder] as const)))(
    "when %s is read, then it imports only from its own folder or later ones",
    (name, folder) => {
      const earlier = ORDER.slice(0, ORDER.indexOf(folder));
      const reached = foldersReached(name);
      for (const other of earlier)
        expect(reached, `${name} imports ${other}/`).not.toContain(other);
    },
  );

  it("when the session guard is looked for, then auth/ defines it and api/ only uses it", () => {
    const defines = /export\s+(async\s+)?function\s+requireSession\b/;
    expect(files.filter((name) => defines.test(read(name)))).toEqual(["auth/require-session.ts"]);
  });
});
