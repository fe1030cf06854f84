import { unsealData } from "iron-session";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { SessionData } from "../src/session/session.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const { use } = github;
const REVOKE_PATH = "/api/v3/applications/mock-client-id/token";

async function signedIn() {
  const gateway = await startGateway();
  const browser = new TestBrowser(gateway.url);
  await browser.signIn();
  return { gateway, browser };
}

describe("POST /auth/logout", () => {
  it("when called with X-CSRF, then the GitHub token is revoked, the cookie cleared and it answers 204", async () => {
    const { browser } = await signedIn();
    // The proxy works before logout: the token is good.
    expect((await browser.get("/api/github/user", { "x-csrf": "1" })).status).toBe(200);
    const sealed = browser.sessionCookie();

    const response = await browser.post("/auth/logout", { "x-csrf": "1" });
    expect(response.status).toBe(204);
    expect(browser.sessionCookie()).toBeUndefined();
    expect(github.mock.requests.some((r) => r.method === "DELETE" && r.path === REVOKE_PATH)).toBe(
      true,
    );
    expect((await browser.get("/api/me")).status).toBe(401);

    // The token itself is dead at GitHub: a copy of the old cookie gets GitHub's 401.
    browser.cookies.set("latchkey.session", sealed ?? "");
    expect((await browser.get("/api/github/user", { "x-csrf": "1" })).status).toBe(401);
  });

  it("when a Google session signs out, then its refresh token is revoked too and the grant is gone at the provider", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat", "/restricted", "google");
    const { token } = await unsealData<SessionData>(browser.sessionCookie() ?? "", {
      password: { 1: TEST_SECRET },
      ttl: 0,
    });
    expect(token.refreshToken).toEqual(expect.any(String));
    const refresh = () =>
      fetch(`${githubBase()}/oidc/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: token.refreshToken ?? "",
          client_id: "mock-google-client-id",
          client_secret: "mock-google-client-secret",
        }),
      });

    expect((await browser.post("/auth/logout", { "x-csrf": "1" })).status).toBe(204);
    // Revoking the access token alone would leave this refresh token working.
    const refused = await refresh();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
    const revocations = github.mock.requests.filter((r) => r.path === "/oidc/revoke");
    expect(revocations).toHaveLength(2);
  });

  it("when X-CSRF is missing, then it is a 403 and the session survives", async () => {
    const { browser } = await signedIn();
    const response = await browser.post("/auth/logout");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "csrf_header_missing" });
    expect((await browser.get("/api/me")).status).toBe(200);
    expect(github.mock.requests.some((r) => r.method === "DELETE")).toBe(false);
  });

  it.each([
    ["a cross-site Origin", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ])(
    "when the request comes with %s, then it is a 403 even with X-CSRF",
    async (_label, headers) => {
      const { browser } = await signedIn();
      const response = await browser.post("/auth/logout", { "x-csrf": "1", ...headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "cross_site_request" });
      expect((await browser.get("/api/me")).status).toBe(200);
    },
  );

  it("when nobody is signed in, then logout still answers 204", async () => {
    const gateway = await startGateway();
    const response = await new TestBrowser(gateway.url).post("/auth/logout", { "x-csrf": "1" });
    expect(response.status).toBe(204);
  });

  it("when GitHub's revocation hangs, then logout still finishes within its bound", async () => {
    use(
      http.delete(`${githubBase()}${REVOKE_PATH}`, async () => {
        await delay("infinite");
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const gateway = await startGateway({ REVOKE_TIMEOUT_MS: "200" });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const started = Date.now();
    const response = await browser.post("/auth/logout", { "x-csrf": "1" });
    expect(response.status).toBe(204);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when GitHub's revocation fails, then the user is still logged out", async () => {
    use(http.delete(`${githubBase()}${REVOKE_PATH}`, () => HttpResponse.error()));
    const { browser } = await signedIn();
    const response = await browser.post("/auth/logout", { "x-csrf": "1" });
    expect(response.status).toBe(204);
    expect((await browser.get("/api/me")).status).toBe(401);
  });
});
