import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const revocations = () =>
  github.mock.requests.filter((r) => r.method === "DELETE" && r.path.endsWith("/token")).length;

describe("GitHub access lists", () => {
  it("when orgs are listed, then read:org is asked for so private memberships count", async () => {
    const gateway = await startGateway({ GITHUB_ALLOWED_ORGS: "octo-org" });
    const authorize = await new TestBrowser(gateway.url).startLogin();
    expect(authorize.searchParams.get("scope")).toBe("read:user user:email read:org");
  });

  it("when the user belongs to a listed org (a private membership), then they get a session", async () => {
    const gateway = await startGateway({ GITHUB_ALLOWED_ORGS: "octo-org" });
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn("octocat");
    expect(response.headers.get("location")).toBe("/restricted");
    expect((await browser.get("/api/me")).status).toBe(200);
  });

  it("when the user is in no listed org, then the login fails as not_allowed, with no session and the token given back", async () => {
    const gateway = await startGateway({ GITHUB_ALLOWED_ORGS: "octo-org" });
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn("hubot");
    expect(response.headers.get("location")).toBe(
      "/login?error=not_allowed&returnTo=%2Frestricted",
    );
    expect(browser.sessionCookie()).toBeUndefined();
    expect((await browser.get("/api/me")).status).toBe(401);
    await expect.poll(revocations).toBe(1);
  });

  it("when the user is listed by login, then they get in whatever their orgs", async () => {
    const gateway = await startGateway({
      GITHUB_ALLOWED_ORGS: "octo-org",
      GITHUB_ALLOWED_USERS: "HUBOT",
    });
    const browser = new TestBrowser(gateway.url);
    expect((await browser.signIn("hubot")).headers.get("location")).toBe("/restricted");
  });

  it("when no list is set, then anyone with a GitHub account gets in and no extra scope is asked", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const authorize = await browser.startLogin();
    expect(authorize.searchParams.get("scope")).toBe("read:user user:email");
    expect((await browser.signIn("hubot")).headers.get("location")).toBe("/restricted");
  });
});
