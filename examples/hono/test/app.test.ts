import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { parseConfig } from "../src/config.js";

const config = parseConfig({
  GITHUB_URL: "http://github.test",
  GITHUB_CLIENT_ID: "mock-client-id",
  GITHUB_CLIENT_SECRET: "mock-client-secret",
});

// createApp needs no port: app.request() calls app.fetch directly. Nothing here reaches
// GitHub, since building the authorization URL needs no request.
describe("createApp, in-process", () => {
  it("when / is asked with no session, then it offers the sign-in link", async () => {
    const response = await createApp(config).request("/");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<a href="/login">Sign in with GitHub</a>');
  });

  it("when /login is asked, then it redirects to GitHub with state and S256 PKCE", async () => {
    const response = await createApp(config).request("/login");
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("http://github.test/login/oauth/authorize");
    expect(location.searchParams.get("redirect_uri")).toBe("http://localhost:3000/callback");
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(response.headers.get("set-cookie")).toContain(
      `login_state=${location.searchParams.get("state")}`,
    );
  });
});
