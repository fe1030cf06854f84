import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

const github = useMockGitHub();

const TOKEN_PATTERN = /gh[opusr]_[A-Za-z0-9]{20,}/;

describe("GET /api/me", () => {
  it("when nobody is signed in, then it is a 401 JSON unauthenticated", async () => {
    const gateway = await startGateway();
    const response = await fetch(`${gateway.url}/api/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: "unauthenticated",
      message: "Sign in to continue.",
    });
  });

  it("when signed in, then it answers user, provider and expiry, and never a token", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const response = await browser.get("/api/me");
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(text).not.toMatch(TOKEN_PATTERN);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["expiresAt", "provider", "user"]);
    expect(body.provider).toBe("github");
    const expiresAt = Date.parse(String(body.expiresAt));
    expect(expiresAt - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(Object.keys(body.user as object).sort()).toEqual(
      ["avatarUrl", "email", "id", "login", "name", "profileUrl", "provider"].sort(),
    );
  });

  it("when /api/me is asked many times, then GitHub is not asked again", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const before = github.mock.requests.length;
    for (let i = 0; i < 5; i++) expect((await browser.get("/api/me")).status).toBe(200);
    expect(github.mock.requests.length).toBe(before);
  });

  it.each([
    [
      "one byte flipped",
      (v: string) => `${v.slice(0, 40)}${v[40] === "A" ? "B" : "A"}${v.slice(41)}`,
    ],
    ["truncated", (v: string) => v.slice(0, v.length - 10)],
    ["empty", () => ""],
    ["garbage", () => "not-a-seal"],
    ["a wrong prefix", (v: string) => `Fe26.1${v.slice(6)}`],
  ])(
    "when the session cookie is %s, then the request is anonymous (401), never a 500",
    async (_label, mangle) => {
      const gateway = await startGateway();
      const browser = new TestBrowser(gateway.url);
      await browser.signIn();
      const sealed = browser.sessionCookie() ?? "";
      const response = await fetch(`${gateway.url}/api/me`, {
        headers: { cookie: `latchkey.session=${mangle(sealed)}` },
      });
      expect(response.status).toBe(401);
    },
  );

  it("when the cookie was sealed with a secret that has since been removed, then it is anonymous", async () => {
    const old = await startGateway();
    const browser = new TestBrowser(old.url);
    await browser.signIn();
    const rotated = await startGateway({ SESSION_SECRET: "z".repeat(48) });
    const response = await fetch(`${rotated.url}/api/me`, {
      headers: { cookie: `latchkey.session=${browser.sessionCookie()}` },
    });
    expect(response.status).toBe(401);
  });

  it("when a new secret is added next to the old one, then old sessions still open", async () => {
    const old = await startGateway();
    const browser = new TestBrowser(old.url);
    await browser.signIn();
    const rotated = await startGateway({ SESSION_SECRETS: `2:${"n".repeat(48)},1:${TEST_SECRET}` });
    const response = await fetch(`${rotated.url}/api/me`, {
      headers: { cookie: `latchkey.session=${browser.sessionCookie()}` },
    });
    expect(response.status).toBe(200);
  });

  it("when the session has passed its lifetime, then it is anonymous", async () => {
    let now = Date.now();
    const gateway = await startGateway(
      { SESSION_ABSOLUTE_TIMEOUT_SECONDS: "3600", SESSION_IDLE_TIMEOUT_SECONDS: "3600" },
      { now: () => now },
    );
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    expect((await browser.get("/api/me")).status).toBe(200);
    now += 3600 * 1000 + 1;
    expect((await browser.get("/api/me")).status).toBe(401);
  });
});
