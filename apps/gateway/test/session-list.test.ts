import type { SessionSummary } from "@latchkey/contracts";
import { unsealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CSRF = { "X-CSRF": "1" };

async function list(browser: TestBrowser): Promise<SessionSummary[]> {
  const response = await browser.get("/api/sessions");
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return ((await response.json()) as { sessions: SessionSummary[] }).sessions;
}

/** One gateway, octocat signed in on a Mac and on a Windows PC, hubot on a third browser. */
async function threeBrowsers() {
  const gateway = await startGateway();
  const mac = new TestBrowser(gateway.url, { "User-Agent": CHROME_MAC });
  const pc = new TestBrowser(gateway.url, { "User-Agent": FIREFOX_WINDOWS });
  const other = new TestBrowser(gateway.url);
  await mac.signIn("octocat");
  await pc.signIn("octocat");
  await other.signIn("hubot");
  return { gateway, mac, pc, other };
}

describe("a user's own sessions (/api/sessions)", () => {
  it("when octocat signed in on two browsers, then each lists both, newest first, itself as current", async () => {
    const { mac, pc } = await threeBrowsers();
    const seenFromMac = await list(mac);
    expect(seenFromMac).toHaveLength(2);
    expect(seenFromMac.map((s) => [s.browser, s.system, s.current])).toEqual([
      ["Firefox 133", "Windows", false],
      ["Chrome 131", "macOS", true],
    ]);
    const seenFromPc = await list(pc);
    expect(seenFromPc.map((s) => s.current)).toEqual([true, false]);
    expect(seenFromPc.map((s) => s.id)).toEqual(seenFromMac.map((s) => s.id));
    for (const session of seenFromMac) {
      expect(session.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Date.parse(session.signedInAt)).toBeLessThanOrEqual(Date.parse(session.lastSeenAt));
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
    }
  });

  it("when the list is read, then it names no session id, token or other user", async () => {
    const { mac, other } = await threeBrowsers();
    const raw = await (await mac.get("/api/sessions")).text();
    const session = await unsealData<{ sid: string; token: { accessToken: string } }>(
      mac.sessionCookie() ?? "",
      { password: { 1: TEST_SECRET }, ttl: 0 },
    );
    expect(session.sid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(raw).not.toContain(session.sid);
    expect(raw).not.toContain(session.token.accessToken);
    expect(raw).not.toMatch(/accessToken|refreshToken|"sid"|hubot/);
    expect(await list(other)).toHaveLength(1);
  });

  it("when no one is signed in, then the list is a 401", async () => {
    const gateway = await startGateway();
    const response = await new TestBrowser(gateway.url).get("/api/sessions");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthenticated" });
  });

  it("when a browser signs out, then the others no longer list its session", async () => {
    const { mac, pc } = await threeBrowsers();
    expect((await pc.post("/auth/logout", CSRF)).status).toBe(204);
    const left = await list(mac);
    expect(left.map((s) => s.browser)).toEqual(["Chrome 131"]);
  });

  it("when the Mac ends the PC's session, then the PC is signed out and the Mac is not", async () => {
    const { mac, pc } = await threeBrowsers();
    const [pcSession] = (await list(mac)).filter((s) => !s.current);
    const response = await mac.request(`/api/sessions/${pcSession?.id}`, {
      method: "DELETE",
      headers: CSRF,
    });
    expect(response.status).toBe(204);
    expect((await pc.get("/api/me")).status).toBe(401);
    expect((await mac.get("/api/me")).status).toBe(200);
    expect((await list(mac)).map((s) => s.current)).toEqual([true]);
  });

  it("when a session is ended without X-CSRF or from another site, then it is refused and stays", async () => {
    const { mac, pc } = await threeBrowsers();
    const [pcSession] = (await list(mac)).filter((s) => !s.current);
    const path = `/api/sessions/${pcSession?.id}`;
    const bare = await mac.request(path, { method: "DELETE" });
    expect(bare.status).toBe(403);
    expect(await bare.json()).toMatchObject({ error: "csrf_header_missing" });
    const crossSite = await mac.request(path, {
      method: "DELETE",
      headers: { ...CSRF, Origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    const everywhere = await mac.request("/api/sessions", {
      method: "DELETE",
      headers: { ...CSRF, "Sec-Fetch-Site": "cross-site" },
    });
    expect(everywhere.status).toBe(403);
    expect((await pc.get("/api/me")).status).toBe(200);
  });

  it("when an id is unknown or another user's, then the answer is a 404 session_not_found and nothing ends", async () => {
    const { mac, other } = await threeBrowsers();
    const [hubotSession] = await list(other);
    for (const id of [hubotSession?.id, "A".repeat(22), "not-an-id", "%E2%9C%93"]) {
      const response = await mac.request(`/api/sessions/${id}`, {
        method: "DELETE",
        headers: CSRF,
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: "session_not_found" });
    }
    expect((await other.get("/api/me")).status).toBe(200);
  });

  it("when a browser ends its own session from the list, then it is signed out like at logout", async () => {
    const { mac, pc } = await threeBrowsers();
    const [own] = (await list(mac)).filter((s) => s.current);
    const sealed = mac.sessionCookie();
    const response = await mac.request(`/api/sessions/${own?.id}`, {
      method: "DELETE",
      headers: CSRF,
    });
    expect(response.status).toBe(204);
    expect(mac.sessionCookie()).toBeUndefined();
    // A copy of the cookie is refused too: the session was revoked, not only forgotten.
    const copy = new TestBrowser(mac.origin);
    copy.cookies.set("latchkey.session", sealed ?? "");
    expect((await copy.get("/api/me")).status).toBe(401);
    expect((await pc.get("/api/me")).status).toBe(200);
  });

  it("when octocat signs out everywhere, then every one of their sessions ends and hubot's stays", async () => {
    const { mac, pc, other } = await threeBrowsers();
    const response = await mac.request("/api/sessions", { method: "DELETE", headers: CSRF });
    expect(response.status).toBe(204);
    expect(mac.sessionCookie()).toBeUndefined();
    expect((await pc.get("/api/me")).status).toBe(401);
    expect((await other.get("/api/me")).status).toBe(200);
  });
});
