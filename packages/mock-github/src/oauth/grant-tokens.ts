import type { MockContext } from "../context.js";
import type { Grant } from "../state.js";
import type { MockClient } from "../types.js";

/** GitHub App user tokens: eight hours, and refresh tokens of six months (184 days). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 28_800;
export const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS = 15_897_600;

export type TokenFields = Record<string, string | number>;

/**
 * What the token endpoint answers for a grant: an OAuth app's token that never expires, or,
 * for a client with `expiringTokens`, a GitHub App's expiring `ghu_` token with a `ghr_`
 * refresh token. A GitHub App's answer says `scope: ""` (its permissions are the app's); the
 * mock still lets the token do what the authorize request's scopes allow.
 */
export function grantTokens(context: MockContext, client: MockClient, grant: Grant): TokenFields {
  if (!client.expiringTokens) {
    return {
      access_token: context.state.issueToken(grant),
      token_type: "bearer",
      scope: grant.scopes.join(","),
    };
  }
  const lifetime = client.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const refreshLifetime =
    client.refreshTokenLifetimeSeconds ?? DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS;
  const now = context.state.now();
  return {
    access_token: context.state.issueToken(grant, now + lifetime * 1000),
    expires_in: lifetime,
    refresh_token: context.state.issueRefreshToken(grant, now + refreshLifetime * 1000),
    refresh_token_expires_in: refreshLifetime,
    token_type: "bearer",
    scope: "",
  };
}
