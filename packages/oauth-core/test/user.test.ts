import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { fetchUser, ResponseError } from "../src/index.js";
import {
  ACCESS_TOKEN,
  badCredentials,
  emails,
  octocat,
  octocatWithoutPublicEmail,
} from "./fixtures/github.js";
import { argumentError } from "./support/argument-error.js";
import { API_URL, SCRIPT_USER_AGENT, testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();

/** Serves /user and /user/emails, recording the requests each one saw. */
function githubApi(user: unknown, options: { status?: number; base?: string } = {}) {
  const base = options.base ?? API_URL;
  const seen = { user: [] as Request[], emails: [] as Request[] };
  server.use(
    http.get(`${base}/user`, ({ request }) => {
      seen.user.push(request);
      return HttpResponse.json(user as object, { status: options.status ?? 200 });
    }),
    http.get(`${base}/user/emails`, ({ request }) => {
      seen.emails.push(request);
      return HttpResponse.json(emails);
    }),
  );
  return seen;
}

describe("fetchUser (GitHub)", () => {
  it("when the profile has an email, then the user is normalized and /user/emails is not asked", async () => {
    const seen = githubApi(octocat);
    await expect(fetchUser(testGitHub(), ACCESS_TOKEN)).resolves.toEqual({
      user: {
        provider: "github",
        id: "1",
        login: "octocat",
        name: "monalisa octocat",
        email: "octocat@github.com",
        avatarUrl: "https://github.com/images/error/octocat_happy.gif",
        profileUrl: "https://github.com/octocat",
      },
      raw: octocat,
    });
    expect(seen.emails).toHaveLength(0);
  });

  it("when the API is called, then GitHub's required headers and the bearer token are sent", async () => {
    const seen = githubApi(octocat);
    await fetchUser(testGitHub(), ACCESS_TOKEN);
    const headers = seen.user[0]?.headers;
    expect(headers?.get("accept")).toBe("application/vnd.github+json");
    expect(headers?.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(headers?.get("x-github-api-version")).toBe("2022-11-28");
    expect(headers?.get("user-agent")).toBe(SCRIPT_USER_AGENT);
  });

  it("when the email is private and user:email was granted, then the primary verified one is used", async () => {
    const seen = githubApi(octocatWithoutPublicEmail);
    const { user } = await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: ["user:email"] });
    expect(user.email).toBe("octocat@github.com");
    expect(seen.emails).toHaveLength(1);
    expect(seen.emails[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it("when the email is private and the broad user scope was granted, then /user/emails is asked", async () => {
    const seen = githubApi(octocatWithoutPublicEmail);
    await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: ["user"] });
    expect(seen.emails).toHaveLength(1);
  });

  it("when no scopes are given, then the provider's default scopes decide", async () => {
    const seen = githubApi(octocatWithoutPublicEmail);
    await fetchUser(testGitHub(), ACCESS_TOKEN);
    expect(seen.emails).toHaveLength(1);
  });

  it("when the email is private and no email scope was granted, then /user/emails is never asked", async () => {
    const seen = githubApi(octocatWithoutPublicEmail);
    const { user } = await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: ["read:user"] });
    expect(user.email).toBeNull();
    expect(seen.emails).toHaveLength(0);
  });

  it("when no address is primary and verified, then the first verified one is used, else null", async () => {
    githubApi(octocatWithoutPublicEmail);
    server.use(
      http.get(`${API_URL}/user/emails`, () =>
        HttpResponse.json([
          { email: "unverified@example.com", verified: false, primary: true },
          { email: "first@example.com", verified: true, primary: false },
        ]),
      ),
    );
    const first = await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: ["user:email"] });
    expect(first.user.email).toBe("first@example.com");

    server.use(
      http.get(`${API_URL}/user/emails`, () =>
        HttpResponse.json([{ email: "unverified@example.com", verified: false, primary: true }]),
      ),
    );
    const none = await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: ["user:email"] });
    expect(none.user.email).toBeNull();
  });

  it("when /user/emails is not a list, then it is a ResponseError", async () => {
    githubApi(octocatWithoutPublicEmail);
    server.use(http.get(`${API_URL}/user/emails`, () => HttpResponse.json({ emails })));
    await expect(fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: ["user:email"] })).rejects.toThrow(
      "the email list must be a JSON array",
    );
  });

  it("when GitHub answers 401, then it is a ResponseError 401 saying the token was rejected", async () => {
    githubApi(badCredentials, { status: 401 });
    const error = await fetchUser(testGitHub(), ACCESS_TOKEN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      code: "invalid_response",
      status: 401,
      message: "the provider rejected the access token",
    });
    expect(String(error)).not.toContain(ACCESS_TOKEN);
  });

  it.each([403, 429, 500])(
    "when GitHub answers %i, then it is a ResponseError with that status",
    async (status) => {
      githubApi({ message: "API rate limit exceeded" }, { status });
      await expect(fetchUser(testGitHub(), ACCESS_TOKEN)).rejects.toMatchObject({
        code: "invalid_response",
        status,
      });
    },
  );

  it("when /user answers HTML, then it is a ResponseError about the body not being JSON", async () => {
    server.use(http.get(`${API_URL}/user`, () => HttpResponse.html("<h1>Unicorn!</h1>")));
    const error = await fetchUser(testGitHub(), ACCESS_TOKEN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(String(error)).toContain("not JSON");
    expect(String(error)).not.toContain("Unicorn");
  });

  it("when login is missing or id is not an integer, then it is a ResponseError naming the field", async () => {
    githubApi({ ...octocat, login: undefined });
    await expect(fetchUser(testGitHub(), ACCESS_TOKEN)).rejects.toThrow('"login" must be a string');
    githubApi({ ...octocat, id: 1.5 });
    await expect(fetchUser(testGitHub(), ACCESS_TOKEN)).rejects.toThrow('"id" must be an integer');
  });

  it("when profile URLs are not http(s), then they are dropped", async () => {
    githubApi({ ...octocat, html_url: "javascript:alert(1)", avatar_url: "" });
    const { user } = await fetchUser(testGitHub(), ACCESS_TOKEN);
    expect(user.profileUrl).toBeNull();
    expect(user.avatarUrl).toBeNull();
  });

  it("when the provider is a GitHub Enterprise Server, then its /api/v3 is asked", async () => {
    const seen = githubApi(octocat, { base: "https://ghe.example.com/api/v3" });
    await fetchUser(testGitHub({ url: "https://ghe.example.com" }), ACCESS_TOKEN);
    expect(seen.user).toHaveLength(1);
  });

  it("when the access token or the expected subject is empty, then it is an ArgumentError and nothing is sent", async () => {
    const injected = vi.fn<typeof fetch>();
    await expect(fetchUser(testGitHub({ fetch: injected }), "")).rejects.toThrow(
      argumentError("accessToken"),
    );
    await expect(
      fetchUser(testGitHub({ fetch: injected }), "token", { expectedSubject: "" }),
    ).rejects.toThrow(argumentError("expectedSubject"));
    expect(injected).not.toHaveBeenCalled();
  });
});
