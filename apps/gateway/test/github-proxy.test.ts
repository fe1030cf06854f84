import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const { use } = github;
const CSRF = { "x-csrf": "1" };
const apiCalls = () => github.mock.requests.filter((r) => r.path.startsWith("/api/v3/"));

/** Signs in first, then installs `handlers`, so overrides of /user do not break the sign-in. */
async function signedIn(env: Record<string, string> = {}, ...handlers: Parameters<typeof use>) {
  const gateway = await startGateway(env);
  const browser = new TestBrowser(gateway.url);
  await browser.signIn();
  github.mock.requests.length = 0;
  use(...handlers);
  return { gateway, browser };
}

describe("/api/github/*", () => {
  it("when signed in, then GitHub's answer comes through with Link, ETag and rate-limit headers", async () => {
    const { browser } = await signedIn();
    const response = await browser.get("/api/github/user/repos?per_page=10&page=2", CSRF);
    expect(response.status).toBe(200);
    const repos = (await response.json()) as unknown[];
    expect(repos).toHaveLength(10);
    expect(response.headers.get("etag")).toMatch(/^W\/"/);
    expect(response.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(response.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
    const link = response.headers.get("link") ?? "";
    expect(link).toContain("</api/github/user/repos?");
    expect(link).toMatch(/rel="next"/);
    expect(link).not.toContain(githubBase());
  });

  it("when the same ETag is sent back, then GitHub's 304 passes through", async () => {
    const { browser } = await signedIn();
    const first = await browser.get("/api/github/user", CSRF);
    const etag = first.headers.get("etag") ?? "";
    const second = await browser.get("/api/github/user", { ...CSRF, "if-none-match": etag });
    expect(second.status).toBe(304);
  });

  it("when the browser sends its own Authorization, then GitHub still sees only the session's token", async () => {
    const { browser } = await signedIn();
    const response = await browser.get("/api/github/user", {
      ...CSRF,
      authorization: "Bearer attacker-token",
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { login: string }).login).toBe("octocat");
  });

  it("when the request is proxied, then cookies and the CSRF header are not forwarded", async () => {
    let seen: Headers | undefined;
    const { browser } = await signedIn(
      {},
      http.get(`${githubBase()}/api/v3/headers-probe`, ({ request }) => {
        seen = request.headers;
        return HttpResponse.json({});
      }),
    );
    expect((await browser.get("/api/github/headers-probe", CSRF)).status).toBe(200);
    expect(seen?.get("cookie")).toBeNull();
    expect(seen?.get("x-csrf")).toBeNull();
    expect(seen?.get("authorization")).toMatch(/^Bearer gho_/);
  });

  it("when GitHub sets cookies or CORS headers, then they do not reach the browser", async () => {
    const { browser } = await signedIn(
      {},
      http.get(`${githubBase()}/api/v3/cors-probe`, () =>
        HttpResponse.json(
          {},
          {
            headers: { "set-cookie": "tracker=1", "access-control-allow-origin": "*" },
          },
        ),
      ),
    );
    const response = await browser.get("/api/github/cors-probe", CSRF);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("when there is no session, then it is a 401 and GitHub is never called", async () => {
    const gateway = await startGateway();
    const response = await new TestBrowser(gateway.url).get("/api/github/user", CSRF);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthenticated" });
    expect(apiCalls()).toHaveLength(0);
  });

  it("when X-CSRF is missing, then it is a 403 and GitHub is never called", async () => {
    const { browser } = await signedIn();
    const response = await browser.get("/api/github/user");
    expect(response.status).toBe(403);
    expect(apiCalls()).toHaveLength(0);
  });

  it("when the Origin is another site, then it is a 403 and GitHub is never called", async () => {
    const { browser } = await signedIn();
    const response = await browser.get("/api/github/user", {
      ...CSRF,
      origin: "https://evil.example",
    });
    expect(response.status).toBe(403);
    expect(apiCalls()).toHaveLength(0);
  });

  it.each(["/api/github/../x", "/api/github/%2e%2e/x", "/api/github/a%2fb", "/api/github/a%5cb"])(
    "when the path is %s, then it is a 400 and GitHub is never called",
    async (path) => {
      const { gateway, browser } = await signedIn();
      // fetch would normalize "..": send the raw path over a socket-level request instead.
      const { request } = await import("node:http");
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${gateway.url}${path}`, {
          headers: { ...CSRF, cookie: `latchkey.session=${browser.sessionCookie()}` },
        });
        req.path = path;
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
      // "/api/github/../x" is outside the proxy's mount once normalized by the router,
      // so it may surface as a 404; either way it is refused and GitHub is not called.
      expect([400, 404]).toContain(status);
      expect(apiCalls()).toHaveLength(0);
    },
  );

  it.each(["POST", "PUT", "PATCH", "DELETE"])(
    "when the method is %s, then it is a 405 and GitHub is never called",
    async (method) => {
      const { browser } = await signedIn();
      const response = await browser.request("/api/github/user/repos", { method, headers: CSRF });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD");
      expect(apiCalls()).toHaveLength(0);
    },
  );

  it("when GitHub answers 401, then the session ends", async () => {
    const { browser } = await signedIn(
      {},
      http.get(`${githubBase()}/api/v3/user`, () =>
        HttpResponse.json({ message: "Bad credentials" }, { status: 401 }),
      ),
    );
    const response = await browser.get("/api/github/user", CSRF);
    expect(response.status).toBe(401);
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when GitHub rate-limits, then the 403 and its headers pass through without a retry", async () => {
    let calls = 0;
    const { browser } = await signedIn(
      {},
      http.get(`${githubBase()}/api/v3/user`, () => {
        calls += 1;
        return HttpResponse.json(
          { message: "API rate limit exceeded" },
          { status: 403, headers: { "x-ratelimit-remaining": "0", "retry-after": "60" } },
        );
      }),
    );
    const response = await browser.get("/api/github/user", CSRF);
    expect(response.status).toBe(403);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(response.headers.get("retry-after")).toBe("60");
    expect(calls).toBe(1);
  });

  it("when GitHub cannot be reached, then it is a 502 JSON error", async () => {
    const { browser } = await signedIn(
      {},
      http.get(`${githubBase()}/api/v3/user`, () => HttpResponse.error()),
    );
    const response = await browser.get("/api/github/user", CSRF);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: "upstream_unavailable" });
  });

  it("when GitHub hangs past the proxy timeout, then it is a 504 JSON error", async () => {
    // A real upstream that answers the sign-in's /user but never answers /slow.
    const upstream = createServer((req, res) => {
      if (req.url === "/user") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ id: 1, login: "octocat", email: "octocat@github.com" }));
      }
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const { port } = upstream.address() as AddressInfo;
    try {
      const { browser } = await signedIn({
        GITHUB_API_URL: `http://127.0.0.1:${port}`,
        PROXY_TIMEOUT_MS: "300",
      });
      const response = await browser.get("/api/github/slow", CSRF);
      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({ error: "upstream_timeout" });
    } finally {
      upstream.closeAllConnections();
      upstream.close();
    }
  });
});
