import { describe, expect, it } from "vitest";
import { API, api, BASE, useMockGitHub } from "./helpers.js";

const { mock } = useMockGitHub();

describe("mock.requests", () => {
  it("when nothing was asked, then it is empty", () => {
    expect(mock.requests).toEqual([]);
  });

  it("when requests were made, then each is recorded in order with method, url and path", async () => {
    await api("/user", mock.issueToken("octocat"));
    await fetch(`${BASE}/login/oauth/access_token`, { method: "POST", body: "" });
    await fetch(`${BASE}/nowhere`);
    expect(mock.requests).toEqual([
      { method: "GET", url: `${API}/user`, path: "/api/v3/user" },
      {
        method: "POST",
        url: `${BASE}/login/oauth/access_token`,
        path: "/login/oauth/access_token",
      },
      { method: "GET", url: `${BASE}/nowhere`, path: "/nowhere" },
    ]);
  });

  it("when reset() runs, then requests and tokens are forgotten", async () => {
    const token = mock.issueToken("octocat");
    await api("/user", token);
    const requests = mock.requests;
    mock.reset();
    expect(requests).toHaveLength(0);
    expect((await api("/user", token)).status).toBe(401);
  });

  it("when a page is not part of the mock, then it answers an HTML 404", async () => {
    // Not /octocat: that is the profile page the API's html_url points at.
    const response = await fetch(`${BASE}/explore`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  it("when an avatar is asked, then it is an SVG served by the mock itself", async () => {
    const response = await fetch(`${BASE}/avatars/u/583231?v=4`);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(await response.text()).toContain("<svg");
  });
});
