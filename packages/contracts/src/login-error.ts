/**
 * Every code the gateway puts in `/login?error=<code>`. The gateway's `loginErrorCode()`
 * returns this type and the SPA keeps one message per member, so a code cannot be sent
 * without a text that explains it. Provider wording never reaches the URL: only these do.
 */
export type LoginErrorCode =
  /** The person pressed "Cancel" at the provider. */
  | "access_denied"
  /** The callback is not the one this browser's sign-in expects (another tab, a forgery). */
  | "state_mismatch"
  /** No sign-in in progress in this browser (cookie gone or never set). */
  | "transaction_missing"
  /** The sign-in took longer than its transaction lives. */
  | "transaction_expired"
  /** The callback was already used once (back button, replay). */
  | "transaction_used"
  /** The provider refused the sign-in or the code exchange. */
  | "provider_error"
  /** The provider answered something unusable. */
  | "invalid_response"
  /** The callback URL is malformed. */
  | "invalid_callback"
  /** The OpenID Connect id_token failed a check. */
  | "invalid_id_token"
  /** The callback came from another issuer than the one asked (mix-up). */
  | "issuer_mismatch"
  /** The provider could not be reached. */
  | "network_error"
  /** The provider did not answer in time. */
  | "timeout"
  /** The account is outside the configured access lists. */
  | "not_allowed"
  /** The user's profile does not fit in a session cookie. */
  | "session_too_large"
  /** The session store did not answer. */
  | "store_unavailable"
  /** Too many sign-in attempts from this client. */
  | "rate_limited"
  /** The gateway's own failure. */
  | "server_error";
