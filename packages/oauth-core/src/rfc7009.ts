import { type ClientCredentials, postFormAsClient } from "./client-auth.js";
import type { RequestContext } from "./http.js";
import type { TokenType } from "./provider.js";
import { revocationError } from "./provider-errors.js";

/**
 * RFC 7009 token revocation, which OAuth 2.0 providers share whether or not they speak OpenID
 * Connect: POST the token, authenticated as the client; sent once.
 */
export async function revokeTokenRfc7009(
  ctx: RequestContext,
  client: ClientCredentials,
  revocationEndpoint: string,
  token: string,
  tokenType: TokenType = "access_token",
): Promise<void> {
  const body = new URLSearchParams({ token, token_type_hint: tokenType });
  const response = await postFormAsClient(ctx, client, revocationEndpoint, body);
  // RFC 7009 §2.2: 200 also for a token that was already invalid.
  if (response.status === 200) return;
  throw revocationError(response);
}
