import { unsealData } from "iron-session";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { SessionData } from "../../src/session/session.js";
import { TEST_SECRET } from "../support/gateway.js";
import { githubBase } from "../support/network.js";
import { CSRF, expectJsonError, rawRequest, useHostileHarness } from "./support.js";

const { github, gateway, signedIn, apiCalls } = useHostileHarness();

describe("/api/github/* with hostile input (B5, B7, B8)", () => {
  it.each([
    ["/api/github/../x", "invalid_path"],
    ["/api/github/%2e%2e/x", "invalid_path"],
    ["/api/github/%2E%2e/x", "invalid_path"],
    ["/api/github/.%2e/x", "invalid_path"],
    ["/api/github/user/..", "invalid_path"],
    ["/api/github/./user", "invalid_path"],
    ["/api/github/a%2fb", "invalid_path"],
    ["/api/github/a%2Fb", "invalid_path"],
    ["/api/github/a%5cb", "invalid_path"],
    ["/api/github/a\\b", "invalid_path"],
    ["/api/github/a%0d%0aX-Injected:%201", "invalid_path"],
    // No route ever sees these: the gateway's edge refuses a target that decodes to NUL, or
    // does not decode at all, as no path of any route.
    ["/api/github/a%00b", "bad_request"],
    ["/api/github/%E0%A4%A", "bad_request"],
  ])(
    "when the raw path is %s, then it is a 400 %s and GitHub is never called",
    async (path, code) => {
      const { gateway: started, cookie } = await signedIn();
      const response = await rawRequest(started.url, path, { ...CSRF, cookie });
      await expectJsonError(response, 400, code);
      expect(apiCalls()).toEqual([]);
    },
  );

  it.each<[string, string, Record<string, string>]>([
    ["X-CSRF is missing", "csrf_header_missing", {}],
    ["X-CSRF is 0", "csrf_header_missing", { "x-csrf": "0" }],
    ["X-CSRF is true", "csrf_header_missing", { "x-csrf": "true" }],
    [
      "Origin is https://evil.example",
      "cross_site_request",
      { ...CSRF, origin: "https://evil.example" },
    ],
    ["Origin is null (a sandboxed frame)", "cross_site_request", { ...CSRF, origin: "null" }],
    [
      "Sec-Fetch-Site is cross-site",
      "cross_site_request",
      { ...CSRF, "sec-fetch-site": "cross-site" },
    ],
  ])("when %s, then it is a 403 %s and GitHub is never called", async (_label, code, headers) => {
    const { browser } = await signedIn();
    await expectJsonError(await browser.get("/api/github/user", headers), 403, code);
    expect(apiCalls()).toEqual([]);
  });

  it("when the Origin is our host on another scheme, then it is a 403 cross_site_request", async () => {
    const { browser, gateway: started } = await signedIn();
    const origin = started.url.replace("http:", "https:");
    const response = await browser.get("/api/github/user", { ...CSRF, origin });
    await expectJsonError(response, 403, "cross_site_request");
    expect(apiCalls()).toEqual([]);
  });

  it("when there is no session, then it is a 401 unauthenticated and GitHub is never called", async () => {
    const started = await gateway();
    const response = await fetch(`${started.url}/api/github/user`, { headers: CSRF });
    await expectJsonError(response, 401, "unauthenticated");
    expect(github.mock.requests).toEqual([]);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])(
    "when the method is %s, then it is a 405 with Allow: GET, HEAD and GitHub is never called",
    async (method) => {
      const { browser } = await signedIn();
      const response = await browser.request("/api/github/user/repos", { method, headers: CSRF });
      const body = await expectJsonError(response, 405, "method_not_allowed");
      expect(body.message).toBe(`${method} is not allowed here.`);
      expect(response.headers.get("allow")).toBe("GET, HEAD");
      expect(apiCalls()).toEqual([]);
    },
  );

  it("when the browser sends its own Authorization, then GitHub sees exactly the session's token", async () => {
    const seen: Headers[] = [];
    github.use(
      http.get(`${githubBase()}/api/v3/headers-probe`, ({ request }) => {
        seen.push(request.headers);
        return HttpResponse.json({});
      }),
    );
    const { browser } = await signedIn();
    const session = await unsealData<SessionData>(browser.sessionCookie() ?? "", {
      password: { 1: TEST_SECRET },
      ttl: 0,
    });
    const response = await browser.get("/api/github/headers-probe", {
      ...CSRF,
      authorization: "Bearer attacker-token",
    });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.get("authorization")).toBe(`Bearer ${session.token.accessToken}`);
  });
});

describe("/api/github/* when GitHub misbehaves (D1)", () => {
  it("when the connection is reset, then it is a 502 upstream_unavailable, asked once", async () => {
    const { browser } = await signedIn();
    github.mock.faults.set("api", { kind: "reset" });
    const response = await browser.get("/api/github/user/repos", CSRF);
    await expectJsonError(response, 502, "upstream_unavailable");
    expect(apiCalls()).toEqual(["/api/v3/user/repos"]);
  });

  it("when GitHub hangs past PROXY_TIMEOUT_MS, then it is a 504 upstream_timeout in time", async () => {
    const { browser } = await signedIn({ PROXY_TIMEOUT_MS: "300" });
    github.mock.faults.set("api", { kind: "slow", delayMs: 1_500 });
    const startedAt = Date.now();
    const response = await browser.get("/api/github/user/repos", CSRF);
    await expectJsonError(response, 504, "upstream_timeout");
    expect(Date.now() - startedAt).toBeLessThan(1_400);
    expect(apiCalls()).toEqual(["/api/v3/user/repos"]);
  });

  it.each([500, 503])(
    "when GitHub answers %i, then it passes through as it is, never retried",
    async (status) => {
      const { browser } = await signedIn();
      github.mock.faults.set("api", { kind: "status", status });
      const response = await browser.get("/api/github/user/repos", CSRF);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ message: expect.any(String) });
      expect(apiCalls()).toEqual(["/api/v3/user/repos"]);
      // The session survives GitHub's own outage.
      expect((await browser.get("/api/me")).status).toBe(200);
    },
  );

  it("when GitHub answers truncated JSON, then the bytes pass through unchanged", async () => {
    const { browser } = await signedIn();
    github.mock.faults.set("api", { kind: "bad-json" });
    const response = await browser.get("/api/github/user/repos", CSRF);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(
      '{"message":"Server Error","documentation_url":"https://docs.gith',
    );
  });
});
