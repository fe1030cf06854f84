import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const SRC = new URL("../src/", import.meta.url);
const files = readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((name) => name.endsWith(".ts"));
const read = (name: string) => readFileSync(new URL(name, SRC), "utf8");

describe("source", () => {
  it("when src is scanned, then it has files to check", () => {
    expect(files).toContain("index.ts");
    expect(files).toContain("providers/github/github.ts");
  });

  it.each(files)(
    "when %s is read, then it uses Web APIs only (no node:, Buffer, process, require)",
    (name) => {
      const source = read(name);
      expect(source).not.toMatch(/from\s+["']node:/);
      expect(source).not.toMatch(/import\(\s*["']node:/);
      expect(source).not.toMatch(/\bBuffer\b/);
      expect(source).not.toMatch(/\bprocess\b/);
      expect(source).not.toMatch(/\brequire\(/);
    },
  );

  it.each(files)(
    "when %s is read, then it verifies no signature and imports no key by hand (oauth4webapi does)",
    (name) => {
      const source = read(name);
      expect(source).not.toMatch(/subtle\.(verify|importKey)/);
      expect(source).not.toMatch(/\batob\(/);
    },
  );

  it.each(files)("when %s is read, then it has no default export", (name) => {
    expect(read(name)).not.toMatch(/export\s+default\b/);
  });

  it("when index.ts is read, then it only re-exports", () => {
    const statements = read("index.ts")
      .split(";")
      .map((statement) => statement.trim())
      .filter(Boolean);
    for (const statement of statements)
      expect(statement).toMatch(/^export ((type )?\{[^}]*\}|\*) from "/);
  });

  it("when the package is imported, then the documented functions and classes are exported", () => {
    for (const name of [
      "github",
      "createAuthorizationRequest",
      "parseCallback",
      "exchangeCode",
      "refreshTokens",
      "fetchUser",
      "revokeToken",
      "generateState",
      "generateCodeVerifier",
      "computeCodeChallenge",
      "timingSafeEqual",
      "ErrorCode",
      "OAuthError",
      "AuthorizationError",
      "StateMismatchError",
      "InvalidCallbackError",
      "ProviderError",
      "ResponseError",
      "NetworkError",
      "TimeoutError",
      "UnsupportedError",
      "ArgumentError",
      "IssuerMismatchError",
      "IdTokenError",
      "oidc",
      "callbackChecksFor",
      "generateNonce",
      "checkAccess",
      "assertAccessPolicy",
      "providers",
      "startDeviceAuthorization",
      "pollDeviceToken",
      "safeReturnTo",
    ]) {
      expect(api).toHaveProperty(name);
    }
  });

  it("when the package is imported, then what 0.2 removed is gone and the engine stays private", () => {
    for (const name of [
      "resolveProvider",
      "bindCallbackContext",
      "withSavedContext",
      "checkGitHubAccess",
      "parseTokenResponse",
      "providerErrorFrom",
      "defineProvider",
      "engineOf",
    ]) {
      expect(api).not.toHaveProperty(name);
    }
  });
});
