import type { Logger } from "pino";
import type { Config } from "../config.js";
import { SealCache } from "../crypto/seal-cache.js";
import { createMemoryStores } from "./memory.js";
import { createRedisStores } from "./redis.js";
import { createSqliteStores } from "./sqlite.js";
import type { Stores } from "./stores.js";

/**
 * The stores `STORE` names: an embedded database in `DATA_DIR` (the default), Redis for
 * several instances, or this process's memory (tests).
 *
 * @throws StoreOpenError when the embedded database cannot be opened.
 */
export function createStores(config: Config, deps: { logger: Logger; now?: () => number }): Stores {
  const now = deps.now ?? Date.now;
  const sealed = {
    sessionSecrets: config.sessionSecrets,
    userCacheTtlSeconds: config.userCacheTtlSeconds,
    sealCache: config.sealCache.enabled ? new SealCache(config.sealCache.maxEntries) : undefined,
    logger: deps.logger,
    now,
  };
  if (config.store === "redis" && config.redis) {
    return createRedisStores({
      ...sealed,
      redis: config.redis,
      storeTimeoutMs: config.storeTimeoutMs,
    });
  }
  if (config.store === "sqlite" && config.dataDir) {
    return createSqliteStores({
      ...sealed,
      dataDir: config.dataDir,
      busyTimeoutMs: config.storeTimeoutMs,
    });
  }
  return createMemoryStores({ now, userCacheTtlSeconds: config.userCacheTtlSeconds });
}
