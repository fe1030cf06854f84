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

  it("when signed in, then the answer is JSON with its length and the security headers, and HEAD has no body", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const response = await browser.get("/api/me");
    const text = await response.text();
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(response.headers.get("transfer-encoding")).toBeNull();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");

    const head = await browser.request("/api/me", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("when signed in, then it answers user, provider (id and name), expiry and APIs, and never a token", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const response = await browser.get("/api/me");
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(text).not.toMatch(TOKEN_PATTERN);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      "apis",
      "expiresAt",
      "provider",
      "providerName",
      "user",
    ]);
    expect(body.provider).toBe("github");
    expect(body.providerName).toBe("GitHub");
    expect(body.apis).toEqual([{ name: "github", path: "/api/github", kind: "provider" }]);
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
});
