// Real HTTP over a socket: no msw interception in this file.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockGitHubServer, startMockGitHubServer } from "../src/index.js";
import { authorizeCode, authorizeUrl, exchange, json, pkcePair, REDIRECT_URI } from "./helpers.js";

let server: MockGitHubServer;

beforeAll(async () => {
  server = await startMockGitHubServer({ port: 0 });
});
afterAll(() => server.close());

describe("startMockGitHubServer", () => {
  it("when started on port 0, then it listens on a free loopback port and advertises it", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.mock.baseUrl).toBe(server.url);
  });

  it("when the authorize page is fetched, then the HTML has the account buttons and Cancel", async () => {
    const { challenge } = pkcePair();
    const response = await fetch(
      authorizeUrl(
        {
          client_id: "mock-client-id",
          redirect_uri: REDIRECT_URI,
          state: "s",
          code_challenge: challenge,
          code_challenge_method: "S256",
        },
        server.url,
      ),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(">Continue as octocat</button>");
    expect(html).toContain(">Cancel</button>");
    expect(response.headers.get("content-security-policy")).toContain(
      "form-action 'self' http://localhost:3000",
    );
  });

  it("when the whole flow runs over HTTP, then the token reads the user and pages of repositories", async () => {
    const { verifier, challenge } = pkcePair();
    const code = await authorizeCode(
      { code_challenge: challenge, code_challenge_method: "S256" },
      server.url,
    );
    const tokens = await json(
      await exchange({ code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, server.url),
    );
    expect(tokens.token_type).toBe("bearer");

    const headers = { authorization: `Bearer ${tokens.access_token}` };
    const user = await fetch(`${server.url}/api/v3/user`, { headers });
    expect((await json(user)).login).toBe("octocat");

    const repos = await fetch(`${server.url}/api/v3/user/repos?per_page=10`, { headers });
    expect(repos.headers.get("link")).toContain(
      `<${server.url}/api/v3/user/repos?per_page=10&page=4>; rel="last"`,
    );
    expect(await json(repos)).toHaveLength(10);

    const etag = repos.headers.get("etag") ?? "";
    const cached = await fetch(`${server.url}/api/v3/user/repos?per_page=10`, {
      headers: { ...headers, "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
    expect(server.mock.requests.some((r) => r.path === "/api/v3/user/repos")).toBe(true);
  });

  it("when HEAD is sent, then it answers the GET's status and headers without a body", async () => {
    const response = await fetch(`${server.url}/api/v3/users/octocat`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toMatch(/^W\//);
    expect(await response.text()).toBe("");
  });

  it("when the request names another Host, then the mock still answers on its own base URL", async () => {
    const port = new URL(server.url).port;
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port, path: "/api/v3/users/octocat", headers: { host: "localhost" } },
        (res) => {
          let data = "";
          res.on("data", (chunk) => (data += chunk));
          res.on("end", () => resolve(data));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(body).url).toBe(`${server.url}/api/v3/users/octocat`);
  });

  it("when a body is larger than 1 MiB, then it answers 413", async () => {
    const response = await fetch(`${server.url}/login/oauth/access_token`, {
      method: "POST",
      body: "x".repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
  });

  it("when closed with a keep-alive connection open, then close() resolves", async () => {
    const other = await startMockGitHubServer({ port: 0 });
    await (await fetch(`${other.url}/api/v3/rate_limit`)).text();
    await expect(other.close()).resolves.toBeUndefined();
    await expect(other.close()).resolves.toBeUndefined();
    await expect(fetch(`${other.url}/api/v3/rate_limit`)).rejects.toThrow();
  });
});
