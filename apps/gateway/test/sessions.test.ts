import { unsealData } from "iron-session";
import { describe, expect, it } from "vitest";
import type { SessionData } from "../src/session/session.js";
import { parseSetCookie, TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

const HOUR = 3600 * 1000;

async function opened(
  sealed: string | undefined,
  secrets: Record<string, string> = { 1: TEST_SECRET },
) {
  return (await unsealData<SessionData>(sealed ?? "", {
    password: secrets,
    ttl: 0,
  })) as SessionData;
}

function clock() {
  const state = { now: Date.now() };
  return { state, now: () => state.now };
}

/** A signed-in browser on a gateway whose clock the test moves. */
async function signedInWithClock(env: Record<string, string>) {
  const time = clock();
  const gateway = await startGateway(env, { now: time.now });
  const browser = new TestBrowser(gateway.url);
  await browser.signIn();
  return { time, browser };
}

describe("sessions", () => {
  it("when a user signs in twice, then each login makes a session with a new id (C1)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const first = await opened(browser.sessionCookie());
    await browser.signIn("octocat");
    const second = await opened(browser.sessionCookie());
    expect(first.sid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second.sid).not.toBe(first.sid);
  });

  it("when a session goes unused past the idle timeout, then it is refused (C2)", async () => {
    const { time, browser } = await signedInWithClock({
      SESSION_IDLE_TIMEOUT_SECONDS: String(2 * 3600),
    });
    time.state.now += 2 * HOUR - 60_000;
    expect((await browser.get("/api/me")).status).toBe(200);
    // The request above moved the idle clock: another almost-2-hours is fine.
    time.state.now += 2 * HOUR - 60_000;
    expect((await browser.get("/api/me")).status).toBe(200);
    time.state.now += 2 * HOUR + 1;
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("when only background checks (/api/me?slide=false) come, then the idle clock stands still and the session idles out on time", async () => {
    const { time, browser } = await signedInWithClock({
      SESSION_IDLE_TIMEOUT_SECONDS: String(2 * 3600),
    });
    const sealed = browser.sessionCookie();
    for (let i = 0; i < 3; i++) {
      time.state.now += 30 * 60_000;
      const check = await browser.get("/api/me?slide=false");
      expect(check.status).toBe(200);
      expect(check.headers.get("set-cookie")).toBeNull();
    }
    expect(browser.sessionCookie()).toBe(sealed);
    // 2 h after sign-in with nothing but background checks in between: idle, over.
    time.state.now += 30 * 60_000 + 1;
    expect((await browser.get("/api/me?slide=false")).status).toBe(401);
  });

  it("when slide=true or no slide is asked, then the check counts as activity", async () => {
    const { time, browser } = await signedInWithClock({
      SESSION_IDLE_TIMEOUT_SECONDS: String(2 * 3600),
    });
    time.state.now += 2 * HOUR - 60_000;
    expect((await browser.get("/api/me?slide=true")).status).toBe(200);
    time.state.now += 2 * HOUR - 60_000;
    expect((await browser.get("/api/me?slide=false")).status).toBe(200);
  });

  it.each(["slide=no", "slide=", "slide=false&slide=true"])(
    "when /api/me?%s is asked, then it is a 400 JSON naming slide, and the session is untouched",
    async (query) => {
      const gateway = await startGateway();
      const browser = new TestBrowser(gateway.url);
      await browser.signIn();
      const sealed = browser.sessionCookie();
      const response = await browser.get(`/api/me?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: "invalid_parameter",
        message: 'slide must be "true" or "false".',
      });
      expect(browser.sessionCookie()).toBe(sealed);
    },
  );

  it("when a session is used all the time, then it still ends at the absolute timeout (C2)", async () => {
    const time = clock();
    const gateway = await startGateway(
      {
        SESSION_IDLE_TIMEOUT_SECONDS: String(3600),
        SESSION_ABSOLUTE_TIMEOUT_SECONDS: String(3 * 3600),
      },
      { now: time.now },
    );
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    for (let i = 0; i < 5; i++) {
      time.state.now += 30 * 60_000;
      expect((await browser.get("/api/me")).status).toBe(200);
    }
    time.state.now += 31 * 60_000;
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("when requests come close together, then the cookie is not re-sealed on every one", async () => {
    const time = clock();
    const gateway = await startGateway({}, { now: time.now });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    time.state.now += 60_000;
    const soon = await browser.get("/api/me");
    expect(soon.headers.getSetCookie()).toEqual([]);

    time.state.now += 10 * 60_000;
    const later = await browser.get("/api/me");
    const [resealed] = later.headers.getSetCookie().map(parseSetCookie);
    expect(resealed?.name).toBe("latchkey.session");
    const session = await opened(resealed?.value);
    expect(session.lastSeenAt).toBe(time.state.now);
    // Re-sealing never extends the absolute lifetime.
    const maxAge = Number(resealed?.attributes["max-age"]);
    expect(maxAge * 1000).toBeLessThanOrEqual(session.expiresAt - time.state.now);
  });

  it("when a cookie copied before logout is sent after it, then it is refused (C3)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const copy = browser.sessionCookie();
    expect((await browser.post("/auth/logout", { "x-csrf": "1" })).status).toBe(204);

    const thief = new TestBrowser(gateway.url);
    thief.cookies.set("latchkey.session", copy ?? "");
    expect((await thief.get("/api/me")).status).toBe(401);
    expect((await thief.get("/api/github/user", { "x-csrf": "1" })).status).toBe(401);
  });

  it("when GitHub rejects the token on a proxied call, then every copy of the session is refused (D3)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const copy = browser.sessionCookie();
    // Revoke the token at GitHub behind the gateway's back (as a user would in GitHub's settings).
    const session = await opened(copy);
    await fetch(
      `${gateway.config.providers[0]?.settings.url}/api/v3/applications/mock-client-id/token`,
      {
        method: "DELETE",
        headers: {
          authorization: `Basic ${Buffer.from("mock-client-id:mock-client-secret").toString("base64")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ access_token: session.token.accessToken }),
      },
    );
    expect((await browser.get("/api/github/user", { "x-csrf": "1" })).status).toBe(401);
    expect(browser.sessionCookie()).toBeUndefined();

    const other = new TestBrowser(gateway.url);
    other.cookies.set("latchkey.session", copy ?? "");
    await expect.poll(async () => (await other.get("/api/me")).status).toBe(401);
  });

  it("when a new secret is added with a higher id, then new sessions are sealed with it (C4)", async () => {
    const newer = "n".repeat(48);
    const gateway = await startGateway({ SESSION_SECRETS: `2:${newer},1:${TEST_SECRET}` });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const sealed = browser.sessionCookie() ?? "";
    expect(sealed.startsWith("Fe26.2*2*")).toBe(true);
    expect((await opened(sealed, { 2: newer })).user.login).toBe("octocat");
  });
});
