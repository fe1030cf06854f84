import { postFormAsClient } from "./client-auth.js";
import { contextFor } from "./http.js";
import { type OAuthProvider, resolveProvider, type TokenChecks } from "./provider.js";
import { parseTokenResponse } from "./token-response.js";
import type { TokenSet } from "./types.js";
import { assertHttpUrl, assertNonEmptyString } from "./validate.js";

/** What {@link exchangeCode} sends besides the client's credentials. */
export interface ExchangeCodeOptions {
  /** The `code` that {@link parseCallback} returned. */
  code: string;
  /** The very redirect URI sent in the authorization request. */
  redirectUri: string;
  /**
   * The PKCE verifier from {@link createAuthorizationRequest}; required (non-empty) when the
   * provider uses PKCE, ignored otherwise.
   */
  codeVerifier: string;
  /** The `nonce` from `createAuthorizationRequest`; required by OpenID Connect providers. */
  nonce?: string | undefined;
}

/**
 * Redeems an authorization code for tokens at the provider's token endpoint. Sent once and
 * never retried, even on a network error or a timeout: a code is single use, and sending it
 * twice can make the provider revoke what the first request granted. On failure, start a new
 * login. For an OpenID Connect provider the id_token is validated (signature, `iss`, `aud`,
 * `exp`, `nonce`…) before anything is returned.
 *
 * @throws {@link ProviderError} when the provider refuses the code (`invalid_grant`: used,
 * expired, or a `redirectUri` or verifier that does not match) or the client
 * (`invalid_client`).
 * @throws {@link IdTokenError} when an OpenID Connect id_token is missing or fails a check.
 * @throws {@link ResponseError} on an unexpected status or a malformed token response.
 * @throws {@link NetworkError} or {@link TimeoutError} when no answer came.
 * @throws {@link ArgumentError} on an empty `code`, a bad `redirectUri`, an empty `codeVerifier`
 * with PKCE, or a missing `nonce` for an OpenID Connect provider.
 */
export async function exchangeCode(
  provider: OAuthProvider,
  options: ExchangeCodeOptions,
): Promise<TokenSet> {
  assertNonEmptyString(options.code, "code");
  assertHttpUrl(options.redirectUri, "redirectUri");
  // Without it, an id_token minted for another transaction would pass.
  if (provider.requiresNonce) assertNonEmptyString(options.nonce, "nonce");
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: options.code,
    redirect_uri: options.redirectUri,
  });
  if (provider.pkce) {
    assertNonEmptyString(options.codeVerifier, "codeVerifier");
    body.set("code_verifier", options.codeVerifier);
  }
  return requestTokens(provider, body, { grant: "authorization_code", nonce: options.nonce });
}

/**
 * Trades a refresh token for new tokens. Not retried either: providers that rotate refresh
 * tokens treat a second use as theft and revoke the whole grant. Store the returned
 * `refreshToken` when there is one; when the answer has none, keep using the old one.
 *
 * For a provider that needs callback context (VK ID), pass
 * `withSavedContext(provider, context)`.
 *
 * @throws {@link ProviderError} when the provider refuses the refresh token (`invalid_grant`:
 * expired or revoked, sign the person in again).
 * @throws {@link IdTokenError}, {@link ResponseError}, {@link NetworkError} or
 * {@link TimeoutError} as for {@link exchangeCode}.
 * @throws {@link ArgumentError} when `refreshToken` is empty.
 */
export async function refreshTokens(
  provider: OAuthProvider,
  refreshToken: string,
): Promise<TokenSet> {
  assertNonEmptyString(refreshToken, "refreshToken");
  return requestTokens(
    provider,
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
    { grant: "refresh_token" },
  );
}

async function requestTokens(
  provider: OAuthProvider,
  body: URLSearchParams,
  checks: TokenChecks,
): Promise<TokenSet> {
  const resolved = await resolveProvider(provider);
  const ctx = contextFor(resolved);
  // Sent exactly once: a code is single use, and a refresh token may rotate.
  const response = await postFormAsClient(ctx, resolved, resolved.tokenEndpoint, body);
  if (resolved.processTokenResponse) {
    return resolved.processTokenResponse(ctx, response, checks);
  }
  const parse = resolved.parseTokenResponse ?? parseTokenResponse;
  return parse(response.status, response.json());
}
