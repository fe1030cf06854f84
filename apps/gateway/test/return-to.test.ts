import { describe, expect, it } from "vitest";
import { safeReturnTo } from "../src/auth/return-to.js";

describe("safeReturnTo", () => {
  it.each([
    ["/restricted", "/restricted"],
    ["/repos?page=2", "/repos?page=2"],
    ["/repos?page=2#top", "/repos?page=2#top"],
    ["/a/../b", "/b"],
  ])("when given the same-origin path %s, then it keeps it as %s", (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%2f%2fevil.example",
    "/%5cevil.example",
    "/%2F/evil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "/./%2e//evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "",
    "restricted",
    "/\t/evil.example",
    "/\n/evil.example",
    "\\\\evil.example",
    `/${"a".repeat(10 * 1024)}`,
  ])("when given %j, then it falls back to /", (input) => {
    expect(safeReturnTo(input)).toBe("/");
  });

  it("when given something other than a string, then it falls back to /", () => {
    expect(safeReturnTo(undefined)).toBe("/");
    expect(safeReturnTo(["/a", "/b"])).toBe("/");
    expect(safeReturnTo({ a: 1 })).toBe("/");
  });
});
