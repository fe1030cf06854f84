import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const { use } = github;
const CSRF = { "x-csrf": "1" };

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
});
