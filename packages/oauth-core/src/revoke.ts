import { contextOf, engineOf } from "./engine.js";
import { ArgumentError, UnsupportedError } from "./errors.js";
import type { Provider, TokenType } from "./provider.js";
import { assertNonEmptyString } from "./validate.js";

/** What {@link revokeToken} revokes. */
export interface RevokeTokenOptions {
  /** Default `"access_token"`; sent as RFC 7009's `token_type_hint`. */
  tokenType?: TokenType;
}

/**
 * Revokes a token at the provider; a token that is already invalid counts as revoked. Sent
 * once: revocation is not an idempotent read. Some providers revoke more than the token:
 * Facebook deletes the app's permissions, GitHub revokes that token only. Whether a provider
 * can is `provider.capabilities.revoke`.
 *
 * Logging someone out should give back both: the refresh token first where the provider can
 * take it (`capabilities.revokeRefresh`; under RFC 7009 that ends the grant, and so every
 * token from it), then the access token.
 *
 * @param token - The token to revoke: the access token unless `tokenType` says otherwise.
 * @throws {@link UnsupportedError} when the provider cannot revoke (Bitbucket, Spotify,
 * Microsoft, Yandex for ordinary tokens, `oauth2()` without `revocationUrl`, an OpenID Connect
 * provider whose discovery lists no `revocation_endpoint`).
 * @throws {@link ProviderError} or {@link ResponseError} when the provider refuses.
 * @throws {@link NetworkError} or {@link TimeoutError} when no answer came.
 * @throws {@link UnsupportedError} for a refresh token where the provider cannot revoke one
 * (GitHub, Twitch, VK ID, Slack…: `capabilities.revokeRefresh` is false).
 * @throws {@link ArgumentError} when `token` is empty or `tokenType` is neither type.
 */
export async function revokeToken(
  provider: Provider,
  token: string,
  { tokenType = "access_token" }: RevokeTokenOptions = {},
): Promise<void> {
  assertNonEmptyString(token, "token");
  if (tokenType !== "access_token" && tokenType !== "refresh_token") {
    throw new ArgumentError("tokenType", 'must be "access_token" or "refresh_token"');
  }
  const { revokeToken: revoke } = engineOf(provider);
  if (!revoke) throw new UnsupportedError(`${provider.name} does not support token revocation`);
  if (tokenType === "refresh_token" && !provider.capabilities.revokeRefresh) {
    throw new UnsupportedError(`${provider.name} does not support revoking refresh tokens`);
  }
  await revoke(contextOf(provider), token, tokenType);
}
