import type { ClientRequest, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { GatewayError } from "../errors.js";

export const INVALID_UPSTREAM_ANSWER = "invalid_upstream_answer";

/** The API answered, but with something no browser may be given as it came. */
export class InvalidUpstreamAnswerError extends GatewayError {
  readonly status = 502;
  readonly code = INVALID_UPSTREAM_ANSWER;
  readonly expose = false;
}

/**
 * Whether the API's answer can be relayed as it came. Only 2xx–5xx are final answers with a
 * meaning (RFC 9110 §15): Node's parser hands over any three digits, and writing one under 100
 * would throw in the middle of the relay, outside any handler; a 1xx here (a 101 without an
 * Upgrade header) or a 600–999 would reach the browser as a status nothing can act on.
 * Interim 100 and 103 answers never get here: Node reads past them to the final one.
 */
export function isFinalAnswer(proxyRes: IncomingMessage): boolean {
  const status = proxyRes.statusCode ?? 0;
  return status >= 200 && status <= 599;
}

/**
 * Whether a failure of the API's connection means it answered with something unusable (an
 * unparsable answer, or a protocol switch) rather than not at all.
 */
export function isInvalidAnswer(err: Error): boolean {
  if (err instanceof InvalidUpstreamAnswerError) return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("HPE_");
}

/**
 * The gateway never asks an API to switch protocols (it does not forward `Upgrade`), so a 101
 * is refused. Without an `upgrade` listener Node destroys the connection and reports nothing,
 * leaving the browser unanswered past any timeout; as an error on the request, it is answered
 * like any failure of the API's.
 */
export function refuseUpgrade(this: ClientRequest, _res: IncomingMessage, socket: Duplex): void {
  socket.destroy();
  this.emit(
    "error",
    new InvalidUpstreamAnswerError("The API switched protocols on a request asking for none"),
  );
}
