import type { Logger } from "pino";
import type { Config } from "../config.js";
import { SealCache } from "../session/seal-cache.js";
import { createMemoryStores } from "./memory.js";
import { createRedisStores } from "./redis.js";
import type { Stores } from "./stores.js";

/** Redis when the configuration names one, else this process's memory (`npm run dev`). */
export function createStores(config: Config, deps: { logger: Logger; now?: () => number }): Stores {
  const now = deps.now ?? Date.now;
  if (!config.redis) {
    return createMemoryStores({ now, userCacheTtlSeconds: config.userCacheTtlSeconds });
  }
  return createRedisStores({
    redis: config.redis,
    sessionSecrets: config.sessionSecrets,
    userCacheTtlSeconds: config.userCacheTtlSeconds,
    storeTimeoutMs: config.storeTimeoutMs,
    sealCache: config.sealCache.enabled ? new SealCache(config.sealCache.maxEntries) : undefined,
    logger: deps.logger,
    now,
  });
}
