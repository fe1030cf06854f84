/**
 * The JSON body of every error answer. `error` is stable (match on it); `message` is for
 * people and may be reworded.
 */
export interface ErrorBody {
  error: string;
  message: string;
}

/**
 * The `error` codes of the gateway's API answers that the SPA acts on. Other codes exist
 * (bad_request, not_found…) and may be added: a client keeps a fallback for unknown ones.
 */
export type ApiErrorCode =
  /** 401: no session, or it ended. Go to the login page. */
  | "unauthenticated"
  /** 401: the session's tokens expired and could not be refreshed. Sign in again. */
  | "session_expired"
  /** 403: this API belongs to another provider than the session's. */
  | "wrong_provider"
  /** 403: a state-changing or token-using request without `X-CSRF: 1`. */
  | "csrf_header_missing"
  /** 403: the request came from another site. */
  | "cross_site_request"
  /** 429: too many requests to /auth. */
  | "rate_limited"
  /** 503: the session store did not answer; retry shortly (Retry-After). */
  | "store_unavailable"
  /** 502: the provider's API could not be reached or answered something unusable. */
  | "upstream_unavailable"
  /** 504: the provider's API did not answer in time. */
  | "upstream_timeout"
  /** 500: the gateway's own failure; the message says nothing more. */
  | "internal_error";
