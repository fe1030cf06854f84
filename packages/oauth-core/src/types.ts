/**
 * Tokens as granted by the provider, from {@link exchangeCode}, {@link refreshTokens} or
 * {@link pollDeviceToken}. Keep it server-side (a session store, or a sealed cookie): none of
 * these values should reach the browser's JavaScript.
 */
export interface TokenSet {
  /** The access token, for the provider's API ({@link fetchUser}, {@link revokeToken}). */
  accessToken: string;
  /** Lower-cased, e.g. "bearer". */
  tokenType: string;
  /** As granted; empty when the provider did not say. */
  scopes: string[];
  /**
   * When the access token expires, in epoch milliseconds (from `expires_in`); absent when the
   * provider did not say (GitHub OAuth App tokens do not expire).
   */
  expiresAt?: number;
  /**
   * For {@link refreshTokens}; absent when the provider gave none. Some providers rotate it: a
   * refresh then returns a new one and the old one stops working; others (Spotify) may leave
   * it out of a refresh answer, and the old one stays valid.
   */
  refreshToken?: string;
  /** When the refresh token expires, in epoch milliseconds, when the provider says. */
  refreshTokenExpiresAt?: number;
  /** OpenID Connect: the id_token as received, after every check passed. */
  idToken?: string;
  /** OpenID Connect: the id_token's claims (`sub`, `iss`, `aud`, `exp`, `nonce`…), validated. */
  idTokenClaims?: Record<string, unknown>;
}

/**
 * The same user shape whatever the provider; what the provider sent is in {@link UserInfo.raw}.
 * Key accounts on `provider` + `id`: `login`, `name` and `email` can change.
 */
export interface NormalizedUser {
  /** The provider's id (`"github"`, `"google"`, or an `oidc()`/`oauth2()` provider's `id`). */
  provider: string;
  /** The provider's stable user id, as a string (OpenID Connect: `sub`). */
  id: string;
  /**
   * A handle to show: the provider's username where it has one (GitHub `login`, OpenID Connect
   * `preferred_username`), else one made from the email (Google: its local part) or the id.
   * Not unique across providers, and it can change.
   */
  login: string;
  /** The display name, or null when the provider has none. */
  name: string | null;
  /**
   * The email address, or null. One the provider marks unverified is dropped; one without such
   * a mark is kept as sent (Microsoft does not verify its `email` claim: never link accounts by
   * email alone). X and Spotify: always null.
   */
  email: string | null;
  /** Absolute http(s) URL or null. */
  avatarUrl: string | null;
  /** Absolute http(s) URL or null. */
  profileUrl: string | null;
}

/** What {@link fetchUser} answers: the normalized user and the provider's own answer. */
export interface UserInfo {
  /** The user in the same shape for every provider. */
  user: NormalizedUser;
  /** The provider's answer, unmodified, for fields the normalized user leaves out. */
  raw: unknown;
}
