/** A client (relying party) registered with the mock's OpenID Connect provider. */
export interface MockOidcClient {
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in page: "to continue to <name>". */
  name?: string;
  /**
   * Registered redirect URIs. When set, `redirect_uri` must be one of them exactly, as real
   * providers require; when unset, any absolute http(s) URL is accepted (handy in development).
   */
  redirectUris?: readonly string[];
  /** Lifetime of access tokens and id_tokens in seconds; default 3600. Shorten it in expiry tests. */
  tokenLifetimeSeconds?: number;
}
