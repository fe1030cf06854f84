import { type SessionData, sessionSchema } from "../session/session.js";
import type {
  SessionDataStore,
  SessionRecord,
  SessionRegistry,
} from "../session/store-contract.js";
import { ExpiringMap } from "./expiring-map.js";
import { indexDigest, indexKeysOf, newestFirst, type SessionIndexKeys } from "./session-record.js";

type IndexName = keyof SessionIndexKeys;

const sidOf = (record: SessionRecord) => record.sid;

/**
 * Every live session of this process, with its three indexes. An index names a session only
 * while its record does: replacing or removing a record takes its names out, and the sweep
 * drops those of records that expired.
 */
export class MemorySessionRegistry implements SessionRegistry {
  private readonly records: ExpiringMap<SessionRecord>;
  private readonly indexes: Record<IndexName, Map<string, Set<string>>> = {
    user: new Map(),
    providerSession: new Map(),
    subject: new Map(),
  };

  constructor(private readonly now: () => number) {
    this.records = new ExpiringMap(now);
  }

  async put(record: SessionRecord): Promise<void> {
    this.unindex(record.sid);
    if (record.expiresAt <= this.now()) return;
    this.records.set(record.sid, { ...record }, record.expiresAt);
    for (const [name, key] of this.keysOf(record)) {
      const sids = this.indexes[name].get(key) ?? new Set();
      sids.add(record.sid);
      this.indexes[name].set(key, sids);
    }
  }

  async touch(sid: string, lastSeenAt: number): Promise<void> {
    const record = this.records.get(sid);
    if (record) record.lastSeenAt = lastSeenAt;
  }

  async get(sid: string): Promise<SessionRecord | undefined> {
    const record = this.records.get(sid);
    return record && { ...record };
  }

  async forUser(provider: string, userId: string): Promise<SessionRecord[]> {
    return this.lookUp("user", indexDigest(provider, userId)).sort(newestFirst);
  }

  async forProviderSession(provider: string, providerSid: string): Promise<string[]> {
    return this.lookUp("providerSession", indexDigest(provider, providerSid)).map(sidOf);
  }

  async forSubject(provider: string, subject: string): Promise<string[]> {
    return this.lookUp("subject", indexDigest(provider, subject)).map(sidOf);
  }

  async remove(sid: string): Promise<void> {
    this.unindex(sid);
  }

  /** Drops expired records and every index name they leave behind. */
  sweep(): void {
    this.records.sweep();
    for (const index of Object.values(this.indexes)) {
      for (const [key, sids] of index) {
        for (const sid of sids) if (this.records.get(sid) === undefined) sids.delete(sid);
        if (sids.size === 0) index.delete(key);
      }
    }
  }

  /**
   * The live records `key` names. A name left by a record that expired unseen and was then
   * put again with other keys is not taken at its word: the record must still carry `key`.
   */
  private lookUp(name: IndexName, key: string): SessionRecord[] {
    const found: SessionRecord[] = [];
    for (const sid of this.indexes[name].get(key) ?? []) {
      const record = this.records.get(sid);
      if (record && indexKeysOf(record)[name] === key) found.push({ ...record });
    }
    return found;
  }

  private keysOf(record: SessionRecord): [IndexName, string][] {
    return Object.entries(indexKeysOf(record)).filter(
      (entry): entry is [IndexName, string] => entry[1] !== undefined,
    );
  }

  /** Forgets `sid` and takes it out of the indexes its current record put it in. */
  private unindex(sid: string): void {
    const record = this.records.get(sid);
    this.records.delete(sid);
    if (!record) return;
    for (const [name, key] of this.keysOf(record)) {
      const sids = this.indexes[name].get(key);
      sids?.delete(sid);
      if (sids?.size === 0) this.indexes[name].delete(key);
    }
  }
}

/** Session bodies in this process; each a copy in and a checked copy out. */
export class MemorySessionDataStore implements SessionDataStore {
  private readonly bodies: ExpiringMap<unknown>;

  constructor(now: () => number) {
    this.bodies = new ExpiringMap(now);
  }

  async get(sid: string): Promise<SessionData | undefined> {
    const parsed = sessionSchema.safeParse(this.bodies.get(sid));
    // As in the shared stores, a body is only ever read back under its own session's id.
    return parsed.success && parsed.data.sid === sid ? structuredClone(parsed.data) : undefined;
  }

  async set(sid: string, data: SessionData): Promise<void> {
    this.bodies.set(sid, structuredClone(data), data.expiresAt);
  }

  async delete(sid: string): Promise<void> {
    this.bodies.delete(sid);
  }

  sweep(): void {
    this.bodies.sweep();
  }
}
