import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { checkGitHubAccess, github, oidc, ResponseError, UnsupportedError } from "../src/index.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();
const API = "https://api.github.com";
const provider = github({ clientId: "id", clientSecret: "secret" });

function orgs(...logins: string[]) {
  return logins.map((login, i) => ({ login, id: i + 1, url: `${API}/orgs/${login}` }));
}
function teams(...pairs: string[]) {
  return pairs.map((pair, i) => {
    const [org, slug] = pair.split("/");
    return { id: i + 1, slug, name: slug, organization: { login: org, id: 100 + i } };
  });
}

describe("checkGitHubAccess", () => {
  it("when no list is set, then everyone is allowed without asking GitHub", async () => {
    expect(await checkGitHubAccess(provider, "t", "octocat", {})).toEqual({
      allowed: true,
      via: "open",
    });
  });

  it("when the login is listed (in any case), then it is allowed without asking GitHub", async () => {
    const decision = await checkGitHubAccess(provider, "t", "OctoCat", {
      users: ["octocat"],
      orgs: ["x"],
    });
    expect(decision).toEqual({ allowed: true, via: "user" });
  });

  it("when the user belongs to a listed org, then it is allowed; the token is sent as a bearer", async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${API}/user/orgs`, ({ request }) => {
        authorization = request.headers.get("authorization");
        return HttpResponse.json(orgs("github", "Octo-Org"));
      }),
    );
    const decision = await checkGitHubAccess(provider, "tok", "octocat", { orgs: ["octo-org"] });
    expect(decision).toEqual({ allowed: true, via: "org" });
    expect(authorization).toBe("Bearer tok");
  });

  it("when the user is in no listed org or team, then it is refused", async () => {
    server.use(
      http.get(`${API}/user/orgs`, () => HttpResponse.json(orgs("github"))),
      http.get(`${API}/user/teams`, () => HttpResponse.json(teams("github/docs"))),
    );
    const decision = await checkGitHubAccess(provider, "t", "octocat", {
      orgs: ["acme"],
      teams: ["github/security"],
    });
    expect(decision).toEqual({ allowed: false });
  });

  it("when the user is in a listed team, then it is allowed", async () => {
    server.use(http.get(`${API}/user/teams`, () => HttpResponse.json(teams("github/security"))));
    const decision = await checkGitHubAccess(provider, "t", "octocat", {
      teams: ["GitHub/Security"],
    });
    expect(decision).toEqual({ allowed: true, via: "team" });
  });

  it("when memberships span several pages, then later pages are read too", async () => {
    const pages: string[] = [];
    server.use(
      http.get(`${API}/user/orgs`, ({ request }) => {
        const page = new URL(request.url).searchParams.get("page") ?? "1";
        pages.push(page);
        const many = Array.from({ length: 100 }, (_, i) => `org-${page}-${i}`);
        return HttpResponse.json(page === "1" ? orgs(...many) : orgs("wanted"));
      }),
    );
    const decision = await checkGitHubAccess(provider, "t", "octocat", { orgs: ["wanted"] });
    expect(decision).toEqual({ allowed: true, via: "org" });
    expect(pages).toEqual(["1", "2"]);
  });

  it("when GitHub refuses the token, then it is a ResponseError 401, never an allow", async () => {
    server.use(
      http.get(`${API}/user/orgs`, () =>
        HttpResponse.json({ message: "Bad credentials" }, { status: 401 }),
      ),
    );
    await expect(
      checkGitHubAccess(provider, "t", "octocat", { orgs: ["github"] }),
    ).rejects.toMatchObject({
      constructor: ResponseError,
      status: 401,
    });
  });

  it("when an entry lacks its login, then it is a ResponseError naming the field", async () => {
    server.use(http.get(`${API}/user/orgs`, () => HttpResponse.json([{ id: 1 }])));
    await expect(checkGitHubAccess(provider, "t", "octocat", { orgs: ["github"] })).rejects.toThrow(
      /"login"/,
    );
  });

  it("when the provider is not GitHub, then it is an UnsupportedError", async () => {
    const other = oidc({ issuer: "https://idp.example.com", clientId: "c", clientSecret: "s" });
    await expect(checkGitHubAccess(other, "t", "x", { orgs: ["a"] })).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });
});
