import type { IncomingMessage, ServerResponse } from "node:http";
import type { NormalizedUser, TokenSet } from "@latchkey/oauth-core";
import type { SealedCookie } from "./sealed-cookie.js";
import { newSession, type SessionData } from "./session.js";
import type { RevocationStore } from "./store-contract.js";

export interface SessionPolicy {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
}

/**
 * Sessions live in the sealed cookie; this decides whether one still counts. The checks
 * run on every read, from the timestamps inside the seal (never the cookie's Max-Age, which
 * the client controls) and the revocation list.
 */
export class SessionManager {
  /** How stale `lastSeenAt` may get before a request re-seals the cookie. */
  private readonly touchIntervalMs: number;

  constructor(
    private readonly cookie: SealedCookie<SessionData>,
    private readonly revocations: RevocationStore,
    private readonly policy: SessionPolicy,
    private readonly now: () => number = Date.now,
  ) {
    // Re-sealing on every request would cost a seal and a Set-Cookie each time; moving the
    // idle clock at most every few minutes ends an idle session at most that much early.
    this.touchIntervalMs = Math.min(5 * 60_000, (policy.idleTimeoutSeconds * 1000) / 10);
  }

  /**
   * The live session, or undefined. With `res`, an active session's idle clock is moved
   * forward when it has gone stale, by re-sealing the cookie.
   */
  async read(req: IncomingMessage, res?: ServerResponse): Promise<SessionData | undefined> {
    const session = await this.cookie.read(req);
    if (!session) return undefined;
    const now = this.now();
    if (now >= session.expiresAt) return undefined;
    if (now - session.lastSeenAt > this.policy.idleTimeoutSeconds * 1000) return undefined;
    if (await this.revocations.isRevoked(session.sid)) return undefined;
    if (res && now - session.lastSeenAt >= this.touchIntervalMs) {
      const touched = { ...session, lastSeenAt: now };
      await this.write(res, touched);
      return touched;
    }
    return session;
  }

  /** Starts a brand-new session (new id); throws `CookieTooLargeError` if it cannot fit. */
  async start(
    res: ServerResponse,
    provider: string,
    user: NormalizedUser,
    tokens: TokenSet,
    /** Callback parameters the provider's token requests need again on refresh. */
    extraParams: Record<string, string> = {},
  ): Promise<SessionData> {
    const session = newSession(
      provider,
      user,
      tokens,
      this.policy.absoluteTimeoutSeconds,
      this.now(),
      extraParams,
    );
    await this.write(res, session);
    return session;
  }

  /**
   * The sealed session as it is, without the liveness checks: logout must be able to revoke
   * a session even while the revocation store cannot be asked whether it already is.
   */
  peek(req: IncomingMessage): Promise<SessionData | undefined> {
    return this.cookie.read(req);
  }

  /** Ends a session for good: the cookie is cleared at once, then its id is revoked everywhere. */
  async end(res: ServerResponse, session: SessionData | undefined): Promise<void> {
    this.cookie.clear(res);
    if (session) await this.revoke(session);
  }

  /** A copy of this session's cookie is refused from now on, until it would have expired anyway. */
  async revoke(session: SessionData): Promise<void> {
    await this.revocations.revoke(session.sid, session.expiresAt);
  }

  /** Re-seals a live session with a renewed token; its id and timestamps stay as they are. */
  async replaceToken(
    res: ServerResponse,
    session: SessionData,
    token: SessionData["token"],
  ): Promise<SessionData> {
    const updated = { ...session, token };
    await this.write(res, updated);
    return updated;
  }

  /** Clears the cookie only: for a request that has no live session to revoke. */
  clear(res: ServerResponse): void {
    this.cookie.clear(res);
  }

  private async write(res: ServerResponse, session: SessionData): Promise<void> {
    const remainingSeconds = Math.max(1, Math.floor((session.expiresAt - this.now()) / 1000));
    await this.cookie.write(res, session, remainingSeconds);
  }
}
