import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PACKAGE_DIR } from "./package-dir.js";

// The README's examples are what people copy: each ```ts block must compile against the
// package as it is. A block that imports the package is checked as an application file; one
// with relative imports (adding a provider) as a file in src/providers/. The quick start,
// which imports Hono, is run as it is by examples/hono instead.

const README = join(PACKAGE_DIR, "README.md");

/** Names the examples use without defining them: what the surrounding server would have. */
const GLOBALS = `
type TokenSet = import("@latchkey/oauth-core").TokenSet;
type NormalizedUser = import("@latchkey/oauth-core").NormalizedUser;
type ProviderError = import("@latchkey/oauth-core").ProviderError;
declare const clientId: string;
declare const clientSecret: string;
declare const redirectUri: string;
declare const params: URLSearchParams;
declare const code: string;
declare const codeVerifier: string;
declare const refreshToken: string;
declare const tokens: TokenSet;
declare const user: NormalizedUser;
declare const readError: (status: number, body: unknown) => ProviderError | undefined;
declare const normalize: (raw: unknown, status: number) => NormalizedUser;
`;

interface Example {
  line: number;
  source: string;
}

function examples(): Example[] {
  const lines = readFileSync(README, "utf8").split("\n");
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```ts") continue;
    const end = lines.findIndex((line, j) => j > i && line.trim() === "```");
    found.push({ line: i + 1, source: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return found;
}

const importsOf = (source: string) =>
  [...source.matchAll(/^\s*import [^"]*"([^"]+)";/gm)].map((match) => match[1] ?? "");

function compile(blocks: Example[]): string[] {
  const files = new Map<string, string>();
  const names = new Map<string, number>();
  files.set(join(PACKAGE_DIR, "test", "package", "readme-globals.d.ts"), GLOBALS);
  for (const { line, source } of blocks) {
    const inSrc = importsOf(source).some((specifier) => specifier.startsWith("."));
    const dir = inSrc
      ? join(PACKAGE_DIR, "src", "providers")
      : join(PACKAGE_DIR, "test", "package");
    const name = join(dir, `readme-line-${line}.ts`);
    files.set(name, `${source}\nexport {};\n`);
    names.set(name, line);
  }
  const options: ts.CompilerOptions = {
    ...ts.parseJsonConfigFileContent(
      ts.readConfigFile(join(PACKAGE_DIR, "tsconfig.json"), ts.sys.readFile).config,
      ts.sys,
      PACKAGE_DIR,
    ).options,
    noEmit: true,
    types: ["node"],
    paths: { "@latchkey/oauth-core": [join(PACKAGE_DIR, "src", "index.ts")] },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, ...rest)
      : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const file = diagnostic.file as ts.SourceFile;
      const at = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      const line = names.get(file.fileName);
      const where = line === undefined ? "globals" : `README.md:${line + 1 + at}`;
      return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    });
}

describe("the README's examples", () => {
  const all = examples();
  const checked = all.filter(({ source }) =>
    importsOf(source).every((s) => s === "@latchkey/oauth-core" || s.startsWith(".")),
  );

  it("when the README is read, then it has examples to check, the quick start aside", () => {
    expect(checked.length).toBeGreaterThan(5);
    expect(all.length - checked.length).toBe(1);
  });

  it("when each TypeScript example is compiled against the sources, then it has no error", () => {
    const errors = compile(checked);
    expect(errors, errors.join("\n")).toEqual([]);
  }, 60_000);
});
