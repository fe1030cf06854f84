import { type SessionData, sessionSchema } from "../session/session.js";
import type {
  SessionDataStore,
  SessionRecord,
  SessionRegistry,
} from "../session/store-contract.js";
import type { RedisClient } from "./redis-client.js";
import type { Sealer } from "./sealed.js";
import {
  indexDigest,
  indexKeysOf,
  newestFirst,
  openLive,
  type SessionIndexKeys,
  sessionRecordSchema,
} from "./session-record.js";

/**
 * Adds a session to one index (a sorted set scored by each session's end), drops the members
 * whose session has ended, and lets the set expire with its last session: an index that is
 * never read again still goes away. One key, so it runs on a Cluster.
 * ARGV: sid, expiresAt, now (epoch ms).
 */
const INDEX = `redis.call("ZADD", KEYS[1], ARGV[2], ARGV[1])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", ARGV[3])
local last = redis.call("ZRANGE", KEYS[1], -1, -1, "WITHSCORES")
if last[2] then redis.call("PEXPIREAT", KEYS[1], last[2]) end
return 0`;

/** Rewrites a record only if it is still the one read: a touch never brings back a removed one. */
const REPLACE = `if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("SET", KEYS[1], ARGV[2], "KEEPTTL") end
return 0`;

const INDEX_KINDS = {
  user: "user-sessions",
  providerSession: "provider-session",
  subject: "subject-sessions",
} as const satisfies Record<keyof SessionIndexKeys, string>;

type IndexName = keyof SessionIndexKeys;

const sidOf = (record: SessionRecord) => record.sid;

/**
 * The session registry and session bodies in Redis (key layout in redis.ts). The last-seen
 * time is inside the sealed record, so a touch opens, changes and seals it again; touches
 * come at most every few minutes per session.
 */
export function createRedisSessions(
  client: RedisClient,
  sealer: Sealer,
  key: (kind: string, id: string) => string,
  now: () => number,
): { sessions: SessionRegistry; sessionData: SessionDataStore } {
  const readRecord = async (sid: string) => {
    const sealed = await client.get(key("session", sid));
    if (sealed === null) return undefined;
    const record = await openLive(sealer, sealed, sessionRecordSchema, sid, now());
    return record && { sealed, record };
  };
  const indexEntries = (record: SessionRecord) =>
    Object.entries(indexKeysOf(record)).flatMap(([name, digest]) =>
      digest === undefined ? [] : [key(INDEX_KINDS[name as IndexName], digest)],
    );
  /**
   * The live records the index `name` lists under `digest`. A record put again with other ids
   * stays listed under its old ones until that set is next tidied, so each must still carry
   * `digest` to count.
   */
  const lookUp = async (name: IndexName, digest: string): Promise<SessionRecord[]> => {
    const sids = await client.zrangebyscore(key(INDEX_KINDS[name], digest), `(${now()}`, "+inf");
    const found = await Promise.all(sids.map(readRecord));
    return found.flatMap((entry) =>
      entry && indexKeysOf(entry.record)[name] === digest ? [entry.record] : [],
    );
  };

  const sessions: SessionRegistry = {
    async put(record) {
      const ttl = Math.ceil(record.expiresAt - now());
      if (ttl <= 0) return sessions.remove(record.sid);
      const sealed = await sealer.seal(record, ttl);
      const until = String(Math.ceil(record.expiresAt));
      await Promise.all([
        client.set(key("session", record.sid), sealed, "PX", ttl),
        ...indexEntries(record).map((index) =>
          client.eval(INDEX, 1, index, record.sid, until, String(now())),
        ),
      ]);
    },
    async touch(sid, lastSeenAt) {
      const read = await readRecord(sid);
      if (!read) return;
      const ttl = Math.ceil(read.record.expiresAt - now());
      if (ttl <= 0) return;
      const sealed = await sealer.seal({ ...read.record, lastSeenAt }, ttl);
      await client.eval(REPLACE, 1, key("session", sid), read.sealed, sealed);
    },
    get: async (sid) => (await readRecord(sid))?.record,
    forUser: async (provider, userId) =>
      (await lookUp("user", indexDigest(provider, userId))).sort(newestFirst),
    forProviderSession: async (provider, providerSid) =>
      (await lookUp("providerSession", indexDigest(provider, providerSid))).map(sidOf),
    forSubject: async (provider, subject) =>
      (await lookUp("subject", indexDigest(provider, subject))).map(sidOf),
    async remove(sid) {
      // Its index entries go too when the record can be read; otherwise they expire.
      const read = await readRecord(sid);
      await Promise.all([
        client.del(key("session", sid)),
        ...(read ? indexEntries(read.record).map((index) => client.zrem(index, sid)) : []),
      ]);
    },
  };

  const sessionData: SessionDataStore = {
    async get(sid) {
      const sealed = await client.get(key("session-data", sid));
      return sealed === null ? undefined : openLive(sealer, sealed, sessionSchema, sid, now());
    },
    async set(sid, data: SessionData) {
      const ttl = Math.ceil(data.expiresAt - now());
      if (ttl <= 0) {
        await client.del(key("session-data", sid));
        return;
      }
      await client.set(key("session-data", sid), await sealer.seal(data, ttl), "PX", ttl);
    },
    async delete(sid) {
      await client.del(key("session-data", sid));
    },
  };
  return { sessions, sessionData };
}
