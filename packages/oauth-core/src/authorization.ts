import { computeCodeChallenge, generateCodeVerifier } from "./pkce.js";
import type { OAuthProvider } from "./provider.js";
import { generateState } from "./random.js";
import { assertHttpUrl, assertScopes } from "./validate.js";

export interface AuthorizationRequestOptions {
  /** Absolute http(s) URL; the token request must send the very same one. */
  redirectUri: string;
  /** Replaces the provider's default scopes. */
  scopes?: readonly string[];
}

export interface AuthorizationRequest {
  /** Where to send the browser. */
  url: URL;
  /** Keep server-side (e.g. in a sealed cookie) and pass to `parseCallback`. */
  state: string;
  /** Keep server-side and pass to `exchangeCode`. */
  codeVerifier: string;
}

/** Builds the authorization URL with a fresh `state` and, when the provider takes it, S256 PKCE. */
export async function createAuthorizationRequest(
  provider: OAuthProvider,
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  assertHttpUrl(options.redirectUri, "redirectUri");
  const scopes = options.scopes ?? provider.scopes;
  assertScopes(scopes, "scopes");
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const url = new URL(provider.authorizationEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", options.redirectUri);
  if (scopes.length > 0) url.searchParams.set("scope", scopes.join(" "));
  url.searchParams.set("state", state);
  if (provider.pkce) {
    url.searchParams.set("code_challenge", await computeCodeChallenge(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  return { url, state, codeVerifier };
}
