// The SPA imports this package with `import type`, and nothing builds it: a statement that
// does something at run time (a const, an enum, a non-type export) would be missing from
// the SPA's bundle and the gateway's build. Compiling each source file the way a bundler does
// (one file at a time, type imports erased) must leave nothing.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import ts from "typescript";

const SRC = new URL("../src/", import.meta.url);

/** What is left of `source` once types are erased: empty for a types-only module. */
function runtimeCode(source, fileName) {
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
    assert.ok(files.includes("index.ts"));
    assert.ok(files.length > 1);
  });

  for (const name of files) {
    it(`when ${name} is compiled, then no code is left to run`, () => {
      const source = readFileSync(new URL(name, SRC), "utf8");
      assert.equal(runtimeCode(source, name), "");
    });
  }

  for (const [label, source] of [
    ["a const", "export const CODES = ['a'];"],
    ["an enum", "export enum Code { A = 'a' }"],
    ["a value re-export", 'export { thing } from "./thing.js";'],
  ]) {
    it(`when a module declares ${label}, then the check finds code left to run`, () => {
      assert.notEqual(runtimeCode(source, "sample.ts"), "");
    });
  }
});
