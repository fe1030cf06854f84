import type { RequestContext } from "./http.js";
import type { Secret } from "./secret.js";
import type { TokenSet, UserInfo } from "./types.js";

/** How the client proves itself at the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = "client_secret_post" | "client_secret_basic";

export interface UserInfoOptions {
  /** The scopes the access token was granted; some providers need extra calls for some fields. */
  readonly scopes: readonly string[];
}

/**
 * A provider is a plain object made by a factory, one file per provider. The shared engine
 * (authorization, token, user, revoke) reads the fields and calls the hooks; every quirk of a
 * provider lives in its hooks.
 */
export interface OAuthProvider {
  readonly id: string;
  readonly name: string;
  readonly clientId: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** The provider's REST API base, when it has one. */
  readonly apiUrl: string | undefined;
  /** Scopes requested by default. */
  readonly scopes: readonly string[];
  /** Send an S256 PKCE challenge and verifier. */
  readonly pkce: boolean;
  readonly clientAuth: ClientAuthMethod;
  readonly clientSecret: Secret;
  readonly fetch?: typeof fetch | undefined;
  /** Milliseconds per request; default 10 000. */
  readonly timeout?: number | undefined;
  /**
   * Turns the token endpoint's answer into a `TokenSet`, or throws. Defaults to
   * `parseTokenResponse` (RFC 6749 §5).
   */
  readonly parseTokenResponse?: (status: number, body: unknown) => TokenSet;
  readonly fetchUser: (
    ctx: RequestContext,
    accessToken: string,
    options: UserInfoOptions,
  ) => Promise<UserInfo>;
  /** Absent when the provider cannot revoke tokens. */
  readonly revokeToken?: (ctx: RequestContext, token: string) => Promise<void>;
}
