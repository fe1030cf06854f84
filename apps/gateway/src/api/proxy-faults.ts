import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import { sendError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import { isInvalidAnswer } from "./upstream-answer.js";

export interface ProxyFaultDeps {
  logger: Logger;
  metrics: GatewayMetrics;
}

const INVALID_ANSWER = "GitHub sent an answer that cannot be passed on.";

/** An answer GitHub began that the browser must not get: a 502, and GitHub's connection dropped. */
export function refuseAnswer(
  { logger, metrics }: ProxyFaultDeps,
  req: IncomingMessage,
  res: ServerResponse,
  proxyRes: IncomingMessage,
  why: string,
): void {
  proxyRes.destroy();
  metrics.upstream("error");
  requestLog(logger, req).warn({ err: { message: why } }, "GitHub API proxy refused the answer");
  sendError(res, 502, "upstream_unavailable", INVALID_ANSWER);
}

/** GitHub's answer never came, broke off, or was refused on the way. */
export function answerFailure(
  { logger, metrics }: ProxyFaultDeps,
  err: Error,
  req: IncomingMessage,
  res: ServerResponse,
  timeout: boolean,
): void {
  requestLog(logger, req).warn(
    { err: { message: err.message }, timeout },
    "GitHub API proxy failed",
  );
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Counted here only when GitHub's answer never started (else proxyRes counted it).
  metrics.upstream(timeout ? "timeout" : "error");
  if (timeout) sendError(res, 504, "upstream_timeout", "GitHub did not answer in time.");
  else if (isInvalidAnswer(err)) sendError(res, 502, "upstream_unavailable", INVALID_ANSWER);
  else sendError(res, 502, "upstream_unavailable", "GitHub could not be reached.");
}

/**
 * The proxy's hooks run as event listeners, outside Express and its error handler: what one
 * throws would otherwise stop the process. It is a fault of the gateway's, so logged as an
 * error, and the browser gets a 502 while it still can; else its answer is cut off.
 */
export function containFault(
  { logger }: ProxyFaultDeps,
  err: unknown,
  req: IncomingMessage,
  res: ServerResponse | Socket,
  proxyRes?: IncomingMessage,
): void {
  try {
    proxyRes?.destroy();
    requestLog(logger, req).error({ err }, "GitHub API proxy hook failed");
    if ("setHeader" in res && !res.headersSent) {
      sendError(res, 502, "upstream_unavailable", "GitHub's answer could not be passed on.");
    } else res.destroy();
  } catch {
    res.destroy();
  }
}
