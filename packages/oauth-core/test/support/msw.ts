import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/** One closed network per test file: any request without a handler fails the test. */
export function useMockServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
