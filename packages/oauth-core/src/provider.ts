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
   * Callback parameters besides `code` and `state` that this provider's token requests need
   * (VK ID's `device_id`). The caller keeps them with the tokens, for refreshes too.
   */
  readonly tokenRequestContext?: readonly string[];
  /** The provider with that context bound into its token requests (and the callback's state). */
  readonly withContext?: (
    context: Readonly<Record<string, string>>,
    state?: string,
  ) => OAuthProvider;
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

/**
 * The provider ready for this callback's token request, and the context to keep with the
 * tokens (`{}` for the many providers that need none). A required parameter the callback
 * lacks is left out here; the provider's token endpoint will refuse the request.
 */
export function bindCallbackContext(
  provider: OAuthProvider,
  params: URLSearchParams,
  state?: string,
): { provider: OAuthProvider; context: Record<string, string> } {
  const names = provider.tokenRequestContext ?? [];
  const context: Record<string, string> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value) context[name] = value;
  }
  if (!provider.withContext || Object.keys(context).length === 0) return { provider, context };
  return { provider: provider.withContext(context, state), context };
}

/** The provider bound to a context kept from the callback, for a refresh. */
export function withSavedContext(
  provider: OAuthProvider,
  context: Readonly<Record<string, string>> | undefined,
): OAuthProvider {
  return context && provider.withContext && Object.keys(context).length > 0
    ? provider.withContext(context)
    : provider;
}
