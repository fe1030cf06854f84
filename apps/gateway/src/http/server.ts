import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { HttpError } from "./errors.js";

/**
 * The gateway's HTTP server. Requests Node would refuse before the app sees them still get
 * the JSON error shape instead of a bare status line: malformed HTTP and oversized headers
 * through `clientError`, a missing Host header through `checkHost` (Node's own check would
 * answer an empty 400, so it is turned off here and done by the app).
 */
export function createGatewayServer(app: RequestListener): Server {
  const server = createServer({ requireHostHeader: false }, app);
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    const body = JSON.stringify(
      tooLarge
        ? { error: "headers_too_large", message: "The request headers are too large." }
        : { error: "bad_request", message: "The request is not valid HTTP." },
    );
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

/** HTTP/1.1 requires a Host header (RFC 9112 §3.2); without one the request is refused. */
export function checkHost(req: IncomingMessage): void {
  if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && !req.headers.host) {
    throw new HttpError(400, "bad_request", "HTTP/1.1 requests need a Host header.");
  }
}
