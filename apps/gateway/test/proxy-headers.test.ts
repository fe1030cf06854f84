import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { jsonLogger } from "./support/logs.js";
import { useMockGitHub } from "./support/network.js";
import { expectOnlyTheUsersToken, send, signedIn, timesSent } from "./support/upstream.js";

// OAuth pages and the token exchange stay on the mock GitHub; the API is a stand-in server.
useMockGitHub();

/** Headers a client may send that are about its connection to us, or about itself, not GitHub's business. */
const FORBIDDEN: Record<string, string> = {
  connection: "x-secret",
  "x-secret": "1",
  "keep-alive": "timeout=5, max=100",
  te: "trailers",
  upgrade: "h2c",
  "http2-settings": "AAMAAABkAARAAAAAAAIAAAAA",
  "proxy-authorization": "Basic Y2xpZW50OnNlY3JldA==",
  "proxy-connection": "keep-alive",
  "x-forwarded-for": "203.0.113.7",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  "x-forwarded-prefix": "/admin",
  forwarded: "for=203.0.113.7;proto=https;host=evil.example",
  "x-real-ip": "203.0.113.7",
  "x-http-method-override": "DELETE",
  "x-http-method": "DELETE",
  "x-method-override": "DELETE",
  "x-github-otp": "123456",
  "accept-language": "fr-CH",
  "cache-control": "no-cache",
  range: "bytes=0-10",
  "sec-fetch-site": "same-origin",
  "sec-fetch-mode": "cors",
  "user-agent": "Mozilla/5.0 (the user's browser)",
};

/** Headers GitHub's REST API reads, which pass as the client sent them. */
const ALLOWED: Record<string, string> = {
  accept: "application/vnd.github.raw+json",
  "accept-encoding": "gzip",
  "if-none-match": 'W/"e1a2"',
  "if-modified-since": "Thu, 05 Jul 2012 15:31:30 GMT",
  "x-github-api-version": "2022-11-28",
  "time-zone": "Europe/Zurich",
};

/** What the gateway adds itself, and what Node adds on any outgoing request. */
const OWN = ["authorization", "user-agent", "host", "connection"];

describe("/api/github/* request headers: an allow-list (B7)", () => {
  it("when a client sends hop-by-hop, forwarding, method-override and unknown headers, then none reaches GitHub and each allowed one does", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    const unknown = `x-anything-${randomUUID().slice(0, 8)}`;
    const response = await send(`${gateway.url}/api/github/repos/octocat/hello/readme`, {
      headers: { ...clientHeaders, ...FORBIDDEN, ...ALLOWED, [unknown]: "1" },
    });
    expect(response.status).toBe(200);
    const arrival = upstream.arrivals[0];
    expect(arrival?.method).toBe("GET");
    expectOnlyTheUsersToken(arrival, { ...clientHeaders, accept: ALLOWED.accept ?? "" });
    for (const [name, value] of Object.entries(ALLOWED)) {
      expect(arrival?.headers[name], name).toBe(value);
    }
    // The gateway names itself, as GitHub asks of every API client; the browser stays unnamed.
    expect(arrival?.headers["user-agent"]).toBe("latchkey-gateway");
    expect(arrival?.headers.connection).toBe("keep-alive");
    const arrived = Object.keys(arrival?.headers ?? {}).sort();
    expect(arrived).toEqual([...Object.keys(ALLOWED), ...OWN].sort());
    expect(timesSent(arrival?.rawHeaders, "user-agent")).toBe(1);
  });

  it("when a write carries a body, then its Content-Type and Content-Length pass and nothing else of the client's does", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn({
      PROXY_METHODS: "GET,HEAD,POST",
    });
    const body = Buffer.from('{"name":"hello"}');
    const { connection: _connection, "x-secret": _secret, ...forbidden } = FORBIDDEN;
    const response = await send(`${gateway.url}/api/github/user/repos`, {
      method: "POST",
      headers: {
        ...clientHeaders,
        ...forbidden,
        "content-type": "application/json; charset=utf-8",
        "content-length": String(body.length),
        "x-anything": "1",
      },
      body: [body],
    });
    expect(response.status).toBe(200);
    const arrival = upstream.arrivals[0];
    expect(arrival?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(arrival?.headers["content-length"]).toBe(String(body.length));
    expect(arrival?.bytes).toBe(body.length);
    expect(Object.keys(arrival?.headers ?? {}).sort()).toEqual(
      ["accept", "content-type", "content-length", ...OWN].sort(),
    );
  });
});

describe("/api/github/* access log", () => {
  it("when a request is proxied, then its access log line still shows the client's own User-Agent, X-Forwarded-For and Origin", async () => {
    const { logger, lines } = jsonLogger("info");
    const { gateway, clientHeaders } = await signedIn({}, { logger });
    const client = {
      "user-agent": "Mozilla/5.0 (the user's browser)",
      "x-forwarded-for": "203.0.113.7",
    };
    const response = await send(`${gateway.url}/api/github/user/repos`, {
      headers: { ...clientHeaders, ...client },
    });
    expect(response.status).toBe(200);
    const line = lines.find(
      (entry) => (entry.req as { url?: string })?.url === "/api/github/user/repos",
    );
    expect((line?.req as { headers?: unknown })?.headers).toMatchObject({
      ...client,
      origin: clientHeaders.origin,
    });
  });
});

describe("/api/github/* response headers: GitHub's connection and cookies stay with GitHub", () => {
  it("when GitHub answers with hop-by-hop headers, cookies and headers naming our origin, then the browser gets none of them and a whole, well-framed body", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    const body = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => i) });
    upstream.state.answer = (_req, res) => {
      res.writeHead(200, [
        ["content-type", "application/json; charset=utf-8"],
        ["connection", "keep-alive, x-upstream-hop"],
        ["x-upstream-hop", "1"],
        ["keep-alive", "timeout=5"],
        ["proxy-connection", "keep-alive"],
        ["proxy-authenticate", 'Basic realm="github"'],
        ["upgrade", "h2c"],
        ["trailer", "x-checksum"],
        ["set-cookie", "_gh_sess=abc; Path=/; HttpOnly"],
        ["set-cookie", "__Host-session=forged; Path=/; Secure"],
        ["clear-site-data", '"cookies", "storage"'],
        ["alt-svc", 'h3=":443"; ma=86400'],
        ["access-control-allow-origin", "*"],
        ["x-request-id", "from-github"],
        ["etag", 'W/"abc"'],
        ["x-ratelimit-remaining", "4999"],
      ]);
      res.end(body);
    };
    const response = await send(`${gateway.url}/api/github/user/repos`, {
      headers: clientHeaders,
    });
    expect(response.status).toBe(200);
    expect(response.complete).toBe(true);
    expect(response.body).toBe(body);
    for (const name of [
      "x-upstream-hop",
      "keep-alive",
      "proxy-connection",
      "proxy-authenticate",
      "upgrade",
      "trailer",
      "set-cookie",
      "clear-site-data",
      "alt-svc",
      "access-control-allow-origin",
    ]) {
      expect(response.headers[name], name).toBeUndefined();
    }
    // Our connection to the client is ours: send() asked for it to be closed.
    expect(response.headers.connection).toBe("close");
    // The id the gateway logged this request under (it kept the client's well-formed one).
    expect(response.headers["x-request-id"]).toBe(clientHeaders["x-request-id"]);
    expect(response.headers.etag).toBe('W/"abc"');
    expect(response.headers["x-ratelimit-remaining"]).toBe("4999");
  });

  it("when GitHub frames its answer both by Transfer-Encoding and by Content-Length, then the browser gets a 502 JSON error, never the ambiguous answer", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    upstream.state.answer = (_req, res) => {
      // Written by hand: Node would never send both; a smuggling attempt would.
      res.socket?.end(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5\r\n" +
          'transfer-encoding: chunked\r\n\r\nb\r\n{"ok":true}\r\n0\r\n\r\n',
      );
    };
    const response = await send(`${gateway.url}/api/github/user/repos`, {
      headers: clientHeaders,
    });
    expect(response.status).toBe(502);
    expect(JSON.parse(response.body)).toMatchObject({ error: "upstream_unavailable" });
    expect(response.headers["transfer-encoding"]).toBeUndefined();
    expect((await send(`${gateway.url}/healthz`)).status).toBe(200);
  });
});

describe("/api/github/* Location: GitHub's own API stays behind the gateway (issue 12)", () => {
  /** What GitHub may send as Location, and what the browser must get, for an API at `api`. */
  const redirects = (api: string) => {
    const { origin, pathname } = new URL(api);
    return [
      ["a renamed repository's API URL", `${api}/repositories/1/x`, "/api/github/repositories/1/x"],
      [
        "an API URL with a query and a fragment",
        `${api}/repositories/1?page=2#top`,
        "/api/github/repositories/1?page=2#top",
      ],
      ["the API's root", api, "/api/github"],
      [
        "a path relative to the API's host",
        `${pathname.replace(/\/$/, "")}/repositories/1`,
        "/api/github/repositories/1",
      ],
      [
        "a path relative to the request's",
        "old-name/issues",
        "/api/github/repos/octocat/old-name/issues",
      ],
      ["an archive on codeload", "https://codeload.github.com/o/r/legacy.tar.gz/main?token=t"],
      ["a release asset's storage", "https://objects.githubusercontent.com/a?X-Amz-Signature=s"],
      ["another origin, scheme-relative", "//evil.example/repositories/1"],
      ["a bare //", "//"],
      ...(pathname === "/"
        ? []
        : ([
            ["a page on the API's host outside the API", `${origin}/login/device`],
            ["a path that only starts as the API's does", `${api}x/repositories/1`],
          ] as const)),
    ] as const;
  };

  it.each([
    ["at the root of its host, as api.github.com", ""],
    ["under /api/v3, as on GitHub Enterprise Server", "/api/v3"],
  ])(
    "when GitHub's API is %s and its answer has a Location, then its own API URLs point through the gateway and every other Location is left as GitHub sent it",
    async (_where, apiPath) => {
      const { gateway, upstream, clientHeaders } = await signedIn({}, {}, apiPath);
      const api = `${upstream.url}${apiPath}`;
      for (const [what, location, expected = location] of redirects(api)) {
        upstream.state.answer = (_req, res) => {
          res.writeHead(301, { location, "content-length": "0" }).end();
        };
        const response = await send(`${gateway.url}/api/github/repos/octocat/old-name`, {
          headers: clientHeaders,
        });
        expect(response.status, what).toBe(301);
        expect(response.headers.location, what).toBe(expected);
      }
    },
  );

  it("when GitHub answers a created resource with its API URL, then the Location points through the gateway", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn({
      PROXY_METHODS: "GET,HEAD,POST",
    });
    upstream.state.answer = (_req, res) => {
      res
        .writeHead(201, {
          location: `${upstream.url}/repos/octocat/hello/issues/7`,
          "content-type": "application/json",
        })
        .end('{"number":7}');
    };
    const response = await send(`${gateway.url}/api/github/repos/octocat/hello/issues`, {
      method: "POST",
      headers: { ...clientHeaders, "content-type": "application/json" },
      body: [Buffer.from('{"title":"t"}')],
    });
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe("/api/github/repos/octocat/hello/issues/7");
  });
});
