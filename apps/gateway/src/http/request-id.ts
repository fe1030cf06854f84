import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export const REQUEST_ID_HEADER = "X-Request-Id";

/**
 * An id from outside ends up in every log line and in a response header: short, and nothing
 * that could split a header or a line, fake a JSON field or hide in Unicode.
 */
const ACCEPTED = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The access logger's request id: keeps a well-formed id a load balancer or client sent, so one id
 * follows the request across hops, and otherwise makes one. Every answer carries it, set
 * before any route runs so errors, redirects and proxied answers have it too.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers["x-request-id"];
  const id = typeof incoming === "string" && ACCEPTED.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * The logger for lines written while handling `req`: each carries the request's id, so a
 * "sign-in failed" or "store unavailable" line can be matched with its access log line. A
 * child is made only when a line is about to be written (rarely), not for every request.
 */
export function requestLog(logger: Logger, req: IncomingMessage): Logger {
  const id = (req as { id?: unknown }).id;
  return typeof id === "string" ? logger.child({ reqId: id }) : logger;
}
