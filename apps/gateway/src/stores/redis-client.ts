import { createRequire } from "node:module";
import type { Cluster, Redis, RedisOptions } from "ioredis";
import type { Logger } from "pino";
import type { RedisConfig } from "./redis-config.js";

/**
 * ioredis is loaded only by a gateway that uses Redis: it adds about 8 MB to the memory of
 * one that does not (the default, single-instance setup).
 */
const ioredis = () => createRequire(import.meta.url)("ioredis") as typeof import("ioredis");

export type RedisClient = Redis | Cluster;

/** Reconnect attempts back off up to this, so a returning Redis is found within a second. */
const MAX_RECONNECT_DELAY_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;

const backoff = (attempt: number) =>
  Math.min(50 * 2 ** Math.min(attempt, 10), MAX_RECONNECT_DELAY_MS);

/**
 * Commands fail at once while Redis is away instead of queueing (a queue would hang every
 * request until the deadline and then replay stale writes); the client keeps reconnecting
 * by itself, forever, with a capped backoff.
 */
const failFast: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: CONNECT_TIMEOUT_MS,
  retryStrategy: backoff,
  // Commands issued in the same tick (many requests' revocation checks under load) go out
  // in one write and come back in one read: fewer system calls here and in Redis.
  enableAutoPipelining: true,
};

export function createRedisClient(config: RedisConfig, logger: Logger): RedisClient {
  const client = connect(config);
  // An 'error' event without a listener would crash the process. One line per outage, not
  // one per reconnect attempt or per request.
  let down = false;
  const lost = (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn(
      { err: { message: err instanceof Error ? err.message : String(err) }, mode: config.mode },
      "redis unreachable: authenticated requests answer 503 until it is back",
    );
  };
  client.on("error", lost);
  client.on("node error", lost);
  client.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info({ mode: config.mode }, "redis is back");
  });
  return client;
}

function connect(config: RedisConfig): RedisClient {
  const { Redis, Cluster } = ioredis();
  switch (config.mode) {
    case "single":
      return new Redis(config.url ?? "redis://localhost:6379", failFast);
    case "sentinel":
      return new Redis({
        ...failFast,
        ...credentials(config.url),
        sentinels: config.nodes,
        name: config.sentinelName ?? "mymaster",
        sentinelRetryStrategy: backoff,
      });
    case "cluster": {
      const { db: _onlyZero, ...redisOptions } = { ...failFast, ...credentials(config.url) };
      return new Cluster(config.nodes, {
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        clusterRetryStrategy: backoff,
        redisOptions,
      });
    }
  }
}

/** Sentinel and Cluster take their user, password, database and TLS from REDIS_URL, if set. */
function credentials(url: string | undefined): RedisOptions {
  if (!url) return {};
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1));
  return {
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(Number.isInteger(db) && db > 0 && { db }),
    ...(parsed.protocol === "rediss:" && { tls: {} }),
  };
}
