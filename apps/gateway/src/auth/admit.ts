import {
  type AccessPolicy,
  checkAccess,
  type Provider,
  type TokenSet,
  type UserInfo,
} from "@latchkey/oauth-core";

/**
 * Whether the provider's access lists let this person in. Claims come from the userinfo answer
 * and the id_token, the id_token's winning: it is signed, the userinfo answer is not. Some
 * providers put groups only in the userinfo answer, hence both.
 */
export async function admits(
  provider: Provider,
  policy: AccessPolicy,
  tokens: TokenSet,
  info: UserInfo,
): Promise<boolean> {
  const raw = isRecord(info.raw) ? info.raw : {};
  const decision = await checkAccess(
    provider,
    {
      accessToken: tokens.accessToken,
      user: info.user,
      claims: { ...raw, ...tokens.idTokenClaims },
    },
    policy,
  );
  return decision.allowed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
