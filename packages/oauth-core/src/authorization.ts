import { engineOf } from "./engine.js";
import { ArgumentError } from "./errors.js";
import { computeCodeChallenge, generateCodeVerifier } from "./pkce.js";
import type { Provider } from "./provider.js";
import { generateNonce, generateState } from "./random.js";
import { assertHttpUrl, assertScopes } from "./validate.js";

/** What {@link createAuthorizationRequest} needs besides the provider. */
export interface AuthorizationRequestOptions {
  /** Absolute http(s) URL; the token request must send the very same one. */
  redirectUri: string;
  /**
   * Replaces the provider's scopes for this request (default: the provider's `scopes`). For
   * an OpenID Connect provider it must include `"openid"`.
   */
  scopes?: readonly string[];
}

/**
 * A fresh authorization request: send the browser to `url`, and keep `state`, `codeVerifier`
 * and `nonce` server-side for this one login (a sealed, short-lived, `HttpOnly` cookie or a
 * server-side store keyed by `state`). Use them once.
 */
export interface AuthorizationRequest {
  /** Where to send the browser (an HTTP 302/303 redirect). */
  url: URL;
  /** Keep server-side (e.g. in a sealed cookie) and pass to `parseCallback`. */
  state: string;
  /** Keep server-side and pass to `exchangeCode`. */
  codeVerifier: string;
  /** OpenID Connect providers only: keep server-side and pass to `exchangeCode`. */
  nonce?: string;
}

/**
 * Builds the authorization URL with a fresh `state`, S256 PKCE when the provider takes it, and
 * a fresh `nonce` for OpenID Connect providers (each 256 random bits, base64url). Sends no
 * request.
 *
 * `codeVerifier` is always returned; for a provider without PKCE (LinkedIn) it is simply not
 * sent, and {@link exchangeCode} does not need it.
 *
 * @throws {@link ArgumentError} when `redirectUri` is not an absolute http(s) URL without a
 * fragment, a scope is invalid, an OpenID Connect provider's scopes lack `"openid"`, or
 * `provider` was not made by a factory.
 */
export async function createAuthorizationRequest(
  provider: Provider,
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  assertHttpUrl(options.redirectUri, "redirectUri");
  const scopes = options.scopes ?? provider.scopes;
  assertScopes(scopes, "scopes");
  if (provider.protocol === "oidc" && !scopes.includes("openid")) {
    // Without it the provider sends no id_token, and the code exchange would fail late.
    throw new ArgumentError("scopes", 'must include "openid" for an OpenID Connect provider');
  }
  engineOf(provider);
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const url = new URL(provider.endpoints.authorization);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", options.redirectUri);
  if (scopes.length > 0) url.searchParams.set("scope", scopes.join(" "));
  url.searchParams.set("state", state);
  if (provider.capabilities.pkce) {
    url.searchParams.set("code_challenge", await computeCodeChallenge(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  if (provider.protocol !== "oidc") return { url, state, codeVerifier };
  const nonce = generateNonce();
  url.searchParams.set("nonce", nonce);
  return { url, state, codeVerifier, nonce };
}
