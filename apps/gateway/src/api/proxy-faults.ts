import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import { sendError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { ApiTarget } from "./api-target.js";
import { isInvalidAnswer } from "./upstream-answer.js";

export interface ProxyFaultDeps {
  logger: Logger;
  metrics: GatewayMetrics;
  /** The API the proxy serves: its label names it in messages, its id in logs and metrics. */
  api: Pick<ApiTarget, "id" | "label">;
}

const invalidAnswer = (label: string) => `${label} sent an answer that cannot be passed on.`;

/** An answer the API began that the browser must not get: a 502, and its connection dropped. */
export function refuseAnswer(
  { logger, metrics, api }: ProxyFaultDeps,
  req: IncomingMessage,
  res: ServerResponse,
  proxyRes: IncomingMessage,
  why: string,
): void {
  proxyRes.destroy();
  metrics.upstream(api.id, "error");
  requestLog(logger, req).warn(
    { api: api.id, err: { message: why } },
    "API proxy refused the answer",
  );
  sendError(res, 502, "upstream_unavailable", invalidAnswer(api.label));
}

/** The API's answer never came, broke off, or was refused on the way. */
export function answerFailure(
  { logger, metrics, api }: ProxyFaultDeps,
  err: Error,
  req: IncomingMessage,
  res: ServerResponse,
  timeout: boolean,
): void {
  requestLog(logger, req).warn(
    { api: api.id, err: { message: err.message }, timeout },
    "API proxy failed",
  );
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Counted here only when the API's answer never started (else proxyRes counted it).
  metrics.upstream(api.id, timeout ? "timeout" : "error");
  if (timeout) sendError(res, 504, "upstream_timeout", `${api.label} did not answer in time.`);
  else if (isInvalidAnswer(err)) {
    sendError(res, 502, "upstream_unavailable", invalidAnswer(api.label));
  } else sendError(res, 502, "upstream_unavailable", `${api.label} could not be reached.`);
}

/**
 * The proxy's hooks run as event listeners, outside Express and its error handler: what one
 * throws would otherwise stop the process. It is a fault of the gateway's, so logged as an
 * error, and the browser gets a 502 while it still can; else its answer is cut off.
 */
export function containFault(
  { logger, api }: ProxyFaultDeps,
  err: unknown,
  req: IncomingMessage,
  res: ServerResponse | Socket,
  proxyRes?: IncomingMessage,
): void {
  try {
    proxyRes?.destroy();
    requestLog(logger, req).error({ api: api.id, err }, "API proxy hook failed");
    if ("setHeader" in res && !res.headersSent) {
      sendError(res, 502, "upstream_unavailable", `${api.label}'s answer could not be passed on.`);
    } else res.destroy();
  } catch {
    res.destroy();
  }
}
