import { describe, expect, it } from "vitest";
import { guardStores } from "../../src/stores/guarded.js";
import { redisStores, useRedisServer } from "../support/redis.js";
import { SID_A, sessionBody, sessionRecord } from "../support/session-records.js";

const redis = useRedisServer();

describe("the guarded stores", () => {
  it("when Redis accepts connections but never answers, then every session registry and session body call fails as a store outage within the deadline", async () => {
    const stores = guardStores(await redisStores({ REDIS_URL: redis.url }), 200);
    redis.server.pause();
    try {
      const calls: [string, () => Promise<unknown>][] = [
        ["sessions.put", () => stores.sessions.put(sessionRecord({ sid: SID_A }))],
        ["sessions.touch", () => stores.sessions.touch(SID_A, Date.now())],
        ["sessions.get", () => stores.sessions.get(SID_A)],
        ["sessions.forUser", () => stores.sessions.forUser("github", "user-583231")],
        ["sessions.forProviderSession", () => stores.sessions.forProviderSession("g", "op")],
        ["sessions.forSubject", () => stores.sessions.forSubject("g", "sub")],
        ["sessions.remove", () => stores.sessions.remove(SID_A)],
        ["sessionData.get", () => stores.sessionData.get(SID_A)],
        [
          "sessionData.set",
          () => stores.sessionData.set(SID_A, sessionBody(SID_A, Date.now() + 60_000)),
        ],
        ["sessionData.delete", () => stores.sessionData.delete(SID_A)],
      ];
      const started = performance.now();
      const results = await Promise.allSettled(calls.map(([, call]) => call()));
      expect(performance.now() - started).toBeLessThan(1_000);
      results.forEach((result, i) => {
        expect(result).toMatchObject({
          status: "rejected",
          reason: { code: "store_unavailable", operation: calls[i]?.[0] },
        });
      });
    } finally {
      redis.server.resume();
    }
  });
});
