import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";
import { browserWithSession } from "./support/sealed-session.js";
import { startUpstream } from "./support/upstream.js";

useMockGitHub();

const CSRF = { "x-csrf": "1" };
const TOKEN = "google-access-token-for-the-orders-api";

/**
 * A gateway with the team's `orders` API (a real server on loopback, under `/api`), and a
 * browser holding a session of the mock's Google, an OpenID Connect provider.
 */
async function ordersApi(env: Record<string, string> = {}) {
  const upstream = await startUpstream("/api");
  const gateway = await startGateway({ UPSTREAMS: `orders=${upstream.url}/api`, ...env });
  const browser = await browserWithSession(gateway, "google", TOKEN);
  return { upstream, gateway, browser };
}

describe("/api/<upstream>/* (UPSTREAMS)", () => {
  it("when an OpenID Connect session GETs, then the upstream gets its token as a bearer token and nothing of the browser's credentials, and its answer is relayed", async () => {
    const { upstream, browser } = await ordersApi();
    upstream.state.answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-orders-total": "2" });
      res.end('{"orders":[{"id":1},{"id":2}]}');
    };
    const response = await browser.get("/api/orders/orders?status=open", {
      ...CSRF,
      accept: "application/json",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-orders-total")).toBe("2");
    expect(await response.json()).toEqual({ orders: [{ id: 1 }, { id: 2 }] });
    const arrival = upstream.arrivals[0];
    expect(arrival?.url).toBe("/api/orders?status=open");
    expect(arrival?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(arrival?.headers.cookie).toBeUndefined();
    expect(arrival?.headers["x-csrf"]).toBeUndefined();
    expect(arrival?.headers.accept).toBe("application/json");
  });

  it("when a POST carries a body, then the upstream receives it whole and its 201 comes back", async () => {
    const { upstream, browser } = await ordersApi({ PROXY_METHODS: "GET,POST" });
    upstream.state.answer = (_req, res) => {
      res.writeHead(201, { "content-type": "application/json", location: "/api/orders/3" });
      res.end('{"id":3}');
    };
    const body = JSON.stringify({ item: "keyboard", quantity: 1 });
    const response = await browser.request("/api/orders/orders", {
      method: "POST",
      headers: { ...CSRF, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 3 });
    // The upstream's own URL, pointed back through the gateway as for any API.
    expect(response.headers.get("location")).toBe("/api/orders/orders/3");
    const arrival = upstream.arrivals[0];
    expect(arrival?.method).toBe("POST");
    expect(arrival?.bytes).toBe(Buffer.byteLength(body));
    expect(arrival?.headers["content-type"]).toBe("application/json");
    expect(arrival?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("when the upstream answers 401, then the browser gets it and the session goes on", async () => {
    const { upstream, browser } = await ordersApi();
    upstream.state.answer = (_req, res) => {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"bad audience"}');
    };
    const response = await browser.get("/api/orders/orders", CSRF);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "bad audience" });
    expect(browser.sessionCookie()).toBeDefined();
    expect((await browser.get("/api/me")).status).toBe(200);
  });

  it("when the same GET comes again, then it goes upstream unconditionally: no ETag cache for upstreams", async () => {
    const { upstream, browser } = await ordersApi();
    upstream.state.answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", etag: '"v1"' }).end("{}");
    };
    await browser.get("/api/orders/orders", CSRF);
    await browser.get("/api/orders/orders", CSRF);
    expect(upstream.arrivals).toHaveLength(2);
    expect(upstream.arrivals[1]?.headers["if-none-match"]).toBeUndefined();
  });

  it("when a GitHub session calls it, then it is a 403 wrong_provider and no request reaches the upstream", async () => {
    const { upstream, gateway } = await ordersApi();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const response = await browser.get("/api/orders/orders", CSRF);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "wrong_provider",
      message: "The orders API takes OpenID Connect sessions.",
    });
    expect(upstream.arrivals).toHaveLength(0);
  });

  it("when the X-CSRF header is missing, then it is refused before the upstream", async () => {
    const { upstream, browser } = await ordersApi();
    expect((await browser.get("/api/orders/orders")).status).toBe(403);
    expect(upstream.arrivals).toHaveLength(0);
  });
});

describe("the upstream counter", () => {
  it("when an upstream and a provider API answer, then each is counted under its own api label", async () => {
    const { gateway, browser } = await ordersApi();
    await browser.get("/api/orders/orders", CSRF);
    const github = new TestBrowser(gateway.url);
    await github.signIn();
    await github.get("/api/github/user", CSRF);
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toContain('latchkey_proxy_upstream_responses_total{api="orders",status="200"} 1');
    expect(text).toContain('latchkey_proxy_upstream_responses_total{api="github",status="200"} 1');
    expect(text).toMatch(/route="\/api\/orders\/\*",status="200"} 1/);
  });
});

describe("GET /api/me apis", () => {
  it("when a Google session asks, then it lists Google's API and every upstream", async () => {
    const { browser } = await ordersApi();
    const me = (await (await browser.get("/api/me")).json()) as { apis: unknown };
    expect(me.apis).toEqual([
      { name: "google", path: "/api/google", kind: "provider" },
      { name: "orders", path: "/api/orders", kind: "upstream" },
    ]);
  });

  it("when a GitHub session asks, then it lists GitHub's API alone", async () => {
    const { gateway } = await ordersApi();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const me = (await (await browser.get("/api/me")).json()) as { apis: unknown };
    expect(me.apis).toEqual([{ name: "github", path: "/api/github", kind: "provider" }]);
  });
});
