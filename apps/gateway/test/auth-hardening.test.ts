import { sealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

describe("authorization hardening", () => {
  it("when a transaction somehow holds an off-site returnTo, then the final redirect still stays home (A9)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const authorize = await browser.startLogin("/restricted");
    const state = authorize.searchParams.get("state") ?? "";
    // Forge a whole transaction with the server's secret, as a bug elsewhere might.
    const forged = await sealData(
      {
        provider: "github",
        state,
        codeVerifier: "v".repeat(43),
        returnTo: "//evil.example/phish",
        createdAt: Date.now(),
      },
      { password: { 1: TEST_SECRET }, ttl: 900 },
    );
    browser.cookies.set("latchkey.tx", forged);
    const callback = new URL(await browser.consent(authorize, { login: "octocat" }), gateway.url);
    // PKCE fails with the forged verifier, so the login fails — but it fails on our origin.
    const response = await browser.get(`${callback.pathname}${callback.search}`);
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith("/")).toBe(true);
    expect(location.startsWith("//")).toBe(false);
  });

  it("when extra scopes are configured, then they are asked for; by default only the least (A10)", async () => {
    const plain = await startGateway();
    const least = await new TestBrowser(plain.url).startLogin();
    expect(least.searchParams.get("scope")).toBe("read:user user:email");
    const wider = await startGateway({ GITHUB_SCOPES: "read:user,user:email read:org" });
    const more = await new TestBrowser(wider.url).startLogin();
    expect(more.searchParams.get("scope")).toBe("read:user user:email read:org");
  });

  it("when the same redirect_uri is not used for the token request, then GitHub refuses it (A4)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const authorize = await browser.startLogin();
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${gateway.url}/auth/github/callback`);
    // A gateway whose public URL differs uses a different redirect_uri for the exchange.
    const elsewhere = await startGateway({ PUBLIC_URL: "http://127.0.0.1:1" });
    const callback = await browser.consent(authorize, { login: "octocat" });
    const thief = new TestBrowser(elsewhere.url);
    thief.cookies.set("latchkey.tx", browser.cookies.get("latchkey.tx") ?? "");
    const response = await thief.get(callback);
    expect(response.headers.get("location")).toBe("/login?error=provider_error");
    expect(thief.sessionCookie()).toBeUndefined();
  });

  it.each(["PROXY_METHODS", "GITHUB_PROXY_METHODS"])(
    "when writes are allowed by %s, then they pass; otherwise 405 (B7)",
    async (variable) => {
      const gateway = await startGateway({ [variable]: "GET,HEAD,POST" });
      const browser = new TestBrowser(gateway.url);
      await browser.signIn();
      const post = await browser.request("/api/github/user/repos", {
        method: "POST",
        headers: { "x-csrf": "1", "content-type": "application/json" },
        body: JSON.stringify({ name: "x" }),
      });
      expect(post.status).not.toBe(405);
      const del = await browser.request("/api/github/user/repos", {
        method: "DELETE",
        headers: { "x-csrf": "1" },
      });
      expect(del.status).toBe(405);
      expect(del.headers.get("allow")).toBe("GET, HEAD, POST");
    },
  );
});
