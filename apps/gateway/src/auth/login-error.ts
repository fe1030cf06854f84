import { ArgumentError, AuthorizationError, OAuthError } from "@latchkey/oauth-core";
import { CookieTooLargeError } from "../session/sealed-cookie.js";
import { StoreUnavailableError } from "../session/store-contract.js";
import { safeReturnTo } from "./return-to.js";

/**
 * The `?error=` code the SPA's login page explains. Provider wording never reaches the
 * URL: only these fixed codes do.
 */
export function loginErrorCode(err: unknown): string {
  if (err instanceof AuthorizationError) {
    return err.error === "access_denied" ? "access_denied" : "provider_error";
  }
  // A wrong argument to oauth-core is the gateway's own bug, not something the user did.
  if (err instanceof ArgumentError) return "server_error";
  if (err instanceof OAuthError) return err.code;
  if (err instanceof CookieTooLargeError) return err.code;
  if (err instanceof StoreUnavailableError) return err.code;
  return "server_error";
}

/**
 * The login page explaining `code`, keeping where the user was going: its buttons start the
 * next sign-in with the same `returnTo`. Checked here, whatever the caller passes.
 */
export function loginErrorLocation(code: string, returnTo?: unknown): string {
  const checked = safeReturnTo(returnTo);
  const query = new URLSearchParams({ error: code, ...(checked !== "/" && { returnTo: checked }) });
  return `/login?${query}`;
}
