import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from "node:http";
import type { Duplex } from "node:stream";
import { HttpError } from "./errors.js";

/** What Node's parser and timers report, answered as Node itself would, but in JSON. */
const CLIENT_ERRORS = new Map([
  [
    "HPE_HEADER_OVERFLOW",
    {
      status: "431 Request Header Fields Too Large",
      error: "headers_too_large",
      message: "The request headers are too large.",
    },
  ],
  [
    "HPE_CHUNK_EXTENSIONS_OVERFLOW",
    {
      status: "413 Content Too Large",
      error: "chunk_extensions_too_large",
      message: "The request's chunk extensions are too large.",
    },
  ],
  [
    "ERR_HTTP_REQUEST_TIMEOUT",
    {
      status: "408 Request Timeout",
      error: "request_timeout",
      message: "The request took too long to arrive.",
    },
  ],
]);
const BAD_REQUEST = {
  status: "400 Bad Request",
  error: "bad_request",
  message: "The request is not valid HTTP.",
};

/**
 * The gateway's HTTP server. Requests Node would refuse before the app sees them still get
 * the JSON error shape instead of a bare status line: malformed HTTP, oversized headers and
 * requests that arrive too slowly through `clientError`, a missing or repeated Host header
 * through `checkHost` (Node's own check would answer an empty 400, so it is turned off here
 * and done by the app). `options` are Node's (timeouts); Node's defaults otherwise.
 */
export function createGatewayServer(app: RequestListener, options: ServerOptions = {}): Server {
  const server = createServer({ ...options, requireHostHeader: false }, app);
  server.on("clientError", answerClientError);
  // Node would answer an unknown Expect with an empty 417; the app answers it in JSON.
  server.on("checkExpectation", app);
  return server;
}

function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // An answer already under way on this connection cannot be followed by another status
  // line: the client would read it as part of the first answer's body.
  const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!socket.writable || err.code === "ECONNRESET" || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, error, message } = (err.code && CLIENT_ERRORS.get(err.code)) || BAD_REQUEST;
  const body = JSON.stringify({ error, message });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

/**
 * HTTP/1.1 requires a Host header (RFC 9112 §3.2); without one the request is refused. Two
 * are refused at any version: Node keeps the first, a proxy in front may have routed on the
 * other, and the two would disagree on which site this request is for.
 */
export function checkHost(req: IncomingMessage): void {
  if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && !req.headers.host) {
    throw new HttpError(400, "bad_request", "HTTP/1.1 requests need a Host header.");
  }
  if (hostCount(req.rawHeaders) > 1) {
    throw new HttpError(400, "bad_request", "A request names one Host only.");
  }
}

/** What Node itself takes as asking for `100 Continue`; any other expectation is refused. */
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;

/** Expect is rare: only requests that carry one pay for the check. */
export function checkExpectation(req: IncomingMessage): void {
  const expect = req.headers.expect;
  if (expect !== undefined && !CONTINUE.test(expect)) {
    throw new HttpError(417, "expectation_failed", "Only Expect: 100-continue is understood.");
  }
}

/**
 * Only a plain path (origin-form) is served, or `*` for OPTIONS. A target naming an origin
 * (`http://evil/`, which RFC 9112 lets a client send, or `//evil/`, which a browser reads as
 * another site) would have the gateway answer for a site it is not; an absolute-form target
 * and the Host header could disagree as two Host headers do. A path whose percent-encoding
 * does not decode, or decodes to NUL, names no file and no route.
 */
export function checkTarget(req: IncomingMessage): void {
  const target = req.url ?? "";
  if (target === "*" && req.method === "OPTIONS") return;
  if (target.charCodeAt(0) !== SLASH || target.charCodeAt(1) === SLASH || !decodes(target)) {
    throw new HttpError(400, "bad_request", "The request target is not a valid path.");
  }
}

const SLASH = 47;

/** Most paths hold no `%` at all: only those that do are decoded (their query never is). */
function decodes(target: string): boolean {
  const percentAt = target.indexOf("%");
  if (percentAt === -1) return true;
  const queryAt = target.indexOf("?");
  if (queryAt !== -1 && queryAt < percentAt) return true;
  try {
    return !decodeURIComponent(queryAt === -1 ? target : target.slice(0, queryAt)).includes("\0");
  } catch {
    return false;
  }
}

function hostCount(raw: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === "host") count++;
  }
  return count;
}
