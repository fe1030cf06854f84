import type { HttpResponse, RequestContext } from "./http.js";
import type { Secret } from "./secret.js";
import type { TokenSet, UserInfo } from "./types.js";

/** How the client proves itself at the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = "client_secret_post" | "client_secret_basic";

/**
 * What a provider's `fetchUser` hook gets besides the token; {@link fetchUser} fills it from
 * its {@link FetchUserOptions}.
 */
export interface UserInfoOptions {
  /** The scopes the access token was granted; some providers need extra calls for some fields. */
  readonly scopes: readonly string[];
  /** The id_token's `sub`, when there is one: the user info must be about the same subject. */
  readonly expectedSubject?: string | undefined;
}

/**
 * What a token response must prove, per grant, as passed to
 * {@link OAuthProvider.processTokenResponse} (an id_token's nonce only comes with a code).
 */
export type TokenChecks =
  | {
      /** A code exchange ({@link exchangeCode}). */
      readonly grant: "authorization_code";
      /** The transaction's nonce, which the id_token must carry (OpenID Connect). */
      readonly nonce?: string | undefined;
    }
  | {
      /** A refresh ({@link refreshTokens}): an id_token, if any, is checked without a nonce. */
      readonly grant: "refresh_token";
    };

/**
 * A provider is a plain, frozen object made by a factory ({@link github}, {@link oidc},
 * {@link oauth2}…), one file per provider. Pass it to the flow functions
 * ({@link createAuthorizationRequest}, {@link exchangeCode}, {@link fetchUser}…), which read
 * its fields and call its hooks; every quirk of a provider lives in its hooks. Make one per
 * client configuration and reuse it: OpenID Connect providers cache their discovery document
 * and keys on the object.
 *
 * The hooks are for provider implementations; applications call the flow functions instead.
 */
export interface OAuthProvider {
  /** Short id, e.g. `"github"`: also {@link NormalizedUser.provider}. */
  readonly id: string;
  /** Display name, e.g. `"GitHub"`, for "Sign in with …" buttons and error messages. */
  readonly name: string;
  /** The OAuth client id registered with the provider. */
  readonly clientId: string;
  /**
   * Where the browser is sent to sign in (without query parameters). For an OpenID Connect
   * provider it reads `""` until discovery has run; see {@link OAuthProvider.resolve}.
   */
  readonly authorizationEndpoint: string;
  /** Where codes and refresh tokens are redeemed; `""` before discovery, like the above. */
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
  /** How the client secret is sent to the token (and revocation) endpoint. */
  readonly clientAuth: ClientAuthMethod;
  /**
   * The client secret, wrapped so that logging or serializing the provider prints
   * `[redacted]`. Empty for a public client (`github()` without `clientSecret`).
   */
  readonly clientSecret: Secret;
  /**
   * The `fetch` every request goes through; default `globalThis.fetch`, looked up on each call.
   */
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
  /** Reads and normalizes the user the access token belongs to; see {@link fetchUser}. */
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

/**
 * The provider with its endpoints known: for an OpenID Connect provider, the one built from its
 * discovery document (fetched on the first call, then cached on the provider object; a failed
 * discovery is tried again on the next call); any other provider as it is. Every flow function
 * does this itself: call it only to read `authorizationEndpoint`, `tokenEndpoint` or `issuer`.
 *
 * @throws {@link ResponseError} when the discovery document is invalid or names another issuer.
 * @throws {@link NetworkError} or {@link TimeoutError} when discovery cannot be fetched.
 */
export async function resolveProvider(provider: OAuthProvider): Promise<OAuthProvider> {
  return provider.resolve ? provider.resolve() : provider;
}

/**
 * The provider ready for this callback's token request, and the context to keep with the
 * tokens (`{}` for the many providers that need none). A required parameter the callback
 * lacks is left out here; the provider's token endpoint will refuse the request.
 *
 * Only VK ID needs this today (its `device_id`), but calling it for every provider keeps a
 * server provider-agnostic:
 *
 * ```ts
 * const { code } = parseCallback(params, { expectedState: state });
 * const bound = bindCallbackContext(provider, params, state);
 * const tokens = await exchangeCode(bound.provider, { code, redirectUri, codeVerifier });
 * // keep bound.context with the tokens, then refresh with
 * // refreshTokens(withSavedContext(provider, context), tokens.refreshToken)
 * ```
 *
 * @param params - The callback's query parameters.
 * @param state - The login's `state`, for providers that send it again at the token endpoint.
 */
export function bindCallbackContext(
  provider: OAuthProvider,
  params: URLSearchParams,
  state?: string,
): {
  /** The provider to exchange the code with (the same object when no context is needed). */
  provider: OAuthProvider;
  /** The callback parameters to keep with the tokens, for {@link withSavedContext}. */
  context: Record<string, string>;
} {
  const names = provider.tokenRequestContext ?? [];
  const context: Record<string, string> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value) context[name] = value;
  }
  if (!provider.withContext || Object.keys(context).length === 0) return { provider, context };
  return { provider: provider.withContext(context, state), context };
}

/**
 * The provider bound to a context kept from the callback by {@link bindCallbackContext}, for a
 * refresh; the provider itself when the context is empty or absent, or the provider needs none.
 */
export function withSavedContext(
  provider: OAuthProvider,
  context: Readonly<Record<string, string>> | undefined,
): OAuthProvider {
  return context && provider.withContext && Object.keys(context).length > 0
    ? provider.withContext(context)
    : provider;
}
