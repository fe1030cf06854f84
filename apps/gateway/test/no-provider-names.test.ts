import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const SRC = new URL("../src/", import.meta.url);

/**
 * What a session can do comes from its provider's capabilities, never from its name. The dev
 * mock's defaults are GitHub's and Google's by nature.
 */
const ALLOWED = new Set(["provider-config.ts"]);

/** Comparisons with a provider's id, and the GitHub-only access setting this replaced. */
const FORBIDDEN = [
  /[=!]==?\s*["'`]github["'`]/i,
  /["'`]github["'`]\s*[=!]==?/i,
  // `typeof id === "string"` asks what a value is, not which provider.
  /(?<!typeof\s+)\bid\s*[=!]==?\s*["'`]/,
  /["'`]\s*[=!]==?\s*[\w.?]*\bid\b/,
  /\.id\s*[=!]==?\s*["'`]/,
  /\bprovider\s*[=!]==?\s*["'`]/,
  /githubAccess/,
];

/** `file:line` of every line in `source` that names a provider where a capability belongs. */
function providerNameChecks(file: string, source: string): string[] {
  return source
    .split("\n")
    .flatMap((line, index) =>
      FORBIDDEN.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}`] : [],
    );
}

describe("provider names in the gateway's code", () => {
  it("when src is scanned, then no module asks for a provider by name outside the dev mock", () => {
    const files = readdirSync(SRC, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith(".ts") && !ALLOWED.has(name));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((name) =>
      providerNameChecks(name, readFileSync(new URL(name, SRC), "utf8")),
    );
    expect(found).toEqual([]);
  });

  it.each([
    'if (provider.id === "github") {',
    'session.provider !== "github" &&',
    'if ("github" === id) return;',
    "const { orgs } = config.githubAccess;",
    'if (slot.id !== "google") return;',
  ])("when a line reads %s, then the scan reports it", (line) => {
    expect(providerNameChecks("auth/x.ts", `const a = 1;\n${line}\n`)).toEqual(["auth/x.ts:2"]);
  });

  it("when a line compares a capability, then the scan lets it be", () => {
    const source =
      'if (provider.capabilities.revoke) {}\nif (rule === "groups") {}\nif (typeof id === "string") {}\n';
    expect(providerNameChecks("auth/x.ts", source)).toEqual([]);
  });
});
