import { contextFor } from "./http.js";
import type { OAuthProvider } from "./provider.js";
import type { UserInfo } from "./types.js";
import { assertNonEmptyString } from "./validate.js";

export interface FetchUserOptions {
  /** The scopes granted with the token (`TokenSet.scopes`); defaults to the provider's scopes. */
  scopes?: readonly string[];
}

/** Asks the provider who the token belongs to, normalized. */
export async function fetchUser(
  provider: OAuthProvider,
  accessToken: string,
  options: FetchUserOptions = {},
): Promise<UserInfo> {
  assertNonEmptyString(accessToken, "accessToken");
  return provider.fetchUser(contextFor(provider), accessToken, {
    scopes: options.scopes ?? provider.scopes,
  });
}
