import type { NormalizedUser } from "@latchkey/oauth-core";
import type { Logger } from "pino";
import { LruMap } from "../collections/lru-map.js";
import type { SealCache } from "../crypto/seal-cache.js";
import { tokenSchema, userSchema } from "../session/session.js";
import type { RefreshOutcome } from "../session/store-contract.js";
import { newLockOwner } from "./memory.js";
import { FailoverRateLimitStore } from "./rate-limit.js";
import { createSealer } from "./sealed.js";
import { EXPIRING_TABLES, failsAs, openDatabase } from "./sqlite-database.js";
import { RateLimitTable, SqliteRateLimitStore } from "./sqlite-rate-limit.js";
import { createSqliteSessions } from "./sqlite-sessions.js";
import type { Stores } from "./stores.js";

export interface SqliteStoresOptions {
  /** The folder of the database file; created if missing. */
  dataDir: string;
  /** Seal what is stored, so the file never holds a readable token or profile. */
  sessionSecrets: Record<string, string>;
  userCacheTtlSeconds: number;
  /** How long a call waits for another process's write; past it the request is a 503. */
  busyTimeoutMs?: number;
  /** Opened values, so a user read on every `/api/me` is decrypted once (`SEAL_CACHE`). */
  sealCache?: SealCache | undefined;
  /** How many users to keep in memory in front of the file. */
  recentUsers?: number;
  /** How often expired rows are deleted. */
  sweepEveryMs?: number;
  logger: Logger;
  now?: () => number;
}

export interface SqliteStores extends Stores {
  /** The database file, for the logs. */
  readonly file: string;
}

const FAILED = "failed";

/**
 * One process's state kept on its own disk: the default for a single gateway, so a restart
 * forgets no sign-out. Every row carries its `expires_at` (epoch ms, the same deadlines as
 * the Redis keys' TTLs); reads ignore expired rows and a sweep deletes them.
 *
 * node:sqlite answers synchronously, so a call cannot hang; it can fail (a full disk, a
 * damaged file, another process holding the write lock past the busy timeout). Each failure
 * becomes a `StoreUnavailableError`, the 503 every store outage gives, never a 500.
 *
 * @throws StoreOpenError when the folder or the file cannot be used.
 */
export function createSqliteStores(options: SqliteStoresOptions): SqliteStores {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const { db, file } = openDatabase(options.dataDir, options.busyTimeoutMs ?? 1_000);
  const sealer = createSealer(options.sessionSecrets, options.sealCache);
  const sql = (text: string) => db.prepare(text);
  const s = {
    revoke: sql(`INSERT INTO revocations (sid, expires_at) VALUES (?, ?)
      ON CONFLICT (sid) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)`),
    isRevoked: sql("SELECT 1 AS found FROM revocations WHERE sid = ? AND expires_at > ?"),
    getUser: sql("SELECT sealed, expires_at FROM users WHERE sid = ? AND expires_at > ?"),
    setUser: sql(`INSERT INTO users (sid, sealed, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (sid) DO UPDATE SET sealed = excluded.sealed, expires_at = excluded.expires_at`),
    deleteUser: sql("DELETE FROM users WHERE sid = ?"),
    // Takes the lock only when nobody holds it or its holder's time is up (Redis's SET NX PX).
    lock: sql(`INSERT INTO refresh_locks (sid, owner, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (sid) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE refresh_locks.expires_at <= ?`),
    unlock: sql("DELETE FROM refresh_locks WHERE sid = ? AND owner = ?"),
    publish: sql(`INSERT INTO refresh_outcomes (sid, value, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (sid) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`),
    outcome: sql("SELECT value FROM refresh_outcomes WHERE sid = ? AND expires_at > ?"),
    consume: sql(`INSERT INTO used_transactions (id, expires_at) VALUES (?, ?)
      ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
      WHERE used_transactions.expires_at <= ?`),
    ping: sql("SELECT count(*) AS n FROM revocations WHERE sid = ''"),
    sweep: EXPIRING_TABLES.map((table) => sql(`DELETE FROM ${table} WHERE expires_at <= ?`)),
  };
  const counters = new RateLimitTable(db);
  // `/api/me` reads the user on every call: the users this process has just read or written
  // are answered from memory, the file is asked only for the rest (after a restart, say). A
  // profile never changes within a session, and a revoked session is refused by the
  // revocation list before its user is read, so a copy here that another process has deleted
  // is never served. Bounded like the seal cache.
  const recentUsers = new LruMap<{ user: NormalizedUser; until: number }>({
    maxEntries: options.recentUsers ?? 10_000,
  });
  const limiters: FailoverRateLimitStore[] = [];

  const sweep = () => {
    try {
      const at = now();
      for (const statement of s.sweep) statement.run(at);
    } catch (err) {
      logger.warn({ err: { message: errorMessage(err) } }, "sqlite store: the sweep failed");
    }
  };
  const sweeper = setInterval(sweep, options.sweepEveryMs ?? 60_000);
  sweeper.unref();

  const ping = failsAs("ping", async () => {
    s.ping.get();
  });
  return {
    kind: "sqlite",
    file,
    revocations: {
      revoke: failsAs("revoke", async (sid: string, untilMs: number) => {
        if (untilMs > now()) s.revoke.run(sid, untilMs);
      }),
      isRevoked: failsAs(
        "isRevoked",
        async (sid: string) => s.isRevoked.get(sid, now()) !== undefined,
      ),
      ping,
    },
    users: {
      get: failsAs("users.get", async (sid: string) => {
        const at = now();
        const remembered = recentUsers.get(sid);
        if (remembered && remembered.until > at) return { ...remembered.user };
        const row = s.getUser.get(sid, at) as { sealed: string; expires_at: number } | undefined;
        const user = row && (await sealer.open(row.sealed, userSchema));
        if (row && user) recentUsers.set(sid, { user, until: row.expires_at });
        return user && { ...user };
      }),
      set: failsAs(
        "users.set",
        async (sid: string, user: NormalizedUser, sessionExpiresAt: number) => {
          const ttl = Math.min(options.userCacheTtlSeconds * 1000, sessionExpiresAt - now());
          if (ttl <= 0) return;
          const sealed = await sealer.seal(user, ttl);
          // The file and the memory copy end at the same moment.
          const until = now() + ttl;
          s.setUser.run(sid, sealed, until);
          recentUsers.set(sid, { user: { ...user }, until });
        },
      ),
      delete: failsAs("users.delete", async (sid: string) => {
        recentUsers.delete(sid);
        s.deleteUser.run(sid);
      }),
    },
    refresh: {
      lock: failsAs("refresh.lock", async (sid: string, ttlMs: number) => {
        const owner = newLockOwner();
        const at = now();
        return Number(s.lock.run(sid, owner, at + ttlMs, at).changes) === 1 ? owner : undefined;
      }),
      unlock: failsAs("refresh.unlock", async (sid: string, owner: string) => {
        s.unlock.run(sid, owner);
      }),
      publish: failsAs(
        "refresh.publish",
        async (sid: string, outcome: RefreshOutcome, untilMs: number) => {
          const ttl = untilMs - now();
          if (ttl <= 0) return;
          const value = "failed" in outcome ? FAILED : await sealer.seal(outcome.token, ttl);
          s.publish.run(sid, value, untilMs);
        },
      ),
      outcome: failsAs("refresh.outcome", async (sid: string) => {
        const row = s.outcome.get(sid, now()) as { value: string } | undefined;
        if (!row) return undefined;
        if (row.value === FAILED) return { failed: true } as const;
        const token = await sealer.open(row.value, tokenSchema);
        return token && { token };
      }),
    },
    transactions: {
      consume: failsAs("transactions.consume", async (id: string, untilMs: number) => {
        const at = now();
        // Past its deadline a transaction is expired: refused like a used one.
        if (untilMs <= at) return false;
        return Number(s.consume.run(id, untilMs, at).changes) === 1;
      }),
    },
    ...createSqliteSessions(db, sealer, now),
    rateLimit: (name) => {
      const limiter = new FailoverRateLimitStore(
        new SqliteRateLimitStore(name, counters, now),
        options.busyTimeoutMs ?? 1_000,
        logger,
      );
      limiters.push(limiter);
      return limiter;
    },
    ping,
    async close() {
      clearInterval(sweeper);
      for (const limiter of limiters) limiter.shutdown();
      try {
        db.close();
      } catch {
        // Closed already: closing twice is not an error for the caller.
      }
    },
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
