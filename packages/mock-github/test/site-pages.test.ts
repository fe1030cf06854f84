// Real HTTP over a socket, as a browser following a link from an app reaches the mock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockGitHubServer, startMockGitHubServer } from "../src/index.js";
import { json } from "./helpers.js";
import { oidcAuthorizeUrl } from "./oidc-helpers.js";

let server: MockGitHubServer;

beforeAll(async () => {
  server = await startMockGitHubServer({ port: 0 });
});
afterAll(() => server.close());

describe("the mock's own pages", () => {
  it("when a browser asks for /favicon.ico, then it gets an icon, not a 404", async () => {
    const response = await fetch(`${server.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(await response.text()).toMatch(/^<svg /);
  });

  it("when a repository's html_url from the API is followed, then a page names the repository and says it is a mock", async () => {
    const repos = await json(await fetch(`${server.url}/api/v3/users/octocat/repos`));
    expect(Array.isArray(repos)).toBe(true);
    const [repo] = repos as Array<{
      html_url: string;
      full_name: string;
      description: string | null;
    }>;
    expect(repo?.html_url.startsWith(`${server.url}/octocat/`)).toBe(true);
    const response = await fetch(repo?.html_url ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain(`<h1>${repo?.full_name}</h1>`);
    if (repo?.description) expect(html).toContain(repo.description);
    expect(html).toContain("a mock of GitHub");
  });

  it("when a user's html_url is followed, then a profile page answers", async () => {
    const user = (await json(await fetch(`${server.url}/api/v3/users/octocat`))) as {
      html_url: string;
    };
    const response = await fetch(user.html_url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("@octocat");
  });

  it("when a repository that does not exist is asked for, then it is still a 404", async () => {
    expect((await fetch(`${server.url}/octocat/no-such-repo`)).status).toBe(404);
    expect((await fetch(`${server.url}/no-such-user`)).status).toBe(404);
  });

  it("when the device page is asked for, then it is still the device page, not a repository", async () => {
    const response = await fetch(`${server.url}/login/device`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Device activation");
  });

  it("when the mock Google's sign-in page is shown, then its footnote says a mock Google once", async () => {
    const html = await (await fetch(oidcAuthorizeUrl({ nonce: "n" }, server.url))).text();
    expect(html).toContain("This is a mock Google for development");
    expect(html).not.toContain("(mock) for development");
  });
});
