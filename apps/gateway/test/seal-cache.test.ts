import type { IncomingMessage } from "node:http";
import { sealData } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { SealCache } from "../src/crypto/seal-cache.js";
import { SealedCookie } from "../src/session/sealed-cookie.js";
import { MemoryRevocationStore } from "../src/stores/memory-revocation-store.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

const HOUR = 3600 * 1000;
const OLD = "old-secret-that-is-at-least-32-characters-long";
const NEW = "new-secret-that-is-at-least-32-characters-long";
const schema = z.object({ n: z.number() });

function cookieOf(secrets: Record<string, string>, cache: SealCache, ttlSeconds = 3600) {
  return new SealedCookie({ name: "c", secrets, ttlSeconds, secure: false, schema, cache });
}

function requestWith(value: string): IncomingMessage {
  return { headers: { cookie: `c=${value}` } } as IncomingMessage;
}

function clock() {
  const state = { now: Date.now() };
  return { state, now: () => state.now };
}

/** Signs in on a gateway using `cache`, and reads /api/me until the seal is served from it. */
async function signedInAndCached(cache: SealCache, env: Record<string, string> = {}, deps = {}) {
  const gateway = await startGateway(env, { sealCache: cache, ...deps });
  const browser = new TestBrowser(gateway.url);
  await browser.signIn();
  expect((await browser.get("/api/me")).status).toBe(200);
  const hits = cache.hits;
  expect((await browser.get("/api/me")).status).toBe(200);
  expect(cache.hits).toBe(hits + 1);
  return { gateway, browser };
}

describe("the cache of opened seals", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("when the same cookie comes again, then it is opened once and served from the cache", async () => {
    const cache = new SealCache(10);
    const cookie = cookieOf({ 1: OLD }, cache);
    const seal = await sealData({ n: 1 }, { password: { 1: OLD }, ttl: 3600 });
    expect(await cookie.read(requestWith(seal))).toEqual({ n: 1 });
    const again = await cookie.read(requestWith(seal));
    expect(again).toEqual({ n: 1 });
    expect(cache.hits).toBe(1);
    // What it hands out is frozen: no reader can change what the next request reads.
    expect(() => {
      if (again) again.n = 2;
    }).toThrow(TypeError);
    expect(await cookie.read(requestWith(seal))).toEqual({ n: 1 });
  });

  it("when a cached session is revoked by logout, then its copy is refused though the seal is cached", async () => {
    const cache = new SealCache(10);
    const { gateway, browser } = await signedInAndCached(cache);
    const copy = browser.sessionCookie() ?? "";
    expect((await browser.post("/auth/logout", { "x-csrf": "1" })).status).toBe(204);

    const thief = new TestBrowser(gateway.url);
    thief.cookies.set("latchkey.session", copy);
    const hits = cache.hits;
    expect((await thief.get("/api/me")).status).toBe(401);
    expect(cache.hits).toBe(hits + 1);
  });

  it("when another instance sharing the revocation list logs the session out, then this one's cached seal is refused", async () => {
    const revocations = new MemoryRevocationStore();
    const cache = new SealCache(10);
    const { browser } = await signedInAndCached(cache, {}, { revocations });
    const other = await startGateway({}, { revocations });
    const elsewhere = new TestBrowser(other.url);
    elsewhere.cookies.set("latchkey.session", browser.sessionCookie() ?? "");
    expect((await elsewhere.post("/auth/logout", { "x-csrf": "1" })).status).toBe(204);

    const hits = cache.hits;
    expect((await browser.get("/api/me")).status).toBe(401);
    expect(cache.hits).toBe(hits + 1);
    revocations.close();
  });

  it("when a cached session goes idle past its timeout, then it is refused", async () => {
    const time = clock();
    const cache = new SealCache(10);
    const { browser } = await signedInAndCached(
      cache,
      { SESSION_IDLE_TIMEOUT_SECONDS: String(2 * 3600) },
      { now: time.now },
    );
    time.state.now += 2 * HOUR + 1;
    const hits = cache.hits;
    expect((await browser.get("/api/me")).status).toBe(401);
    expect(cache.hits).toBe(hits + 1);
  });

  it("when a cached session reaches its absolute timeout, then it is refused", async () => {
    const time = clock();
    const cache = new SealCache(10);
    const { browser } = await signedInAndCached(
      cache,
      { SESSION_IDLE_TIMEOUT_SECONDS: "3600", SESSION_ABSOLUTE_TIMEOUT_SECONDS: "3600" },
      { now: time.now },
    );
    // Past the absolute timeout but within the idle clock a re-seal would have moved.
    time.state.now += HOUR;
    const hits = cache.hits;
    expect((await browser.get("/api/me")).status).toBe(401);
    expect(cache.hits).toBe(hits + 1);
  });

  it("when a cached seal's own expiry passes (by iron's rule, skew included), then it no longer opens", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cache = new SealCache(10);
    const cookie = cookieOf({ 1: OLD }, cache, 120);
    const seal = await sealData({ n: 1 }, { password: { 1: OLD }, ttl: 120 });
    expect(await cookie.read(requestWith(seal))).toEqual({ n: 1 });
    vi.setSystemTime(Date.now() + 120_000 + 59_000);
    expect(await cookie.read(requestWith(seal))).toEqual({ n: 1 });
    expect(cache.hits).toBe(1);
    vi.setSystemTime(Date.now() + 1_000);
    expect(await cookie.read(requestWith(seal))).toBeUndefined();
    expect(cache.hits).toBe(1);
    expect(cache.size).toBe(0);
  });

  it("when the secret a cached seal was made with is rotated out, then the seal no longer opens", async () => {
    const cache = new SealCache(10);
    const { browser } = await signedInAndCached(cache, { SESSION_SECRETS: `1:${OLD}` });
    const sealed = browser.sessionCookie() ?? "";
    expect(sealed).toMatch(/^Fe26\.2\*1\*/);

    const statusWith = async (secrets: string) => {
      const rotated = await startGateway({ SESSION_SECRETS: secrets }, { sealCache: cache });
      const visitor = new TestBrowser(rotated.url);
      visitor.cookies.set("latchkey.session", sealed);
      return (await visitor.get("/api/me")).status;
    };
    const hits = cache.hits;
    expect(await statusWith(`2:${NEW}`)).toBe(401);
    // The same id now meaning another secret is a removal too.
    expect(await statusWith(`1:${TEST_SECRET}`)).toBe(401);
    expect(cache.hits).toBe(hits);
    // While the old secret is still listed, the cached seal serves.
    expect(await statusWith(`2:${NEW},1:${OLD}`)).toBe(200);
    expect(cache.hits).toBe(hits + 1);
  });

  it("when a cached cookie is tampered with, then the changed cookie is never served from the cache", async () => {
    const cache = new SealCache(10);
    const cookie = cookieOf({ 1: OLD }, cache);
    const seal = await sealData({ n: 1 }, { password: { 1: OLD }, ttl: 3600 });
    expect(await cookie.read(requestWith(seal))).toEqual({ n: 1 });
    const parts = seal.split("*");
    const flip = (s: string) => (s.startsWith("A") ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    const tampered = [
      [...parts.slice(0, 7), flip(parts[7] ?? "")].join("*"),
      [...parts.slice(0, 4), flip(parts[4] ?? ""), ...parts.slice(5)].join("*"),
      `x${seal}`,
      seal.replace(/~2$/, "~3"),
      seal.replace(/~2$/, ""),
    ];
    for (const value of tampered) {
      expect(await cookie.read(requestWith(value))).toBeUndefined();
    }
    expect(cache.hits).toBe(0);
    expect(cache.size).toBe(1);
  });

  it("when more seals come than it holds, then the least recently used are forgotten", async () => {
    const cache = new SealCache(3);
    const cookie = cookieOf({ 1: OLD }, cache);
    const seals = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => sealData({ n }, { password: { 1: OLD }, ttl: 3600 })),
    );
    for (const seal of seals) await cookie.read(requestWith(seal));
    expect(cache.size).toBe(3);
    expect(cache.misses).toBe(5);
    await cookie.read(requestWith(seals[0] ?? ""));
    expect(cache.misses).toBe(6);
    await cookie.read(requestWith(seals[4] ?? ""));
    expect(cache.hits).toBe(1);
    expect(cache.size).toBe(3);
  });

  it("when SEAL_CACHE is off, then the gateway still works without it", async () => {
    const gateway = await startGateway({ SEAL_CACHE: "off" });
    expect(gateway.config.sealCache.enabled).toBe(false);
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    expect((await browser.get("/api/me")).status).toBe(200);
  });
});
