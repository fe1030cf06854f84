import {
  type OAuthProvider,
  refreshTokens,
  type TokenSet,
  withSavedContext,
} from "@latchkey/oauth-core";
import type { SessionData } from "./session.js";

type StoredToken = SessionData["token"];

/** Refresh this long before expiry, so a token never dies in the middle of a proxied call. */
const EARLY_MS = 60_000;

export class RefreshFailedError extends Error {
  readonly code = "session_expired";
  constructor(override readonly cause: unknown) {
    super("The session's access could not be renewed; sign in again.");
    this.name = "RefreshFailedError";
  }
}

/**
 * Keeps a session's access token fresh. Per session id, one refresh at a time: concurrent
 * requests wait for the same one. The result is kept until the new token's own expiry,
 * because providers rotate refresh tokens: a request that still carries the old cookie must
 * get the new token, not spend the old (now dead) refresh token and end the session.
 */
export class TokenRefresher {
  private readonly inFlight = new Map<string, Promise<StoredToken>>();
  private readonly latest = new Map<string, StoredToken>();

  constructor(
    private readonly providers: ReadonlyMap<string, OAuthProvider>,
    private readonly now: () => number = Date.now,
    /** Told once per refresh (not per waiting request): metrics. */
    private readonly onRefresh?: (provider: string, outcome: "success" | "failure") => void,
  ) {}

  /** The token to use now: the session's own, a fresher one already fetched, or a new one. */
  async fresh(session: SessionData): Promise<StoredToken> {
    const newer = this.latest.get(session.sid);
    const current =
      newer && (newer.expiresAt ?? 0) > (session.token.expiresAt ?? 0) ? newer : session.token;
    if (!this.needsRefresh(current)) return current;

    let pending = this.inFlight.get(session.sid);
    if (!pending) {
      pending = this.refresh(session, current).finally(() => this.inFlight.delete(session.sid));
      this.inFlight.set(session.sid, pending);
      pending.then(
        () => this.onRefresh?.(session.provider, "success"),
        () => this.onRefresh?.(session.provider, "failure"),
      );
    }
    return pending;
  }

  private needsRefresh(token: StoredToken): boolean {
    return token.expiresAt !== undefined && token.expiresAt - EARLY_MS <= this.now();
  }

  private async refresh(session: SessionData, token: StoredToken): Promise<StoredToken> {
    const provider = this.providers.get(session.provider);
    const usable =
      token.refreshToken !== undefined &&
      (token.refreshTokenExpiresAt === undefined || token.refreshTokenExpiresAt > this.now());
    if (!provider || !usable) throw new RefreshFailedError(new Error("no usable refresh token"));
    let next: TokenSet;
    try {
      next = await refreshTokens(
        withSavedContext(provider, token.context),
        token.refreshToken as string,
      );
    } catch (err) {
      throw new RefreshFailedError(err);
    }
    const stored: StoredToken = {
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
      ...(token.context && { context: token.context }),
    };
    this.remember(session.sid, stored);
    return stored;
  }

  private remember(sid: string, token: StoredToken): void {
    this.latest.set(sid, token);
    // Bounded: an entry is useless once its token has expired.
    const now = this.now();
    for (const [key, value] of this.latest) {
      if ((value.expiresAt ?? 0) <= now) this.latest.delete(key);
    }
  }
}
