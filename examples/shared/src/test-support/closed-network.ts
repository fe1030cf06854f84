import type { UnhandledFrameHandle } from "msw";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function requestOf(data: unknown): Request | undefined {
  if (typeof data !== "object" || data === null || !("request" in data)) return undefined;
  return data.request instanceof Request ? data.request : undefined;
}

/**
 * For `setupServer().listen({ onUnhandledFrame: loopbackOnly })`: loopback traffic (the mock
 * GitHub, the example under test) goes through, anything else fails as a network error.
 * `defaults.error()` only prints the request; the thrown `Response.error()` is what fails it
 * (any other thrown value would come back as an HTTP 500 answer instead).
 */
export const loopbackOnly: UnhandledFrameHandle = ({ frame, defaults }) => {
  const request = requestOf(frame.data);
  if (request && LOOPBACK.has(new URL(request.url).hostname)) return;
  defaults.error();
  throw Response.error();
};
