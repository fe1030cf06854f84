/** Tokens as granted by the provider. */
export interface TokenSet {
  accessToken: string;
  /** Lower-cased, e.g. "bearer". */
  tokenType: string;
  /** As granted; empty when the provider did not say. */
  scopes: string[];
  /** Epoch milliseconds. */
  expiresAt?: number;
  refreshToken?: string;
  /** Epoch milliseconds. */
  refreshTokenExpiresAt?: number;
  /** OpenID Connect: the id_token as received, after every check passed. */
  idToken?: string;
  /** OpenID Connect: the id_token's claims (`sub`, `iss`, `aud`, `exp`, `nonce`…), validated. */
  idTokenClaims?: Record<string, unknown>;
}

/** The same user shape whatever the provider. */
export interface NormalizedUser {
  provider: string;
  /** The provider's id, as a string. */
  id: string;
  login: string;
  name: string | null;
  email: string | null;
  /** Absolute http(s) URL or null. */
  avatarUrl: string | null;
  /** Absolute http(s) URL or null. */
  profileUrl: string | null;
}

export interface UserInfo {
  user: NormalizedUser;
  /** The provider's answer, unmodified, for fields the normalized user leaves out. */
  raw: unknown;
}
