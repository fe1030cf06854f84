import { sealData, unsealData } from "iron-session";
import { http, passthrough } from "msw";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { EXPIRING_APP, tokenRequests, useFakeDate } from "./support/expiring-app.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const HOUR = 3600_000;
const CSRF = { "x-csrf": "1" };

const refreshCalls = () => tokenRequests(github.mock);
const clock = useFakeDate();

async function signedIn() {
  const gateway = await startGateway({ ...EXPIRING_APP, GITHUB_URL: github.mock.baseUrl });
  const browser = new TestBrowser(gateway.url);
  expect((await browser.signIn()).headers.get("location")).toBe("/restricted");
  github.mock.requests.length = 0;
  return { gateway, browser };
}

describe("token refresh", () => {
  it("when the access token is about to expire, then it is renewed before the call and the cookie re-sealed", async () => {
    const { browser } = await signedIn();
    const before = browser.sessionCookie();
    clock.advance(8 * HOUR - 30_000);
    const response = await browser.get("/api/github/user", CSRF);
    expect(response.status).toBe(200);
    expect(refreshCalls()).toBe(1);
    expect(browser.sessionCookie()).not.toBe(before);
    // The renewed token lasts: no second refresh on the next call.
    expect((await browser.get("/api/github/user", CSRF)).status).toBe(200);
    expect(refreshCalls()).toBe(1);
  });

  it("when many requests need a refresh at once, then exactly one refresh happens", async () => {
    const { browser } = await signedIn();
    clock.advance(8 * HOUR + 1);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => browser.get("/api/github/user", CSRF)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(refreshCalls()).toBe(1);
  });

  it("when a request still carries the cookie from before a refresh, then it gets the new token, not a second refresh", async () => {
    const { browser } = await signedIn();
    const stale = browser.sessionCookie() ?? "";
    clock.advance(8 * HOUR + 1);
    expect((await browser.get("/api/github/user", CSRF)).status).toBe(200);
    const otherTab = new TestBrowser(browser.origin);
    otherTab.cookies.set("latchkey.session", stale);
    expect((await otherTab.get("/api/github/user", CSRF)).status).toBe(200);
    expect(refreshCalls()).toBe(1);
  });

  it("when the refresh fails, then the session ends (fail closed) and every copy is refused", async () => {
    const { browser } = await signedIn();
    const copy = browser.sessionCookie() ?? "";
    github.mock.faults.set("token", { kind: "status", status: 500 });
    clock.advance(8 * HOUR + 1);
    const response = await browser.get("/api/github/user", CSRF);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "session_expired" });
    expect(browser.sessionCookie()).toBeUndefined();
    github.mock.faults.clear();
    const other = new TestBrowser(browser.origin);
    other.cookies.set("latchkey.session", copy);
    expect((await other.get("/api/me")).status).toBe(401);
    // Never retried: a refresh is a token request.
    expect(refreshCalls()).toBe(1);
  });

  it("when tokens do not expire (an OAuth App), then nothing is ever refreshed", async () => {
    const gateway = await startGateway({ SESSION_IDLE_TIMEOUT_SECONDS: String(24 * 3600) });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    github.mock.requests.length = 0;
    clock.advance(20 * HOUR);
    expect((await browser.get("/api/github/user", CSRF)).status).toBe(200);
    expect(refreshCalls()).toBe(0);
  });

  it("when a session sealed with its token parameters as `context` is refreshed, then they are sent again and kept as extraParams", async () => {
    const { browser } = await signedIn();
    const seal = { password: { 1: TEST_SECRET }, ttl: 7 * 24 * 3600 };
    const session = await unsealData<{ token: Record<string, unknown> }>(
      browser.sessionCookie() ?? "",
      seal,
    );
    const legacy = { ...session, token: { ...session.token, context: { device_id: "d-1" } } };
    browser.cookies.set("latchkey.session", await sealData(legacy, seal));
    const bodies: string[] = [];
    github.use(
      http.post(`${githubBase()}/login/oauth/access_token`, async ({ request }) => {
        bodies.push(await request.clone().text());
        return passthrough();
      }),
    );
    clock.advance(8 * HOUR + 1);
    expect((await browser.get("/api/github/user", CSRF)).status).toBe(200);
    expect(bodies).toHaveLength(1);
    const sent = new URLSearchParams(bodies[0]);
    expect(sent.get("grant_type")).toBe("refresh_token");
    expect(sent.get("device_id")).toBe("d-1");
    const renewed = await unsealData<{ token: Record<string, unknown> }>(
      browser.sessionCookie() ?? "",
      seal,
    );
    expect(renewed.token.extraParams).toEqual({ device_id: "d-1" });
    expect(renewed.token).not.toHaveProperty("context");
  });
});
