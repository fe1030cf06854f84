import type { DatabaseSync } from "node:sqlite";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";

interface Row {
  hits: number;
  expires_at: number;
}

/** The counters' statements, prepared once per database and shared by every limiter. */
export class RateLimitTable {
  readonly increment;
  readonly decrement;
  readonly reset;
  readonly resetAll;
  readonly get;

  constructor(db: DatabaseSync) {
    // One statement, so two processes counting the same client cannot both start a window.
    this.increment = db.prepare(`
      INSERT INTO rate_limits (limiter, key, hits, expires_at) VALUES (:limiter, :key, 1, :until)
      ON CONFLICT (limiter, key) DO UPDATE SET
        hits = CASE WHEN expires_at <= :now THEN 1 ELSE hits + 1 END,
        expires_at = CASE WHEN expires_at <= :now THEN excluded.expires_at ELSE expires_at END
      RETURNING hits, expires_at`);
    this.decrement = db.prepare(`
      UPDATE rate_limits SET hits = hits - 1
      WHERE limiter = ? AND key = ? AND expires_at > ? AND hits > 0`);
    this.reset = db.prepare("DELETE FROM rate_limits WHERE limiter = ? AND key = ?");
    this.resetAll = db.prepare("DELETE FROM rate_limits WHERE limiter = ?");
    this.get = db.prepare(
      "SELECT hits, expires_at FROM rate_limits WHERE limiter = ? AND key = ? AND expires_at > ?",
    );
  }
}

/**
 * express-rate-limit's counters for one limiter, kept in the embedded database: a fixed
 * window per client, like its MemoryStore, that a restart does not reset (a restart would
 * otherwise hand every client a fresh allowance) and that processes on one folder share.
 */
export class SqliteRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    readonly prefix: string,
    private readonly table: RateLimitTable,
    private readonly now: () => number,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const row = this.table.increment.get({
      limiter: this.prefix,
      key,
      until: now + this.windowMs,
      now,
    }) as Row | undefined;
    if (!row) throw new Error("the rate-limit counter was not written");
    return info(row);
  }

  async decrement(key: string): Promise<void> {
    this.table.decrement.run(this.prefix, key, this.now());
  }

  async resetKey(key: string): Promise<void> {
    this.table.reset.run(this.prefix, key);
  }

  async resetAll(): Promise<void> {
    this.table.resetAll.run(this.prefix);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = this.table.get.get(this.prefix, key, this.now()) as Row | undefined;
    return row && info(row);
  }
}

function info(row: Row): ClientRateLimitInfo {
  return { totalHits: row.hits, resetTime: new Date(row.expires_at) };
}
