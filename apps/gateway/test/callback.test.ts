import { describe, expect, it } from "vitest";
import { parseSetCookie, TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

const github = useMockGitHub();

const tokenCalls = () =>
  github.mock.requests.filter((r) => r.path === "/login/oauth/access_token").length;

describe("GET /auth/github/callback", () => {
  it("when the user approves, then a new session starts and the browser returns to returnTo", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn("octocat", "/repos?page=2");

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/repos?page=2");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const cookies = response.headers.getSetCookie().map(parseSetCookie);
    const session = cookies.find((c) => c.name === "latchkey.session");
    const tx = cookies.find((c) => c.name === "latchkey.tx");
    expect(session?.attributes).toMatchObject({ httponly: true, samesite: "Lax", path: "/" });
    expect(tx?.attributes["max-age"]).toBe("0");
    expect(await response.text()).toBe("");
    expect(tokenCalls()).toBe(1);
  });

  it("when octocat signs in, then /api/me answers octocat's normalized profile", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const me = await browser.get("/api/me");
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({
      provider: "github",
      id: "583231",
      login: "octocat",
      name: "The Octocat",
      email: "octocat@github.com",
    });
  });

  it("when the same browser signs in again, then it gets a brand-new session", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const first = browser.sessionCookie();
    await browser.signIn("hubot");
    expect(browser.sessionCookie()).not.toBe(first);
    const me = (await (await browser.get("/api/me")).json()) as { user: { login: string } };
    expect(me.user.login).toBe("hubot");
  });
});
