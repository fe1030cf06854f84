import { contextOf, engineOf } from "./engine.js";
import { UnsupportedError } from "./errors.js";
import type { Provider } from "./provider.js";
import { assertNonEmptyString } from "./validate.js";

/**
 * Revokes a token at the provider; a token that is already invalid counts as revoked. Sent
 * once: revocation is not an idempotent read. Some providers revoke more than the token:
 * Facebook deletes the app's permissions, GitHub revokes that token only. Whether a provider
 * can is `provider.capabilities.revoke`.
 *
 * @param accessToken - The access token to revoke.
 * @throws {@link UnsupportedError} when the provider cannot revoke (Bitbucket, Spotify,
 * Microsoft, Yandex for ordinary tokens, `oauth2()` without `revocationUrl`, an OpenID Connect
 * provider whose discovery lists no `revocation_endpoint`).
 * @throws {@link ProviderError} or {@link ResponseError} when the provider refuses.
 * @throws {@link NetworkError} or {@link TimeoutError} when no answer came.
 * @throws {@link ArgumentError} when `accessToken` is empty.
 */
export async function revokeToken(provider: Provider, accessToken: string): Promise<void> {
  assertNonEmptyString(accessToken, "accessToken");
  const { revokeToken: revoke } = engineOf(provider);
  if (!revoke) throw new UnsupportedError(`${provider.name} does not support token revocation`);
  await revoke(contextOf(provider), accessToken);
}
