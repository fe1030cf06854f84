import { credentialsOf, postFormAsClient } from "./client-auth.js";
import { engineOf, processTokenResponse, type TokenChecks } from "./engine.js";
import { ArgumentError } from "./errors.js";
import { contextFor } from "./http.js";
import type { Provider } from "./provider.js";
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
  /**
   * More parameters for the token request: the callback's {@link Provider.tokenParams} (VK ID's
   * `device_id`). Keep them with the tokens for {@link refreshTokens}.
   */
  extraParams?: Readonly<Record<string, string>> | undefined;
}

/** What {@link refreshTokens} sends besides the refresh token. */
export interface RefreshTokensOptions {
  /** The `extraParams` the code was exchanged with, when the provider has `tokenParams`. */
  extraParams?: Readonly<Record<string, string>> | undefined;
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
 * with PKCE, a missing `nonce` for an OpenID Connect provider, or `extraParams` that are not
 * strings or name a parameter of the request itself.
 */
export async function exchangeCode(
  provider: Provider,
  options: ExchangeCodeOptions,
): Promise<TokenSet> {
  assertNonEmptyString(options.code, "code");
  assertHttpUrl(options.redirectUri, "redirectUri");
  if (provider.protocol === "oidc") assertNonEmptyString(options.nonce, "nonce");
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: options.code,
    redirect_uri: options.redirectUri,
  });
  if (provider.capabilities.pkce) {
    assertNonEmptyString(options.codeVerifier, "codeVerifier");
    body.set("code_verifier", options.codeVerifier);
  }
  return requestTokens(provider, body, options.extraParams, {
    grant: "authorization_code",
    nonce: options.nonce,
  });
}

/**
 * Trades a refresh token for new tokens. Not retried either: providers that rotate refresh
 * tokens treat a second use as theft and revoke the whole grant. Store the returned
 * `refreshToken` when there is one; when the answer has none, keep using the old one.
 *
 * @throws {@link ProviderError} when the provider refuses the refresh token (`invalid_grant`:
 * expired or revoked, sign the person in again).
 * @throws {@link IdTokenError}, {@link ResponseError}, {@link NetworkError} or
 * {@link TimeoutError} as for {@link exchangeCode}.
 * @throws {@link ArgumentError} when `refreshToken` is empty, or `extraParams` as for
 * {@link exchangeCode}.
 */
export async function refreshTokens(
  provider: Provider,
  refreshToken: string,
  options: RefreshTokensOptions = {},
): Promise<TokenSet> {
  assertNonEmptyString(refreshToken, "refreshToken");
  return requestTokens(
    provider,
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
    options.extraParams,
    { grant: "refresh_token" },
  );
}

/** Parameters the request sets itself, or that carry the client's credentials. */
const RESERVED = new Set([
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "client_id",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
  "scope",
]);

function addExtraParams(body: URLSearchParams, extra: unknown): void {
  if (extra === undefined) return;
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
    throw new ArgumentError("extraParams", "must be an object of strings");
  }
  for (const [name, value] of Object.entries(extra)) {
    if (RESERVED.has(name)) {
      throw new ArgumentError("extraParams", `must not set "${name}", which the request sets`);
    }
    if (typeof value !== "string") {
      throw new ArgumentError("extraParams", `"${name}" must be a string`);
    }
    body.set(name, value);
  }
}

async function requestTokens(
  provider: Provider,
  body: URLSearchParams,
  extraParams: unknown,
  checks: TokenChecks,
): Promise<TokenSet> {
  const engine = engineOf(provider);
  addExtraParams(body, extraParams);
  for (const [name, value] of Object.entries(engine.tokenRequestParams?.() ?? {})) {
    if (!body.has(name)) body.set(name, value);
  }
  const ctx = contextFor(engine.settings);
  const client = credentialsOf(provider);
  const response = await postFormAsClient(ctx, client, provider.endpoints.token, body);
  return processTokenResponse(engine, ctx, response, checks);
}
