/**
 * A map whose entries vanish at their own deadline, read against an injectable clock: the
 * memory stores' stand-in for Redis TTLs.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps `value` until `untilMs`; a deadline already past stores nothing. */
  set(key: string, value: V, untilMs: number): void {
    if (untilMs > this.now()) this.entries.set(key, { value, until: untilMs });
    else this.entries.delete(key);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops every expired entry, so keys nobody reads again do not pile up. */
  sweep(): void {
    const now = this.now();
    for (const [key, { until }] of this.entries) if (until <= now) this.entries.delete(key);
  }
}
