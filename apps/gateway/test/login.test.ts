import { describe, expect, it } from "vitest";
import { parseSetCookie, TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

useMockGitHub();

describe("GET /auth/github/login", () => {
  it("when a login starts, then it redirects to GitHub with state, S256 PKCE and the callback URL", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const url = await browser.startLogin("/restricted");

    expect(`${url.origin}${url.pathname}`).toBe(`${githubBase()}/login/oauth/authorize`);
    expect(url.searchParams.get("client_id")).toBe("mock-client-id");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("redirect_uri")).toBe(`${gateway.url}/auth/github/callback`);
    expect(url.searchParams.get("scope")).toBe("read:user user:email");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // 32 random bytes, base64url: well over the 128 bits the checklist asks for.
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("when a login starts, then the transaction cookie is sealed, HttpOnly, Lax and lives 10 minutes", async () => {
    const gateway = await startGateway();
    const response = await fetch(`${gateway.url}/auth/github/login`, { redirect: "manual" });
    const cookies = response.headers.getSetCookie().map(parseSetCookie);
    expect(cookies).toHaveLength(1);
    const [tx] = cookies;
    expect(tx?.name).toBe("latchkey.tx");
    expect(tx?.attributes).toMatchObject({
      httponly: true,
      samesite: "Lax",
      path: "/",
      "max-age": "600",
    });
    expect(tx?.attributes.secure).toBeUndefined();
    expect(tx?.attributes.domain).toBeUndefined();
    // Sealed: neither the state nor the verifier can be read from the cookie.
    const state = new URL(response.headers.get("location") ?? "").searchParams.get("state") ?? "";
    expect(tx?.value).not.toContain(state);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("when the public URL is https, then the cookie is Secure with the __Host- prefix", async () => {
    const gateway = await startGateway({ PUBLIC_URL: "https://app.example.com" });
    const response = await fetch(`${gateway.url}/auth/github/login`, { redirect: "manual" });
    const [tx] = response.headers.getSetCookie().map(parseSetCookie);
    expect(tx?.name).toBe("__Host-latchkey.tx");
    expect(tx?.attributes.secure).toBe(true);
    expect(tx?.attributes.path).toBe("/");
  });

  it("when two logins start, then each gets its own state and verifier", async () => {
    const gateway = await startGateway();
    const first = await new TestBrowser(gateway.url).startLogin();
    const second = await new TestBrowser(gateway.url).startLogin();
    expect(first.searchParams.get("state")).not.toBe(second.searchParams.get("state"));
    expect(first.searchParams.get("code_challenge")).not.toBe(
      second.searchParams.get("code_challenge"),
    );
  });

  it("when the provider is unknown, then it is a 404 JSON error", async () => {
    const gateway = await startGateway();
    const response = await fetch(`${gateway.url}/auth/nope/login`, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "unknown_provider",
      message: 'No sign-in provider "nope".',
    });
  });

  it("when the provider name holds markup, then it comes back as JSON, not reflected as HTML", async () => {
    const gateway = await startGateway();
    const response = await fetch(`${gateway.url}/auth/%3Cscript%3E/login`, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("when /auth/providers is asked with nothing configured, then it lists the mock's GitHub and Google", async () => {
    const gateway = await startGateway();
    const response = await fetch(`${gateway.url}/auth/providers`);
    expect(await response.json()).toEqual({
      providers: [
        { id: "github", name: "GitHub", loginUrl: "/auth/github/login", api: "/api/github" },
        { id: "google", name: "Google", loginUrl: "/auth/google/login", api: "/api/google" },
      ],
    });
  });

  it("when only some providers are configured, then only those are listed", async () => {
    const gateway = await startGateway({
      GITHUB_CLIENT_ID: "mock-client-id",
      GITHUB_CLIENT_SECRET: "mock-client-secret",
    });
    const response = await fetch(`${gateway.url}/auth/providers`);
    expect(await response.json()).toEqual({
      providers: [
        { id: "github", name: "GitHub", loginUrl: "/auth/github/login", api: "/api/github" },
      ],
    });
    expect((await fetch(`${gateway.url}/auth/google/login`, { redirect: "manual" })).status).toBe(
      404,
    );
  });
});
