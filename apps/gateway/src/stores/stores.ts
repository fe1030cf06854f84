import type { Store as RateLimitStore } from "express-rate-limit";
import type {
  RefreshStore,
  RevocationStore,
  SessionDataStore,
  SessionRegistry,
  TransactionStore,
  UserCache,
} from "../session/store-contract.js";

export type { RateLimitStore };

/**
 * Everything the gateway keeps on the server side. An embedded database on disk by default
 * (one instance, and it survives restarts); Redis when configured, so any number of
 * instances share revocations, cached users, refresh locks and rate-limit counters; memory
 * in tests.
 */
export interface Stores {
  readonly kind: "memory" | "sqlite" | "redis";
  readonly revocations: RevocationStore;
  readonly users: UserCache;
  readonly refresh: RefreshStore;
  readonly transactions: TransactionStore;
  /** Every live session by user, provider session and subject (sessions page, back-channel). */
  readonly sessions: SessionRegistry;
  /** Session bodies kept server-side (large sessions, `SESSION_STORAGE=server`). */
  readonly sessionData: SessionDataStore;
  /** A fresh counter store for one rate limiter (express-rate-limit refuses shared ones). */
  rateLimit(name: string): RateLimitStore;
  /** Resolves when the backing store answers; /readyz asks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
