import { setupServer } from "msw/node";
import type { MockNetwork } from "./msw.js";

/** In Node, msw intercepts the connections this process opens, fetch's included. */
export function createMockNetwork(): MockNetwork {
  const server = setupServer();
  return {
    server,
    start: () => server.listen({ onUnhandledFrame: "error" }),
    stop: () => server.close(),
  };
}
