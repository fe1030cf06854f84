import type { RequestHandler } from "express";
import type { AccessLog } from "./logger.js";
import type { RequestCount } from "./metrics.js";
import { requestId } from "./request-id.js";
import type { SecurityHeaders } from "./security-headers.js";
import { checkHost } from "./server.js";

export interface EdgeParts {
  log: AccessLog;
  count: RequestCount;
  securityHeaders: SecurityHeaders;
}

/**
 * What every request goes through before any route, as one middleware: its id, the security
 * headers, one listener for the end of the answer (counted, then logged) and the Host check.
 * One step instead of five: each router step costs a match and a call on every request.
 * Headers are set before the Host check, so even that refusal carries them.
 */
export function edge({ log, count, securityHeaders }: EdgeParts): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = requestId(req, res);
    (req as { id?: string }).id = id;
    securityHeaders(res);
    // "close" comes once per response, after "finish" when it ended, alone when abandoned.
    res.on("close", () => {
      const elapsedMs = performance.now() - started;
      count(req, res, elapsedMs / 1000);
      log(req, res, id, elapsedMs);
    });
    checkHost(req);
    next();
  };
}
