import { contextOf, engineOf } from "./engine.js";
import type { Provider } from "./provider.js";
import type { UserInfo } from "./types.js";
import { assertNonEmptyString } from "./validate.js";

/** What {@link fetchUser} should know about the token. */
export interface FetchUserOptions {
  /** The scopes granted with the token (`TokenSet.scopes`); defaults to the provider's scopes. */
  scopes?: readonly string[];
  /**
   * The id_token's subject (`TokenSet.idTokenClaims.sub`): OpenID Connect user info about
   * anyone else is refused.
   */
  expectedSubject?: string | undefined;
}

/**
 * Asks the provider who the token belongs to, normalized to one shape for every provider. An
 * idempotent read: network errors and 502/503/504 answers are retried (at most twice) within
 * the provider's timeout.
 *
 * Pass the granted scopes: GitHub, for one, reads the private email address only when the
 * token has `user:email` (or `user`). For OpenID Connect, pass the id_token's `sub` as
 * `expectedSubject`.
 *
 * @throws {@link ResponseError} with status 401 when the provider rejected the token; on
 * another unexpected status or a malformed answer; or when OpenID Connect user info is about
 * another subject than `expectedSubject`.
 * @throws {@link ProviderError} when the provider states an error of its own.
 * @throws {@link UnsupportedError} when an OpenID Connect provider has no userinfo endpoint.
 * @throws {@link NetworkError} or {@link TimeoutError} when no answer came.
 * @throws {@link ArgumentError} when `accessToken` or `expectedSubject` is empty.
 */
export async function fetchUser(
  provider: Provider,
  accessToken: string,
  options: FetchUserOptions = {},
): Promise<UserInfo> {
  assertNonEmptyString(accessToken, "accessToken");
  if (options.expectedSubject !== undefined) {
    assertNonEmptyString(options.expectedSubject, "expectedSubject");
  }
  return engineOf(provider).fetchUser(contextOf(provider), accessToken, {
    scopes: options.scopes ?? provider.scopes,
    expectedSubject: options.expectedSubject,
  });
}
