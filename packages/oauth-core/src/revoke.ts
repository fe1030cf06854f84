import { UnsupportedError } from "./errors.js";
import { contextFor } from "./http.js";
import type { OAuthProvider } from "./provider.js";
import { assertNonEmptyString } from "./validate.js";

/** Revokes a token at the provider; a token that is already invalid counts as revoked. */
export async function revokeToken(provider: OAuthProvider, accessToken: string): Promise<void> {
  assertNonEmptyString(accessToken, "accessToken");
  if (!provider.revokeToken) {
    throw new UnsupportedError(`${provider.name} does not support token revocation`);
  }
  await provider.revokeToken(contextFor(provider), accessToken);
}
