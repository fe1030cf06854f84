import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config.js";
import { MemoryRevocationStore } from "../src/stores/memory-revocation-store.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET, type TestGateway } from "./support/gateway.js";
import { jsonLogger } from "./support/logs.js";
import { useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const CSRF = { "x-csrf": "1" };
const TOKEN = "metrics-token-0123456789";

async function scrape(gateway: TestGateway, token = TOKEN): Promise<string> {
  const response = await fetch(`${gateway.url}/metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample, by its exact name and labels as Prometheus prints them. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const requests = (method: string, route: string, status: number) =>
  `latchkey_http_requests_total{method="${method}",route="${route}",status="${status}"}`;

describe("/metrics counters", () => {
  it("when people sign in, call /api/me and the proxy, and cancel a login, then every counter has them by route pattern", async () => {
    const gateway = await startGateway({ METRICS_TOKEN: TOKEN });
    const browser = new TestBrowser(gateway.url);
    const authorize = await browser.startLogin("/restricted");
    const callback = await browser.consent(authorize, { login: "octocat" });
    expect((await browser.get(callback)).status).toBe(302);
    expect((await browser.get("/api/me")).status).toBe(200);
    expect((await browser.get("/api/github/user/repos?page=2", CSRF)).status).toBe(200);
    const canceller = new TestBrowser(gateway.url);
    const cancelled = await canceller.get(
      await canceller.consent(await canceller.startLogin(), "cancel"),
    );
    expect(cancelled.headers.get("location")).toBe("/login?error=access_denied");
    expect((await browser.get("/no/such/page")).status).toBe(404);

    const text = await scrape(gateway);
    expect(sample(text, requests("GET", "/auth/:provider/login", 302))).toBe(2);
    expect(sample(text, requests("GET", "/auth/:provider/callback", 302))).toBe(2);
    expect(sample(text, requests("GET", "/api/me", 200))).toBe(1);
    expect(sample(text, requests("GET", "/api/github/*", 200))).toBe(1);
    expect(sample(text, requests("GET", "unmatched", 404))).toBe(1);
    expect(
      sample(
        text,
        'latchkey_http_request_duration_seconds_count{method="GET",route="/api/me",status="200"}',
      ),
    ).toBe(1);
    expect(text).toMatch(
      /^latchkey_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/me",status="200"\} \d/m,
    );
    expect(text).toContain(
      'latchkey_http_request_duration_seconds_bucket{le="10",method="GET",route="/api/me",status="200"} 1',
    );
    expect(sample(text, 'latchkey_logins_total{provider="github",outcome="success"}')).toBe(1);
    expect(sample(text, 'latchkey_logins_total{provider="github",outcome="access_denied"}')).toBe(
      1,
    );
    expect(sample(text, 'latchkey_proxy_upstream_responses_total{api="github",status="200"}')).toBe(
      1,
    );
    expect(text).toContain("latchkey_process_cpu_user_seconds_total");

    // Patterns only: no raw path, query, code, state or session reaches a label.
    const params = new URL(callback, gateway.url).searchParams;
    for (const raw of [
      "code=",
      "/api/github/user/repos",
      "page=",
      "/no/such/page",
      "/auth/github/",
      params.get("code") ?? "missing code",
      params.get("state") ?? "missing state",
      (browser.sessionCookie() ?? "missing cookie").slice(0, 40),
    ]) {
      expect(text).not.toContain(raw);
    }
  });

  it("when GitHub answers an error status, resets or times out, then the upstream counter says so", async () => {
    const gateway = await startGateway({ METRICS_TOKEN: TOKEN, PROXY_TIMEOUT_MS: "300" });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    expect((await browser.get("/api/github/repos/nobody/nothing", CSRF)).status).toBe(404);
    github.mock.faults.set("api", { kind: "reset" });
    expect((await browser.get("/api/github/user/repos", CSRF)).status).toBe(502);
    github.mock.faults.set("api", { kind: "slow", delayMs: 1_000 });
    expect((await browser.get("/api/github/user/repos", CSRF)).status).toBe(504);

    const text = await scrape(gateway);
    expect(sample(text, 'latchkey_proxy_upstream_responses_total{api="github",status="404"}')).toBe(
      1,
    );
    expect(
      sample(text, 'latchkey_proxy_upstream_responses_total{api="github",status="error"}'),
    ).toBe(1);
    expect(
      sample(text, 'latchkey_proxy_upstream_responses_total{api="github",status="timeout"}'),
    ).toBe(1);
    expect(sample(text, requests("GET", "/api/github/*", 504))).toBe(1);
  });

  it("when the revocation store fails, then the store error is counted by operation", async () => {
    class DownStore extends MemoryRevocationStore {
      override isRevoked(): Promise<boolean> {
        return Promise.reject(new Error("ECONNREFUSED"));
      }
    }
    const gateway = await startGateway({ METRICS_TOKEN: TOKEN }, { revocations: new DownStore() });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    expect((await browser.get("/api/me")).status).toBe(503);
    expect((await browser.get("/api/me")).status).toBe(503);

    const text = await scrape(gateway);
    expect(text).toMatch(/^latchkey_store_errors_total\{operation="[\w.]*isRevoked"\} 2$/m);
    expect(sample(text, requests("GET", "/api/me", 503))).toBe(2);
  });

  it("when an expiring token is renewed, then the refresh is counted once, and a failed one as failure", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const gateway = await startGateway({
        METRICS_TOKEN: TOKEN,
        // The mock's GitHub-App-style client: tokens expire after 8 hours, with a refresh token.
        GITHUB_CLIENT_ID: "mock-app-client-id",
        GITHUB_CLIENT_SECRET: "mock-app-client-secret",
        SESSION_IDLE_TIMEOUT_SECONDS: String(48 * 3600),
      });
      const [renewed, refused] = [new TestBrowser(gateway.url), new TestBrowser(gateway.url)];
      await renewed.signIn();
      await refused.signIn();
      vi.setSystemTime(Date.now() + 8 * 3600_000);
      const calls = await Promise.all([1, 2, 3].map(() => renewed.get("/api/github/user", CSRF)));
      expect(calls.map((r) => r.status)).toEqual([200, 200, 200]);
      github.mock.faults.set("token", { kind: "status", status: 500 });
      expect((await refused.get("/api/github/user", CSRF)).status).toBe(401);

      const text = await scrape(gateway);
      expect(
        sample(text, 'latchkey_token_refreshes_total{provider="github",outcome="success"}'),
      ).toBe(1);
      expect(
        sample(text, 'latchkey_token_refreshes_total{provider="github",outcome="failure"}'),
      ).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("when the built SPA is served, then its pages count as spa and a missing asset as unmatched", async () => {
    const dist = mkdtempSync(join(tmpdir(), "latchkey-web-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Latchkey</title>");
    const gateway = await startGateway({ METRICS_TOKEN: TOKEN, WEB_DIST_DIR: dist });
    const html = { headers: { accept: "text/html" } };
    expect((await fetch(`${gateway.url}/repos?page=2`, html)).status).toBe(200);
    expect((await fetch(`${gateway.url}/assets/app-404.js`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);

    const text = await scrape(gateway);
    expect(sample(text, requests("GET", "spa", 200))).toBe(1);
    expect(sample(text, requests("GET", "unmatched", 404))).toBe(1);
    expect(sample(text, requests("GET", "/healthz", 200))).toBe(1);
    expect(text).not.toContain("/repos");
  });
});

describe("/metrics access", () => {
  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: "Bearer metrics-token-wrong-guess" }],
    ["the token without Bearer", { authorization: TOKEN }],
  ])(
    "when METRICS_TOKEN is set and %s is sent, then it is a 401 JSON error",
    async (_, headers) => {
      const gateway = await startGateway({ METRICS_TOKEN: TOKEN });
      const response = await fetch(`${gateway.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.json()).toEqual({
        error: "unauthorized",
        message: "Metrics need the bearer token.",
      });
    },
  );

  it("when no token is set, then loopback clients are served and forwarded requests refused", async () => {
    const gateway = await startGateway();
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(200);
    for (const header of ["x-forwarded-for", "x-real-ip", "forwarded"]) {
      const response = await fetch(`${gateway.url}/metrics`, {
        headers: { [header]: "203.0.113.7" },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "forbidden" });
    }
  });

  it("when METRICS_PUBLIC=true, then a forwarded request is served too", async () => {
    const gateway = await startGateway({ METRICS_PUBLIC: "true" });
    const response = await fetch(`${gateway.url}/metrics`, {
      headers: { "x-forwarded-for": "203.0.113.7" },
    });
    expect(response.status).toBe(200);
  });

  it("when the token is short or combined with METRICS_PUBLIC, then the configuration is refused", () => {
    const base = { NODE_ENV: "test", SESSION_SECRET: TEST_SECRET };
    expect(() => loadConfig({ ...base, METRICS_TOKEN: "short" })).toThrow(
      /METRICS_TOKEN: must be at least 16 characters/,
    );
    expect(() => loadConfig({ ...base, METRICS_TOKEN: TOKEN, METRICS_PUBLIC: "true" })).toThrow(
      /METRICS_PUBLIC: cannot be true when METRICS_TOKEN is set/,
    );
    expect(() => loadConfig({ ...base, METRICS_PUBLIC: "yes" })).toThrow(/METRICS_PUBLIC/);
  });

  it("when /metrics is scraped, then the access log has it at debug, not info", async () => {
    const { logger, lines } = jsonLogger("info");
    const gateway = await startGateway({ METRICS_TOKEN: TOKEN }, { logger });
    await scrape(gateway);
    await fetch(`${gateway.url}/healthz`);
    const urls = lines.map((l) => (l.req as { url?: unknown } | undefined)?.url);
    expect(urls).toContain("/healthz");
    expect(urls).not.toContain("/metrics");
  });

  it("when two apps run in one process, then each counts only its own requests", async () => {
    const first = await startGateway({ METRICS_TOKEN: TOKEN });
    const second = await startGateway({ METRICS_TOKEN: TOKEN });
    await fetch(`${first.url}/healthz`);
    expect(sample(await scrape(first), requests("GET", "/healthz", 200))).toBe(1);
    expect(sample(await scrape(second), requests("GET", "/healthz", 200))).toBeUndefined();
  });
});
