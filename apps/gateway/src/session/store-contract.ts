import type { NormalizedUser } from "@latchkey/oauth-core";
import { GatewayError } from "../errors.js";
import type { SessionData } from "./session.js";

/** A session's token set, as the sealed cookie holds it. */
export type StoredToken = SessionData["token"];

/**
 * A store did not answer in time or failed: the request cannot be decided safely, so it is
 * refused with a 503 the client may retry, never let through.
 */
export class StoreUnavailableError extends GatewayError {
  readonly status = 503;
  readonly code = "store_unavailable";
  readonly expose = false;
  override readonly headers = { "Retry-After": "1" };

  constructor(
    readonly operation: string,
    cause?: unknown,
  ) {
    super(`The session store did not answer (${operation}).`, { cause });
  }

  override get publicMessage(): string {
    return "Sessions cannot be checked right now. Please retry shortly.";
  }
}

/**
 * Session ids that must no longer be honoured, each until the moment its session would have
 * expired anyway. This is what lets a stateless sealed cookie be killed: the seal still
 * opens, but its id is on this list.
 */
export interface RevocationStore {
  revoke(sid: string, untilMs: number): Promise<void>;
  isRevoked(sid: string): Promise<boolean>;
  /** Resolves when the store can answer; used by /readyz. */
  ping(): Promise<void>;
}

/**
 * The users behind live sessions, keyed by session id, so `/api/me` need not open the
 * seal's copy every time. Never holds a token. An entry lives at most the configured TTL
 * and never past its session's end.
 */
export interface UserCache {
  get(sid: string): Promise<NormalizedUser | undefined>;
  set(sid: string, user: NormalizedUser, sessionExpiresAt: number): Promise<void>;
  delete(sid: string): Promise<void>;
}

/**
 * One Latchkey session as the server side knows it, for listing a user's sessions and for
 * ending sessions by the provider's session or subject (back-channel logout). Never holds a
 * token, and no raw user agent: only what the sessions page shows.
 */
export interface SessionRecord {
  sid: string;
  /** The provider's id and the user's id there: whose session this is. */
  provider: string;
  userId: string;
  /** OpenID Connect: the provider's session (`sid` claim of the id_token), when it sent one. */
  providerSid?: string | undefined;
  /** OpenID Connect: the id_token's `sub`, which is not always the user's id (Microsoft). */
  subject?: string | undefined;
  /** From the user agent at sign-in; null when it cannot tell. */
  browser: string | null;
  system: string | null;
  createdAt: number;
  /** Moves when the session's idle clock does (at most every few minutes). */
  lastSeenAt: number;
  /** The session's absolute end: the record is gone by then. */
  expiresAt: number;
}

/**
 * Every live session, indexed three ways: by user, by provider session, by subject. Each
 * entry expires with its session; an index may briefly name a session whose record is gone,
 * and the lookups below leave such names out.
 */
export interface SessionRegistry {
  /** Records (or replaces) a session until `record.expiresAt`. */
  put(record: SessionRecord): Promise<void>;
  /** Moves a session's last-seen time; does nothing when its record is gone. */
  touch(sid: string, lastSeenAt: number): Promise<void>;
  /** One session's record, if it is still there. */
  get(sid: string): Promise<SessionRecord | undefined>;
  /** This user's recorded sessions, newest first. */
  forUser(provider: string, userId: string): Promise<SessionRecord[]>;
  /** The ids of the sessions started within the provider's session `providerSid`. */
  forProviderSession(provider: string, providerSid: string): Promise<string[]>;
  /** The ids of the sessions whose id_token named `subject`. */
  forSubject(provider: string, subject: string): Promise<string[]>;
  /** Forgets a session (it was signed out); its index entries go with it or expire. */
  remove(sid: string): Promise<void>;
}

/**
 * Server-side session bodies, for sessions too large for a cookie or when configured
 * (`SESSION_STORAGE=server`): the cookie then holds only the sealed session id. Every value is
 * sealed with the session secrets before it leaves the process (SQLite, Redis).
 */
export interface SessionDataStore {
  get(sid: string): Promise<SessionData | undefined>;
  /**
   * Stores `data` until `data.expiresAt`, under its own id (`data.sid === sid`): a body found
   * under another id reads as absent, so whoever can write to the store but holds no secret
   * cannot move one person's sealed body under another's session.
   */
  set(sid: string, data: SessionData): Promise<void>;
  delete(sid: string): Promise<void>;
}

/** What one refresh of a session's token came to, for whoever else needed it. */
export type RefreshOutcome = { token: StoredToken } | { failed: true };

/**
 * Coordinates token refreshes between gateway instances: one lock per session, so two
 * instances never spend the same refresh token, and the outcome published for the others
 * (and for stale cookies that still carry the token it replaced).
 */
export interface RefreshStore {
  /** Takes the session's lock for `ttlMs`; the owner id to unlock with, or undefined if taken. */
  lock(sid: string, ttlMs: number): Promise<string | undefined>;
  /** Releases the lock only if `owner` still holds it (it may have expired and moved on). */
  unlock(sid: string, owner: string): Promise<void>;
  publish(sid: string, outcome: RefreshOutcome, untilMs: number): Promise<void>;
  /** The latest published outcome, if it has not expired. */
  outcome(sid: string): Promise<RefreshOutcome | undefined>;
}

/**
 * Login transactions that have come back once. The transaction lives in a cookie, which a
 * browser drops after the callback but an attacker holding a copy can replay: recording each
 * use until the transaction would have expired anyway refuses the second one before any
 * provider call.
 */
export interface TransactionStore {
  /** Records `id` as used until `untilMs`; false when it already was. */
  consume(id: string, untilMs: number): Promise<boolean>;
}
