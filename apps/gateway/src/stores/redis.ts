import type { Logger } from "pino";
import type { RedisReply } from "rate-limit-redis";
import { RedisStore } from "rate-limit-redis";
import type { SealCache } from "../crypto/seal-cache.js";
import { tokenSchema, userSchema } from "../session/session.js";
import type { RefreshOutcome } from "../session/store-contract.js";
import { withinDeadline } from "./guarded.js";
import { newLockOwner } from "./memory.js";
import { FailoverRateLimitStore } from "./rate-limit.js";
import { createRedisClient, type RedisClient } from "./redis-client.js";
import type { RedisConfig } from "./redis-config.js";
import { createRedisSessions } from "./redis-sessions.js";
import { createSealer } from "./sealed.js";
import type { Stores } from "./stores.js";

export interface RedisStoresOptions {
  redis: RedisConfig;
  /** Seal what is stored, so Redis never holds a readable token or profile. */
  sessionSecrets: Record<string, string>;
  userCacheTtlSeconds: number;
  /** Bounds the rate limiter's calls; the other stores are bounded by their callers. */
  storeTimeoutMs: number;
  /** Opened values, so a user read on every `/api/me` is decrypted once (`SEAL_CACHE`). */
  sealCache?: SealCache | undefined;
  logger: Logger;
  now?: () => number;
}

/** Deletes the lock only while it is still ours: it may have expired and been taken since. */
const UNLOCK = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
const FAILED = "failed";

/**
 * Key layout, every key with a TTL (`<p>` is REDIS_PREFIX, `latchkey:` by default):
 *   <p>revoked:<sid>        "1"                  until the session's absolute expiry
 *   <p>user:<sid>           sealed user          USER_CACHE_TTL_SECONDS, never past the session
 *   <p>refresh-lock:<sid>   random owner id      the lock's PX (a refresh's worst case)
 *   <p>refreshed:<sid>      sealed token set     until that token expires ("failed": a minute)
 *   <p>used-tx:<id>         "1"                  until the login transaction would expire
 *   <p>rl:<limiter>:<ip>    hit count            the rate-limit window
 *   <p>session:<sid>        sealed session record  until the session's absolute expiry
 *   <p>session-data:<sid>   sealed session body    until the session's absolute expiry
 *   <p>user-sessions:<d>    sorted set of sids, scored by each session's expiry; the key
 *   <p>provider-session:<d>   expires with its last session, and each write drops the
 *   <p>subject-sessions:<d>   members that have ended (<d>: see `indexDigest`)
 * No command touches two keys, so the layout works on a Cluster as it is.
 */
export function createRedisStores(options: RedisStoresOptions): Stores {
  const { redis: config, logger } = options;
  const now = options.now ?? Date.now;
  const client = createRedisClient(config, logger);
  const sealer = createSealer(options.sessionSecrets, options.sealCache);
  const key = (kind: string, id: string) => `${config.prefix}${kind}:${id}`;
  const ms = (untilMs: number) => Math.ceil(untilMs - now());

  const ping = async () => {
    await client.ping();
  };
  return {
    kind: "redis",
    revocations: {
      async revoke(sid, untilMs) {
        const ttl = ms(untilMs);
        if (ttl > 0) await client.set(key("revoked", sid), "1", "PX", ttl);
      },
      isRevoked: async (sid) => (await client.exists(key("revoked", sid))) === 1,
      ping,
    },
    users: {
      async get(sid) {
        const sealed = await client.get(key("user", sid));
        return sealed === null ? undefined : sealer.open(sealed, userSchema);
      },
      async set(sid, user, sessionExpiresAt) {
        const ttl = Math.min(options.userCacheTtlSeconds * 1000, ms(sessionExpiresAt));
        if (ttl <= 0) return;
        await client.set(key("user", sid), await sealer.seal(user, ttl), "PX", ttl);
      },
      async delete(sid) {
        await client.del(key("user", sid));
      },
    },
    refresh: {
      async lock(sid, ttlMs) {
        const owner = newLockOwner();
        const taken = await client.set(key("refresh-lock", sid), owner, "PX", ttlMs, "NX");
        return taken === "OK" ? owner : undefined;
      },
      async unlock(sid, owner) {
        await client.eval(UNLOCK, 1, key("refresh-lock", sid), owner);
      },
      async publish(sid, outcome, untilMs) {
        const ttl = ms(untilMs);
        if (ttl <= 0) return;
        const value = "failed" in outcome ? FAILED : await sealer.seal(outcome.token, ttl);
        await client.set(key("refreshed", sid), value, "PX", ttl);
      },
      async outcome(sid): Promise<RefreshOutcome | undefined> {
        const value = await client.get(key("refreshed", sid));
        if (value === null) return undefined;
        if (value === FAILED) return { failed: true };
        const token = await sealer.open(value, tokenSchema);
        return token && { token };
      },
    },
    transactions: {
      async consume(id, untilMs) {
        const ttl = ms(untilMs);
        if (ttl <= 0) return false; // expired: refused like a used one
        return (await client.set(key("used-tx", id), "1", "PX", ttl, "NX")) === "OK";
      },
    },
    ...createRedisSessions(client, sealer, key, now),
    rateLimit: (name) =>
      new FailoverRateLimitStore(
        redisRateLimitStore(client, `${config.prefix}rl:${name}:`),
        options.storeTimeoutMs,
        logger,
      ),
    ping,
    async close() {
      try {
        await withinDeadline("quit", options.storeTimeoutMs, () => client.quit());
      } catch {
        client.disconnect();
      }
    },
  };
}

/** Counters shared by every instance, through rate-limit-redis's Lua scripts. */
function redisRateLimitStore(client: RedisClient, prefix: string): RedisStore {
  return new RedisStore({
    prefix,
    sendCommand: async (command: string, ...args: string[]) => {
      // A Cluster routes EVALSHA to the key's node, so every primary must know the script.
      if (command.toUpperCase() === "SCRIPT" && "nodes" in client) {
        const primaries = client.nodes("master");
        if (primaries.length === 0) throw new Error("no cluster node is connected yet");
        const replies = await Promise.all(primaries.map((node) => node.call(command, ...args)));
        return replies[0] as RedisReply;
      }
      return (await client.call(command, ...args)) as RedisReply;
    },
  });
}
