import { createHash, randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

// OAuth pages and the token exchange stay on the mock GitHub; the API is the server below.
useMockGitHub();

/** One request as it reached the stand-in GitHub API. */
interface Arrival {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
  sha256: string;
  remotePort: number | undefined;
}

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

const answerOk: Answer = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
};

/**
 * GitHub's API as a real HTTP server on a loopback port: `/user` answers the sign-in, every
 * other request is read to its end, recorded, and answered by `answer`.
 */
async function startUpstream() {
  const arrivals: Arrival[] = [];
  const state = { answer: answerOk };
  const server = createServer(async (req, res) => {
    if (req.url === "/user") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: 1, login: "octocat", email: "octocat@example.com" }));
      return;
    }
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    const { method = "", url = "", headers } = req;
    const sha256 = hash.digest("hex");
    arrivals.push({ method, url, headers, bytes, sha256, remotePort: req.socket.remotePort });
    state.answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  upstreams.push(close);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    state,
    close,
  };
}

const upstreams: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((close) => close()));
});

async function signedIn(env: Record<string, string> = {}) {
  const upstream = await startUpstream();
  const gateway = await startGateway({ GITHUB_API_URL: upstream.url, ...env });
  const browser = new TestBrowser(gateway.url);
  expect((await browser.signIn()).status).toBe(302);
  const session = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  // Everything a client could send that must not reach GitHub, next to what must.
  const clientHeaders = {
    cookie: `${session}; other=1`,
    authorization: "Bearer chosen-by-the-client",
    "proxy-authorization": "Basic Y2xpZW50OnNlY3JldA==",
    "x-csrf": "1",
    origin: gateway.url,
    referer: `${gateway.url}/restricted`,
    "x-request-id": "chosen-by-the-client",
    accept: "application/vnd.github+json",
  };
  return { gateway, upstream, clientHeaders };
}

interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** False when the connection was cut before the whole answer came. */
  complete: boolean;
}

/**
 * One request over plain node:http, shaped as a script could shape it: the body goes in the
 * chunks given (no Content-Length: chunked), and after the server's 100 Continue when asked.
 */
function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer[] } = {},
): Promise<Received> {
  const { method = "GET", headers = {}, body = [] } = init;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", () => {});
      res.on("close", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          complete: res.complete,
        }),
      );
    });
    req.on("error", reject);
    const write = () => {
      for (const chunk of body) req.write(chunk);
      req.end();
    };
    if (headers.expect) req.once("continue", write);
    else write();
  });
}

/**
 * What arrived carries the user's token and the client's ordinary headers, and nothing the
 * client sent to authenticate itself here.
 */
function expectOnlyTheUsersToken(
  arrived: IncomingHttpHeaders | undefined,
  sent: Record<string, string>,
) {
  expect(arrived?.authorization).toMatch(/^Bearer gho_/);
  const { accept, authorization: _replaced, ...credentials } = sent;
  for (const name of Object.keys(credentials)) expect(arrived?.[name], name).toBeUndefined();
  expect(arrived?.expect).toBeUndefined();
  expect(arrived?.accept).toBe(accept);
}

const sha256 = (chunks: Buffer[]) =>
  createHash("sha256").update(Buffer.concat(chunks)).digest("hex");

describe("/api/github/* against a real upstream", () => {
  it.each([
    ["a plain GET", "GET", {}],
    ["a HEAD", "HEAD", {}],
    ["a GET with Expect: 100-continue", "GET", { expect: "100-continue" }],
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
      expectOnlyTheUsersToken(upstream.arrivals[0]?.headers, clientHeaders);
    },
  );

  const json = Buffer.from('{"title":"A new issue","body":"from the gateway"}');
  it.each([
    ["a body with Content-Length", [json], { "content-length": String(json.length) }],
    ["a chunked body", [json.subarray(0, 10), json.subarray(10, 30), json.subarray(30)], {}],
    [
      "a body behind Expect: 100-continue",
      [json],
      { expect: "100-continue", "content-length": String(json.length) },
    ],
    ["an 8 MiB chunked body", [randomBytes(4 << 20), randomBytes(4 << 20)], {}],
  ])(
    "when writes are allowed and %s is posted, then it arrives whole with only the user's token",
    async (_shape, body, extra) => {
      const { gateway, upstream, clientHeaders } = await signedIn({
        GITHUB_PROXY_METHODS: "GET,HEAD,POST",
      });
      const response = await send(`${gateway.url}/api/github/repos/octocat/hello/issues`, {
        method: "POST",
        headers: { ...clientHeaders, "content-type": "application/json", ...extra },
        body,
      });
      expect(response.status).toBe(200);
      expect(upstream.arrivals).toHaveLength(1);
      const arrival = upstream.arrivals[0];
      expect(arrival?.method).toBe("POST");
      expect(arrival?.bytes).toBe(Buffer.concat(body).length);
      expect(arrival?.sha256).toBe(sha256(body));
      expectOnlyTheUsersToken(arrival?.headers, clientHeaders);
    },
  );

  it("when Connection names other headers, then they stay with the client but the body keeps its length", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn({
      GITHUB_PROXY_METHODS: "GET,HEAD,POST",
    });
    const response = await send(`${gateway.url}/api/github/repos/octocat/hello/issues`, {
      method: "POST",
      headers: {
        ...clientHeaders,
        connection: "x-client-hint, content-length",
        "x-client-hint": "1",
        "content-length": String(json.length),
      },
      body: [json],
    });
    expect(response.status).toBe(200);
    const arrival = upstream.arrivals[0];
    expect(arrival?.headers["x-client-hint"]).toBeUndefined();
    expect(arrival?.headers["content-length"]).toBe(String(json.length));
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
    for (let i = 0; i < 3; i += 1) {
      // send() has no agent: it asks for its connection to be closed, and is answered so.
      const response = await send(`${gateway.url}/api/github/user/repos`, {
        headers: clientHeaders,
      });
      expect(response.status).toBe(200);
      expect(response.headers.connection).toBe("close");
    }
    const ports = upstream.arrivals.map((arrival) => arrival.remotePort);
    expect(ports).toHaveLength(3);
    expect(new Set(ports).size).toBe(1);
    expect(upstream.arrivals[0]?.headers.connection).toBe("keep-alive");
  });

  it.each([
    ["does not answer in time", { PROXY_TIMEOUT_MS: "300" }, () => {}, 504, "upstream_timeout"],
    [
      "drops the connection before answering",
      {},
      (req: IncomingMessage) => req.socket.destroy(),
      502,
      "upstream_unavailable",
    ],
  ] as const)(
    "when GitHub %s, then the client gets a %i JSON error and the next request is served",
    async (_what, env, answer, status, error) => {
      const { gateway, upstream, clientHeaders } = await signedIn(env);
      upstream.state.answer = answer;
      const failed = await send(`${gateway.url}/api/github/user/repos`, { headers: clientHeaders });
      expect(failed.status).toBe(status);
      expect(JSON.parse(failed.body)).toMatchObject({ error });
      upstream.state.answer = answerOk;
      const next = await send(`${gateway.url}/api/github/user`, { headers: clientHeaders });
      expect(next.status).toBe(200);
    },
  );

  it("when GitHub cannot be reached at all, then the client gets a 502 JSON error and the gateway stays up", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    await upstream.close();
    const refused = await send(`${gateway.url}/api/github/user/repos`, { headers: clientHeaders });
    expect(refused.status).toBe(502);
    expect(refused.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(refused.body)).toMatchObject({ error: "upstream_unavailable" });
    expect((await send(`${gateway.url}/healthz`)).status).toBe(200);
  });

  it("when GitHub's answer breaks off midway, then the client's answer is cut too and the next request is served", async () => {
    const { gateway, upstream, clientHeaders } = await signedIn();
    upstream.state.answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"partial":');
      setTimeout(() => res.destroy(), 20);
    };
    const cut = await send(`${gateway.url}/api/github/user/repos`, { headers: clientHeaders });
    expect(cut.status).toBe(200);
    expect(cut.complete).toBe(false);
    upstream.state.answer = answerOk;
    expect((await send(`${gateway.url}/api/github/user`, { headers: clientHeaders })).status).toBe(
      200,
    );
  });
});
