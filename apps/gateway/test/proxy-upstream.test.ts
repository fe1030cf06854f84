import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useMockGitHub } from "./support/network.js";
import {
  expectOnlyTheUsersToken,
  type Received,
  send,
  sendRaw,
  sha256,
  signedIn,
  timesSent,
} from "./support/upstream.js";

// OAuth pages and the token exchange stay on the mock GitHub; the API is a stand-in server.
useMockGitHub();

const WRITES = { PROXY_METHODS: "GET,HEAD,POST,PUT,PATCH,DELETE" };
const json = Buffer.from('{"title":"A new issue","body":"from the gateway"}');

describe("/api/github/* against a real upstream, every request shape (B7)", () => {
  it.each([
    ["a plain GET", "GET", {}],
    ["a HEAD", "HEAD", {}],
    ["a GET with Expect: 100-continue", "GET", { expect: "100-continue" }],
    [
      "a GET with two Authorization headers",
      "GET",
      { authorization: ["Bearer chosen-by-the-client", "Bearer another-one"] },
    ],
  ])(
    "when %s is proxied, then GitHub gets the user's token and none of the client's credentials",
    async (_shape, method, extra) => {
      const { gateway, upstream, clientHeaders } = await signedIn();
      const response = await send(`${gateway.url}/api/github/repos/octocat/hello?page=2`, {
        method,
        headers: { ...clientHeaders, ...extra },
      });
      expect(response.status).toBe(200);
      expect(upstream.arrivals).toHaveLength(1);
      expect(upstream.arrivals[0]).toMatchObject({ method, url: "/repos/octocat/hello?page=2" });
      expectOnlyTheUsersToken(upstream.arrivals[0], clientHeaders);
    },
  );

  const bodies: [string, Buffer[], Record<string, string>][] = [
    ["a body with Content-Length", [json], { "content-length": String(json.length) }],
    [
      "a chunked body",
      [json.subarray(0, 10), json.subarray(10, 30), json.subarray(30)],
      { "transfer-encoding": "chunked" },
    ],
    [
      "a body behind Expect: 100-continue",
      [json],
      { expect: "100-continue", "content-length": String(json.length) },
    ],
    [
      "an 8 MiB chunked body",
      [randomBytes(4 << 20), randomBytes(4 << 20)],
      { "transfer-encoding": "chunked" },
    ],
    ["an 8 MiB body with Content-Length", [randomBytes(8 << 20)], { "content-length": "8388608" }],
  ];
  const methods = ["POST", "PUT", "PATCH", "DELETE"];
  it.each(
    methods.flatMap((method) =>
      bodies.map(([shape, body, extra]) => ({ method, shape, body, extra })),
    ),
  )(
    "when writes are allowed and a $method with $shape is sent, then it arrives whole with only the user's token",
    async ({ method, body, extra }) => {
      const { gateway, upstream, clientHeaders } = await signedIn(WRITES);
      const response = await send(`${gateway.url}/api/github/repos/octocat/hello/issues`, {
        method,
        headers: { ...clientHeaders, "content-type": "application/json", ...extra },
        body,
      });
      expect(response.status).toBe(200);
      expect(upstream.arrivals).toHaveLength(1);
      const arrival = upstream.arrivals[0];
      expect(arrival?.method).toBe(method);
      expect(arrival?.bytes).toBe(Buffer.concat(body).length);
      expect(arrival?.sha256).toBe(sha256(body));
      expect(arrival?.headers["content-type"]).toBe("application/json");
      expectOnlyTheUsersToken(arrival, clientHeaders);
    },
  );

  it.each(methods)(
    "when writes are allowed and a %s comes with Content-Length: 0, then GitHub gets an empty body of length 0 and only the user's token",
    async (method) => {
      const { gateway, upstream, clientHeaders } = await signedIn(WRITES);
      const response = await send(`${gateway.url}/api/github/user/starred/octocat/hello`, {
        method,
        headers: { ...clientHeaders, "content-length": "0" },
      });
      expect(response.status).toBe(200);
      const arrival = upstream.arrivals[0];
      expect(arrival).toMatchObject({ method, bytes: 0 });
      expect(arrival?.headers["content-length"]).toBe("0");
      expect(arrival?.headers["transfer-encoding"]).toBeUndefined();
      expectOnlyTheUsersToken(arrival, clientHeaders);
    },
  );

  it.each(methods)(
    "when writes are allowed and a %s comes with no body and no framing header, then GitHub gets Content-Length: 0 and only the user's token",
    async (method) => {
      const { gateway, upstream, clientHeaders } = await signedIn(WRITES);
      const head = Object.entries(clientHeaders).map(([name, value]) => `${name}: ${value}\r\n`);
      const answer = await sendRaw(
        gateway.url,
        `${method} /api/github/user/starred/octocat/hello HTTP/1.1\r\n` +
          `host: ${new URL(gateway.url).host}\r\n${head.join("")}connection: close\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      const arrival = upstream.arrivals[0];
      expect(arrival).toMatchObject({ method, bytes: 0 });
      // GitHub asks for exactly this on bodiless writes (starring, following, locking).
      expect(arrival?.headers["content-length"]).toBe("0");
      expect(arrival?.headers["transfer-encoding"]).toBeUndefined();
      expectOnlyTheUsersToken(arrival, clientHeaders);
    },
  );

  it("when Connection names other headers, then they stay with the client but the body keeps its length", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn(WRITES);
    const response = await send(`${gateway.url}/api/github/repos/octocat/hello/issues`, {
      method: "POST",
      headers: {
        ...clientHeaders,
        connection: "x-client-hint, content-length, if-none-match",
        "x-client-hint": "1",
        "if-none-match": '"abc"',
        "content-length": String(json.length),
      },
      body: [json],
    });
    expect(response.status).toBe(200);
    const arrival = upstream.arrivals[0];
    expect(arrival?.headers["x-client-hint"]).toBeUndefined();
    expect(arrival?.headers["if-none-match"]).toBeUndefined();
    expect(arrival?.headers["content-length"]).toBe(String(json.length));
    expect(timesSent(arrival?.rawHeaders, "content-length")).toBe(1);
    expect(arrival?.sha256).toBe(sha256([json]));
  });

  it("when only reads are allowed (the default), then a POST is refused with a 405 JSON error and GitHub is not called", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    const response = await send(`${gateway.url}/api/github/repos/octocat/hello/issues`, {
      method: "POST",
      headers: { ...clientHeaders, "content-type": "application/json" },
      body: [json],
    });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD");
    expect(JSON.parse(response.body)).toMatchObject({ error: "method_not_allowed" });
    expect(upstream.arrivals).toHaveLength(0);
  });

  it("when each client closes its own connection, then the requests still share one kept-alive connection to GitHub", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    const answers: Received[] = [];
    for (let i = 0; i < 3; i += 1) {
      // send() has no agent: it asks for its connection to be closed, and is answered so.
      answers.push(await send(`${gateway.url}/api/github/user/repos`, { headers: clientHeaders }));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe("close");
    }
    const ports = upstream.arrivals.map((arrival) => arrival.remotePort);
    expect(ports).toHaveLength(3);
    expect(new Set(ports).size).toBe(1);
    expect(upstream.arrivals[0]?.headers.connection).toBe("keep-alive");
  });
});
