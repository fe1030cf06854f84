import { describe, expect, it } from "vitest";
import { computeCodeChallenge, generateCodeVerifier } from "../src/index.js";
import { argumentError } from "./support/argument-error.js";

describe("PKCE", () => {
  it("when given the RFC 7636 appendix B verifier, then the S256 challenge matches the RFC", async () => {
    await expect(computeCodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).resolves.toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("when a verifier is generated, then it is 43 unreserved characters and fresh each time", () => {
    const verifiers = Array.from({ length: 100 }, generateCodeVerifier);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(verifiers).size).toBe(100);
  });

  it("when the verifier is too short, too long or has other characters, then it is an ArgumentError", async () => {
    for (const verifier of ["a".repeat(42), "a".repeat(129), `${"a".repeat(42)}+`]) {
      await expect(computeCodeChallenge(verifier)).rejects.toThrow(argumentError("verifier"));
    }
  });

  it("when the verifier is 128 characters, then it is accepted", async () => {
    await expect(computeCodeChallenge("~".repeat(128))).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
