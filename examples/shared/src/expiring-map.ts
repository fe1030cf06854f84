export interface ExpiringMapOptions {
  /** How long an entry lives after it is set, in milliseconds. */
  ttl: number;
  /**
   * At most this many entries: past it the oldest go first. Anyone can start a login, so
   * without a cap a flood of `/login` requests would grow the map without end.
   */
  maxEntries: number;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
}

/**
 * An in-memory map whose entries expire. Every entry lives the same `ttl`, so insertion
 * order is expiry order: expired entries are dropped from the front on each write, with no
 * timer to clean up and no scan of live entries.
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #ttl: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: ExpiringMapOptions) {
    this.#ttl = options.ttl;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  set(key: string, value: V): void {
    this.#sweep();
    this.#entries.delete(key); // so a key set again moves to the back, in expiry order
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttl });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Gets and deletes at once: whatever the outcome, the entry cannot be used a second time. */
  take(key: string): V | undefined {
    const value = this.get(key);
    this.#entries.delete(key);
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(key);
    }
  }
}
