import type { LoginErrorCode } from "@latchkey/contracts";

// What `/login?error=<code>` means to a person. The code comes from the URL, so it only ever
// selects one of these fixed texts; it is never shown itself.

const EXPIRED = "Your sign-in expired or was started in another tab. Please try again.";
const PROVIDER = "The sign-in provider could not complete the sign-in. Please try again.";
const UNREACHABLE = "We could not reach the sign-in provider. Please try again in a moment.";
const GENERIC = "Something went wrong while signing in.";

// One text per code the gateway can send: a code added there does not compile here until
// it is explained.
const MESSAGES: Readonly<Record<LoginErrorCode, string>> = {
  access_denied: "Sign-in was cancelled.",
  state_mismatch: EXPIRED,
  transaction_missing: EXPIRED,
  transaction_expired: EXPIRED,
  transaction_used: "This sign-in was already completed or attempted. Please sign in again.",
  provider_error: PROVIDER,
  invalid_response: PROVIDER,
  invalid_callback: PROVIDER,
  invalid_id_token: PROVIDER,
  issuer_mismatch: PROVIDER,
  session_too_large:
    "Your profile is too large to keep in a session. Please contact the site's administrators.",
  rate_limited: "Too many sign-in attempts. Please wait a minute and try again.",
  not_allowed:
    "Your account is not allowed to sign in here. Ask the site's administrators for access.",
  store_unavailable: "Sign-in is briefly unavailable on our side. Please try again in a moment.",
  network_error: UNREACHABLE,
  timeout: UNREACHABLE,
  server_error: GENERIC,
};

// Own keys only: "constructor" or "__proto__" in the URL must not select anything.
function isLoginErrorCode(code: string): code is LoginErrorCode {
  return Object.hasOwn(MESSAGES, code);
}

/** The text for a code from the URL; one this page does not know gets the generic text. */
export function loginErrorMessage(code: string): string {
  return isLoginErrorCode(code) ? MESSAGES[code] : GENERIC;
}
