import type { LoginErrorCode } from "@latchkey/contracts";
import { AuthorizationError, ErrorCode, OAuthError } from "@latchkey/oauth-core";
import { CookieTooLargeError } from "../session/sealed-cookie.js";
import { StoreUnavailableError } from "../session/store-contract.js";
import { safeReturnTo } from "./return-to.js";

/**
 * What each oauth-core failure tells the person signing in. A `Record`, so a code oauth-core
 * adds does not compile until it is given a meaning here (and, through `LoginErrorCode`, a
 * text on the SPA's login page).
 */
const OAUTH_LOGIN_ERRORS: Readonly<Record<ErrorCode, LoginErrorCode>> = {
  [ErrorCode.AUTHORIZATION_ERROR]: "provider_error",
  [ErrorCode.STATE_MISMATCH]: "state_mismatch",
  [ErrorCode.INVALID_CALLBACK]: "invalid_callback",
  [ErrorCode.PROVIDER_ERROR]: "provider_error",
  [ErrorCode.INVALID_RESPONSE]: "invalid_response",
  [ErrorCode.NETWORK_ERROR]: "network_error",
  [ErrorCode.TIMEOUT]: "timeout",
  [ErrorCode.ISSUER_MISMATCH]: "issuer_mismatch",
  [ErrorCode.INVALID_ID_TOKEN]: "invalid_id_token",
  // The gateway asked for something the provider cannot do, or passed oauth-core a wrong
  // argument: the gateway's own bug, never something the user did.
  [ErrorCode.UNSUPPORTED]: "server_error",
  [ErrorCode.INVALID_ARGUMENT]: "server_error",
  // The browser sign-in never runs the device flow.
  [ErrorCode.DEVICE_FLOW_ERROR]: "server_error",
  // Logout tokens come to the back-channel endpoint, never to a sign-in.
  [ErrorCode.INVALID_LOGOUT_TOKEN]: "server_error",
};

/**
 * The `?error=` code the SPA's login page explains. Provider wording never reaches the
 * URL: only these fixed codes do.
 */
export function loginErrorCode(err: unknown): LoginErrorCode {
  if (err instanceof AuthorizationError) {
    return err.error === "access_denied" ? "access_denied" : "provider_error";
  }
  if (err instanceof OAuthError) return OAUTH_LOGIN_ERRORS[err.code] ?? "server_error";
  if (err instanceof CookieTooLargeError) return err.code;
  if (err instanceof StoreUnavailableError) return err.code;
  return "server_error";
}

/**
 * The login page explaining `code`, keeping where the user was going: its buttons start the
 * next sign-in with the same `returnTo`. Checked here, whatever the caller passes.
 */
export function loginErrorLocation(code: LoginErrorCode, returnTo?: unknown): string {
  const checked = safeReturnTo(returnTo);
  const query = new URLSearchParams({ error: code, ...(checked !== "/" && { returnTo: checked }) });
  return `/login?${query}`;
}
