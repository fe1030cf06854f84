import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Options } from "express-rate-limit";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SealCache } from "../../src/crypto/seal-cache.js";
import { createMemoryStores } from "../../src/stores/memory.js";
import { createRedisStores } from "../../src/stores/redis.js";
import { createSqliteStores } from "../../src/stores/sqlite.js";
import type { Stores } from "../../src/stores/stores.js";
import { TEST_SECRET } from "../support/gateway.js";
import { redisStores, useRedisServer, waitUntilReady } from "../support/redis.js";
import { useRedisCluster, useRedisSentinel } from "../support/redis-topologies.js";
import { SID_A, SID_B, sessionBody, sessionRecord } from "../support/session-records.js";
import { TOKEN, USER } from "../support/stored.js";

const redis = useRedisServer();
const sentinel = useRedisSentinel();
const cluster = useRedisCluster();

// A prefix per store set: the Sentinel's and the Cluster's data are not wiped between tests.
let runs = 0;
const redisAt = (where: Record<string, string>) => () =>
  redisStores({ ...where, USER_CACHE_TTL_SECONDS: "1", REDIS_PREFIX: `run-${++runs}:` });

// A folder per store set, removed after each test.
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const sqliteStores = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "latchkey-contract-"));
  folders.push(dataDir);
  return createSqliteStores({
    dataDir,
    sessionSecrets: { 1: TEST_SECRET },
    userCacheTtlSeconds: 1,
    logger: pino({ level: "silent" }),
  });
};

const implementations: [string, () => Promise<Stores>][] = [
  ["memory", async () => createMemoryStores({ userCacheTtlSeconds: 1 })],
  ["Redis", () => redisAt({ REDIS_URL: redis.url })()],
  [
    "Redis Sentinel",
    () => redisAt({ REDIS_SENTINELS: sentinel.addresses, REDIS_SENTINEL_NAME: "latchkey" })(),
  ],
  ["Redis Cluster", () => redisAt({ REDIS_CLUSTER_NODES: cluster.addresses })()],
  ["SQLite", sqliteStores],
];

describe.each(implementations)("the %s stores (one contract for all)", (_kind, create) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await create();
  });
  afterEach(async () => {
    await stores.close();
  });
  const soon = (ms: number) => Date.now() + ms;

  describe("revocations", () => {
    it("when a session is revoked, then it stays revoked until its expiry and no longer", async () => {
      await stores.revocations.revoke("sid-a", soon(300));
      expect(await stores.revocations.isRevoked("sid-a")).toBe(true);
      expect(await stores.revocations.isRevoked("sid-b")).toBe(false);
      await sleep(400);
      expect(await stores.revocations.isRevoked("sid-a")).toBe(false);
    });

    it("when the session has already expired, then nothing is kept", async () => {
      await stores.revocations.revoke("sid-a", Date.now() - 1);
      expect(await stores.revocations.isRevoked("sid-a")).toBe(false);
    });
  });

  describe("the user cache", () => {
    it("when a user is cached, then it reads back equal until deleted", async () => {
      expect(await stores.users.get("sid-a")).toBeUndefined();
      await stores.users.set("sid-a", USER, soon(60_000));
      expect(await stores.users.get("sid-a")).toEqual(USER);
      expect(await stores.users.get("sid-b")).toBeUndefined();
      await stores.users.delete("sid-a");
      expect(await stores.users.get("sid-a")).toBeUndefined();
    });

    it("when its TTL passes, then the user is gone", async () => {
      await stores.users.set("sid-a", USER, soon(60_000));
      await sleep(1_100);
      expect(await stores.users.get("sid-a")).toBeUndefined();
    });

    it("when the session ends before the TTL, then the user goes with it", async () => {
      await stores.users.set("sid-a", USER, soon(200));
      expect(await stores.users.get("sid-a")).toEqual(USER);
      await sleep(300);
      expect(await stores.users.get("sid-a")).toBeUndefined();
    });
  });

  describe("the refresh lock", () => {
    it("when one holder has the lock, then nobody else gets it until it is released", async () => {
      const owner = await stores.refresh.lock("sid-a", 10_000);
      expect(owner).toEqual(expect.any(String));
      expect(await stores.refresh.lock("sid-a", 10_000)).toBeUndefined();
      // Another session's lock is another lock.
      expect(await stores.refresh.lock("sid-b", 10_000)).toEqual(expect.any(String));
      await stores.refresh.unlock("sid-a", "not-the-owner");
      expect(await stores.refresh.lock("sid-a", 10_000)).toBeUndefined();
      await stores.refresh.unlock("sid-a", owner as string);
      expect(await stores.refresh.lock("sid-a", 10_000)).toEqual(expect.any(String));
    });

    it("when the holder dies, then the lock expires, and its late unlock cannot free the next holder's", async () => {
      const dead = await stores.refresh.lock("sid-a", 200);
      await sleep(300);
      const next = await stores.refresh.lock("sid-a", 10_000);
      expect(next).toEqual(expect.any(String));
      expect(next).not.toBe(dead);
      await stores.refresh.unlock("sid-a", dead as string);
      expect(await stores.refresh.lock("sid-a", 10_000)).toBeUndefined();
    });
  });

  describe("refresh outcomes", () => {
    it("when a refreshed token is published, then it reads back equal until it expires", async () => {
      expect(await stores.refresh.outcome("sid-a")).toBeUndefined();
      await stores.refresh.publish("sid-a", { token: TOKEN }, soon(300));
      expect(await stores.refresh.outcome("sid-a")).toEqual({ token: TOKEN });
      expect(await stores.refresh.outcome("sid-b")).toBeUndefined();
      await sleep(400);
      expect(await stores.refresh.outcome("sid-a")).toBeUndefined();
    });

    it("when a refresh failed, then the failure is what reads back", async () => {
      await stores.refresh.publish("sid-a", { failed: true }, soon(60_000));
      expect(await stores.refresh.outcome("sid-a")).toEqual({ failed: true });
    });
  });

  describe("used login transactions", () => {
    it("when a transaction is consumed, then the first use is accepted and every later one refused", async () => {
      expect(await stores.transactions.consume("tx-a", soon(60_000))).toBe(true);
      expect(await stores.transactions.consume("tx-a", soon(60_000))).toBe(false);
      expect(await stores.transactions.consume("tx-a", soon(60_000))).toBe(false);
      expect(await stores.transactions.consume("tx-b", soon(60_000))).toBe(true);
    });

    it("when its deadline has already passed, then it is refused and nothing is recorded", async () => {
      expect(await stores.transactions.consume("tx-a", Date.now() - 1)).toBe(false);
      expect(await stores.transactions.consume("tx-a", soon(60_000))).toBe(true);
    });

    it("when its deadline passes, then the id is forgotten", async () => {
      expect(await stores.transactions.consume("tx-a", soon(300))).toBe(true);
      await sleep(400);
      expect(await stores.transactions.consume("tx-a", soon(60_000))).toBe(true);
    });
  });

  describe("the session registry", () => {
    const byUser = (provider: string, userId: string) =>
      stores.sessions.forUser(provider, userId).then((records) => records.map((r) => r.sid));

    it("when sessions are put, then each reads back equal, and a user's list holds only theirs, newest first", async () => {
      const older = sessionRecord({ sid: "sid-a", createdAt: Date.now() - 5_000 });
      const newer = sessionRecord({ sid: "sid-b", createdAt: Date.now() - 1_000 });
      await stores.sessions.put(older);
      await stores.sessions.put(newer);
      await stores.sessions.put(sessionRecord({ sid: "sid-c", userId: "user-2" }));
      await stores.sessions.put(sessionRecord({ sid: "sid-d", provider: "google" }));

      expect(await stores.sessions.get("sid-a")).toEqual(older);
      expect(await stores.sessions.get("sid-x")).toBeUndefined();
      expect(await stores.sessions.forUser("github", "user-583231")).toEqual([newer, older]);
      expect(await byUser("github", "user-2")).toEqual(["sid-c"]);
      expect(await byUser("google", "user-583231")).toEqual(["sid-d"]);
      expect(await byUser("gitlab", "user-583231")).toEqual([]);
    });

    it("when sessions name a provider session and a subject, then each lookup finds its own, within that provider only", async () => {
      const oidc = { provider: "google", userId: "user-1" };
      await stores.sessions.put(
        sessionRecord({ ...oidc, sid: "sid-a", providerSid: "op-1", subject: "sub-1" }),
      );
      await stores.sessions.put(
        sessionRecord({ ...oidc, sid: "sid-b", providerSid: "op-1", subject: "sub-2" }),
      );
      await stores.sessions.put(
        sessionRecord({
          sid: "sid-c",
          provider: "microsoft",
          providerSid: "op-1",
          subject: "sub-1",
        }),
      );
      await stores.sessions.put(sessionRecord({ ...oidc, sid: "sid-d" }));

      const sorted = (sids: Promise<string[]>) => sids.then((list) => [...list].sort());
      expect(await sorted(stores.sessions.forProviderSession("google", "op-1"))).toEqual([
        "sid-a",
        "sid-b",
      ]);
      expect(await stores.sessions.forProviderSession("microsoft", "op-1")).toEqual(["sid-c"]);
      expect(await stores.sessions.forProviderSession("google", "op-2")).toEqual([]);
      expect(await stores.sessions.forSubject("google", "sub-1")).toEqual(["sid-a"]);
      expect(await stores.sessions.forSubject("microsoft", "sub-1")).toEqual(["sid-c"]);
      expect(await stores.sessions.forSubject("google", "user-1")).toEqual([]);
    });

    it("when a record is put again with other ids, then every lookup follows the new record", async () => {
      await stores.sessions.put(
        sessionRecord({ sid: "sid-a", provider: "google", providerSid: "op-1", subject: "s-1" }),
      );
      const moved = sessionRecord({
        sid: "sid-a",
        provider: "google",
        userId: "user-2",
        providerSid: "op-2",
      });
      await stores.sessions.put(moved);
      expect(await stores.sessions.get("sid-a")).toEqual(moved);
      expect(await byUser("google", "user-583231")).toEqual([]);
      expect(await byUser("google", "user-2")).toEqual(["sid-a"]);
      expect(await stores.sessions.forProviderSession("google", "op-1")).toEqual([]);
      expect(await stores.sessions.forProviderSession("google", "op-2")).toEqual(["sid-a"]);
      expect(await stores.sessions.forSubject("google", "s-1")).toEqual([]);
    });

    it("when a session is touched, then only its lastSeenAt moves, and a missing one stays missing", async () => {
      const record = sessionRecord({ sid: "sid-a" });
      await stores.sessions.put(record);
      const lastSeenAt = Date.now();
      await stores.sessions.touch("sid-a", lastSeenAt);
      expect(await stores.sessions.get("sid-a")).toEqual({ ...record, lastSeenAt });
      expect(await stores.sessions.forUser("github", "user-583231")).toEqual([
        { ...record, lastSeenAt },
      ]);

      await stores.sessions.touch("sid-x", lastSeenAt);
      expect(await stores.sessions.get("sid-x")).toBeUndefined();
      expect(await byUser("github", "user-583231")).toEqual(["sid-a"]);
    });

    it("when a session is removed, then no lookup finds it and the others stay", async () => {
      const ids = { provider: "google", userId: "user-1", providerSid: "op-1", subject: "sub-1" };
      await stores.sessions.put(sessionRecord({ ...ids, sid: "sid-a" }));
      await stores.sessions.put(sessionRecord({ ...ids, sid: "sid-b" }));
      await stores.sessions.remove("sid-a");
      await stores.sessions.remove("sid-x");
      expect(await stores.sessions.get("sid-a")).toBeUndefined();
      expect(await byUser("google", "user-1")).toEqual(["sid-b"]);
      expect(await stores.sessions.forProviderSession("google", "op-1")).toEqual(["sid-b"]);
      expect(await stores.sessions.forSubject("google", "sub-1")).toEqual(["sid-b"]);
      // A removed session touched late (a request still in flight) does not come back.
      await stores.sessions.touch("sid-a", Date.now());
      expect(await stores.sessions.get("sid-a")).toBeUndefined();
    });

    it("when a session's expiresAt passes, then no lookup finds it, and one already past is not stored", async () => {
      const ids = { provider: "google", userId: "user-1", providerSid: "op-1", subject: "sub-1" };
      await stores.sessions.put(sessionRecord({ ...ids, sid: "sid-a", expiresAt: soon(300) }));
      await stores.sessions.put(sessionRecord({ ...ids, sid: "sid-b", expiresAt: Date.now() - 1 }));
      expect(await byUser("google", "user-1")).toEqual(["sid-a"]);
      expect(await stores.sessions.get("sid-b")).toBeUndefined();
      await sleep(400);
      expect(await stores.sessions.get("sid-a")).toBeUndefined();
      expect(await byUser("google", "user-1")).toEqual([]);
      expect(await stores.sessions.forProviderSession("google", "op-1")).toEqual([]);
      expect(await stores.sessions.forSubject("google", "sub-1")).toEqual([]);
    });

    it("when a record given or returned is changed, then what is stored is not", async () => {
      const record = sessionRecord({ sid: "sid-a" });
      const stored = { ...record };
      await stores.sessions.put(record);
      record.browser = "changed after put";
      const read = await stores.sessions.get("sid-a");
      if (read) read.lastSeenAt = 1;
      const [listed] = await stores.sessions.forUser("github", "user-583231");
      if (listed) listed.system = "changed after read";
      expect(await stores.sessions.get("sid-a")).toEqual(stored);
    });
  });

  describe("server-side session bodies", () => {
    it("when a body is stored, then it reads back equal under its own id only, until deleted", async () => {
      const body = sessionBody(SID_A, soon(60_000));
      await stores.sessionData.set(SID_A, body);
      expect(await stores.sessionData.get(SID_A)).toEqual(body);
      expect(await stores.sessionData.get(SID_B)).toBeUndefined();
      // Someone else's body moved under this id is not this session's.
      await stores.sessionData.set(SID_B, body);
      expect(await stores.sessionData.get(SID_B)).toBeUndefined();
      await stores.sessionData.delete(SID_A);
      expect(await stores.sessionData.get(SID_A)).toBeUndefined();
    });

    it("when its expiresAt passes, then the body is gone, and one already past is not stored", async () => {
      await stores.sessionData.set(SID_A, sessionBody(SID_A, soon(300)));
      await stores.sessionData.set(SID_B, sessionBody(SID_B, Date.now() - 1));
      expect(await stores.sessionData.get(SID_A)).toBeDefined();
      expect(await stores.sessionData.get(SID_B)).toBeUndefined();
      await sleep(400);
      expect(await stores.sessionData.get(SID_A)).toBeUndefined();
    });

    it("when a body given or returned is changed, then what is stored is not", async () => {
      const body = sessionBody(SID_A, soon(60_000));
      const stored = structuredClone(body);
      await stores.sessionData.set(SID_A, body);
      body.token.scopes.push("changed after set");
      const read = await stores.sessionData.get(SID_A);
      read?.token.scopes.push("changed after read");
      if (read) read.user.login = "mallory";
      expect(await stores.sessionData.get(SID_A)).toEqual(stored);
    });
  });

  it("when the rate limiter counts a client, then its hits add up until reset, apart from others'", async () => {
    const limiter = stores.rateLimit("auth");
    limiter.init?.({ windowMs: 60_000 } as Options);
    expect((await limiter.increment("203.0.113.1")).totalHits).toBe(1);
    expect((await limiter.increment("203.0.113.1")).totalHits).toBe(2);
    expect((await limiter.increment("203.0.113.2")).totalHits).toBe(1);
    await limiter.resetKey("203.0.113.1");
    expect((await limiter.increment("203.0.113.1")).totalHits).toBe(1);
  });

  it("when asked, then it answers a ping", async () => {
    await expect(stores.ping()).resolves.toBeUndefined();
  });
});

describe("what Redis holds", () => {
  it("when a token and a user are stored, then no key holds either in the clear, and every key expires", async () => {
    const stores = await redisStores({ REDIS_URL: redis.url });
    await stores.refresh.publish("sid-a", { token: TOKEN }, TOKEN.expiresAt as number);
    await stores.users.set("sid-a", USER, Date.now() + 60_000);
    await stores.revocations.revoke("sid-b", Date.now() + 60_000);
    await stores.refresh.lock("sid-a", 10_000);
    const limiter = stores.rateLimit("auth");
    limiter.init?.({ windowMs: 60_000 } as Options);
    await limiter.increment("203.0.113.1");

    const keys = (await redis.client.keys("*")).sort();
    expect(keys).toEqual([
      "latchkey:refresh-lock:sid-a",
      "latchkey:refreshed:sid-a",
      "latchkey:revoked:sid-b",
      "latchkey:rl:auth:203.0.113.1",
      "latchkey:user:sid-a",
    ]);
    for (const key of keys) {
      const value = (await redis.client.get(key)) ?? "";
      for (const secret of ["gho_", "ghu_", "ghr_", "octocat", "accessToken", "refreshToken"]) {
        expect(value, `${key} holds ${secret}`).not.toContain(secret);
      }
      expect(await redis.client.pttl(key), `${key} has a TTL`).toBeGreaterThan(0);
    }
  });

  it("when a session is recorded and its body stored, then keys name users only by digest, no value is readable, and every key expires", async () => {
    const stores = await redisStores({ REDIS_URL: redis.url });
    const ids = { provider: "google", providerSid: "op-session-1", subject: "subject-1" };
    await stores.sessions.put(sessionRecord({ ...ids, sid: SID_A }));
    await stores.sessionData.set(SID_A, sessionBody(SID_A, Date.now() + 60_000));
    const digest = (id: string) => createHash("sha256").update(`google\n${id}`).digest("base64url");

    const keys = (await redis.client.keys("*")).sort();
    expect(keys).toEqual([
      `latchkey:provider-session:${digest("op-session-1")}`,
      `latchkey:session-data:${SID_A}`,
      `latchkey:session:${SID_A}`,
      `latchkey:subject-sessions:${digest("subject-1")}`,
      `latchkey:user-sessions:${digest("user-583231")}`,
    ]);
    for (const key of keys) {
      const value =
        (await redis.client.type(key)) === "zset"
          ? (await redis.client.zrange(key, 0, -1)).join(",")
          : ((await redis.client.get(key)) ?? "");
      const readable = ["ghu_", "ghr_", "octocat", "user-583231", "op-session-1", "subject-1"];
      for (const secret of [...readable, "Firefox", "Linux", "accessToken"]) {
        expect(`${key} ${value}`, `${key} holds ${secret}`).not.toContain(secret);
      }
      expect(await redis.client.pttl(key), `${key} has a TTL`).toBeGreaterThan(0);
    }
    expect(await redis.client.zrange(keys[4] ?? "", 0, -1)).toEqual([SID_A]);
  });

  it("when a value was not sealed with the session secret, then it reads as absent", async () => {
    const stores = await redisStores({ REDIS_URL: redis.url });
    const forged = JSON.stringify({ ...USER, login: "mallory" });
    await redis.client.set("latchkey:user:sid-a", forged, "PX", 60_000);
    await redis.client.set("latchkey:refreshed:sid-a", JSON.stringify(TOKEN), "PX", 60_000);
    expect(await stores.users.get("sid-a")).toBeUndefined();
    expect(await stores.refresh.outcome("sid-a")).toBeUndefined();

    const rotated = await redisStores({
      REDIS_URL: redis.url,
      SESSION_SECRETS: "2:another-secret-that-is-at-least-32-characters",
    });
    await rotated.users.set("sid-b", USER, Date.now() + 60_000);
    expect(await stores.users.get("sid-b")).toBeUndefined();
  });

  it("when a cached user is read again, then it is decrypted once, and a changed value or a rotated-out secret is never served from the cache", async () => {
    const cache = new SealCache(100);
    const withSecrets = (secrets: Record<string, string>) =>
      createRedisStores({
        redis: {
          mode: "single",
          url: redis.url,
          nodes: [],
          sentinelName: undefined,
          prefix: "latchkey:",
        },
        sessionSecrets: secrets,
        userCacheTtlSeconds: 60,
        storeTimeoutMs: 1_000,
        sealCache: cache,
        logger: pino({ level: "silent" }),
      });
    const stores = withSecrets({ 1: TEST_SECRET });
    const rotated = withSecrets({ 2: "another-secret-that-is-at-least-32-characters" });
    try {
      // Commands fail fast until the connection is up (no offline queue), as in the gateway.
      await Promise.all([waitUntilReady(stores), waitUntilReady(rotated)]);
      await stores.users.set("sid-a", USER, Date.now() + 60_000);
      expect(await stores.users.get("sid-a")).toEqual(USER);
      const cached = await stores.users.get("sid-a");
      expect(cached).toEqual(USER);
      expect(cache.hits).toBe(1);
      expect(Object.isFrozen(cached)).toBe(true);

      // Written again (by any instance): another seal, opened anew.
      await stores.users.set("sid-a", { ...USER, name: "Renamed" }, Date.now() + 60_000);
      expect((await stores.users.get("sid-a"))?.name).toBe("Renamed");
      // The cached seal with one character changed is another key, and does not open.
      const sealed = (await redis.client.get("latchkey:user:sid-a")) ?? "";
      const last = sealed.at(-1) === "A" ? "B" : "A";
      await redis.client.set("latchkey:user:sid-a", `${sealed.slice(0, -1)}${last}`, "PX", 60_000);
      expect(await stores.users.get("sid-a")).toBeUndefined();
      // Same seal, same cache, but a secret set without the secret it was made with.
      await redis.client.set("latchkey:user:sid-a", sealed, "PX", 60_000);
      expect(await stores.users.get("sid-a")).toEqual({ ...USER, name: "Renamed" });
      const hits = cache.hits;
      expect(await rotated.users.get("sid-a")).toBeUndefined();
      expect(cache.hits).toBe(hits);
    } finally {
      await Promise.all([stores.close(), rotated.close()]);
    }
  });

  it("when REDIS_PREFIX is set, then every key starts with it", async () => {
    const stores = await redisStores({ REDIS_URL: redis.url, REDIS_PREFIX: "tenant-7:" });
    await stores.revocations.revoke("sid-a", Date.now() + 60_000);
    await stores.users.set("sid-a", USER, Date.now() + 60_000);
    expect((await redis.client.keys("*")).sort()).toEqual([
      "tenant-7:revoked:sid-a",
      "tenant-7:user:sid-a",
    ]);
  });
});
