import {
  ArgumentError,
  AuthorizationError,
  NetworkError,
  ProviderError,
} from "@latchkey/oauth-core";
import { describe, expect, it } from "vitest";
import { loginErrorCode } from "../src/auth/login-error.js";
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
  ])("when %s, then it is %s", (_label, code, err) => {
    expect(loginErrorCode(err)).toBe(code);
  });
});
