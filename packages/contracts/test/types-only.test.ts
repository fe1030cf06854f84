// The SPA imports this package with `import type`, and nothing builds it: a statement that
// does something at run time (a const, an enum, a non-type export) would be missing from
// the SPA's bundle and the gateway's build. Compiling each source file the way a bundler does
// (one file at a time, type imports erased) must leave nothing.
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = new URL("../src/", import.meta.url);

/** What is left of `source` once types are erased: empty for a types-only module. */
function runtimeCode(source: string, fileName: string): string {
  const { outputText } = ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
      removeComments: true,
    },
  });
  return outputText.replace(/^export \{\};$/m, "").trim();
}

describe("@latchkey/contracts", () => {
  const files = readdirSync(SRC).filter((name) => name.endsWith(".ts"));

  it("when its sources are listed, then there is an index and the modules it re-exports", () => {
    expect(files).toContain("index.ts");
    expect(files.length).toBeGreaterThan(1);
  });

  for (const name of files) {
    it(`when ${name} is compiled, then no code is left to run`, () => {
      const source = readFileSync(new URL(name, SRC), "utf8");
      expect(runtimeCode(source, name)).toBe("");
    });
  }

  const samples: [label: string, source: string][] = [
    ["a const", "export const CODES = ['a'];"],
    ["an enum", "export enum Code { A = 'a' }"],
    ["a value re-export", 'export { thing } from "./thing.js";'],
  ];
  for (const [label, source] of samples) {
    it(`when a module declares ${label}, then the check finds code left to run`, () => {
      expect(runtimeCode(source, "sample.ts")).not.toBe("");
    });
  }
});
