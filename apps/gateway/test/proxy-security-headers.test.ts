import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "../src/http/security-headers.js";
import { useMockGitHub } from "./support/network.js";
import { type Answer, send, signedIn } from "./support/upstream.js";

// OAuth pages and the token exchange stay on the mock GitHub; the API is a stand-in server.
useMockGitHub();

/** An upstream's idea of how pages of our origin may be framed, embedded, referred and scripted. */
const PERMISSIVE: OutgoingHttpHeaders = {
  "content-security-policy": "default-src *",
  "content-security-policy-report-only": "default-src *; report-uri https://evil.example/r",
  "x-frame-options": "ALLOWALL",
  "referrer-policy": "unsafe-url",
  "strict-transport-security": "max-age=0",
  "permissions-policy": "camera=*, geolocation=*",
  "cross-origin-opener-policy": "unsafe-none",
  "cross-origin-embedder-policy": "unsafe-none",
  "cross-origin-resource-policy": "cross-origin",
  "origin-agent-cluster": "?0",
  "x-content-type-options": "sniff",
  "x-dns-prefetch-control": "on",
  "x-download-options": "open",
  "x-permitted-cross-domain-policies": "all",
  "x-xss-protection": "1; mode=block",
  "report-to": '{"group":"x","max_age":1,"endpoints":[{"url":"https://evil.example"}]}',
  "reporting-endpoints": 'x="https://evil.example/r"',
  nel: '{"report_to":"x","max_age":1}',
};

/** The names of the headers the gateway's security-headers module sets on every response. */
function gatewayHeaderNames(config: Parameters<typeof securityHeaders>[0]): string[] {
  const names: string[] = [];
  const recorder = { setHeader: (name: string) => names.push(name.toLowerCase()) };
  securityHeaders(config, [])(recorder as unknown as ServerResponse);
  return names;
}

function answerWith(status: number, extra: OutgoingHttpHeaders = {}): Answer {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...PERMISSIVE, ...extra });
    res.end(JSON.stringify({ message: "from the stand-in" }));
  };
}

/**
 * The proxied answer carries the gateway's security headers exactly as `/api/me` does, and
 * none of the upstream's that the gateway leaves unset.
 */
function expectTheGatewaysHeaders(
  proxied: IncomingHttpHeaders,
  me: IncomingHttpHeaders,
  names: readonly string[],
) {
  expect(names.length).toBeGreaterThan(3);
  for (const name of names) expect(proxied[name], name).toBe(me[name]);
  for (const name of Object.keys(PERMISSIVE)) {
    if (!names.includes(name)) expect(proxied[name], name).toBeUndefined();
  }
}

describe("/api/github/* answers carry the gateway's security headers, not GitHub's (Headers)", () => {
  it.each([
    ["a 200", answerWith(200), 200],
    ["a 304 to the client's own ETag", answerWith(304, { etag: '"a"' }), 304],
    ["a 404", answerWith(404), 404],
    ["a 403 rate limit", answerWith(403, { "x-ratelimit-remaining": "0" }), 403],
    ["a 500", answerWith(500), 500],
    ["a 401 that ends the session", answerWith(401), 401],
  ] as const)(
    "when GitHub answers %s with a permissive CSP and X-Frame-Options: ALLOWALL, then the browser gets the headers /api/me gets",
    async (_what, answer, status) => {
      const { gateway, upstream, clientHeaders } = await signedIn();
      const me = await send(`${gateway.url}/api/me`, { headers: clientHeaders });
      expect(me.status).toBe(200);
      upstream.state.answer = answer;
      const proxied = await send(`${gateway.url}/api/github/user/repos`, {
        headers: { ...clientHeaders, "if-none-match": '"a"' },
      });
      expect(proxied.status).toBe(status);
      expectTheGatewaysHeaders(proxied.headers, me.headers, gatewayHeaderNames(gateway.config));
    },
  );

  it("when GitHub's ETag answer is replayed from the per-user cache, then it carries the gateway's headers too", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn({ PROXY_ETAG_CACHE: "on" });
    const me = await send(`${gateway.url}/api/me`, { headers: clientHeaders });
    upstream.state.answer = (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') answerWith(304, { etag: '"v1"' })(req, res);
      else answerWith(200, { etag: '"v1"' })(req, res);
    };
    const url = `${gateway.url}/api/github/user/repos`;
    const first = await send(url, { headers: clientHeaders });
    const replayed = await send(url, { headers: clientHeaders });
    expect(upstream.arrivals.at(-1)?.headers["if-none-match"]).toBe('"v1"');
    expect(replayed.status).toBe(200);
    expect(replayed.body).toBe(first.body);
    const names = gatewayHeaderNames(gateway.config);
    expectTheGatewaysHeaders(first.headers, me.headers, names);
    expectTheGatewaysHeaders(replayed.headers, me.headers, names);
  });

  it.each([
    ["does not answer in time", { PROXY_TIMEOUT_MS: "300" }, () => {}, 504],
    ["breaks the connection", {}, ((req) => req.socket.destroy()) as Answer, 502],
  ] as const)(
    "when GitHub %s, then the gateway's JSON error carries the headers /api/me gets",
    async (_what, env, answer, status) => {
      const { gateway, upstream, clientHeaders } = await signedIn(env);
      const me = await send(`${gateway.url}/api/me`, { headers: clientHeaders });
      upstream.state.answer = answer;
      const failed = await send(`${gateway.url}/api/github/user/repos`, {
        headers: clientHeaders,
      });
      expect(failed.status).toBe(status);
      expectTheGatewaysHeaders(failed.headers, me.headers, gatewayHeaderNames(gateway.config));
    },
  );
});
