import type { ServerResponse } from "node:http";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { StoreUnavailableError } from "../session/store-contract.js";
import { sendJson } from "./json.js";
import { requestLog } from "./request-id.js";

/**
 * An error meant for the client: its `code` and `message` are sent as JSON as they are,
 * so they must never carry a token, a code or a stack.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Writes the JSON error shape on a plain `ServerResponse`, so non-Express hooks (the proxy) can use it. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  sendJson(res, status, { error: code, message });
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, "not_found", `No route for ${req.method} ${req.path}`));
};

/**
 * The one JSON error handler. Errors a client caused keep their status; anything else is
 * logged and becomes a bare 500 with no detail.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof HttpError) {
      res.set(err.headers);
      sendError(res, err.status, err.code, err.message);
      return;
    }
    if (err instanceof StoreUnavailableError) {
      requestLog(logger, req).warn({ operation: err.operation }, "store unavailable");
      res.set("Retry-After", "1");
      sendError(res, 503, err.code, "Sessions cannot be checked right now. Please retry shortly.");
      return;
    }
    const clientError = clientErrorFromExpress(err);
    if (clientError) {
      sendError(res, clientError.status, clientError.code, clientError.message);
      return;
    }
    requestLog(logger, req).error({ err }, "unhandled error");
    sendError(res, 500, "internal_error", "Something went wrong on our side.");
  };
}

/**
 * Express and its parsers mark errors the client caused with a 4xx `status` (http-errors).
 * Some are not flagged `expose` (the router's URIError for a malformed "%E0%A4%A" in a path
 * parameter): still the client's fault, so still a 4xx, but with a generic message.
 */
function clientErrorFromExpress(err: unknown): HttpError | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const { status, expose, type } = err as { status?: unknown; expose?: unknown; type?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  const code = typeof type === "string" ? type.replaceAll(".", "_") : "bad_request";
  const message =
    expose === true && err instanceof Error ? err.message : "The request is not valid.";
  return new HttpError(status, code, message);
}
