import { bypass, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

const mock = useMockGitHub();

/** Signs in with the mock's OpenID provider (standing in for Google) as `login`. */
async function googleSignIn(env: Record<string, string>, login: string) {
  const gateway = await startGateway(env);
  const browser = new TestBrowser(gateway.url);
  const response = await browser.signIn(login, "/restricted", "google");
  return { browser, location: response.headers.get("location") };
}

/** The mock's userinfo answers, with `groups` added as a directory-backed provider sends them. */
function userinfoWithGroups(groups: Record<string, string[]>) {
  mock.use(
    http.get(`${mock.mock.baseUrl}/oidc/userinfo`, async ({ request }) => {
      const answer = (await (await fetch(bypass(request))).json()) as Record<string, unknown>;
      const login = String(answer.preferred_username);
      return HttpResponse.json({ ...answer, groups: groups[login] ?? [] });
    }),
  );
}

describe("access lists for a provider other than GitHub (the mock's Google)", () => {
  it("when the person's verified address is in an allowed domain, then they get a session", async () => {
    const { browser, location } = await googleSignIn(
      { GOOGLE_ALLOWED_EMAIL_DOMAINS: "GitHub.com" },
      "octocat",
    );
    expect(location).toBe("/restricted");
    const me = (await (await browser.get("/api/me")).json()) as { user: { email: string } };
    expect(me.user.email).toBe("octocat@github.com");
  });

  it("when the person's address is in another domain, then the login fails as not_allowed with no session", async () => {
    const { browser, location } = await googleSignIn(
      { GOOGLE_ALLOWED_EMAIL_DOMAINS: "github.com" },
      "monalisa",
    );
    expect(location).toBe("/login?error=not_allowed&returnTo=%2Frestricted");
    expect(browser.sessionCookie()).toBeUndefined();
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("when groups are listed, then a member of one gets in and someone in none is refused", async () => {
    userinfoWithGroups({ octocat: ["staff", "admins"], monalisa: ["visitors"] });
    const env = { GOOGLE_ALLOWED_GROUPS: "admins" };
    expect((await googleSignIn(env, "octocat")).location).toBe("/restricted");
    expect((await googleSignIn(env, "monalisa")).location).toBe(
      "/login?error=not_allowed&returnTo=%2Frestricted",
    );
  });

  it("when the groups live in another claim, then GOOGLE_GROUPS_CLAIM names it", async () => {
    const env = { GOOGLE_ALLOWED_GROUPS: "monalisa", GOOGLE_GROUPS_CLAIM: "preferred_username" };
    expect((await googleSignIn(env, "monalisa")).location).toBe("/restricted");
    expect((await googleSignIn(env, "octocat")).location).toBe(
      "/login?error=not_allowed&returnTo=%2Frestricted",
    );
  });

  it("when Google's lists are set, then GitHub sign-ins are not held to them", async () => {
    const gateway = await startGateway({ GOOGLE_ALLOWED_EMAIL_DOMAINS: "example.org" });
    const response = await new TestBrowser(gateway.url).signIn("hubot");
    expect(response.headers.get("location")).toBe("/restricted");
  });

  it.each([
    ["GOOGLE_ALLOWED_ORGS", "octo-org", {}],
    [
      "MICROSOFT_ALLOWED_EMAILS",
      "ada@example.com",
      { MICROSOFT_CLIENT_ID: "ms", MICROSOFT_CLIENT_SECRET: "ms-secret" },
    ],
  ])(
    "when %s is set, a list that provider cannot apply, then the gateway does not start and names it",
    (name, value, more) => {
      const start = () =>
        loadConfig({ NODE_ENV: "test", SESSION_SECRET: TEST_SECRET, [name]: value, ...more });
      expect(start).toThrow(ConfigError);
      let problems: string[] = [];
      try {
        start();
      } catch (err) {
        if (err instanceof ConfigError) problems = err.problems;
      }
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
    },
  );
});
