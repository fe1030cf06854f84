import { contextFor } from "./http.js";
import { type OAuthProvider, resolveProvider } from "./provider.js";
import type { UserInfo } from "./types.js";
import { assertNonEmptyString } from "./validate.js";

export interface FetchUserOptions {
  /** The scopes granted with the token (`TokenSet.scopes`); defaults to the provider's scopes. */
  scopes?: readonly string[];
  /**
   * The id_token's subject (`TokenSet.idTokenClaims.sub`): OpenID Connect user info about
   * anyone else is refused.
   */
  expectedSubject?: string | undefined;
}

/** Asks the provider who the token belongs to, normalized. */
export async function fetchUser(
  provider: OAuthProvider,
  accessToken: string,
  options: FetchUserOptions = {},
): Promise<UserInfo> {
  assertNonEmptyString(accessToken, "accessToken");
  if (options.expectedSubject !== undefined) {
    assertNonEmptyString(options.expectedSubject, "expectedSubject");
  }
  const resolved = await resolveProvider(provider);
  return resolved.fetchUser(contextFor(resolved), accessToken, {
    scopes: options.scopes ?? resolved.scopes,
    expectedSubject: options.expectedSubject,
  });
}
