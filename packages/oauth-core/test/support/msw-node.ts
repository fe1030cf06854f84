import { setupServer } from "msw/node";
import type { MockNetwork } from "./msw.js";

/** In Node, msw patches the fetch of this process. */
export function createMockNetwork(): MockNetwork {
  const server = setupServer();
  return {
    server,
    start: () => server.listen({ onUnhandledRequest: "error" }),
    stop: () => server.close(),
  };
}
