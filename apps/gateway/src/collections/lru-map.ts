export interface LruMapOptions<V> {
  maxEntries: number;
  /** With `sizeOf`: the most the values may weigh together. */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
}

/**
 * A map that forgets its least recently used entries past a count (and, with `sizeOf`, a
 * total weight): the in-process caches' bound, so no traffic pattern grows them without end.
 */
export class LruMap<V> {
  // A Map iterates in insertion order; re-inserting on every read keeps the oldest first.
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;

  constructor(private readonly options: LruMapOptions<V>) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` as the most recent entry; one heavier than the whole bound is not kept. */
  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.options.sizeOf?.(value) ?? 0;
    if (bytes > (this.options.maxBytes ?? Number.POSITIVE_INFINITY)) return;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    this.evict();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  private evict(): void {
    const maxBytes = this.options.maxBytes ?? Number.POSITIVE_INFINITY;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries && this.totalBytes <= maxBytes) return;
      this.delete(key);
    }
  }
}
