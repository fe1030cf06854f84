/**
 * The signed-in user as `/api/me` sends it, the same shape for every provider. It is
 * oauth-core's `NormalizedUser` on the wire: the gateway checks at compile time that the two
 * stay equal, so a field oauth-core adds or drops cannot reach the SPA unnoticed.
 */
export interface NormalizedUser {
  /** The provider's id (`"github"`, `"google"`, …). */
  provider: string;
  /** The provider's stable user id; key accounts on `provider` + `id`. */
  id: string;
  /** A handle to show; not unique across providers, and it can change. */
  login: string;
  name: string | null;
  email: string | null;
  /** Absolute http(s) URL or null; still check it before it becomes a `src`. */
  avatarUrl: string | null;
  /** Absolute http(s) URL or null; still check it before it becomes an `href`. */
  profileUrl: string | null;
}
