import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
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

const current = new AsyncLocalStorage<string>();

/** Runs the rest of the request with its id in scope (after the access logger, which assigns `req.id`). */
export const requestScope: RequestHandler = (req, _res, next) => {
  current.run(String((req as { id?: unknown }).id), next);
};

/**
 * The app's logger, adding `reqId` to every line written while a request is in scope: the
 * routers log through the app's logger, not `req.log`, and their lines (sign-in failed,
 * store unavailable, proxy failed) are the ones worth correlating.
 */
export function withRequestIds(logger: Logger): Logger {
  return logger.child(
    {},
    {
      formatters: {
        log(fields) {
          const id = current.getStore();
          return id === undefined || "reqId" in fields ? fields : { reqId: id, ...fields };
        },
      },
    },
  );
}
