import { http } from "msw";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";
import { browserWithSession } from "./support/sealed-session.js";

const network = useMockGitHub();

const CSRF = { "x-csrf": "1" };
/** Google's real issuer, which the closed network never reaches: its discovery fails. */
const UNREACHABLE_GOOGLE = {
  GITHUB_CLIENT_ID: "mock-client-id",
  GITHUB_CLIENT_SECRET: "mock-client-secret",
  GOOGLE_CLIENT_ID: "google-client-id",
  GOOGLE_CLIENT_SECRET: "google-client-secret",
};

describe("each provider's API path", () => {
  it("when a provider's discovery fails, then /auth/providers says null for its API and the others' paths still", async () => {
    const gateway = await startGateway(UNREACHABLE_GOOGLE);
    const response = await fetch(`${gateway.url}/auth/providers`);
    const body = (await response.json()) as { providers: { id: string; api: unknown }[] };
    expect(body.providers.map(({ id, api }) => ({ id, api }))).toEqual([
      { id: "github", api: "/api/github" },
      { id: "google", api: null },
    ]);
  });

  it("when a provider's discovery hangs, then /auth/providers and /api/me answer within seconds, its API left out", async () => {
    network.use(
      http.get(
        "https://accounts.google.com/.well-known/openid-configuration",
        () => new Promise(() => {}),
      ),
    );
    const gateway = await startGateway(UNREACHABLE_GOOGLE);
    const browser = await browserWithSession(gateway, "google", "google-token");
    const started = Date.now();
    const providers = await fetch(`${gateway.url}/auth/providers`);
    const me = await browser.get("/api/me");
    // Each waits API_LOOKUP_WAIT_MS (1 s) at most, far from the provider's 10 s timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
    const body = (await providers.json()) as { providers: { id: string; api: unknown }[] };
    expect(body.providers.find(({ id }) => id === "google")?.api).toBeNull();
    expect(me.status).toBe(200);
    expect(((await me.json()) as { apis: unknown }).apis).toEqual([]);
  });

  it("when a provider's discovery fails, then its API answers a 502 JSON, not a 500, and a later request tries again", async () => {
    const gateway = await startGateway(UNREACHABLE_GOOGLE);
    const browser = await browserWithSession(gateway, "google", "google-token");
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await browser.get("/api/google/drive/v3/files", CSRF);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({
        error: "upstream_unavailable",
        message: "Google could not be reached; try again shortly.",
      });
    }
  });

  it("when a GitHub session calls Google's API, then it is a 403 wrong_provider naming Google", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const response = await browser.get("/api/google/drive/v3/files", CSRF);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "wrong_provider",
      message: "The Google API is available to people signed in with Google.",
    });
  });

  it("when a Google session calls GitHub's API, then it is a 403 wrong_provider naming GitHub", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat", "/restricted", "google");
    const response = await browser.get("/api/github/user", CSRF);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toBe(
      "The GitHub API is available to people signed in with GitHub.",
    );
  });

  it("when the mock stands in for Google, then a mock Google session lists its Drive files through /api/google", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    expect((await browser.signIn("octocat", "/restricted", "google")).status).toBe(302);
    const response = await browser.get("/api/google/drive/v3/files", CSRF);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { files: { name: string }[] };
    expect(body.files.map((file) => file.name)).toContain("Welcome to Drive");
  });

  it("when a Google path smuggles a separator, then the 400 names Google's API", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat", "/restricted", "google");
    const response = await browser.get("/api/google/files/a%2fb", CSRF);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_path",
      message: "The API path is not a valid Google API path.",
    });
  });
});
