import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { GatewayError } from "../errors.js";
import { StoreUnavailableError } from "../session/store-contract.js";

/** The data folder cannot hold the store: the gateway must not start without it. */
export class StoreOpenError extends GatewayError {
  readonly status = 500;
  readonly code = "store_open_failed";
  readonly expose = false;

  constructor(
    readonly file: string,
    reason: string,
    cause?: unknown,
  ) {
    super(`DATA_DIR: cannot open the store at ${file}: ${reason}`, { cause });
  }
}

export const DATABASE_FILE = "latchkey.db";

/**
 * Raised when the tables change shape; a file from a newer gateway is refused, not guessed at.
 * An older file is brought up to date by the `IF NOT EXISTS` below: 2 added the session
 * registry and server-side session bodies and changed nothing that was there.
 */
const SCHEMA_VERSION = 2;

/**
 * Every row expires: nothing here outlives the session, lock or window it stands for, so the
 * file needs no backup and a sweep keeps it small. Times are epoch milliseconds.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS revocations (
    sid TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS users (
    sid TEXT PRIMARY KEY, sealed TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS refresh_locks (
    sid TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS refresh_outcomes (
    sid TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS used_transactions (
    id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS rate_limits (
    limiter TEXT NOT NULL, key TEXT NOT NULL, hits INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, PRIMARY KEY (limiter, key)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sessions (
    sid TEXT PRIMARY KEY, user_key TEXT NOT NULL, provider_session_key TEXT, subject_key TEXT,
    sealed TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_key);
  CREATE INDEX IF NOT EXISTS sessions_provider_session ON sessions (provider_session_key);
  CREATE INDEX IF NOT EXISTS sessions_subject ON sessions (subject_key);
  CREATE TABLE IF NOT EXISTS session_data (
    sid TEXT PRIMARY KEY, sealed TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
`;

export const EXPIRING_TABLES = [
  "revocations",
  "users",
  "refresh_locks",
  "refresh_outcomes",
  "used_transactions",
  "rate_limits",
  "sessions",
  "session_data",
] as const;

const INDEXES = EXPIRING_TABLES.map(
  (table) => `CREATE INDEX IF NOT EXISTS ${table}_expiry ON ${table} (expires_at);`,
).join("\n");

export interface OpenedDatabase {
  db: DatabaseSync;
  file: string;
}

/**
 * Opens (creating if needed) `<dataDir>/latchkey.db`: the folder 0700 and the file 0600, since
 * only this gateway's user has any business reading them; WAL, so readers never wait for the
 * writer; and a busy timeout, so two processes on one folder queue for the write lock instead
 * of failing. Synchronous NORMAL: a commit survives the process being killed, and the rare
 * write lost to a power cut costs at most a few seconds of sign-outs.
 */
export function openDatabase(dataDir: string, busyTimeoutMs: number): OpenedDatabase {
  const file = join(dataDir, DATABASE_FILE);
  let db: DatabaseSync | undefined;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // SQLite gives its -wal and -shm files the database file's mode, so this covers all three.
    closeSync(openSync(file, "a", 0o600));
    chmodSync(file, 0o600);
    db = new DatabaseSync(file);
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    const journal = db.prepare("PRAGMA journal_mode = WAL").get()?.journal_mode;
    if (journal !== "wal") {
      throw new StoreOpenError(file, "the filesystem does not support SQLite's WAL journal");
    }
    db.exec("PRAGMA synchronous = NORMAL");
    const version = Number(db.prepare("PRAGMA user_version").get()?.user_version ?? 0);
    if (version > SCHEMA_VERSION) {
      throw new StoreOpenError(file, `it was written by a newer gateway (schema ${version})`);
    }
    db.exec(
      `BEGIN IMMEDIATE; ${SCHEMA} ${INDEXES} PRAGMA user_version = ${SCHEMA_VERSION}; COMMIT;`,
    );
    return { db, file };
  } catch (err) {
    try {
      db?.close();
    } catch {
      // Never opened, or already closed: nothing to release.
    }
    if (err instanceof StoreOpenError) throw err;
    throw new StoreOpenError(file, err instanceof Error ? err.message : String(err), err);
  }
}

/** `call`, with whatever the database throws turned into the 503 of a store outage. */
export function failsAs<A extends unknown[], R>(
  operation: string,
  call: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await call(...args);
    } catch (err) {
      throw new StoreUnavailableError(operation, err);
    }
  };
}
