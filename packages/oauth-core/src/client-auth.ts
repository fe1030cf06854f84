import { basicAuthorization, formEncode } from "./encoding.js";
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
