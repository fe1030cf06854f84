import { randomBytes } from "node:crypto";
import type { NormalizedUser } from "@latchkey/oauth-core";
import { MemoryStore } from "express-rate-limit";
import type { RefreshOutcome } from "../session/store-contract.js";
import { ExpiringMap } from "./expiring-map.js";
import { MemoryRevocationStore } from "./memory-revocation-store.js";
import { MemorySessionDataStore, MemorySessionRegistry } from "./memory-sessions.js";
import type { Stores } from "./stores.js";

export interface MemoryStoresOptions {
  now?: () => number;
  /** How long a cached user is kept (never past its session). */
  userCacheTtlSeconds: number;
}

/** A random lock owner id: only whoever took a lock can release it. */
export function newLockOwner(): string {
  return randomBytes(16).toString("base64url");
}

/** One process's memory: the default, and right for a single gateway. */
export function createMemoryStores(options: MemoryStoresOptions): Stores {
  const now = options.now ?? Date.now;
  const revocations = new MemoryRevocationStore(now);
  const users = new ExpiringMap<NormalizedUser>(now);
  const locks = new ExpiringMap<string>(now);
  const outcomes = new ExpiringMap<RefreshOutcome>(now);
  const usedTransactions = new ExpiringMap<true>(now);
  const sessions = new MemorySessionRegistry(now);
  const sessionData = new MemorySessionDataStore(now);
  const sweeper = setInterval(() => {
    for (const map of [users, locks, outcomes, usedTransactions, sessions, sessionData]) {
      map.sweep();
    }
  }, 60_000);
  sweeper.unref();
  const limiters: MemoryStore[] = [];

  return {
    kind: "memory",
    revocations,
    users: {
      get: async (sid) => {
        const user = users.get(sid);
        return user && { ...user };
      },
      set: async (sid, user, sessionExpiresAt) => {
        const until = Math.min(now() + options.userCacheTtlSeconds * 1000, sessionExpiresAt);
        users.set(sid, { ...user }, until);
      },
      delete: async (sid) => users.delete(sid),
    },
    refresh: {
      lock: async (sid, ttlMs) => {
        if (locks.get(sid) !== undefined) return undefined;
        const owner = newLockOwner();
        locks.set(sid, owner, now() + ttlMs);
        return owner;
      },
      unlock: async (sid, owner) => {
        if (locks.get(sid) === owner) locks.delete(sid);
      },
      publish: async (sid, outcome, untilMs) => outcomes.set(sid, outcome, untilMs),
      outcome: async (sid) => outcomes.get(sid),
    },
    transactions: {
      consume: async (id, untilMs) => {
        // Past its deadline a transaction is expired: refused like a used one.
        if (untilMs <= now() || usedTransactions.get(id)) return false;
        usedTransactions.set(id, true, untilMs);
        return true;
      },
    },
    sessions,
    sessionData,
    rateLimit: () => {
      const store = new MemoryStore();
      limiters.push(store);
      return store;
    },
    ping: async () => {},
    close: async () => {
      clearInterval(sweeper);
      revocations.close();
      for (const store of limiters) store.shutdown();
    },
  };
}
