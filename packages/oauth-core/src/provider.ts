import type { HttpResponse, RequestContext } from "./http.js";
import type { Secret } from "./secret.js";
import type { TokenSet, UserInfo } from "./types.js";

/** How the client proves itself at the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = "client_secret_post" | "client_secret_basic";

export interface UserInfoOptions {
  /** The scopes the access token was granted; some providers need extra calls for some fields. */
  readonly scopes: readonly string[];
  /** The id_token's `sub`, when there is one: the user info must be about the same subject. */
  readonly expectedSubject?: string | undefined;
}

/** What a token response must prove, per grant (an id_token's nonce only comes with a code). */
export type TokenChecks =
  | { readonly grant: "authorization_code"; readonly nonce?: string | undefined }
  | { readonly grant: "refresh_token" };

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
  /** RFC 8628 device authorization endpoint; absent when the provider has no device flow. */
  readonly deviceAuthorizationEndpoint?: string | undefined;
  /** The provider's REST API base, when it has one. */
  readonly apiUrl: string | undefined;
  /** Scopes requested by default. */
  readonly scopes: readonly string[];
  /** Send an S256 PKCE challenge and verifier. */
  readonly pkce: boolean;
  /**
   * OpenID Connect: send a fresh `nonce` with every authorization request; `exchangeCode` then
   * requires it and the id_token must carry it.
   */
  readonly requiresNonce?: boolean | undefined;
  /** The issuer identifier (RFC 8414 / RFC 9207), when the provider has one. */
  readonly issuer?: string | undefined;
  /** The provider puts `iss` in every authorization response (RFC 9207), so one without is refused. */
  readonly requiresIssuerParameter?: boolean | undefined;
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
  /**
   * Replaces `parseTokenResponse` when checking the answer needs more requests (an id_token's
   * signature needs the issuer's keys).
   */
  readonly processTokenResponse?: (
    ctx: RequestContext,
    response: HttpResponse,
    checks: TokenChecks,
  ) => Promise<TokenSet>;
  readonly fetchUser: (
    ctx: RequestContext,
    accessToken: string,
    options: UserInfoOptions,
  ) => Promise<UserInfo>;
  /** Absent when the provider cannot revoke tokens. */
  readonly revokeToken?: (ctx: RequestContext, token: string) => Promise<void>;
  /**
   * Present when the endpoints are known only after an asynchronous step (OIDC discovery):
   * answers the same provider with every field and hook final. The engine awaits it before
   * each operation; GitHub's endpoints are constants, so it has none.
   */
  readonly resolve?: () => Promise<OAuthProvider>;
}

/** The provider with its endpoints known. */
export async function resolveProvider(provider: OAuthProvider): Promise<OAuthProvider> {
  return provider.resolve ? provider.resolve() : provider;
}
