import { AuthorizationError, OAuthError } from "@latchkey/oauth-core";
import { CookieTooLargeError } from "../session/sealed-cookie.js";

/**
 * The `?error=` code the SPA's login page explains. Provider wording never reaches the
 * URL: only these fixed codes do.
 */
export function loginErrorCode(err: unknown): string {
  if (err instanceof AuthorizationError) {
    return err.error === "access_denied" ? "access_denied" : "provider_error";
  }
  if (err instanceof OAuthError) return err.code;
  if (err instanceof CookieTooLargeError) return err.code;
  return "server_error";
}

export function loginErrorLocation(code: string): string {
  return `/login?${new URLSearchParams({ error: code })}`;
}
