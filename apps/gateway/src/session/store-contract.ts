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
