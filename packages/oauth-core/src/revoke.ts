import { UnsupportedError } from "./errors.js";
import { contextFor } from "./http.js";
import { type OAuthProvider, resolveProvider } from "./provider.js";
import { assertNonEmptyString } from "./validate.js";

/**
 * Revokes a token at the provider; a token that is already invalid counts as revoked. Sent
 * once: revocation is not an idempotent read.
 */
export async function revokeToken(provider: OAuthProvider, accessToken: string): Promise<void> {
  assertNonEmptyString(accessToken, "accessToken");
  const resolved = await resolveProvider(provider);
  if (!resolved.revokeToken) {
    throw new UnsupportedError(`${resolved.name} does not support token revocation`);
  }
  await resolved.revokeToken(contextFor(resolved), accessToken);
}
