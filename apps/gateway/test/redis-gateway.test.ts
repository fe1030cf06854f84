import type { NormalizedUser } from "@latchkey/oauth-core";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import type { TestGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";
import { redisStores, sessionIdOf, startRedisGateway, useRedisServer } from "./support/redis.js";

useMockGitHub();
const redis = useRedisServer();
const CSRF = { "x-csrf": "1" };
const SESSION = "latchkey.session";

/** The same cookie, sent to another instance (as a load balancer without stickiness does). */
function sameCookieOn(gateway: TestGateway, browser: TestBrowser): TestBrowser {
  const other = new TestBrowser(gateway.url);
  other.cookies.set(SESSION, browser.sessionCookie() ?? "");
  return other;
}

describe("two gateway instances sharing one Redis", () => {
  it("when a user signs out on one instance, then a copy of the cookie is refused on the other (C3)", async () => {
    const [a, b] = [await startRedisGateway(redis.url), await startRedisGateway(redis.url)];
    const browser = new TestBrowser(a.url);
    await browser.signIn();
    const copy = sameCookieOn(b, browser);
    expect((await copy.get("/api/me")).status).toBe(200);
    expect(await redis.client.keys("latchkey:user:*")).toHaveLength(1);

    expect((await browser.post("/auth/logout", CSRF)).status).toBe(204);
    expect((await copy.get("/api/me")).status).toBe(401);
    expect((await copy.get("/api/github/user", CSRF)).status).toBe(401);
    expect(await redis.client.keys("latchkey:revoked:*")).toEqual([
      `latchkey:revoked:${await sessionIdOf(copy.sessionCookie())}`,
    ]);
    // Logout dropped the cached user too.
    expect(await redis.client.keys("latchkey:user:*")).toEqual([]);
  });

  it("when /api/me is asked, then the user comes from the shared cache, which the seal filled", async () => {
    const [a, b] = [await startRedisGateway(redis.url), await startRedisGateway(redis.url)];
    const browser = new TestBrowser(a.url);
    await browser.signIn();
    const me = (await (await browser.get("/api/me")).json()) as { user: NormalizedUser };
    expect(me.user.login).toBe("octocat");
    const sid = await sessionIdOf(browser.sessionCookie());
    expect(await redis.client.pttl(`latchkey:user:${sid}`)).toBeGreaterThan(0);

    // What the cache says is what any instance answers.
    const stores = await redisStores({ REDIS_URL: redis.url });
    await stores.users.set(sid, { ...me.user, name: "From the cache" }, Date.now() + 60_000);
    const fromB = (await (await sameCookieOn(b, browser).get("/api/me")).json()) as {
      user: NormalizedUser;
    };
    expect(fromB.user).toEqual({ ...me.user, name: "From the cache" });
  });

  it("when one client's requests are spread over two instances, then they count against one limit (D7)", async () => {
    const env = { AUTH_RATE_LIMIT_MAX: "3" };
    const [a, b] = [
      await startRedisGateway(redis.url, env),
      await startRedisGateway(redis.url, env),
    ];
    const hit = (gateway: TestGateway) => fetch(`${gateway.url}/auth/providers`);
    expect((await hit(a)).status).toBe(200);
    expect((await hit(b)).status).toBe(200);
    expect((await hit(a)).status).toBe(200);
    const limited = await hit(b);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
    expect((await hit(a)).status).toBe(429);
    expect(await redis.client.keys("latchkey:rl:auth:*")).toHaveLength(1);
  });
});
