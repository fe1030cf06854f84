import { basicAuthorization, formEncode } from "./encoding.js";
import { sendRequest } from "./http.js";
import type { OAuthProvider } from "./provider.js";
import { parseTokenResponse } from "./token-response.js";
import type { TokenSet } from "./types.js";
import { assertHttpUrl, assertNonEmptyString } from "./validate.js";

export interface ExchangeCodeOptions {
  code: string;
  /** The very redirect URI sent in the authorization request. */
  redirectUri: string;
  codeVerifier: string;
}

/** Redeems an authorization code. Sent once and never retried: a code is single use. */
export async function exchangeCode(
  provider: OAuthProvider,
  options: ExchangeCodeOptions,
): Promise<TokenSet> {
  assertNonEmptyString(options.code, "code");
  assertHttpUrl(options.redirectUri, "redirectUri");
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: options.code,
    redirect_uri: options.redirectUri,
  });
  if (provider.pkce) {
    assertNonEmptyString(options.codeVerifier, "codeVerifier");
    body.set("code_verifier", options.codeVerifier);
  }
  return requestTokens(provider, body);
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
  );
}

async function requestTokens(provider: OAuthProvider, body: URLSearchParams): Promise<TokenSet> {
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  const secret = provider.clientSecret.reveal();
  if (provider.clientAuth === "client_secret_basic") {
    headers.Authorization = basicAuthorization(formEncode(provider.clientId), formEncode(secret));
  } else {
    body.set("client_id", provider.clientId);
    body.set("client_secret", secret);
  }
  const response = await sendRequest(provider, provider.tokenEndpoint, {
    method: "POST",
    headers,
    body: body.toString(),
  });
  const parse = provider.parseTokenResponse ?? parseTokenResponse;
  return parse(response.status, response.json());
}
