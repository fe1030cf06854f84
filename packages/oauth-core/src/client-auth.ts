import { basicAuthorization, formEncode } from "./encoding.js";
import { postForm } from "./form.js";
import type { HttpResponse, RequestContext } from "./http.js";
import type { OAuthProvider } from "./provider.js";

/**
 * Adds the client's credentials to a form request (RFC 6749 §2.3.1) the way the provider
 * wants them; the token and revocation endpoints share it.
 */
export function addClientAuthentication(
  provider: OAuthProvider,
  body: URLSearchParams,
  headers: Record<string, string>,
): void {
  const secret = provider.clientSecret.reveal();
  if (provider.clientAuth === "client_secret_basic") {
    headers.Authorization = basicAuthorization(formEncode(provider.clientId), formEncode(secret));
  } else {
    body.set("client_id", provider.clientId);
    body.set("client_secret", secret);
  }
}

/** POSTs a form authenticated as the client; sent once, as token and revocation requests are. */
export function postFormAsClient(
  ctx: RequestContext,
  provider: OAuthProvider,
  url: string,
  body: URLSearchParams,
): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  addClientAuthentication(provider, body, headers);
  return postForm(ctx, url, body, { headers });
}
