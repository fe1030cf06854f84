/** One of the signed-in user's sessions, as `GET /api/sessions` lists it. Never a token. */
export interface SessionSummary {
  /**
   * Names the session in `DELETE /api/sessions/<id>`. Derived from the session's own id, which
   * it does not reveal.
   */
  id: string;
  /** Whether this is the session making the request ("this device"). */
  current: boolean;
  /** The browser as its user agent names it (`"Chrome 131"`), or null when it cannot tell. */
  browser: string | null;
  /** The operating system (`"macOS"`, `"Android 14"`), or null when it cannot tell. */
  system: string | null;
  /** When the session started, as an ISO 8601 timestamp. */
  signedInAt: string;
  /** When it was last used, to within a few minutes (ISO 8601). */
  lastSeenAt: string;
  /** When it ends at the latest, whatever its use (ISO 8601). */
  expiresAt: string;
}

/** `GET /api/sessions`: the user's live sessions with this provider, newest first. */
export interface SessionsBody {
  sessions: SessionSummary[];
}
