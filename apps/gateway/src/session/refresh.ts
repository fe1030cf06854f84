import { setTimeout as sleep } from "node:timers/promises";
import { type Provider, refreshTokens, type TokenSet } from "@latchkey/oauth-core";
import { GatewayError } from "../errors.js";
import type { SessionData } from "./session.js";
import {
  type RefreshOutcome,
  type RefreshStore,
  type StoredToken,
  StoreUnavailableError,
} from "./store-contract.js";

/** Refresh this long before expiry, so a token never dies in the middle of a proxied call. */
const EARLY_MS = 60_000;
/** A failed refresh is remembered this long: the session is revoked right after anyway. */
const FAILURE_MEMORY_MS = 60_000;

/** The configured providers by id, each made on first use (the gateway's provider registry). */
export type ProviderLookup = ReadonlyMap<string, { get(): Promise<Provider> }>;

/** The provider would not renew the session's access: the session is over (fail closed). */
export class RefreshFailedError extends GatewayError {
  readonly status = 401;
  readonly code = "session_expired";
  readonly expose = true;

  constructor(cause: unknown) {
    super("Your session has expired. Sign in again.", { cause });
  }
}

export interface RefreshOptions {
  /** The longest a refresh at the provider can take (its request timeout). */
  refreshTimeoutMs: number;
  /** How often an instance waiting for another's refresh looks for the outcome. */
  pollMs?: number;
  /** Told once per refresh this process makes (not per waiting request): metrics. */
  onRefresh?: (provider: string, outcome: "success" | "failure") => void;
}

/**
 * Keeps a session's access token fresh, once per session however many requests and gateway
 * instances ask. Providers rotate refresh tokens: two refreshes with the same one would end
 * the session, so
 * - within a process, concurrent requests share one refresh;
 * - across processes, a lock in the store picks one refresher; the others wait for the
 *   outcome it publishes (sealed, in Redis) and use that;
 * - the outcome stays published until the new token expires, so a request still carrying
 *   the cookie from before gets the new token, on any instance, instead of spending the dead
 *   refresh token.
 * If the lock holder dies, its lock expires and a waiter takes over. A failed refresh ends
 * the session (fail closed), for the waiters too: it is published as a failure.
 */
export class TokenRefresher {
  private readonly inFlight = new Map<string, Promise<StoredToken>>();
  private readonly lockTtlMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly providers: ProviderLookup,
    private readonly store: RefreshStore,
    private readonly options: RefreshOptions,
    private readonly now: () => number = Date.now,
  ) {
    // Long enough that a live holder never loses the lock mid-refresh.
    this.lockTtlMs = options.refreshTimeoutMs + 5_000;
    this.pollMs = options.pollMs ?? 50;
  }

  /** The token to use now: the session's own, a fresher one already fetched, or a new one. */
  async fresh(session: SessionData): Promise<StoredToken> {
    // The usual case costs no store round trip: a replaced access token stays valid until
    // its own expiry, only the refresh token behind it is spent.
    if (!this.needsRefresh(session.token)) return session.token;
    const published = await this.store.outcome(session.sid);
    const current = newest(session.token, published);
    if (!this.needsRefresh(current)) return current;
    if (published && "failed" in published) throw failedElsewhere();

    let pending = this.inFlight.get(session.sid);
    if (!pending) {
      pending = this.once(session, current).finally(() => this.inFlight.delete(session.sid));
      this.inFlight.set(session.sid, pending);
    }
    return pending;
  }

  private needsRefresh(token: StoredToken): boolean {
    return token.expiresAt !== undefined && token.expiresAt - EARLY_MS <= this.now();
  }

  /** Takes the lock and refreshes, or waits for whoever holds it. */
  private async once(session: SessionData, seen: StoredToken): Promise<StoredToken> {
    // Wall time, not `now`: tests move the date, and a wait must still end.
    const giveUpAt = performance.now() + 2 * this.lockTtlMs;
    for (;;) {
      const owner = await this.store.lock(session.sid, this.lockTtlMs);
      if (owner !== undefined) return this.whileLocked(session, seen, owner);
      await sleep(this.pollMs);
      const outcome = await this.store.outcome(session.sid);
      if (outcome && "failed" in outcome) throw failedElsewhere();
      const latest = newest(seen, outcome);
      if (!this.needsRefresh(latest)) return latest;
      if (performance.now() > giveUpAt) throw new StoreUnavailableError("refresh.wait");
    }
  }

  private async whileLocked(
    session: SessionData,
    seen: StoredToken,
    owner: string,
  ): Promise<StoredToken> {
    try {
      // Another instance may have finished between our first look and our lock.
      const outcome = await this.store.outcome(session.sid);
      if (outcome && "failed" in outcome) throw failedElsewhere();
      const current = newest(seen, outcome);
      if (!this.needsRefresh(current)) return current;
      let next: StoredToken;
      try {
        next = await this.refresh(session, current);
      } catch (err) {
        this.options.onRefresh?.(session.provider, "failure");
        await this.publish(session, { failed: true }, this.now() + FAILURE_MEMORY_MS);
        throw err;
      }
      this.options.onRefresh?.(session.provider, "success");
      await this.publish(session, { token: next }, next.expiresAt ?? session.expiresAt);
      return next;
    } finally {
      // If this fails the lock simply expires.
      await this.store.unlock(session.sid, owner).catch(() => {});
    }
  }

  /**
   * Best effort: when the store cannot take it, this request still gets the new token and
   * re-seals it into the cookie, the one place the rotated refresh token then survives.
   */
  private async publish(session: SessionData, outcome: RefreshOutcome, untilMs: number) {
    await this.store.publish(session.sid, outcome, untilMs).catch(() => {});
  }

  private async refresh(session: SessionData, token: StoredToken): Promise<StoredToken> {
    const slot = this.providers.get(session.provider);
    const usable =
      token.refreshToken !== undefined &&
      (token.refreshTokenExpiresAt === undefined || token.refreshTokenExpiresAt > this.now());
    if (!slot || !usable) throw new RefreshFailedError(new Error("no usable refresh token"));
    let next: TokenSet;
    try {
      next = await refreshTokens(await slot.get(), token.refreshToken as string, {
        ...(token.extraParams && { extraParams: token.extraParams }),
      });
    } catch (err) {
      throw new RefreshFailedError(err);
    }
    return {
      accessToken: next.accessToken,
      tokenType: next.tokenType,
      // Some providers omit scope on refresh: the grant is unchanged then.
      scopes: next.scopes.length > 0 ? [...next.scopes] : token.scopes,
      ...(next.expiresAt !== undefined && { expiresAt: next.expiresAt }),
      // Providers that do not rotate keep the old refresh token valid.
      ...((next.refreshToken ?? token.refreshToken) !== undefined && {
        refreshToken: next.refreshToken ?? token.refreshToken,
      }),
      ...((next.refreshTokenExpiresAt ?? token.refreshTokenExpiresAt) !== undefined && {
        refreshTokenExpiresAt: next.refreshTokenExpiresAt ?? token.refreshTokenExpiresAt,
      }),
      ...(token.extraParams && { extraParams: token.extraParams }),
      // Kept only by sessions that send it back at logout: the newest one when the provider
      // sent one (OIDC Core §12.2), else the one from sign-in, which still names the session.
      ...(token.idToken !== undefined && { idToken: next.idToken ?? token.idToken }),
    };
  }
}

/** Another request (here or on another instance) tried this session's refresh, and it failed. */
function failedElsewhere(): RefreshFailedError {
  return new RefreshFailedError(new Error("the session's refresh failed on another request"));
}

/** The token that lasts longer: a published one replaces the cookie's only if it is newer. */
function newest(token: StoredToken, outcome: RefreshOutcome | undefined): StoredToken {
  if (!outcome || "failed" in outcome) return token;
  return (outcome.token.expiresAt ?? 0) > (token.expiresAt ?? 0) ? outcome.token : token;
}
