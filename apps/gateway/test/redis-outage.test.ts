import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import type { TestGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";
import { startRedisGateway, useRedisServer } from "./support/redis.js";

const github = useMockGitHub();
const redis = useRedisServer();
const CSRF = { "x-csrf": "1" };
/** The default STORE_TIMEOUT_MS, spelled out: the bound the measurements below rely on. */
const STORE = { STORE_TIMEOUT_MS: "500" };

async function signedIn(env: Record<string, string> = STORE) {
  const gateway = await startRedisGateway(redis.url, env);
  const browser = new TestBrowser(gateway.url);
  await browser.signIn();
  expect((await browser.get("/api/me")).status).toBe(200);
  return { gateway, browser };
}

/** Each authenticated route answers 503 `store_unavailable` JSON; returns the slowest time. */
async function expectUnavailable(browser: TestBrowser): Promise<number> {
  let slowest = 0;
  for (const path of ["/api/me", "/api/github/user"]) {
    const started = performance.now();
    const response = await browser.get(path, CSRF);
    slowest = Math.max(slowest, performance.now() - started);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ error: "store_unavailable" });
  }
  return slowest;
}

async function readyz(gateway: TestGateway) {
  const response = await fetch(`${gateway.url}/readyz`);
  return { status: response.status, body: await response.json() };
}

/** Reconnection is the client's own business: wait for it, without restarting anything. */
async function eventuallyReady(gateway: TestGateway, withinMs = 5_000): Promise<void> {
  const deadline = performance.now() + withinMs;
  while ((await readyz(gateway)).status !== 200) {
    if (performance.now() > deadline) throw new Error("the gateway did not become ready again");
    await sleep(50);
  }
}

describe("when the shared Redis is unreachable (D6)", () => {
  it("when redis-server stops, then authenticated routes answer 503 JSON within a second, public ones still work, and all comes back with it", async ({
    annotate,
  }) => {
    const { gateway, browser } = await signedIn();
    expect((await browser.get("/api/github/user", CSRF)).status).toBe(200);

    await redis.server.stop();
    const slowest = await expectUnavailable(browser);
    await annotate(`redis-server stopped: slowest 503 in ${slowest.toFixed(1)} ms`);
    expect(slowest).toBeLessThan(1_000);
    expect(await readyz(gateway)).toEqual({ status: 503, body: { status: "store_unavailable" } });
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    // The rate limiter counts in memory meanwhile: sign-in pages still open.
    expect((await fetch(`${gateway.url}/auth/providers`)).status).toBe(200);
    expect((await new TestBrowser(gateway.url).startLogin()).pathname).toBe(
      "/login/oauth/authorize",
    );
    expect((await fetch(`${gateway.url}/api/me`)).status).toBe(401);
    // Nothing was lost: the browser keeps its session.
    expect(browser.sessionCookie()).toBeDefined();

    await redis.server.start();
    await eventuallyReady(gateway);
    expect((await browser.get("/api/me")).status).toBe(200);
    expect((await browser.get("/api/github/user", CSRF)).status).toBe(200);
  });

  it("when Redis accepts connections but never answers, then the answer is still a 503 within a second", async ({
    annotate,
  }) => {
    const { gateway, browser } = await signedIn();
    redis.server.pause();
    try {
      const slowest = await expectUnavailable(browser);
      await annotate(`redis-server paused: slowest 503 in ${slowest.toFixed(1)} ms`);
      expect(slowest).toBeLessThan(1_000);
      expect((await readyz(gateway)).status).toBe(503);
    } finally {
      redis.server.resume();
    }
    await eventuallyReady(gateway);
    expect((await browser.get("/api/me")).status).toBe(200);
  });

  it("when logout cannot reach Redis, then it answers 503 but still clears the cookie", async () => {
    const { browser } = await signedIn();
    await redis.server.stop();
    const response = await browser.post("/auth/logout", CSRF);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: "store_unavailable" });
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when a sign-in comes back while Redis is down, then the login page says so, keeps returnTo, and GitHub is not asked for a token", async () => {
    const gateway = await startRedisGateway(redis.url, STORE);
    const browser = new TestBrowser(gateway.url);
    const callback = await browser.consent(await browser.startLogin("/repos?page=2"), {
      login: "octocat",
    });
    await redis.server.stop();
    const response = await browser.get(callback);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      "/login?error=store_unavailable&returnTo=%2Frepos%3Fpage%3D2",
    );
    expect(github.mock.requests.filter((r) => r.path === "/login/oauth/access_token")).toEqual([]);
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when the gateway starts while Redis is down, then it serves public routes and becomes ready once Redis is up", async () => {
    await redis.server.stop();
    const gateway = await startRedisGateway(redis.url, STORE, { connected: false });
    expect((await readyz(gateway)).status).toBe(503);
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/auth/providers`)).status).toBe(200);

    await redis.server.start();
    await eventuallyReady(gateway);
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    expect((await browser.get("/api/me")).status).toBe(200);
  });

  it("when the gateway starts while Redis is down, then no promise is left unhandled, and its rate limit is shared again once Redis is up", async () => {
    const unhandled: unknown[] = [];
    const collect = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", collect);
    try {
      await redis.server.stop();
      const gateway = await startRedisGateway(redis.url, STORE, { connected: false });
      // Counted in this instance's memory meanwhile.
      expect((await fetch(`${gateway.url}/auth/providers`)).status).toBe(200);
      await sleep(200);

      await redis.server.start();
      await eventuallyReady(gateway);
      expect((await fetch(`${gateway.url}/auth/providers`)).status).toBe(200);
      expect(await redis.client.keys("latchkey:rl:auth:*")).toHaveLength(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", collect);
    }
  });

  it("when Redis is down for many requests, then the outage is logged once, and its end once", async () => {
    const lines: { msg?: string }[] = [];
    const logger = pino(
      { level: "info" },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const gateway = await startRedisGateway(redis.url, STORE, { logger });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();

    const signInPage = () => fetch(`${gateway.url}/auth/providers`);
    await redis.server.stop();
    for (let i = 0; i < 10; i++) {
      expect((await browser.get("/api/me")).status).toBe(503);
      expect((await signInPage()).status).toBe(200);
    }
    await sleep(1_500); // several reconnect attempts
    await redis.server.start();
    await eventuallyReady(gateway);
    expect((await signInPage()).status).toBe(200);

    const said = (text: string) => lines.filter((line) => line.msg?.startsWith(text)).length;
    expect(said("redis unreachable")).toBe(1);
    expect(said("redis is back")).toBe(1);
    expect(said("rate limit: the shared store failed")).toBe(1);
    expect(said("rate limit: counting in the shared store again")).toBe(1);
  });
});
