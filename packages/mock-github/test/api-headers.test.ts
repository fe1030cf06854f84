import { describe, expect, it } from "vitest";
import { api, json, useMockGitHub } from "./helpers.js";

const { mock, clock } = useMockGitHub({ rateLimit: 3 });

describe("REST response headers", () => {
  it("when a request succeeds, then it carries GitHub's headers", async () => {
    const response = await api("/user", mock.issueToken("octocat"));
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("etag")).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(response.headers.get("x-github-request-id")).toMatch(
      /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/,
    );
    expect(response.headers.get("x-ratelimit-resource")).toBe("core");
    expect(response.headers.get("x-ratelimit-reset")).toBe(String(clock.now / 1000 + 3600));
    expect(response.headers.get("x-oauth-scopes")).toBe("read:user, user:email");
  });

  it("when a token calls again, then remaining decreases and used increases", async () => {
    const token = mock.issueToken("octocat");
    const first = await api("/user", token);
    const second = await api("/user/repos", token);
    expect(first.headers.get("x-ratelimit-limit")).toBe("3");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("2");
    expect(second.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(second.headers.get("x-ratelimit-used")).toBe("2");
    // Another token has its own budget.
    expect(
      (await api("/user", mock.issueToken("octocat"))).headers.get("x-ratelimit-remaining"),
    ).toBe("2");
  });

  it("when If-None-Match matches the ETag, then it answers 304 with no body and does not charge", async () => {
    const token = mock.issueToken("octocat");
    const first = await api("/user", token);
    const etag = first.headers.get("etag") ?? "";
    const again = await api("/user", token, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("x-ratelimit-remaining")).toBe("2");
    // A strong form of the same tag matches too (weak comparison).
    const strong = await api("/user", token, {
      headers: { "if-none-match": etag.replace("W/", "") },
    });
    expect(strong.status).toBe(304);
  });

  it("when If-None-Match does not match, then it answers 200 with the body", async () => {
    const response = await api("/user", mock.issueToken("octocat"), {
      headers: { "if-none-match": 'W/"stale"' },
    });
    expect(response.status).toBe(200);
    expect((await json(response)).login).toBe("octocat");
  });

  it("when the budget is spent, then it answers 403 until the window resets", async () => {
    const token = mock.issueToken("octocat");
    for (let i = 0; i < 3; i++) expect((await api("/user", token)).status).toBe(200);
    const limited = await api("/user", token);
    expect(limited.status).toBe(403);
    expect((await json(limited)).message).toBe("API rate limit exceeded for user ID 583231.");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    clock.now += 3600 * 1000;
    expect((await api("/user", token)).status).toBe(200);
  });

  it("when /rate_limit is asked, then it reports the budget without spending it", async () => {
    const token = mock.issueToken("octocat");
    await api("/user", token);
    const response = await api("/rate_limit", token);
    const body = await json(response);
    expect(body.rate).toMatchObject({ limit: 3, used: 1, remaining: 2 });
    expect(body.resources.core).toEqual(body.rate);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("2");
  });

  it("when the caller is anonymous, then the budget is GitHub's 60", async () => {
    const response = await api("/users/octocat");
    expect(response.headers.get("x-ratelimit-limit")).toBe("60");
    expect(response.headers.get("cache-control")).toContain("public");
  });
});
