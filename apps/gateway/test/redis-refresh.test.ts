import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { EXPIRING_APP, tokenRequests, useFakeDate } from "./support/expiring-app.js";
import type { TestGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";
import { sessionIdOf, startRedisGateway, useRedisServer } from "./support/redis.js";

const github = useMockGitHub();
const redis = useRedisServer();
const HOUR = 3600_000;
const CSRF = { "x-csrf": "1" };
const SESSION = "latchkey.session";

const refreshCalls = () => tokenRequests(github.mock);
// Redis's own TTLs run on its real clock; the gateways' arithmetic on the faked one.
const { advance } = useFakeDate();

/** Two instances behind an imaginary balancer, and a user signed in on the first. */
async function twoInstancesSignedIn() {
  const env = { ...EXPIRING_APP, GITHUB_URL: github.mock.baseUrl };
  const a = await startRedisGateway(redis.url, env);
  const b = await startRedisGateway(redis.url, env);
  const browser = new TestBrowser(a.url);
  expect((await browser.signIn()).headers.get("location")).toBe("/restricted");
  github.mock.requests.length = 0;
  return { a, b, browser, cookie: browser.sessionCookie() ?? "" };
}

function tab(gateway: TestGateway, cookie: string): TestBrowser {
  const browser = new TestBrowser(gateway.url);
  browser.cookies.set(SESSION, cookie);
  return browser;
}

describe("token refresh across instances sharing Redis", () => {
  it("when both instances need the same refresh at once, then exactly one happens and every request gets the new token", async () => {
    const { a, b, cookie } = await twoInstancesSignedIn();
    advance(8 * HOUR + 1);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        tab(i % 2 ? b : a, cookie).get("/api/github/user", CSRF),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    // The old token has expired at the mock too: every 200 came with the one new token.
    expect(refreshCalls()).toBe(1);
  });

  it("when a stale cookie reaches the other instance after a refresh, then it gets the new token there, not a second refresh", async () => {
    const { a, b, cookie } = await twoInstancesSignedIn();
    advance(8 * HOUR + 1);
    expect((await tab(a, cookie).get("/api/github/user", CSRF)).status).toBe(200);
    expect((await tab(b, cookie).get("/api/github/user", CSRF)).status).toBe(200);
    expect(refreshCalls()).toBe(1);
    // Published sealed, until the new token's expiry.
    const published =
      (await redis.client.get(`latchkey:refreshed:${await sessionIdOf(cookie)}`)) ?? "";
    expect(published).toMatch(/^Fe26\.2\*/);
    expect(published).not.toMatch(/gh[our]_/);
  });

  it("when the lock holder died mid-refresh, then its lock expires and another instance refreshes", async () => {
    const { b, cookie } = await twoInstancesSignedIn();
    await redis.client.set(`latchkey:refresh-lock:${await sessionIdOf(cookie)}`, "dead", "PX", 300);
    advance(8 * HOUR + 1);
    const started = performance.now();
    expect((await tab(b, cookie).get("/api/github/user", CSRF)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(refreshCalls()).toBe(1);
  });

  it("when the refresh fails, then every waiting instance ends the session too, without a second try", async () => {
    const { a, b, cookie } = await twoInstancesSignedIn();
    github.mock.faults.set("token", { kind: "status", status: 500 });
    advance(8 * HOUR + 1);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => tab(i % 2 ? b : a, cookie).get("/api/github/user", CSRF)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(401));
    for (const response of responses) {
      expect(await response.json()).toMatchObject({ error: "session_expired" });
    }
    expect(refreshCalls()).toBe(1);
    github.mock.faults.clear();
    expect((await tab(b, cookie).get("/api/me")).status).toBe(401);
    expect(refreshCalls()).toBe(1);
  });
});
