import { revokeToken } from "@latchkey/oauth-core";
import type { Logger } from "pino";
import { within } from "../deadline.js";
import { describeError } from "../describe-error.js";
import type { SessionManager } from "../session/manager.js";
import type { SessionData } from "../session/session.js";
import type { ProviderRegistry, ProviderSlot } from "./providers.js";

export interface SignOutDeps {
  sessions: SessionManager;
  providers: ProviderRegistry;
  revokeTimeoutMs: number;
}

/**
 * Ends the browser's own session, whose cookie the caller has cleared: the session is revoked
 * on every instance and its tokens given back to the provider, side by side. The provider's
 * revocation is bounded and only logged on failure; a store failure is thrown (a 503), since
 * a logout that did not revoke would leave copies of the cookie alive.
 */
export async function signOut(
  deps: SignOutDeps,
  session: SessionData,
  logger: Logger,
): Promise<void> {
  const [revoked] = await Promise.allSettled([
    deps.sessions.revoke(session),
    revokeBestEffort(
      session.token,
      deps.providers.get(session.provider),
      deps.revokeTimeoutMs,
      logger,
    ),
  ]);
  if (revoked.status === "rejected") throw revoked.reason;
}

/**
 * Gives back what a session held: its refresh token where the provider can take one (under
 * RFC 7009 that ends the grant, so no token from it lives on at the provider) and its access
 * token. Logout must not hang on the provider: both within one bound (discovery included,
 * when the provider is not made yet), and logged (not failed) on error.
 */
export async function revokeBestEffort(
  tokens: { accessToken: string; refreshToken?: string | undefined },
  provider: ProviderSlot | undefined,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  if (!provider) return;
  const revoke = async () => {
    const made = await provider.get();
    // Nothing to give back where the provider cannot take tokens back.
    if (!made.capabilities.revoke) return;
    const { refreshToken } = tokens;
    // Side by side, each sent whatever becomes of the other (a failure is logged below).
    await Promise.all([
      refreshToken && made.capabilities.revokeRefresh
        ? revokeToken(made, refreshToken, { tokenType: "refresh_token" })
        : undefined,
      revokeToken(made, tokens.accessToken),
    ]);
  };
  try {
    const outcome = await within(revoke(), timeoutMs);
    if (!outcome.settled) logger.warn({ provider: provider.id }, "token revocation timed out");
  } catch (err) {
    logger.warn({ provider: provider.id, err: describeError(err) }, "token revocation failed");
  }
}
