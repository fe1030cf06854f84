import { expectLoginRedirect, IN_PROCESS_CONFIG } from "@latchkey/example-shared/test-support";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";

// createApp needs no port: app.request() calls app.fetch directly. Nothing here reaches
// GitHub, since building the authorization URL needs no request.
describe("createApp, in-process", () => {
  it("when / is asked with no session, then it offers the sign-in link", async () => {
    const response = await createApp(IN_PROCESS_CONFIG).request("/");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<a href="/login">Sign in with GitHub</a>');
  });

  it("when /login is asked, then it redirects to GitHub with state and S256 PKCE", async () => {
    expectLoginRedirect(await createApp(IN_PROCESS_CONFIG).request("/login"));
  });
});
