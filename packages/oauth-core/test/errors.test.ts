import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  AuthorizationError,
  ErrorCode,
  IdTokenError,
  InvalidCallbackError,
  IssuerMismatchError,
  LogoutTokenError,
  NetworkError,
  OAuthError,
  ProviderError,
  ResponseError,
  StateMismatchError,
  TimeoutError,
  UnsupportedError,
} from "../src/index.js";

describe("error classes", () => {
  it("when each error is created, then it is an OAuthError with its documented code and name", () => {
    const cases: [OAuthError, string, string][] = [
      [
        new AuthorizationError({ error: "access_denied" }),
        "authorization_error",
        "AuthorizationError",
      ],
      [new StateMismatchError("x"), "state_mismatch", "StateMismatchError"],
      [new InvalidCallbackError("x"), "invalid_callback", "InvalidCallbackError"],
      [
        new ProviderError({ error: "invalid_grant", status: 400 }),
        "provider_error",
        "ProviderError",
      ],
      [new ResponseError("x", 502), "invalid_response", "ResponseError"],
      [new NetworkError("x", new TypeError("fetch failed")), "network_error", "NetworkError"],
      [new TimeoutError("x"), "timeout", "TimeoutError"],
      [new UnsupportedError("x"), "unsupported", "UnsupportedError"],
      [new IssuerMismatchError("x"), "issuer_mismatch", "IssuerMismatchError"],
      [new IdTokenError("nonce"), "invalid_id_token", "IdTokenError"],
      [new LogoutTokenError("claims", "jti"), "invalid_logout_token", "LogoutTokenError"],
      [new ArgumentError("redirectUri", "is wrong"), "invalid_argument", "ArgumentError"],
    ];
    for (const [error, code, name] of cases) {
      expect(error).toBeInstanceOf(OAuthError);
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
    }
  });

  it("when ErrorCode is read, then it lists every code exactly once", () => {
    expect(Object.values(ErrorCode).sort()).toEqual([
      "authorization_error",
      "device_flow_error",
      "invalid_argument",
      "invalid_callback",
      "invalid_id_token",
      "invalid_logout_token",
      "invalid_response",
      "issuer_mismatch",
      "network_error",
      "provider_error",
      "state_mismatch",
      "timeout",
      "unsupported",
    ]);
  });

  it("when a ProviderError is built, then it keeps error, description, uri and status", () => {
    const error = new ProviderError({
      error: "bad_verification_code",
      errorDescription: "The code passed is incorrect or expired.",
      errorUri: "https://docs.github.com/x",
      status: 200,
    });
    expect(error).toMatchObject({
      error: "bad_verification_code",
      errorDescription: "The code passed is incorrect or expired.",
      errorUri: "https://docs.github.com/x",
      status: 200,
    });
    expect(error.message).toBe(
      'the provider answered "bad_verification_code": The code passed is incorrect or expired. (HTTP 200)',
    );
  });

  it("when the description is 5 KB of markup, then it is capped at 300 characters of one line", () => {
    const description = `<script>alert(1)</script>\r\n${"<b>x</b>".repeat(640)}`;
    const error = new ProviderError({ error: "e", errorDescription: description, status: 400 });
    expect(Array.from(error.errorDescription ?? "")).toHaveLength(300);
    expect(error.errorDescription).toMatch(/…$/);
    expect(error.errorDescription).not.toMatch(/[\r\n]/);
    expect(error.message.length).toBeLessThan(400);
  });

  it("when the error uri is not http(s), then it is dropped", () => {
    const error = new AuthorizationError({ error: "x", errorUri: "javascript:alert(1)" });
    expect(error.errorUri).toBeUndefined();
  });

  it("when the error code is empty or has control characters, then it is cleaned", () => {
    expect(new AuthorizationError({ error: "" }).error).toBe("unknown_error");
    expect(new AuthorizationError({ error: "a\nforged log line" }).error).toBe("a forged log line");
    expect(new AuthorizationError({ error: "x".repeat(500) }).error).toHaveLength(100);
  });

  it("when an IssuerMismatchError is built, then it is also an InvalidCallbackError", () => {
    expect(new IssuerMismatchError("x")).toBeInstanceOf(InvalidCallbackError);
  });

  it("when an IdTokenError is built, then its message and `check` name the failed check", () => {
    const error = new IdTokenError("aud", 'unexpected JWT "aud" claim value');
    expect(error.check).toBe("aud");
    expect(error.message).toBe(
      'the id_token failed the "aud" check (unexpected JWT "aud" claim value)',
    );
  });

  it("when a LogoutTokenError is built, then its message, `reason` and `check` name the failed check", () => {
    const error = new LogoutTokenError("claims", "iat", '"iat" claim timestamp check failed');
    expect(error).toMatchObject({ reason: "claims", check: "iat" });
    expect(error.message).toBe(
      'the logout token failed the "iat" check ("iat" claim timestamp check failed)',
    );
  });

  it("when an ArgumentError is built, then `argument` and the message name the argument, and it is no TypeError", () => {
    const error = new ArgumentError("expectedState", "must be a non-empty string");
    expect(error.argument).toBe("expectedState");
    expect(error.message).toBe('"expectedState" must be a non-empty string');
    expect(error).not.toBeInstanceOf(TypeError);
  });

  it("when a NetworkError is built, then its cause is kept", () => {
    const cause = new TypeError("fetch failed");
    expect(new NetworkError("failed", cause).cause).toBe(cause);
  });
});
