import { describe, expect, it } from "vitest";
import { API, api, json, useMockGitHub } from "./helpers.js";

const { mock } = useMockGitHub();

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(", ")) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (match?.[1] && match[2]) out[match[2]] = match[1];
  }
  return out;
}

describe("GET /user/repos", () => {
  it("when per_page=10, then 37 public repositories make 4 pages linked with next and last", async () => {
    const token = mock.issueToken("octocat");
    const first = await api("/user/repos?per_page=10&sort=full_name", token);
    expect(first.status).toBe(200);
    expect(await json(first)).toHaveLength(10);
    const rels = links(first.headers.get("link"));
    expect(Object.keys(rels)).toEqual(["next", "last"]);
    expect(rels.next).toBe(`${API}/user/repos?per_page=10&sort=full_name&page=2`);
    expect(rels.last).toBe(`${API}/user/repos?per_page=10&sort=full_name&page=4`);

    const seen = new Set<string>();
    let url: string | undefined = `${API}/user/repos?per_page=10`;
    let pages = 0;
    while (url) {
      const response = await fetch(url, { headers: { authorization: `token ${token}` } });
      for (const repo of await json(response)) seen.add(repo.full_name);
      url = links(response.headers.get("link")).next;
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(seen.size).toBe(37);
  });

  it("when on the last page, then Link has prev and first only", async () => {
    const response = await api("/user/repos?per_page=10&page=4", mock.issueToken("octocat"));
    expect(await json(response)).toHaveLength(7);
    const rels = links(response.headers.get("link"));
    expect(Object.keys(rels)).toEqual(["prev", "first"]);
    expect(rels.prev).toBe(`${API}/user/repos?per_page=10&page=3`);
    expect(rels.first).toBe(`${API}/user/repos?per_page=10&page=1`);
  });

  it("when no pagination is given, then 30 come first with the default order by full_name", async () => {
    const response = await api("/user/repos", mock.issueToken("octocat"));
    const repos = await json(response);
    expect(repos).toHaveLength(30);
    expect(repos[0]).toMatchObject({
      full_name: "octocat/boysenberry-repo-1",
      private: false,
      owner: { login: "octocat", id: 583231 },
    });
    expect(links(response.headers.get("link")).last).toBe(`${API}/user/repos?page=2`);
  });

  it.each([
    ["per_page is not a number", "per_page=lots", 30],
    ["per_page is 0", "per_page=0", 30],
    ["per_page is over 100", "per_page=500", 37],
    ["page is not a number", "page=abc&per_page=10", 10],
  ])("when %s, then the default applies", async (_, query, expected) => {
    const response = await api(`/user/repos?${query}`, mock.issueToken("octocat"));
    expect(response.status).toBe(200);
    expect(await json(response)).toHaveLength(expected);
  });

  it("when the token has repo, then private repositories are listed too", async () => {
    const repos = await json(
      await api("/user/repos?per_page=100", mock.issueToken("octocat", ["repo"])),
    );
    expect(repos).toHaveLength(40);
    expect(repos.filter((repo: { private: boolean }) => repo.private)).toHaveLength(3);
  });

  it("when a page is past the end, then it answers an empty list", async () => {
    expect(await json(await api("/user/repos?page=9", mock.issueToken("octocat")))).toEqual([]);
  });

  it("when type and visibility are combined, then it answers 422 like GitHub", async () => {
    expect(
      (await api("/user/repos?type=owner&visibility=all", mock.issueToken("octocat"))).status,
    ).toBe(422);
  });

  it("when sorted by updated, then the most recently updated comes first", async () => {
    const repos = await json(
      await api("/user/repos?sort=updated&per_page=100", mock.issueToken("octocat")),
    );
    const dates = repos.map((repo: { updated_at: string }) => repo.updated_at);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe("GET /repos/:owner/:repo", () => {
  it("when the repository is public, then anyone can read it", async () => {
    const repo = await json(await api("/repos/octocat/hello-world"));
    expect(repo).toMatchObject({
      id: 1296269,
      full_name: "octocat/hello-world",
      html_url: "http://github.test/octocat/hello-world",
    });
  });

  it("when the repository is private, then only the owner with repo scope sees it", async () => {
    expect((await api("/repos/octocat/octo-repo-04", mock.issueToken("octocat"))).status).toBe(404);
    expect(
      (await api("/repos/octocat/octo-repo-04", mock.issueToken("octocat", ["repo"]))).status,
    ).toBe(200);
  });
});
