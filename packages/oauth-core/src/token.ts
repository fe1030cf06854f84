import { addClientAuthentication } from "./client-auth.js";
import { contextFor, sendRequest } from "./http.js";
import { type OAuthProvider, resolveProvider, type TokenChecks } from "./provider.js";
import { parseTokenResponse } from "./token-response.js";
import type { TokenSet } from "./types.js";
import { assertHttpUrl, assertNonEmptyString } from "./validate.js";

export interface ExchangeCodeOptions {
  code: string;
  /** The very redirect URI sent in the authorization request. */
  redirectUri: string;
  codeVerifier: string;
  /** The `nonce` from `createAuthorizationRequest`; required by OpenID Connect providers. */
  nonce?: string | undefined;
}

/** Redeems an authorization code. Sent once and never retried: a code is single use. */
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
 * tokens treat a second use as theft and revoke the whole grant.
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
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  addClientAuthentication(resolved, body, headers);
  // No `retry`: the request is sent exactly once.
  const response = await sendRequest(resolved, resolved.tokenEndpoint, {
    method: "POST",
    headers,
    body: body.toString(),
  });
  if (resolved.processTokenResponse) {
    return resolved.processTokenResponse(contextFor(resolved), response, checks);
  }
  const parse = resolved.parseTokenResponse ?? parseTokenResponse;
  return parse(response.status, response.json());
}
