import { describe, expect, it } from "vitest";
import { API, api, BASE, json, useMockGitHub } from "./helpers.js";

const { mock } = useMockGitHub();

const BAD_CREDENTIALS = {
  message: "Bad credentials",
  documentation_url: "https://docs.github.com/rest",
  status: "401",
};

describe("GET /user", () => {
  it("when the token is valid, then it answers the full user", async () => {
    const response = await api("/user", mock.issueToken("octocat"));
    expect(response.status).toBe(200);
    const user = await json(response);
    expect(user).toMatchObject({
      login: "octocat",
      id: 583231,
      node_id: "MDQ6VXNlcjU4MzIzMQ==",
      avatar_url: `${BASE}/avatars/u/583231?v=4`,
      html_url: `${BASE}/octocat`,
      url: `${API}/users/octocat`,
      name: "The Octocat",
      email: "octocat@github.com",
      type: "User",
      public_repos: 37,
      total_private_repos: 3,
    });
    for (const field of [
      "company",
      "blog",
      "location",
      "bio",
      "followers",
      "following",
      "created_at",
      "updated_at",
    ]) {
      expect(user).toHaveProperty(field);
    }
  });

  it.each(["Bearer", "token", "bearer", "TOKEN"])(
    "when the token comes as '%s x', then it is accepted",
    async (scheme) => {
      const token = mock.issueToken("octocat");
      expect(
        (await api("/user", undefined, { headers: { authorization: `${scheme} ${token}` } }))
          .status,
      ).toBe(200);
    },
  );

  it("when the token is unknown, then it answers 401 Bad credentials", async () => {
    const response = await api("/user", "gho_unknown");
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual(BAD_CREDENTIALS);
  });

  it("when there is no token, then it answers 401 Requires authentication", async () => {
    const response = await api("/user");
    expect(response.status).toBe(401);
    expect((await json(response)).message).toBe("Requires authentication");
  });

  it("when a token is unknown on a public endpoint, then it is still rejected", async () => {
    expect((await api("/users/octocat", "gho_unknown")).status).toBe(401);
  });

  it("when monalisa keeps her email private, then the profile email is null", async () => {
    expect((await json(await api("/user", mock.issueToken("monalisa")))).email).toBeNull();
  });
});

describe("GET /user/emails", () => {
  it("when the token has user:email, then it lists the emails", async () => {
    const response = await api("/user/emails", mock.issueToken("monalisa", ["user:email"]));
    expect(response.status).toBe(200);
    expect(await json(response)).toContainEqual({
      email: "mona@example.com",
      primary: true,
      verified: true,
      visibility: "private",
    });
  });

  it("when the token has the parent scope user, then it lists the emails", async () => {
    expect((await api("/user/emails", mock.issueToken("octocat", ["user"]))).status).toBe(200);
  });

  it("when the token lacks user:email, then it answers 404 as GitHub does", async () => {
    const response = await api("/user/emails", mock.issueToken("octocat", ["read:user"]));
    expect(response.status).toBe(404);
    expect((await json(response)).message).toBe("Not Found");
  });

  it("when hubot has no verified email, then the list says so", async () => {
    const emails = await json(await api("/user/emails", mock.issueToken("hubot")));
    expect(emails.every((email: { verified: boolean }) => !email.verified)).toBe(true);
  });
});

describe("other user endpoints", () => {
  it("when a login is known, then /users/:login answers the public profile without private fields", async () => {
    const user = await json(await api("/users/OctoCat"));
    expect(user.login).toBe("octocat");
    expect(user).not.toHaveProperty("total_private_repos");
  });

  it("when a login is unknown, then /users/:login answers 404", async () => {
    expect((await api("/users/nobody-here")).status).toBe(404);
  });

  it("when octocat lists orgs without read:org, then only public memberships show", async () => {
    const orgs = await json(await api("/user/orgs", mock.issueToken("octocat")));
    expect(orgs.map((org: { login: string }) => org.login)).toEqual(["github"]);
  });

  it("when octocat lists orgs with read:org, then private memberships show too", async () => {
    const orgs = await json(await api("/user/orgs", mock.issueToken("octocat", ["read:org"])));
    expect(orgs.map((org: { login: string }) => org.login)).toEqual(["github", "octo-org"]);
  });

  it("when hubot lists orgs, then the list is empty", async () => {
    expect(await json(await api("/user/orgs", mock.issueToken("hubot")))).toEqual([]);
  });

  it("when a path is unknown, then it answers GitHub's JSON 404", async () => {
    const response = await api("/no/such/thing");
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest",
      status: "404",
    });
  });

  it("when issueToken names an unknown login, then it throws", () => {
    expect(() => mock.issueToken("nobody")).toThrow(/nobody/);
  });
});
