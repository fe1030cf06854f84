import { engineOf } from "./engine.js";
import { UnsupportedError } from "./errors.js";
import type { Provider } from "./provider.js";
import { assertHttpUrl, assertNonEmptyString } from "./validate.js";

/** What {@link endSessionUrl} tells the provider; every member is optional. */
export interface EndSessionOptions {
  /**
   * The id_token the provider issued at sign-in, sent as `id_token_hint`: it says whose session
   * to end, and most providers need it to skip asking the person "sign out?" and to honour
   * `postLogoutRedirectUri`.
   */
  idTokenHint?: string;
  /**
   * Where the provider sends the browser afterwards (`post_logout_redirect_uri`): an absolute
   * http(s) URL without a fragment, registered with the provider for this client.
   */
  postLogoutRedirectUri?: string;
  /** Sent back as `state` with the browser to `postLogoutRedirectUri`, for the caller to check. */
  state?: string;
}

/**
 * The URL that ends the person's session at the provider too (OpenID Connect RP-Initiated
 * Logout 1.0): the provider's `end_session_endpoint` with `client_id` and, when given,
 * `id_token_hint`, `post_logout_redirect_uri` and `state`; a query the endpoint already has is
 * kept. Send the browser there (a redirect or a top-level navigation, never `fetch`) after the
 * local session is gone and the tokens are revoked. Nothing is sent from here.
 *
 * @example
 * ```ts
 * if (provider.capabilities.endSession) {
 *   const url = endSessionUrl(provider, {
 *     idTokenHint: tokens.idToken,
 *     postLogoutRedirectUri: "https://app.example.com/signed-out",
 *   });
 *   return Response.redirect(url, 303);
 * }
 * ```
 *
 * @throws {@link UnsupportedError} when the provider has no end-session endpoint
 * (`provider.capabilities.endSession` is false: every plain OAuth 2.0 provider, and OpenID
 * Connect providers whose discovery lists none).
 * @throws {@link ArgumentError} when an option is an empty string, when
 * `postLogoutRedirectUri` is not an absolute http(s) URL without a fragment, or when `provider`
 * is not one a factory made.
 */
export function endSessionUrl(provider: Provider, options: EndSessionOptions = {}): URL {
  engineOf(provider);
  const { idTokenHint, postLogoutRedirectUri, state } = options;
  if (idTokenHint !== undefined) assertNonEmptyString(idTokenHint, "idTokenHint");
  if (postLogoutRedirectUri !== undefined) {
    assertHttpUrl(postLogoutRedirectUri, "postLogoutRedirectUri");
  }
  if (state !== undefined) assertNonEmptyString(state, "state");
  const endpoint = provider.endpoints.endSession;
  if (endpoint === undefined) {
    throw new UnsupportedError(`${provider.name} has no end-session endpoint`);
  }
  const url = new URL(endpoint);
  const params: [string, string | undefined][] = [
    ["id_token_hint", idTokenHint],
    ["client_id", provider.clientId],
    ["post_logout_redirect_uri", postLogoutRedirectUri],
    ["state", state],
  ];
  for (const [name, value] of params) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}
