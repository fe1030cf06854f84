import { sealData, unsealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const calls = (path: string) => github.mock.requests.filter((r) => r.path === path).length;

/** Starts a Google (mock OpenID Connect) login and consents as octocat; returns the callback. */
async function googleCallback(browser: TestBrowser) {
  const authorize = await browser.startLogin("/restricted", "google");
  return {
    authorize,
    callback: new URL(await browser.consent(authorize, { login: "octocat" }), browser.origin),
  };
}

describe("signing in with an OpenID Connect provider (the mock's Google)", () => {
  it("when a Google login starts, then it carries a fresh nonce, S256 PKCE and the openid scope", async () => {
    const gateway = await startGateway();
    const first = await new TestBrowser(gateway.url).startLogin("/", "google");
    const second = await new TestBrowser(gateway.url).startLogin("/", "google");
    expect(`${first.origin}${first.pathname}`).toBe(`${github.mock.baseUrl}/oidc/authorize`);
    expect(first.searchParams.get("scope")).toBe("openid email profile");
    expect(first.searchParams.get("code_challenge_method")).toBe("S256");
    expect(first.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.searchParams.get("nonce")).not.toBe(second.searchParams.get("nonce"));
  });

  it("when octocat consents, then the id_token is checked and a Google session starts (A6)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn("octocat", "/restricted", "google");
    expect(response.headers.get("location")).toBe("/restricted");
    const me = (await (await browser.get("/api/me")).json()) as Record<string, unknown>;
    expect(me).toMatchObject({
      provider: "google",
      user: {
        provider: "google",
        login: "octocat",
        email: "octocat@github.com",
        name: "The Octocat",
      },
    });
    expect(calls("/oidc/jwks")).toBeGreaterThanOrEqual(1);
  });

  it("when the transaction's nonce differs from the id_token's, then the login fails as invalid_id_token (A6)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const { callback } = await googleCallback(browser);
    const sealed = browser.cookies.get("latchkey.tx") ?? "";
    const tx = await unsealData<Record<string, unknown>>(sealed, {
      password: { 1: TEST_SECRET },
      ttl: 900,
    });
    browser.cookies.set(
      "latchkey.tx",
      await sealData({ ...tx, nonce: "n".repeat(43) }, { password: { 1: TEST_SECRET }, ttl: 900 }),
    );
    const response = await browser.get(`${callback.pathname}${callback.search}`);
    expect(response.headers.get("location")).toBe(
      "/login?error=invalid_id_token&returnTo=%2Frestricted",
    );
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it.each([
    ["missing", (p: URLSearchParams) => p.delete("iss")],
    ["from another issuer", (p: URLSearchParams) => p.set("iss", "https://accounts.google.com")],
  ])(
    "when the callback's iss is %s, then it is refused before any token request (A5)",
    async (_label, change) => {
      const gateway = await startGateway();
      const browser = new TestBrowser(gateway.url);
      const { callback } = await googleCallback(browser);
      change(callback.searchParams);
      const response = await browser.get(`${callback.pathname}?${callback.searchParams}`);
      expect(response.headers.get("location")).toBe(
        "/login?error=issuer_mismatch&returnTo=%2Frestricted",
      );
      expect(calls("/oidc/token")).toBe(0);
    },
  );

  it("when a Google user calls the GitHub proxy, then it is a 403 wrong_provider and GitHub is not called", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat", "/restricted", "google");
    const response = await browser.get("/api/github/user", { "x-csrf": "1" });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "wrong_provider" });
    expect(github.mock.requests.some((r) => r.path.startsWith("/api/v3/"))).toBe(false);
  });

  it("when a Google user logs out, then both its tokens are revoked at the provider (RFC 7009)", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat", "/restricted", "google");
    expect((await browser.post("/auth/logout", { "x-csrf": "1" })).status).toBe(204);
    // The refresh token and the access token, one request each.
    expect(calls("/oidc/revoke")).toBe(2);
  });

  it("when discovery cannot be reached, then the login lands on the login page, not a 500", async () => {
    const gateway = await startGateway({ GITHUB_URL: "http://127.0.0.1:9" });
    const response = await fetch(`${gateway.url}/auth/google/login`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?error=network_error");
  });

  it("when discovery fails for a sign-in begun on /repos?page=2, then the login page keeps that returnTo, checked", async () => {
    const gateway = await startGateway({ GITHUB_URL: "http://127.0.0.1:9" });
    const login = (returnTo: string) =>
      fetch(`${gateway.url}/auth/google/login?${new URLSearchParams({ returnTo })}`, {
        redirect: "manual",
      });
    expect((await login("/repos?page=2")).headers.get("location")).toBe(
      "/login?error=network_error&returnTo=%2Frepos%3Fpage%3D2",
    );
    expect((await login("https://evil.example/")).headers.get("location")).toBe(
      "/login?error=network_error",
    );
  });
});
