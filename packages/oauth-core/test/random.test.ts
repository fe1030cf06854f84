import { describe, expect, it } from "vitest";
import { generateState, timingSafeEqual } from "../src/index.js";

const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;

function decodeBase64url(value: string): Uint8Array {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

describe("generateState", () => {
  it("when called, then it returns 43 base64url characters carrying 256 random bits", () => {
    const state = generateState();
    expect(state).toMatch(BASE64URL_43);
    expect(decodeBase64url(state)).toHaveLength(32);
  });

  it("when called 1000 times, then no value repeats", () => {
    const values = new Set(Array.from({ length: 1000 }, generateState));
    expect(values.size).toBe(1000);
  });

  it("when many states are pooled, then every byte value shows up (no fixed or weak bits)", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++)
      for (const byte of decodeBase64url(generateState())) seen.add(byte);
    expect(seen.size).toBe(256);
  });
});

describe("timingSafeEqual", () => {
  it("when the strings are equal, then it is true", () => {
    expect(timingSafeEqual("abc", "abc")).toBe(true);
    expect(timingSafeEqual("", "")).toBe(true);
    expect(timingSafeEqual("é✓", "é✓")).toBe(true);
  });

  it("when the strings differ in content or length, then it is false", () => {
    expect(timingSafeEqual("abc", "abd")).toBe(false);
    expect(timingSafeEqual("abc", "abcd")).toBe(false);
    expect(timingSafeEqual("abcd", "abc")).toBe(false);
    expect(timingSafeEqual("", "a")).toBe(false);
    expect(timingSafeEqual("abc\u0000", "abc")).toBe(false);
  });
});
