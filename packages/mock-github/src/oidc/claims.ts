import { avatarUrl } from "../api/shapes.js";
import type { MockContext } from "../context.js";
import { base64Url, digest } from "../random.js";
import type { SeedAccount } from "../types.js";
import type { OidcGrant } from "./store.js";

/** The scopes the provider knows; anything else is invalid_scope, as on a real provider. */
export const OIDC_SCOPES = ["openid", "profile", "email"] as const;

export const OIDC_CLAIMS = [
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "at_hash",
  "name",
  "picture",
  "preferred_username",
  "email",
  "email_verified",
] as const;

/** Stable per account, as a provider's subject is: the account's numeric id. */
export function subjectOf(account: SeedAccount): string {
  return String(account.id);
}

/**
 * What the provider says about a user, by scope (OIDC Core §5.4): `profile` gives the name,
 * picture and login, `email` the primary address and whether it is verified. Claims with no
 * value are left out rather than null.
 */
export function userClaims(
  context: MockContext,
  account: SeedAccount,
  scopes: readonly string[],
): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: subjectOf(account) };
  if (scopes.includes("profile")) {
    if (account.name !== null) claims.name = account.name;
    claims.picture = avatarUrl(context, account.id);
    claims.preferred_username = account.login;
  }
  const email = account.emails.find((entry) => entry.primary) ?? account.emails[0];
  if (scopes.includes("email") && email) {
    claims.email = email.email;
    claims.email_verified = email.verified;
  }
  return claims;
}

/** OIDC Core §3.1.3.6: the left half of the access token's SHA-256, base64url. */
async function accessTokenHash(accessToken: string): Promise<string> {
  return base64Url((await digest("SHA-256", accessToken)).slice(0, 16));
}

/** A signed id_token for `grant`; `nonce` only with a code, never on refresh. */
export async function signIdToken(
  context: MockContext,
  account: SeedAccount,
  grant: OidcGrant,
  options: { accessToken: string; lifetimeSeconds: number; nonce: string | undefined },
): Promise<string> {
  const iat = Math.floor(context.state.now() / 1000);
  const { sub, ...profile } = userClaims(context, account, grant.scopes);
  return context.oidc.keys.sign({
    iss: context.oidc.issuer,
    sub,
    aud: grant.clientId,
    iat,
    exp: iat + options.lifetimeSeconds,
    auth_time: grant.authTime,
    ...(options.nonce !== undefined && { nonce: options.nonce }),
    at_hash: await accessTokenHash(options.accessToken),
    ...profile,
  });
}
