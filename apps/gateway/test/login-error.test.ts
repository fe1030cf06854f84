import type { LoginErrorCode } from "@latchkey/contracts";
import {
  ArgumentError,
  AuthorizationError,
  ErrorCode,
  IdTokenError,
  InvalidCallbackError,
  IssuerMismatchError,
  NetworkError,
  OAuthError,
  ProviderError,
  ResponseError,
  StateMismatchError,
  TimeoutError,
  UnsupportedError,
} from "@latchkey/oauth-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { loginErrorCode, loginErrorLocation } from "../src/auth/login-error.js";
import { CookieTooLargeError } from "../src/session/sealed-cookie.js";
import { StoreUnavailableError } from "../src/session/store-contract.js";

describe("the login page's error code", () => {
  it.each([
    ["the person cancelled", "access_denied", new AuthorizationError({ error: "access_denied" })],
    ["the provider refused", "provider_error", new AuthorizationError({ error: "server_error" })],
    [
      "the code was refused",
      "provider_error",
      new ProviderError({ error: "invalid_grant", status: 400 }),
    ],
    ["the provider was unreachable", "network_error", new NetworkError("refused", undefined)],
    [
      "the session would not fit",
      "session_too_large",
      new CookieTooLargeError("latchkey.session", 5000),
    ],
    ["the store did not answer", "store_unavailable", new StoreUnavailableError("consume")],
    // The gateway passed oauth-core a wrong argument: its own bug, never shown as the user's.
    [
      "oauth-core refused an argument",
      "server_error",
      new ArgumentError("redirectUri", "must be absolute"),
    ],
    ["anything else failed", "server_error", new Error("boom")],
    ["the callback was forged", "state_mismatch", new StateMismatchError("state differs")],
    ["the callback was malformed", "invalid_callback", new InvalidCallbackError("no code")],
    ["another issuer answered", "issuer_mismatch", new IssuerMismatchError("iss differs")],
    ["the id_token failed a check", "invalid_id_token", new IdTokenError("aud")],
    ["the provider answered garbage", "invalid_response", new ResponseError("not JSON", 502)],
    ["the provider was slow", "timeout", new TimeoutError("no answer")],
    // Codes no sign-in page can explain: the gateway asked for something it should not have.
    ["the provider cannot do what was asked", "server_error", new UnsupportedError("no revoke")],
    [
      "a provider hook raised an authorization error by code",
      "provider_error",
      new OAuthError(ErrorCode.AUTHORIZATION_ERROR, "refused"),
    ],
    [
      "a device flow error reached the browser sign-in",
      "server_error",
      new OAuthError(ErrorCode.DEVICE_FLOW_ERROR, "expired"),
    ],
  ])("when %s, then it is %s", (_label, code, err) => {
    expect(loginErrorCode(err)).toBe(code);
  });

  it("when an oauth-core error carries a code this gateway was not built with, then it is server_error", () => {
    const unknown = new OAuthError(ErrorCode.TIMEOUT, "from a newer oauth-core");
    Object.defineProperty(unknown, "code", { value: "brand_new_code" });
    expect(loginErrorCode(unknown)).toBe("server_error");
  });

  it("when the code is given, then the login URL carries it and the checked returnTo", () => {
    expect(loginErrorLocation("timeout", "/repos?page=2")).toBe(
      "/login?error=timeout&returnTo=%2Frepos%3Fpage%3D2",
    );
    expect(loginErrorLocation("timeout", "//evil.example")).toBe("/login?error=timeout");
  });

  it("when the types are compared, then only the SPA's LoginErrorCode can be sent", () => {
    expectTypeOf(loginErrorCode).returns.toEqualTypeOf<LoginErrorCode>();
    expectTypeOf(loginErrorLocation).parameter(0).toEqualTypeOf<LoginErrorCode>();
    // @ts-expect-error a code the SPA has no text for does not compile
    loginErrorLocation("not_a_login_error");
  });
});
