import { basicAuthorization, formEncode } from "./encoding.js";
import { engineOf } from "./engine.js";
import { postForm } from "./form.js";
import type { HttpResponse, RequestContext } from "./http.js";
import type { ClientAuthMethod, Provider } from "./provider.js";
import type { Secret } from "./secret.js";

/** What a confidential client proves itself with, and how it sends it. */
export interface ClientCredentials {
  readonly clientId: string;
  /** Empty for a public client (GitHub's device flow without a secret). */
  readonly clientSecret: Secret;
  readonly clientAuth: ClientAuthMethod;
}

/** The credentials a provider was made with. */
export function credentialsOf(provider: Provider): ClientCredentials {
  const { clientSecret, clientAuth } = engineOf(provider);
  return { clientId: provider.clientId, clientSecret, clientAuth };
}

/**
 * Adds the client's credentials to a token-endpoint request (RFC 6749 §2.3.1): HTTP Basic with
 * both parts form-encoded first, or `client_id` and `client_secret` in the body.
 */
export function addClientAuthentication(
  client: ClientCredentials,
  body: URLSearchParams,
  headers: Record<string, string>,
): void {
  const secret = client.clientSecret.reveal();
  if (client.clientAuth === "client_secret_basic") {
    headers.Authorization = basicAuthorization(formEncode(client.clientId), formEncode(secret));
  } else {
    body.set("client_id", client.clientId);
    body.set("client_secret", secret);
  }
}

/** POSTs a form to one of the provider's endpoints as the client. Sent once, never retried. */
export function postFormAsClient(
  ctx: RequestContext,
  client: ClientCredentials,
  url: string,
  body: URLSearchParams,
): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  addClientAuthentication(client, body, headers);
  return postForm(ctx, url, body, { headers });
}
