import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { createStores } from "../../src/stores/select.js";

/** The configuration is refused, naming these problems (all of them, at once). */
const refusedWith = (problems: unknown) =>
  expect.objectContaining({ constructor: ConfigError, problems });

describe("Redis configuration", () => {
  it("when nothing names a Redis, then the stores are the embedded database in DATA_DIR and users are cached for the idle timeout", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "latchkey-select-"));
    try {
      const config = loadConfig({ SESSION_IDLE_TIMEOUT_SECONDS: "600", DATA_DIR: dataDir });
      expect(config.redis).toBeUndefined();
      expect(config.userCacheTtlSeconds).toBe(600);
      const stores = createStores(config, { logger: pino({ level: "silent" }) });
      expect(stores.kind).toBe("sqlite");
      await stores.close();
      expect(existsSync(join(dataDir, "latchkey.db"))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("when STORE is memory (the tests' default), then nothing is written to disk", async () => {
    for (const env of [{ STORE: "memory" }, { NODE_ENV: "test" }]) {
      const stores = createStores(loadConfig(env), { logger: pino({ level: "silent" }) });
      expect(stores.kind).toBe("memory");
      await stores.close();
    }
  });

  it("when REDIS_URL is set, then the stores are Redis", async () => {
    const stores = createStores(loadConfig({ REDIS_URL: "redis://127.0.0.1:1" }), {
      logger: pino({ level: "silent" }),
    });
    expect(stores.kind).toBe("redis");
    await stores.close();
  });

  const node = (host: string, port: number) => ({ host, port });
  it.each([
    [
      "one node",
      { REDIS_URL: "rediss://user:p%40ss@redis.internal:6380/2", USER_CACHE_TTL_SECONDS: "120" },
      { mode: "single", url: "rediss://user:p%40ss@redis.internal:6380/2", nodes: [] },
    ],
    [
      "Sentinel (REDIS_URL giving only credentials)",
      {
        REDIS_SENTINELS: "10.0.0.1:26379, 10.0.0.2:26379,[::1]:26380",
        REDIS_SENTINEL_NAME: "latchkey-primary",
        REDIS_URL: "redis://:secret@ignored",
      },
      {
        mode: "sentinel",
        url: "redis://:secret@ignored",
        nodes: [node("10.0.0.1", 26379), node("10.0.0.2", 26379), node("::1", 26380)],
        sentinelName: "latchkey-primary",
      },
    ],
    [
      "Cluster",
      { REDIS_CLUSTER_NODES: "redis-1:7000,redis-2:7001", REDIS_PREFIX: "app-1:" },
      { mode: "cluster", nodes: [node("redis-1", 7000), node("redis-2", 7001)], prefix: "app-1:" },
    ],
  ])("when the settings name %s, then that is the Redis used", (_what, env, expected) => {
    const config = loadConfig(env);
    expect(config.redis).toEqual({
      url: undefined,
      sentinelName: undefined,
      prefix: "latchkey:",
      ...expected,
    });
    expect(config.userCacheTtlSeconds).toBe("USER_CACHE_TTL_SECONDS" in env ? 120 : 8 * 3600);
  });

  it("when several Redis settings are wrong, then every problem is reported at once", () => {
    const env = {
      REDIS_URL: "http://localhost:6379",
      REDIS_SENTINELS: "host-without-port,10.0.0.1:26379",
      REDIS_CLUSTER_NODES: "redis-1:99999",
      REDIS_PREFIX: "has space",
    };
    expect(() => loadConfig(env)).toThrow(
      refusedWith([
        'REDIS_SENTINELS: "host-without-port" must look like host:port',
        'REDIS_CLUSTER_NODES: "redis-1:99999" must look like host:port',
        "REDIS_URL: must be a redis:// or rediss:// URL, e.g. redis://localhost:6379",
        "REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the primary's name)",
        "REDIS_PREFIX: must not be empty or contain spaces",
      ]),
    );
  });

  it.each([
    [
      { REDIS_SENTINELS: "a:1", REDIS_SENTINEL_NAME: "m", REDIS_CLUSTER_NODES: "b:2" },
      "REDIS_SENTINELS, REDIS_CLUSTER_NODES: set one or the other, not both",
    ],
    [{ REDIS_SENTINEL_NAME: "m" }, "REDIS_SENTINELS: required with REDIS_SENTINEL_NAME"],
    [
      { REDIS_CLUSTER_NODES: "a:1", REDIS_URL: "redis://a:1/3" },
      "REDIS_URL: a Redis Cluster has only database 0",
    ],
    [{ USER_CACHE_TTL_SECONDS: "0" }, "USER_CACHE_TTL_SECONDS"],
  ])("when the settings are %o, then it says so", (env, problem) => {
    expect(() => loadConfig(env)).toThrow(
      refusedWith(expect.arrayContaining([expect.stringContaining(problem)])),
    );
  });
});
