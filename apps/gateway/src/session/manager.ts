import type { IncomingMessage, ServerResponse } from "node:http";
import type { NormalizedUser, TokenSet } from "@latchkey/oauth-core";
import { CookieTooLargeError, type SealedCookie } from "./sealed-cookie.js";
import { isReference, newSession, type SessionCookie, type SessionData } from "./session.js";
import type {
  RevocationStore,
  SessionDataStore,
  SessionRecord,
  SessionRegistry,
} from "./store-contract.js";
import { describeUserAgent } from "./user-agent.js";

/**
 * Where session bodies live: in the sealed cookie when they fit and on the server otherwise
 * (`auto`), always in the cookie (`cookie`: a session too large fails to start), or always on
 * the server (`server`: the cookie holds only a sealed reference).
 */
export type SessionStorage = "auto" | "cookie" | "server";

export interface SessionPolicy {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  storage: SessionStorage;
}

/** The server-side stores a session manager keeps its state in. */
export interface SessionStores {
  revocations: RevocationStore;
  sessions: SessionRegistry;
  sessionData: SessionDataStore;
}

/** What a sign-in knows besides the user and tokens. */
export interface SessionStart {
  /** Callback parameters the provider's token requests need again on refresh. */
  extraParams?: Record<string, string>;
  /** The browser's User-Agent header, summarised for the sessions page. */
  userAgent?: string | undefined;
  /** Keep the id_token, for a logout that ends the provider's session too. */
  keepIdToken?: boolean;
}

/**
 * Decides whether a session still counts, on every read, from the timestamps inside the seal
 * (never the cookie's Max-Age, which the client controls) and the revocation list. Every
 * session is also recorded in the registry, which is how a user's sessions are listed and a
 * provider's logout finds the sessions it ends.
 */
export class SessionManager {
  /** How stale `lastSeenAt` may get before a request moves it (re-seal, registry write). */
  private readonly touchIntervalMs: number;

  constructor(
    private readonly cookie: SealedCookie<SessionCookie>,
    private readonly stores: SessionStores,
    private readonly policy: SessionPolicy,
    private readonly now: () => number = Date.now,
  ) {
    // Moving the idle clock on every request would cost a seal, a Set-Cookie and a store
    // write each time; at most every few minutes ends an idle session at most that much early.
    this.touchIntervalMs = Math.min(5 * 60_000, (policy.idleTimeoutSeconds * 1000) / 10);
  }

  /**
   * The live session, or undefined. With `res`, an active session's idle clock is moved
   * forward when it has gone stale.
   */
  async read(req: IncomingMessage, res?: ServerResponse): Promise<SessionData | undefined> {
    const session = await this.open(req, true);
    if (!session) return undefined;
    const now = this.now();
    if (now - session.lastSeenAt > this.policy.idleTimeoutSeconds * 1000) return undefined;
    if (!session.storedOnServer && (await this.stores.revocations.isRevoked(session.sid))) {
      return undefined;
    }
    if (res && now - session.lastSeenAt >= this.touchIntervalMs) {
      const touched = { ...session, lastSeenAt: now };
      await Promise.all([this.write(res, touched), this.stores.sessions.touch(session.sid, now)]);
      return touched;
    }
    return session;
  }

  /**
   * Starts a brand-new session (new id) and records it. Throws `CookieTooLargeError` only when
   * the storage is `cookie` and the session does not fit.
   */
  async start(
    res: ServerResponse,
    provider: string,
    user: NormalizedUser,
    tokens: TokenSet,
    options: SessionStart = {},
  ): Promise<SessionData> {
    const session = newSession(
      provider,
      user,
      tokens,
      this.policy.absoluteTimeoutSeconds,
      this.now(),
      options.extraParams,
      options.keepIdToken,
    );
    const claims = tokens.idTokenClaims ?? {};
    // Recorded first: a session the registry does not know could not be listed or ended by
    // the provider's logout, so a store that cannot take it stops the sign-in.
    await this.stores.sessions.put({
      sid: session.sid,
      provider,
      userId: user.id,
      providerSid: typeof claims.sid === "string" ? claims.sid : undefined,
      subject: typeof claims.sub === "string" ? claims.sub : undefined,
      ...describeUserAgent(options.userAgent),
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
    });
    try {
      return await this.write(res, session);
    } catch (err) {
      // A session that never reached the browser must not be listed as one of its sessions.
      await this.stores.sessions.remove(session.sid).catch(() => {});
      throw err;
    }
  }

  /**
   * The session as it is, without the idle and revocation checks: logout must be able to end
   * a session even while the revocation store cannot be asked whether it already is.
   */
  peek(req: IncomingMessage): Promise<SessionData | undefined> {
    return this.open(req, false);
  }

  /** Ends a session for good: the cookie is cleared at once, then its id is revoked everywhere. */
  async end(res: ServerResponse, session: SessionData | undefined): Promise<void> {
    this.cookie.clear(res);
    if (session) await this.revoke(session);
  }

  /** A copy of this session's cookie is refused from now on, on every instance. */
  revoke(session: Pick<SessionData, "sid" | "expiresAt">): Promise<void> {
    return this.endById(session.sid, session.expiresAt);
  }

  /**
   * Ends a session known only by id (another device's, or one a provider's logout names):
   * revoked until it would have expired anyway, and its record and body forgotten. The
   * revocation is what refuses the cookie; a failure to forget is reported all the same.
   */
  async endById(sid: string, expiresAt: number): Promise<void> {
    const results = await Promise.allSettled([
      this.stores.revocations.revoke(sid, expiresAt),
      this.stores.sessions.remove(sid),
      this.stores.sessionData.delete(sid),
    ]);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** Re-seals a live session with a renewed token; its id and timestamps stay as they are. */
  replaceToken(
    res: ServerResponse,
    session: SessionData,
    token: SessionData["token"],
  ): Promise<SessionData> {
    return this.write(res, { ...session, token });
  }

  /** Clears the cookie only: for a request that has no live session to revoke. */
  clear(res: ServerResponse): void {
    this.cookie.clear(res);
  }

  /** This user's live sessions, newest first (revoked and idle ones left out). */
  async listFor(session: SessionData): Promise<SessionRecord[]> {
    const records = await this.stores.sessions.forUser(session.provider, session.user.id);
    const now = this.now();
    const idleMs = this.policy.idleTimeoutSeconds * 1000;
    const live = records.filter((r) => r.expiresAt > now && now - r.lastSeenAt <= idleMs);
    const revoked = await Promise.all(live.map((r) => this.stores.revocations.isRevoked(r.sid)));
    return live.filter((_, i) => !revoked[i]);
  }

  /**
   * The cookie's session, its body fetched from the store when the cookie holds a reference.
   * Past its absolute end it is nothing; `checkRevoked` refuses a revoked reference before its
   * body is read (a body is deleted with the session, but a revocation is what is replicated).
   */
  private async open(
    req: IncomingMessage,
    checkRevoked: boolean,
  ): Promise<SessionData | undefined> {
    const sealed = await this.cookie.read(req);
    if (!sealed || this.now() >= sealed.expiresAt) return undefined;
    if (!isReference(sealed)) return sealed;
    if (checkRevoked && (await this.stores.revocations.isRevoked(sealed.sid))) return undefined;
    const body = await this.stores.sessionData.get(sealed.sid);
    // The reference and the body must name the same session: a body is never read for another.
    if (!body || body.sid !== sealed.sid) return undefined;
    return { ...body, storedOnServer: true };
  }

  /**
   * Writes a session where it lives. `auto` tries the cookie first and moves the session to
   * the server the first time it does not fit; a session on the server stays there, and its
   * cookie (a reference that never changes) is written once.
   */
  private async write(res: ServerResponse, session: SessionData): Promise<SessionData> {
    const maxAge = Math.max(1, Math.floor((session.expiresAt - this.now()) / 1000));
    if (session.storedOnServer) {
      await this.stores.sessionData.set(session.sid, session);
      return session;
    }
    if (this.policy.storage !== "server") {
      try {
        await this.cookie.write(res, session, maxAge);
        return session;
      } catch (err) {
        if (!(err instanceof CookieTooLargeError) || this.policy.storage === "cookie") throw err;
      }
    }
    const stored: SessionData = { ...session, storedOnServer: true };
    await this.stores.sessionData.set(stored.sid, stored);
    await this.cookie.write(res, { v: 3, sid: stored.sid, expiresAt: stored.expiresAt }, maxAge);
    return stored;
  }
}
