import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { AccessLog } from "./logger.js";
import type { RequestCount } from "./metrics.js";
import { requestId } from "./request-id.js";
import type { SecurityHeaders } from "./security-headers.js";
import { checkExpectation, checkHost, checkTarget } from "./server.js";

export interface EdgeParts {
  log: AccessLog;
  count: RequestCount;
  securityHeaders: SecurityHeaders;
  /** Where a failure to count or log an answer is reported. */
  logger: Logger;
}

/**
 * What every request goes through before any route, as one middleware: its id, the security
 * headers, one listener for the end of the answer (counted, then logged) and the checks of
 * its Host, target and Expect.
 * One step instead of five: each router step costs a match and a call on every request.
 * Headers are set before the checks, so even their refusals carry them.
 */
export function edge({ log, count, securityHeaders, logger }: EdgeParts): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = requestId(req, res);
    (req as { id?: string }).id = id;
    securityHeaders(res);
    // "close" comes once per response, after "finish" when it ended, alone when abandoned.
    // It runs after the answer, outside every error handler: a throw here would be uncaught
    // and stop the process, so whatever fails is reported and goes no further.
    res.on("close", () => {
      try {
        const elapsedMs = performance.now() - started;
        count(req, res, elapsedMs / 1000);
        log(req, res, id, elapsedMs);
      } catch (err) {
        reportFailure(logger, id, err);
      }
    });
    checkHost(req);
    checkTarget(req);
    checkExpectation(req);
    next();
  };
}

function reportFailure(logger: Logger, id: string, err: unknown): void {
  try {
    logger.error(
      { reqId: id, err: { message: err instanceof Error ? err.message : String(err) } },
      "could not record an answer",
    );
  } catch {
    // The logger is what failed: there is nowhere left to say so.
  }
}
