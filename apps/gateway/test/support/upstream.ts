import { createHash } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, expect } from "vitest";
import type { AppDeps } from "../../src/app.js";
import { TestBrowser } from "./browser.js";
import { startGateway } from "./gateway.js";

/** One request as it reached the stand-in GitHub API. */
export interface Arrival {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Names and values as they came on the wire, repeated ones included. */
  rawHeaders: string[];
  bytes: number;
  sha256: string;
  remotePort: number | undefined;
}

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

export const answerOk: Answer = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
};

const upstreams: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((close) => close()));
});

/**
 * GitHub's API as a real HTTP server on a loopback port, under `apiPath` (GitHub Enterprise
 * Server's is `/api/v3`): `<apiPath>/user` answers the sign-in, every other request is read to
 * its end, recorded, and answered by `answer`.
 */
export async function startUpstream(apiPath = "") {
  const arrivals: Arrival[] = [];
  const state = { answer: answerOk };
  const server = createServer(async (req, res) => {
    if (req.url === `${apiPath}/user`) {
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
    const { method = "", url = "", headers, rawHeaders } = req;
    const sha256 = hash.digest("hex");
    arrivals.push({
      method,
      url,
      headers,
      rawHeaders,
      bytes,
      sha256,
      remotePort: req.socket.remotePort,
    });
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

/**
 * A gateway whose GitHub API is a fresh stand-in upstream (under `apiPath` on its host), a
 * signed-in session, and the headers a client sends: everything that must not reach GitHub
 * next to what must.
 */
export async function signedIn(env: Record<string, string> = {}, deps: AppDeps = {}, apiPath = "") {
  const upstream = await startUpstream(apiPath);
  const gateway = await startGateway({ GITHUB_API_URL: upstream.url + apiPath, ...env }, deps);
  const browser = new TestBrowser(gateway.url);
  expect((await browser.signIn()).status).toBe(302);
  const session = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
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

export interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** False when the connection was cut before the whole answer came. */
  complete: boolean;
}

export interface SendInit {
  method?: string;
  /** Sent as given; a list repeats the header on the wire. */
  headers?: Record<string, string | string[]>;
  body?: Buffer[];
}

/**
 * One request over plain node:http, shaped as a script could shape it: the body goes in the
 * chunks given (no Content-Length: chunked), and after the server's 100 Continue when asked.
 */
export function send(url: string, init: SendInit = {}): Promise<Received> {
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

export const sha256 = (chunks: Buffer[]) =>
  createHash("sha256").update(Buffer.concat(chunks)).digest("hex");

/** How many times a header came on the wire, whatever its case. */
export function timesSent(rawHeaders: readonly string[] | undefined, name: string): number {
  let count = 0;
  for (let i = 0; i < (rawHeaders?.length ?? 0); i += 2) {
    if (rawHeaders?.[i]?.toLowerCase() === name) count += 1;
  }
  return count;
}

/**
 * What arrived carries exactly one Authorization, the user's token, and nothing the client
 * sent to authenticate itself to the gateway.
 */
export function expectOnlyTheUsersToken(
  arrival: Pick<Arrival, "headers" | "rawHeaders"> | undefined,
  sent: Record<string, string>,
) {
  expect(timesSent(arrival?.rawHeaders, "authorization")).toBe(1);
  expect(arrival?.headers.authorization).toMatch(/^Bearer gho_/);
  const { accept, authorization: _replaced, ...credentials } = sent;
  for (const name of Object.keys(credentials)) expect(arrival?.headers[name], name).toBeUndefined();
  expect(arrival?.headers.expect).toBeUndefined();
  expect(arrival?.headers.accept).toBe(accept);
}

/**
 * A request written by hand on a raw socket, for shapes node:http would not send (no framing
 * header at all); resolves with everything the server wrote until it closed or went quiet.
 */
export function sendRaw(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let answer = "";
    socket.setEncoding("latin1");
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
  });
}
