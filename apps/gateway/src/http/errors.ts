import type { ServerResponse } from "node:http";
import type { ErrorBody } from "@latchkey/contracts";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { GatewayError, GENERIC_CLIENT_MESSAGE, GENERIC_SERVER_MESSAGE } from "../errors.js";
import { sendJson } from "./json.js";
import { requestLog } from "./request-id.js";

/**
 * An error meant for the client: its `code` and `message` are sent as JSON as they are,
 * so they must never carry a token, a code or a stack.
 */
export class HttpError extends GatewayError {
  readonly expose = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    override readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Writes the JSON error shape on a plain `ServerResponse`, so non-Express hooks (the proxy) can use it. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  sendJson(res, status, { error: code, message } satisfies ErrorBody);
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, "not_found", `No route for ${req.method} ${req.path}`));
};

/**
 * The one JSON error handler. A `GatewayError` answers with its own status, code and headers,
 * and with its message only when it is exposed; one that is not is the gateway's business, so
 * it is logged (an error when it is a 500, a warning when something the gateway relies on is
 * down). Anything else is logged and becomes a bare 500 with no detail.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const known = err instanceof GatewayError ? err : clientErrorFromExpress(err);
    if (!known) {
      requestLog(logger, req).error({ err }, "unhandled error");
      sendError(res, 500, "internal_error", GENERIC_SERVER_MESSAGE);
      return;
    }
    if (!known.expose) {
      const log = requestLog(logger, req);
      if (known.status === 500) log.error({ err: known }, known.code);
      else log.warn({ code: known.code, err: { message: known.message } }, known.code);
    }
    res.set(known.headers);
    sendError(res, known.status, known.code, known.publicMessage);
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
  const message = expose === true && err instanceof Error ? err.message : GENERIC_CLIENT_MESSAGE;
  return new HttpError(status, code, message);
}
