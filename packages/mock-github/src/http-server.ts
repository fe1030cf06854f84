import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import type { MockGitHubOptions } from "./context.js";
import { createMockGitHub, type MockGitHub } from "./mock.js";

export interface StartMockGitHubServerOptions extends Omit<MockGitHubOptions, "baseUrl"> {
  /** Default 0: any free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1, so the mock is never reachable from the network. */
  host?: string;
  /** The URL the mock advertises (links, avatars, Link headers); default http://<host>:<bound port>. */
  baseUrl?: string;
}

export interface MockGitHubServer {
  /** The mock's base URL, e.g. "http://127.0.0.1:53211". */
  url: string;
  mock: MockGitHub;
  /** Stops listening and drops open (keep-alive) connections. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
// Connection-level headers belong to this hop, not to the Fetch request the handlers see.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "host",
  "te",
  "trailer",
]);

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Keep reading past the limit (discarding): a client still writing when the 413
    // arrives would see a reset connection instead of the answer.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
  return Buffer.concat(chunks);
}

async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  // HEAD is answered by the GET handler, with the body left out when writing back.
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
  // Resolve against the advertised origin whatever Host the client used, so the
  // absolute-URL handlers match whether it said localhost or 127.0.0.1.
  const target = req.url?.startsWith("/") ? req.url : "/";
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? "";
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, req.rawHeaders[i + 1] ?? "");
  }
  const body = method === "GET" ? undefined : await readBody(req);
  return new Request(new URL(target, origin), { method, headers, body });
}

async function writeResponse(
  res: ServerResponse,
  response: Response,
  withBody: boolean,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") headers[name] = value;
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (withBody && response.body) {
    for await (const chunk of response.body) {
      if (!res.write(chunk)) await once(res, "drain");
    }
  }
  res.end();
}

/** Serves msw handlers over node:http: the same handlers tests use, no second copy of the logic. */
async function handle(mock: MockGitHub, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const request = await toFetchRequest(req, new URL(mock.baseUrl).origin);
    const response =
      (await getResponse(mock.handlers, request)) ?? new Response("Not Found", { status: 404 });
    // A network error (the "reset" fault) has no HTTP form: drop the connection with a TCP
    // RST, so the client sees ECONNRESET as when GitHub's side goes away mid-request.
    if (response.type === "error") {
      req.socket.resetAndDestroy();
      return;
    }
    // The client gave up (a timeout during a "slow" fault): nobody is left to answer.
    if (res.destroyed) return;
    await writeResponse(res, response, req.method !== "HEAD");
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const tooLarge = error instanceof BodyTooLarge;
    res.writeHead(tooLarge ? 413 : 500, {
      "content-type": "text/plain; charset=utf-8",
      connection: "close",
    });
    res.end(tooLarge ? "Payload Too Large" : "Internal Server Error");
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startMockGitHubServer(
  options: StartMockGitHubServerOptions = {},
): Promise<MockGitHubServer> {
  const { port = 0, host = "127.0.0.1", baseUrl, ...mockOptions } = options;
  let mock: MockGitHub | undefined;
  const server = createServer((req, res) => {
    if (mock) void handle(mock, req, res);
  });
  await listen(server, port, host);
  const { port: boundPort } = server.address() as AddressInfo;
  try {
    mock = createMockGitHub({
      ...mockOptions,
      baseUrl: baseUrl ?? `http://${urlHost(host)}:${boundPort}`,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  return { url: mock.baseUrl, mock, close };
}
